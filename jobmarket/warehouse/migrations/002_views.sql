-- 002: read-only views for the report, the dashboard and outside tools (psql, Grafana, BI).
--
-- Market views count active offers only (the market as it stands); summary, by source and
-- by day count every offer with an active split. Salaries are yearly gross EUR; an offer's
-- salary is the midpoint of its range (or the one bound it has). Days are Paris days.

CREATE VIEW vw_offer_details AS
SELECT offer_id, title, title_clean, description, description_is_snippet, url, location_label,
       contract_raw, salary_raw, experience, sector, appellation, raw_ref, fetched_at
FROM france_travail_offers
UNION ALL
SELECT offer_id, title, title_clean, description, description_is_snippet, url, location_label,
       contract_raw, salary_raw, experience, sector, NULL::varchar AS appellation, raw_ref, fetched_at
FROM adzuna_offers
UNION ALL
SELECT offer_id, title, title_clean, description, description_is_snippet, url, location_label,
       contract_raw, salary_raw, experience, sector, NULL::varchar AS appellation, raw_ref, fetched_at
FROM jsearch_offers;

-- One flat row per offer: what a BI tool or the search index wants.
CREATE VIEW vw_job_offers AS
SELECT o.id AS offer_id, s.name AS source, o.external_id, d.title, d.title_clean, d.description,
       d.description_is_snippet, d.url, c.name AS company, c.company_key,
       coalesce(d.location_label, l.label) AS location_label, l.commune_code, l.postal_code,
       l.departement, l.region, l.country, l.latitude, l.longitude,
       o.contract_type, d.contract_raw, o.full_time, o.remote,
       o.salary_min, o.salary_max, o.salary_is_estimated, o.salary_flag, d.salary_raw,
       CASE WHEN o.salary_min IS NULL AND o.salary_max IS NULL THEN NULL
            ELSE (coalesce(o.salary_min, o.salary_max) + coalesce(o.salary_max, o.salary_min)) / 2
       END AS salary_mid,
       d.experience, o.rome_code, d.appellation, d.sector,
       o.created_at, o.updated_at, o.status, o.first_seen_at, o.last_seen_at, o.deactivated_at,
       o.duplicate_group, o.duplicate_confidence, d.raw_ref, d.fetched_at
FROM job_offers AS o
JOIN sources AS s ON s.id = o.source_id
JOIN vw_offer_details AS d ON d.offer_id = o.id
LEFT JOIN companies AS c ON c.id = o.company_id
LEFT JOIN locations AS l ON l.id = o.location_id;

CREATE VIEW vw_job_offers_summary AS
SELECT count(*) AS offers,
       count(*) FILTER (WHERE status = 'active') AS active_offers,
       count(*) FILTER (WHERE status = 'inactive') AS inactive_offers,
       count(DISTINCT source_id) AS sources,
       count(DISTINCT company_id) AS companies,
       count(DISTINCT location_id) AS locations,
       count(*) FILTER (WHERE salary_min IS NOT NULL OR salary_max IS NOT NULL) AS offers_with_salary,
       min(created_at) AS first_created_at,
       max(created_at) AS last_created_at,
       max(last_seen_at) AS last_seen_at
FROM job_offers;

CREATE VIEW vw_offers_by_source AS
SELECT s.name AS source, s.label, s.attribution,
       count(o.id) AS offers,
       count(o.id) FILTER (WHERE o.status = 'active') AS active_offers,
       count(o.id) FILTER (WHERE o.status = 'inactive') AS inactive_offers,
       count(o.id) FILTER (WHERE o.salary_min IS NOT NULL OR o.salary_max IS NOT NULL)
           AS offers_with_salary,
       min(o.created_at) AS first_created_at,
       max(o.created_at) AS last_created_at,
       max(o.last_seen_at) AS last_seen_at
FROM sources AS s
LEFT JOIN job_offers AS o ON o.source_id = s.id
GROUP BY s.id, s.name, s.label, s.attribution;

CREATE VIEW vw_offers_by_day AS
SELECT (o.created_at AT TIME ZONE 'Europe/Paris')::date AS day, s.name AS source,
       count(*) AS offers,
       count(*) FILTER (WHERE o.status = 'active') AS active_offers
FROM job_offers AS o
JOIN sources AS s ON s.id = o.source_id
WHERE o.created_at IS NOT NULL
GROUP BY 1, 2;

CREATE VIEW vw_offers_by_departement AS
SELECT l.departement, min(l.region) AS region,
       count(*) AS offers,
       count(DISTINCT o.company_id) AS companies,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY
           (coalesce(o.salary_min, o.salary_max) + coalesce(o.salary_max, o.salary_min)) / 2)
           AS median_salary
FROM job_offers AS o
LEFT JOIN locations AS l ON l.id = o.location_id
WHERE o.status = 'active'
GROUP BY l.departement;

CREATE VIEW vw_offers_by_contract_type AS
SELECT coalesce(o.contract_type, 'unknown') AS contract_type,
       count(*) AS offers,
       count(*)::double precision / sum(count(*)) OVER () AS share
FROM job_offers AS o
WHERE o.status = 'active'
GROUP BY 1;

CREATE VIEW vw_top_companies AS
SELECT c.name AS company, c.company_key,
       count(*) AS offers,
       count(DISTINCT o.source_id) AS sources,
       count(DISTINCT o.location_id) AS locations
FROM job_offers AS o
JOIN companies AS c ON c.id = o.company_id
WHERE o.status = 'active'
GROUP BY c.id, c.name, c.company_key
ORDER BY offers DESC, company;

CREATE VIEW vw_top_skills AS
SELECT k.name AS skill,
       count(*) AS offers,
       count(*)::double precision
           / nullif((SELECT count(*) FROM job_offers WHERE status = 'active'), 0) AS share
FROM offer_skills AS os
JOIN skills AS k ON k.id = os.skill_id
JOIN job_offers AS o ON o.id = os.offer_id
WHERE o.status = 'active'
GROUP BY k.id, k.name
ORDER BY offers DESC, skill;

-- ROME family: the letter and two digits of the ROME code (e.g. M18, "systèmes d'information").
CREATE VIEW vw_salary_quartiles_by_rome_family AS
WITH paid AS (
    SELECT left(o.rome_code, 3) AS rome_family, o.salary_is_estimated,
           (coalesce(o.salary_min, o.salary_max) + coalesce(o.salary_max, o.salary_min)) / 2
               AS salary_mid
    FROM job_offers AS o
    WHERE o.status = 'active' AND o.rome_code IS NOT NULL
      AND (o.salary_min IS NOT NULL OR o.salary_max IS NOT NULL)
)
SELECT rome_family,
       count(*) AS offers,
       percentile_cont(0.25) WITHIN GROUP (ORDER BY salary_mid) AS q1,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY salary_mid) AS median,
       percentile_cont(0.75) WITHIN GROUP (ORDER BY salary_mid) AS q3,
       avg(CASE WHEN salary_is_estimated THEN 1.0 ELSE 0.0 END) AS estimated_share
FROM paid
GROUP BY rome_family
ORDER BY rome_family;

CREATE VIEW vw_quarantine_by_reason AS
SELECT run_id, stage, source, field, reason, count(*) AS rows
FROM quarantine
GROUP BY run_id, stage, source, field, reason;
