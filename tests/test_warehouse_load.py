"""load_offers against a real PostgreSQL: star rows, idempotency, changes, deactivation, log."""

from __future__ import annotations

import pandas as pd
import pytest
from sqlalchemy import text
from warehouse_fixtures import offer, offers_table, small_market

from jobmarket.warehouse import checks, migrate, queries
from jobmarket.warehouse.load import load_offers

TABLES = (
    "job_offers", "france_travail_offers", "adzuna_offers", "jsearch_offers", "companies",
    "locations", "skills", "offer_skills", "job_offers_log", "quarantine",
)  # fmt: skip


@pytest.fixture
def warehouse(engine):
    migrate.migrate(engine)
    return engine


def snapshot(engine, ignore=()) -> dict[str, list]:
    """Every row of every table (as JSON text, `ignore` keys removed), sorted."""
    drop = "".join(f" - '{key}'" for key in ignore)
    with engine.connect() as conn:
        return {
            table: conn.execute(
                text(f"SELECT (to_jsonb(t){drop})::text AS r FROM {table} t ORDER BY r")
            ).scalars().all()
            for table in TABLES
        }  # fmt: skip


def scalar(engine, sql: str, **params):
    with engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def xmins(engine, table: str) -> dict[int, str]:
    with engine.connect() as conn:
        rows = conn.execute(text(f"SELECT offer_id, xmin::text FROM {table}")).all()
    return dict(rows)


def test_first_load_fills_the_star_schema(warehouse):
    offers = small_market()
    result = load_offers(warehouse, offers, "run-1")

    expected = offers.groupby("source").size().to_dict()
    assert result.loaded == {s: expected.get(s, 0) for s in ("france_travail", "adzuna", "jsearch")}
    assert all(c["inserted"] == c["loaded"] for c in result.counts.values())
    assert scalar(warehouse, "SELECT count(*) FROM companies") == offers["company_key"].nunique()
    assert scalar(warehouse, "SELECT count(*) FROM locations") == offers["commune_code"].nunique()
    assert scalar(warehouse, "SELECT count(*) FROM offer_skills") == sum(
        len(set(s)) for s in offers["skills"]
    )
    logged = scalar(warehouse, "SELECT count(*) FROM job_offers_log WHERE action = 'insert'"
                    " AND run_id = 'run-1'")  # fmt: skip
    assert logged == len(offers)
    assert checks.check_invariants(warehouse)["texts without a French vector"] == 0
    hits = scalar(
        warehouse,
        "SELECT count(*) FROM vw_offer_fts WHERE fts @@ websearch_to_tsquery('french', 'infirmière')",
    )
    assert hits == 1  # French stemming: infirmière ~ infirmier
    assert set(result.seconds) >= {"validate", "diff", "facts", "details", "fts", "commit"}


def test_reload_changes_nothing_but_last_seen_at(warehouse):
    offers = small_market()
    first = load_offers(warehouse, offers, "run-1")
    before = snapshot(warehouse, ignore=("last_seen_at",))
    seen_before = scalar(warehouse, "SELECT max(last_seen_at) FROM job_offers")
    details_before = xmins(warehouse, "france_travail_offers")
    version = queries.data_version(warehouse)

    again = load_offers(warehouse, offers.assign(raw_ref="elsewhere#1"), "run-1")

    assert again.loaded == first.loaded
    assert all(c["unchanged"] == c["loaded"] for c in again.counts.values())
    assert not again.changed
    assert snapshot(warehouse, ignore=("last_seen_at",)) == before
    assert scalar(warehouse, "SELECT min(last_seen_at) FROM job_offers") > seen_before
    assert xmins(warehouse, "france_travail_offers") == details_before  # text rows not rewritten
    assert queries.data_version(warehouse) == version


