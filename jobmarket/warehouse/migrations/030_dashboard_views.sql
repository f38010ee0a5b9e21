-- 030: the dashboard's flat view of offers (filter columns only, no text) and of companies.
--
-- The dashboard reads facets, company counts and market aggregates from these views with
-- the same filters as the search; the offer text itself is read by id (queries.offers_by_ids).

CREATE OR REPLACE VIEW vw_dashboard_offers AS
SELECT o.id            AS offer_id,
       s.name          AS source,
       o.company_id,
       c.name          AS company,
       l.label         AS location_label,
       l.commune_code,
       l.departement,
       o.contract_type,
       o.remote,
       o.salary_min::double precision AS salary_min,
       o.salary_max::double precision AS salary_max,
       o.created_at,
       o.updated_at,
       o.status
FROM job_offers AS o
JOIN sources AS s ON s.id = o.source_id
LEFT JOIN companies AS c ON c.id = o.company_id
LEFT JOIN locations AS l ON l.id = o.location_id;

-- What the previous system served as /companies: every company with its active offers.
CREATE OR REPLACE VIEW vw_companies_active_offers AS
SELECT c.id AS company_id,
       c.name AS company,
       count(o.id) FILTER (WHERE o.status = 'active') AS active_offers,
       count(o.id) AS all_offers
FROM companies AS c
LEFT JOIN job_offers AS o ON o.company_id = c.id
GROUP BY c.id, c.name;
