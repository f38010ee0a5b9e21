-- 003: French full-text search over title and description.
--
-- The vector is a stored column, filled by the loader's "fts" stage only for rows whose
-- text is new or changed (fts IS NULL), never recomputed for unchanged rows. Existing
-- rows of an older schema are filled here. Title weighs more than description.

CREATE FUNCTION offer_fts(title text, description text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('french'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('french'::regconfig, coalesce(description, '')), 'B')
$$;

ALTER TABLE france_travail_offers ADD COLUMN fts tsvector;
ALTER TABLE adzuna_offers ADD COLUMN fts tsvector;
ALTER TABLE jsearch_offers ADD COLUMN fts tsvector;

UPDATE france_travail_offers SET fts = offer_fts(title, description);
UPDATE adzuna_offers SET fts = offer_fts(title, description);
UPDATE jsearch_offers SET fts = offer_fts(title, description);

CREATE INDEX france_travail_offers_fts_idx ON france_travail_offers USING gin (fts);
CREATE INDEX adzuna_offers_fts_idx ON adzuna_offers USING gin (fts);
CREATE INDEX jsearch_offers_fts_idx ON jsearch_offers USING gin (fts);

-- Search across sources: WHERE fts @@ websearch_to_tsquery('french', 'data engineer').
CREATE VIEW vw_offer_fts AS
SELECT offer_id, 1::smallint AS source_id, title, fts FROM france_travail_offers
UNION ALL
SELECT offer_id, 2::smallint, title, fts FROM adzuna_offers
UNION ALL
SELECT offer_id, 3::smallint, title, fts FROM jsearch_offers;