def test_changed_offers_are_merged_logged_and_reindexed_alone(warehouse):
    offers = small_market()
    load_offers(warehouse, offers, "run-1")
    ft_before = xmins(warehouse, "france_travail_offers")
    version = queries.data_version(warehouse)
    changed = offers.copy()
    changed.loc[changed["external_id"] == "AZ1", "salary_max"] = 60000.0
    changed.loc[changed["external_id"] == "FT2", "description"] = "Migration vers Kubernetes."
    changed.loc[changed["external_id"] == "JS1", "skills"] = pd.Series(
        [["Python", "Airflow"]], index=[5]
    )

    result = load_offers(warehouse, changed, "run-2")

    assert {s: c["updated"] for s, c in result.counts.items()} == {
        "france_travail": 1, "adzuna": 1, "jsearch": 1,
    }  # fmt: skip
    with warehouse.connect() as conn:
        log = conn.execute(
            text("SELECT o.external_id, l.changed_fields, l.new_values FROM job_offers_log l"
                 " JOIN job_offers o ON o.id = l.offer_id WHERE l.run_id = 'run-2'"
                 " ORDER BY o.external_id")
        ).all()  # fmt: skip
        skills = conn.execute(
            text("SELECT array_agg(s.name ORDER BY s.name) FROM offer_skills os"
                 " JOIN skills s ON s.id = os.skill_id JOIN job_offers o ON o.id = os.offer_id"
                 " WHERE o.external_id = 'JS1'")
        ).scalar()  # fmt: skip
    assert [row[0] for row in log] == ["AZ1", "FT2", "JS1"]
    assert "salary_max" in log[0][1] and float(log[0][2]["salary_max"]) == 60000.0
    assert skills == ["Airflow", "Python"]
    ft2 = scalar(warehouse, "SELECT id FROM job_offers WHERE external_id = 'FT2'")
    ft_after = xmins(warehouse, "france_travail_offers")
    assert ft_after[ft2] != ft_before[ft2]
    assert {k: v for k, v in ft_after.items() if k != ft2} == {
        k: v for k, v in ft_before.items() if k != ft2
    }
    assert scalar(warehouse, "SELECT count(*) FROM vw_offer_fts WHERE fts @@ "
                  "to_tsquery('french', 'kubernetes')") == 1  # fmt: skip
    assert queries.data_version(warehouse) != version


def test_full_refresh_deactivates_absent_offers_and_withdraws_ft_text(warehouse):
    offers = small_market()
    load_offers(warehouse, offers, "run-1")
    absent = offers["external_id"].isin(["FT1", "AZ2"])

    result = load_offers(
        warehouse, offers[~absent], "run-2", full_refresh_sources=["france_travail"]
    )

    assert result.counts["france_travail"]["deactivated"] == 1
    assert result.counts["adzuna"]["deactivated"] == 0  # not refreshed: AZ2 stays active
    with warehouse.connect() as conn:
        status = dict(conn.execute(text("SELECT external_id, status FROM job_offers")).all())
        ft1 = conn.execute(
            text("SELECT d.description, d.fts::text, o.deactivated_at FROM job_offers o"
                 " JOIN france_travail_offers d ON d.offer_id = o.id WHERE o.external_id = 'FT1'")
        ).one()  # fmt: skip
        log = conn.execute(
            text("SELECT action, changed_fields FROM job_offers_log WHERE run_id = 'run-2'")
        ).all()
    assert status == {e: "inactive" if e == "FT1" else "active" for e in offers["external_id"]}
    assert ft1[0] is None and "pipelin" not in ft1[1] and "'dat'" in ft1[1]
    assert ft1[2] is not None
    assert [(a, "status" in f) for a, f in log] == [("deactivate", True)]
    checks.check_invariants(warehouse)

    back = load_offers(warehouse, offers, "run-3", full_refresh_sources=["france_travail"])
    assert back.counts["france_travail"]["updated"] == 1
    assert scalar(warehouse, "SELECT count(*) FROM job_offers WHERE status = 'inactive'") == 0
    assert (
        scalar(warehouse, "SELECT action FROM job_offers_log WHERE run_id = 'run-3'")
        == "reactivate"
    )
    assert scalar(warehouse, "SELECT description FROM vw_job_offers WHERE external_id = 'FT1'")


