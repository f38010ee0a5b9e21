"""Migrations: in order, idempotent, and an older schema with rows upgrades without losing them."""

from __future__ import annotations

from sqlalchemy import text

from jobmarket.warehouse import migrate

SKELETON_RELATIONS = {
    "sources", "companies", "locations", "job_offers", "france_travail_offers", "adzuna_offers",
    "jsearch_offers", "job_offers_log", "skills", "offer_skills", "quarantine", "load_runs",
    "vw_job_offers_summary", "vw_offers_by_source", "vw_offers_by_day", "vw_offers_by_departement",
    "vw_offers_by_contract_type", "vw_top_companies", "vw_top_skills",
    "vw_salary_quartiles_by_rome_family", "vw_job_offers",
}  # fmt: skip


def _relations(engine) -> set[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        )
        return {r[0] for r in rows}


def test_migrate_applies_every_file_in_order_once(engine):
    versions = [m.version for m in migrate.available_migrations()]
    assert versions == sorted(versions) and versions[:3] == [1, 2, 3]

    assert migrate.migrate(engine) == versions
    assert migrate.migrate(engine) == []
    assert migrate.current_version(engine) == versions[-1]
    assert SKELETON_RELATIONS <= _relations(engine)
    with engine.connect() as conn:
        recorded = conn.execute(text("SELECT version FROM schema_version ORDER BY version"))
        assert [r[0] for r in recorded] == versions


def test_migrate_stops_at_target(engine):
    assert migrate.migrate(engine, target=1) == [1]
    assert migrate.current_version(engine) == 1
    assert "vw_offers_by_source" not in _relations(engine)


def test_upgrade_from_previous_version_keeps_rows_and_indexes_them(engine):
    previous = 2  # the schema before full-text search
    assert migrate.migrate(engine, target=previous) == [1, 2]
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO companies (company_key, name) VALUES ('acme', 'ACME SA');"
                "INSERT INTO job_offers (source_id, external_id, company_id, salary_min,"
                " salary_max, content_hash) VALUES (1, '200ABC', 1, 40000, 50000, 7);"
                "INSERT INTO france_travail_offers (offer_id, title, description)"
                " VALUES (1, 'Développeuse Python H/F', 'Nous recrutons des développeurs.')"
            )
        )
    applied = migrate.migrate(engine)
    assert applied[0] == 3 and migrate.current_version(engine) == applied[-1]
    with engine.connect() as conn:
        row = conn.execute(
            text(
                "SELECT o.external_id, c.name, o.salary_max, d.title FROM job_offers o"
                " JOIN companies c ON c.id = o.company_id"
                " JOIN france_travail_offers d ON d.offer_id = o.id"
            )
        ).one()
        hits = conn.execute(
            text(
                "SELECT count(*) FROM vw_offer_fts"
                " WHERE fts @@ websearch_to_tsquery('french', 'développeur')"
            )
        ).scalar()
        logged = conn.execute(text("SELECT action FROM job_offers_log")).scalars().all()
    assert tuple(row) == ("200ABC", "ACME SA", 50000, "Développeuse Python H/F")
    assert hits == 1
    assert logged == ["insert"]
