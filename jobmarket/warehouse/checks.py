"""Invariants of a loaded warehouse, checked by the load notebook after every load.

They include the former foreign keys, which migration 004 dropped for bulk-load speed.
"""

from __future__ import annotations

from sqlalchemy import Engine, text

# Each query counts the rows breaking one invariant; all must return 0.
INVARIANTS = {
    "offers without exactly one detail row": """
        SELECT count(*) FROM job_offers o
        WHERE (SELECT count(*) FROM vw_offer_details d WHERE d.offer_id = o.id) <> 1""",
    "detail rows in another source's table": """
        SELECT (SELECT count(*) FROM france_travail_offers d JOIN job_offers o ON o.id = d.offer_id
                WHERE o.source_id <> 1)
             + (SELECT count(*) FROM adzuna_offers d JOIN job_offers o ON o.id = d.offer_id
                WHERE o.source_id <> 2)
             + (SELECT count(*) FROM jsearch_offers d JOIN job_offers o ON o.id = d.offer_id
                WHERE o.source_id <> 3)""",
    "offers pointing at a missing source, company or location": """
        SELECT count(*) FROM job_offers o
        WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = o.source_id)
           OR (o.company_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM companies c WHERE c.id = o.company_id))
           OR (o.location_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM locations l WHERE l.id = o.location_id))""",
    "detail rows without their offer": """
        SELECT count(*) FROM vw_offer_details d
        WHERE NOT EXISTS (SELECT 1 FROM job_offers o WHERE o.id = d.offer_id)""",
    "offer_skills rows pointing at a missing offer or skill": """
        SELECT count(*) FROM offer_skills os
        WHERE NOT EXISTS (SELECT 1 FROM job_offers o WHERE o.id = os.offer_id)
           OR NOT EXISTS (SELECT 1 FROM skills s WHERE s.id = os.skill_id)""",
    "offers without a title": "SELECT count(*) FROM vw_offer_details WHERE btrim(title) = ''",
    "salary_min above salary_max": "SELECT count(*) FROM job_offers WHERE salary_min > salary_max",
    "offers without an insert log row": """
        SELECT count(*) FROM job_offers o WHERE NOT EXISTS
            (SELECT 1 FROM job_offers_log l WHERE l.offer_id = o.id AND l.action = 'insert')""",
    "texts without a French vector": "SELECT count(*) FROM vw_offer_fts WHERE fts IS NULL",
    "inactive France Travail offers keeping their description": """
        SELECT count(*) FROM job_offers o JOIN france_travail_offers d ON d.offer_id = o.id
        WHERE o.status = 'inactive' AND d.description IS NOT NULL""",
    "inactive offers without deactivation time": """
        SELECT count(*) FROM job_offers WHERE status = 'inactive' AND deactivated_at IS NULL""",
}


class InvariantError(AssertionError):
    """The warehouse breaks at least one invariant."""


def check_invariants(engine: Engine) -> dict[str, int]:
    """Count the violations of each invariant; raise InvariantError naming any broken one."""
    with engine.connect() as conn:
        found = {name: int(conn.execute(text(sql)).scalar()) for name, sql in INVARIANTS.items()}
    broken = {name: n for name, n in found.items() if n}
    if broken:
        raise InvariantError(f"warehouse invariants broken: {broken}")
    return found
