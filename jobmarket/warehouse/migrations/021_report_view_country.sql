-- 021: vw_report_offers gains the offer's country, so the report can keep to France.
--
-- Recorded Adzuna and JSearch searches also hold US, German or Austrian offers; the report of the
-- French market leaves out offers located in another country (no country: kept). The column
-- is appended so CREATE OR REPLACE keeps the view's existing columns.

CREATE OR REPLACE VIEW vw_report_offers AS
SELECT o.id AS offer_id,
       s.name AS source,
       o.external_id,
       o.company_id,
       c.name AS company,
       o.location_id,
       l.label AS location_label,
       l.commune_code,
       l.departement,
       l.latitude,
       l.longitude,
       o.contract_type,
       o.full_time,
       o.remote,
       o.salary_min::double precision AS salary_min,
       o.salary_max::double precision AS salary_max,
       CASE WHEN o.salary_min IS NULL AND o.salary_max IS NULL THEN NULL
            ELSE ((coalesce(o.salary_min, o.salary_max) + coalesce(o.salary_max, o.salary_min)) / 2)
                 ::double precision
       END AS salary_mid,
       o.salary_is_estimated,
       o.rome_code,
       CASE WHEN upper(o.rome_code) ~ '^[A-N][0-9]{4}$' THEN upper(left(o.rome_code, 3)) END
           AS rome_family,
       o.created_at,
       o.updated_at,
       o.status,
       o.first_seen_at,
       o.last_seen_at,
       o.deactivated_at,
       o.duplicate_group,
       l.country
FROM job_offers AS o
JOIN sources AS s ON s.id = o.source_id
LEFT JOIN companies AS c ON c.id = o.company_id
LEFT JOIN locations AS l ON l.id = o.location_id;
