"""Loads under faults: bad rows, failures midway, a killed loader, concurrent loads, secrets."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from test_warehouse_load import scalar, snapshot
from warehouse_fixtures import offer, offers_table, small_market

from jobmarket.warehouse import db, migrate, queries
from jobmarket.warehouse.load import load_offers
from jobmarket.warehouse.lock import LOAD_LOCK_KEY, LoadLockTimeout

BAD_ROWS = [  # (column overrides, field expected in the quarantine)
    ({"description": "Une offre\x00 avec un octet nul"}, "description"),
    ({"title": "T" * 501}, "title"),
    ({"postal_code": "750150000000"}, "postal_code"),
    ({"created_at": "le 31 février"}, "created_at"),
    ({"updated_at": "2026-02-30T10:00:00Z"}, "updated_at"),
    ({"salary_min": 1e12, "salary_max": 2e12}, "salary_min"),
    ({"salary_max": float("inf")}, "salary_max"),
    ({"salary_min": 60000.0, "salary_max": 50000.0}, "salary_min"),
    ({"latitude": 123.0}, "latitude"),
    ({"skills": ["Python", "S" * 300]}, "skills"),
    ({"external_id": None}, "external_id"),
    ({"source": "monster"}, "source"),
]


@pytest.fixture
def warehouse(engine):
    migrate.migrate(engine)
    return engine


def test_bad_rows_are_quarantined_while_the_batch_loads(warehouse):
    good = [offer("adzuna", f"G{i}") for i in range(3)]
    bad = [{**offer("jsearch", f"B{i}"), **values} for i, (values, _) in enumerate(BAD_ROWS)]
    dates = ("created_at", "updated_at")
    wrong_dates = {(3 + i, c): row.pop(c) for i, row in enumerate(bad) for c in dates if c in row and isinstance(row[c], str)}  # fmt: skip
    offers = offers_table(good + bad)
    for col in dates:  # as a careless cleaner may leave them: text among timestamps
        offers[col] = offers[col].astype(object)
    for (row, col), value in wrong_dates.items():
        offers.loc[row, col] = value
    cleaner = pd.DataFrame(
        [{"stage": "clean", "source": "adzuna", "external_id": "C1", "raw_ref": "adzuna/r/p#1",
          "field": "title", "reason": "missing title", "raw": '{"id": "C1"}'}]
    )  # fmt: skip

    result = load_offers(warehouse, offers, "run-q", quarantine=cleaner)

    assert result.counts["adzuna"]["loaded"] == 3
    assert list(result.quarantine["field"]) == [field for _, field in BAD_ROWS]
    assert (result.quarantine["stage"] == "load").all()
    assert result.counts["jsearch"]["quarantined"] == len(BAD_ROWS) - 1  # one had source monster
    with warehouse.connect() as conn:
        stored = conn.execute(
            text("SELECT stage, field, reason, raw FROM quarantine WHERE run_id = 'run-q'"
                 " ORDER BY id")
        ).all()  # fmt: skip
    assert [r[0] for r in stored] == ["clean"] + ["load"] * len(BAD_ROWS)
    assert "octet nul" in stored[1][3] and "\x00" not in stored[1][3]
    assert "longer than 500" in stored[2][2]

    load_offers(warehouse, offers, "run-q", quarantine=cleaner)  # same run again
    assert scalar(warehouse, "SELECT count(*) FROM quarantine") == len(stored)
    by_reason = queries.quarantine_by_reason(warehouse, "run-q")
    assert by_reason["rows"].sum() == len(stored)


def _install_failure(engine, table: str = "adzuna_offers") -> None:
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                " IF NEW.title = 'BOOM' THEN RAISE EXCEPTION 'injected failure'; END IF;"
                f" RETURN NEW; END $$; CREATE TRIGGER boom BEFORE INSERT ON {table}"
                " FOR EACH ROW EXECUTE FUNCTION boom()"
            )
        )


def _second_batch() -> pd.DataFrame:
    offers = small_market()
    offers.loc[0, "salary_max"] = 99000.0  # a change, merged before the failure
    extra = offers_table([offer("adzuna", "NEW1"), offer("adzuna", "NEW2", title="BOOM")])
    return pd.concat([offers, extra], ignore_index=True)


def test_a_failure_midway_leaves_the_database_as_it_was(warehouse):
    load_offers(warehouse, small_market(), "run-1")
    before = snapshot(warehouse)
    _install_failure(warehouse)

    with pytest.raises(Exception, match="injected failure"):
        load_offers(warehouse, _second_batch(), "run-2", full_refresh_sources=["france_travail"])

    assert snapshot(warehouse) == before
    with warehouse.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM load_runs")).scalar() == 1
        lock_free = conn.execute(
            text("SELECT pg_try_advisory_lock(:k), pg_advisory_unlock(:k)"), {"k": LOAD_LOCK_KEY}
        ).one()
    assert lock_free[0]


def test_a_killed_loader_leaves_the_database_as_it_was(warehouse, database_url, tmp_path):
    load_offers(warehouse, small_market(), "run-1")
    before = snapshot(warehouse)
    with warehouse.begin() as conn:  # the loader stalls on the JSearch detail rows
        conn.execute(
            text(
                "CREATE FUNCTION stall() RETURNS trigger LANGUAGE plpgsql AS $$"
                " BEGIN PERFORM pg_sleep(60); RETURN NEW; END $$;"
                " CREATE TRIGGER stall BEFORE INSERT ON jsearch_offers"
                " FOR EACH ROW EXECUTE FUNCTION stall()"
            )
        )
    batch = _second_batch()
    batch = pd.concat([batch, offers_table([offer("jsearch", "JS-NEW")])], ignore_index=True)
    parquet = tmp_path / "offers.parquet"
    batch.to_parquet(parquet)
    script = textwrap.dedent(
        f"""
        import pandas as pd
        from jobmarket.warehouse import db
        from jobmarket.warehouse.load import load_offers
        load_offers(db.get_engine({database_url!r}), pd.read_parquet({str(parquet)!r}), "run-2")
        """
    )
    loader = subprocess.Popen([sys.executable, "-c", script], cwd=Path(__file__).parents[1])
    try:
        _wait_for(warehouse, "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
    finally:
        loader.kill()
        loader.wait()
    # The loader asked the server to check its client every second: the stalled backend ends.
    _wait_for(warehouse, "SELECT count(*) = 0 FROM pg_stat_activity WHERE wait_event = 'PgSleep'")
    time.sleep(0.2)
    assert snapshot(warehouse) == before
    assert scalar(warehouse, "SELECT count(*) FROM load_runs") == 1


def _wait_for(engine, sql: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if scalar(engine, sql):
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {sql}")


def _hold_lock(url: str, held: threading.Event, release: threading.Event) -> None:
    engine = db.get_engine(url)
    with engine.connect() as conn:
        conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": LOAD_LOCK_KEY})
        held.set()
        release.wait(60)
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": LOAD_LOCK_KEY})
    engine.dispose()


def test_a_second_load_waits_with_a_message_then_fails_clearly(warehouse, database_url, caplog):
    held, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(database_url, held, release))
    holder.start()
    held.wait(10)
    results = []
    try:
        with pytest.raises(LoadLockTimeout, match="another load"):
            load_offers(warehouse, small_market(), "run-late", lock_timeout=0.5)
        assert scalar(warehouse, "SELECT count(*) FROM job_offers") == 0
        with caplog.at_level(logging.WARNING, logger="jobmarket.warehouse.lock"):
            patient = threading.Thread(
                target=lambda: results.append(
                    load_offers(warehouse, small_market(), "run-patient", lock_timeout=60)
                )
            )
            patient.start()
            _wait_for_text(caplog, "another load is running")
            assert results == []  # still waiting while the lock is held
            release.set()
            patient.join(60)
    finally:
        release.set()
        holder.join()
    assert results and results[0].seconds["lock"] > 0
    assert sum(results[0].loaded.values()) == len(small_market())


def _wait_for_text(caplog, needle: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while needle not in caplog.text:
        assert time.monotonic() < deadline, f"no log message {needle!r}"
        time.sleep(0.05)


def test_two_concurrent_loads_both_finish_one_after_the_other(warehouse):
    offers = small_market()
    results, errors = [], []

    def run(run_id: str, frame: pd.DataFrame) -> None:
        try:
            results.append(load_offers(warehouse, frame, run_id, lock_timeout=60))
        except Exception as exc:  # reported below
            errors.append(exc)

    more = pd.concat([offers, offers_table([offer("adzuna", "AZ9")])], ignore_index=True)
    threads = [
        threading.Thread(target=run, args=(f"run-{i}", f)) for i, f in enumerate([offers, more])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert scalar(warehouse, "SELECT count(*) FROM job_offers") == len(more)
    assert sorted(r.counts["adzuna"]["inserted"] for r in results) in ([0, 3], [1, 2])
    assert scalar(warehouse, "SELECT count(*) FROM job_offers_log WHERE action = 'insert'") == len(
        more
    )


def test_the_password_is_never_printed_or_stored(database_url, capfd, caplog):
    secret = "s3cr3t-Pa55"
    url = make_url(database_url).set(password=secret).render_as_string(hide_password=False)
    engine = db.get_engine(url)  # the test server trusts local users: any password works
    try:
        with caplog.at_level(logging.DEBUG):
            migrate.migrate(engine)
            result = load_offers(engine, small_market().assign(url=np.nan), "run-s")
        shown = db.safe_url(url)
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT counts::text || seconds::text FROM load_runs")
            ).scalar()
    finally:
        engine.dispose()
    out, err = capfd.readouterr()
    assert secret not in out + err + caplog.text + repr(result) + stored
    assert secret not in shown and "***" in shown