def test_full_refresh_keeps_offers_quarantined_in_the_run(warehouse):
    offers = small_market()
    load_offers(warehouse, offers, "run-1")
    broken = offers.copy()
    broken.loc[broken["external_id"] == "FT2", "title"] = "x" * 501

    result = load_offers(warehouse, broken, "run-2", full_refresh_sources=["france_travail"])

    assert result.counts["france_travail"]["quarantined"] == 1
    assert result.counts["france_travail"]["deactivated"] == 0
    assert scalar(warehouse, "SELECT status FROM job_offers WHERE external_id = 'FT2'") == "active"


def test_second_identical_load_reports_same_counts_in_load_runs(warehouse):
    offers = small_market()
    one = load_offers(warehouse, offers, "run-1")
    two = load_offers(warehouse, offers, "run-2")
    with warehouse.connect() as conn:
        runs = conn.execute(text("SELECT run_id, counts FROM load_runs ORDER BY id")).all()
    assert [r[0] for r in runs] == ["run-1", "run-2"]
    assert [{s: c["loaded"] for s, c in r[1].items()} for r in runs] == [one.loaded, two.loaded]
    assert queries.active_offers(warehouse) == len(offers)


def test_unknown_full_refresh_source_is_refused(warehouse):
    with pytest.raises(ValueError, match="unknown source"):
        load_offers(warehouse, small_market(), "run-1", full_refresh_sources=["monster"])


def test_offer_reappearing_with_new_key_fields_keeps_one_row(warehouse):
    rows = [offer("adzuna", "A1"), offer("adzuna", "A2", company=None, company_key=None)]
    load_offers(warehouse, offers_table(rows), "run-1")
    rows[1] = offer("adzuna", "A2", company="Gamma", company_key="gamma")
    load_offers(warehouse, offers_table(rows), "run-2")
    assert scalar(warehouse, "SELECT count(*) FROM job_offers") == 2
    assert (
        scalar(warehouse, "SELECT company FROM vw_job_offers WHERE external_id = 'A2'") == "Gamma"
    )


def test_slices_load_like_one_batch_and_repeats_across_slices_are_quarantined(warehouse):
    offers = small_market()
    repeat = offers.iloc[[0]].assign(title="Data engineer senior")  # FT1 again, later
    batch = pd.concat([offers, repeat], ignore_index=True)

    first = load_offers(warehouse, batch, "run-1", slice_rows=2)

    assert (
        first.loaded
        == offers["source"].value_counts().reindex(first.loaded).fillna(0).astype(int).to_dict()
    )
    assert list(first.quarantine["external_id"]) == ["FT1"]
    assert "repeated" in first.quarantine.loc[0, "reason"]
    assert scalar(warehouse, "SELECT title FROM vw_job_offers WHERE external_id = 'FT1'") == (
        "Data engineer senior"
    )
    assert checks.check_invariants(warehouse)["texts without a French vector"] == 0
    again = load_offers(warehouse, batch, "run-2", slice_rows=4)
    assert again.loaded == first.loaded and not again.changed


def test_missing_key_column_is_refused_before_any_write(warehouse):
    with pytest.raises(ValueError, match="external_id"):
        load_offers(warehouse, small_market().drop(columns=["external_id"]), "run-1")
    assert scalar(warehouse, "SELECT count(*) FROM load_runs") == 0


def test_an_empty_full_refresh_of_a_source_deactivates_its_offers(warehouse):
    offers = small_market()
    load_offers(warehouse, offers, "run-1")
    result = load_offers(warehouse, offers.iloc[0:0], "run-2", full_refresh_sources=["jsearch"])
    assert result.counts["jsearch"]["deactivated"] == (offers["source"] == "jsearch").sum()
    assert queries.active_offers(warehouse) == (offers["source"] != "jsearch").sum()
