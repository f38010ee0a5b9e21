-- 004: keys fit for bulk loads of a million offers.
--
-- A foreign key is checked by a trigger per inserted row (~10 µs each): with three on each
-- fact row, one on each detail row and two on each of ~4 offer_skills rows per offer, the
-- checks cost more than the COPY itself. The loader builds every id from the dimension rows
-- it has just upserted, in the same transaction, and `warehouse.checks.check_invariants`
-- (run after every load by notebooks/03_load.ipynb) counts orphans of each former key.
-- Indexes only serve lookups the readers make (aggregates scan); fillfactor 45 keeps room
-- on each page so the re-load's last_seen_at update stays a HOT update (no index writes).

ALTER TABLE job_offers DROP CONSTRAINT IF EXISTS job_offers_source_id_fkey;
ALTER TABLE job_offers DROP CONSTRAINT IF EXISTS job_offers_company_id_fkey;
ALTER TABLE job_offers DROP CONSTRAINT IF EXISTS job_offers_location_id_fkey;
ALTER TABLE france_travail_offers DROP CONSTRAINT IF EXISTS france_travail_offers_offer_id_fkey;
ALTER TABLE adzuna_offers DROP CONSTRAINT IF EXISTS adzuna_offers_offer_id_fkey;
ALTER TABLE jsearch_offers DROP CONSTRAINT IF EXISTS jsearch_offers_offer_id_fkey;
ALTER TABLE offer_skills DROP CONSTRAINT IF EXISTS offer_skills_offer_id_fkey;
ALTER TABLE offer_skills DROP CONSTRAINT IF EXISTS offer_skills_skill_id_fkey;

DROP INDEX IF EXISTS offer_skills_skill_idx;
DROP INDEX IF EXISTS job_offers_company_idx;
DROP INDEX IF EXISTS job_offers_location_idx;
DROP INDEX IF EXISTS job_offers_duplicate_group_idx;

ALTER TABLE job_offers SET (fillfactor = 45);

-- Insert log rows carry the key only: the offer row itself holds the values.
CREATE OR REPLACE FUNCTION log_job_offers_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_offers_log (offer_id, action, run_id)
    SELECT n.id, 'insert', current_setting('jobmarket.run_id', true)
    FROM new_rows AS n;
    RETURN NULL;
END;
$$;
