"""Tests of live extraction: resume, incremental state, quotas across sources, no secret written."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

from fake_apis import SECRETS, FakeAdzuna, FakeFranceTravail, FakeJSearch, recorded_offers, settings

from jobmarket import extract, raw, runlog
from jobmarket.sources import live
from jobmarket.sources.adzuna import AdzunaClient
from jobmarket.sources.france_travail import FranceTravailClient
from jobmarket.sources.http import HttpPolicy
from jobmarket.sources.jsearch import JSearchClient

NOW = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)


def _policy(**kw) -> HttpPolicy:
    return HttpPolicy(
        **{"backoff_base": 0.001, "backoff_cap": 0.01, "max_retries": 1, "timeout": (2, 2), **kw}
    )


def _clients(ftf, azf, jsf, js_budget=None) -> dict:
    return {
        "france_travail": FranceTravailClient(
            SECRETS["france_travail_client_id"],
            SECRETS["france_travail_client_secret"],
            policy=_policy(),
            **ftf.client_kwargs(),
        ),
        "adzuna": AdzunaClient(
            SECRETS["adzuna_app_id"],
            SECRETS["adzuna_app_key"],
            base_url=azf.base_url(),
            policy=_policy(),
        ),
        "jsearch": JSearchClient(
            SECRETS["jsearch_api_key"], base_url=jsf.base_url(), policy=_policy(budget=js_budget)
        ),
    }


def test_resume_after_interruption_fetches_only_missing_pages(httpserver, tmp_path):
    fake = FakeAdzuna(httpserver, recorded_offers("adzuna", 230))
    client = AdzunaClient(
        SECRETS["adzuna_app_id"],
        SECRETS["adzuna_app_key"],
        base_url=fake.base_url(),
        policy=_policy(),
    )
    httpserver.expect_oneshot_request("/jobs/fr/search/1").respond_with_handler(fake._search)
    httpserver.expect_oneshot_request("/jobs/fr/search/2").respond_with_handler(fake._search)
    for _ in range(2):  # page 3 fails on both attempts: the run is interrupted
        httpserver.expect_oneshot_request("/jobs/fr/search/3").respond_with_data("down", status=503)
    first = live.extract_live(
        "adzuna", "r1", settings(), {"keywords": "data"}, True, tmp_path, client=client, now=NOW
    )
    assert (
        first.stopped.startswith("error: adzuna: server error after 2 attempts")
        and "page 3" in first.stopped
    )
    assert (first.pages, first.offers) == (2, 100)
    assert not (tmp_path / "adzuna" / "state.json").exists()
    fake.calls.clear()
    again = live.extract_live(
        "adzuna", "r1", settings(), {"keywords": "data"}, True, tmp_path, client=client, now=NOW
    )
    assert again.stopped == "" and again.resumed == 2
    assert [int(c.get("results_per_page")) for c in fake.calls] == [
        50,
        50,
        50,
    ]  # pages 3, 4 and 5 only
    assert len({o.record["id"] for o in raw.iter_run_offers("r1", tmp_path)}) == 230
    assert (tmp_path / "adzuna" / "state.json").exists()


def test_incremental_runs_ask_only_for_what_is_new(httpserver, tmp_path):
    ftf = FakeFranceTravail(httpserver, recorded_offers("france_travail", 40))
    client = FranceTravailClient(
        SECRETS["france_travail_client_id"],
        SECRETS["france_travail_client_secret"],
        policy=_policy(),
        **ftf.client_kwargs(),
    )
    query = {"keywords": "data", "first_days": 3}
    live.extract_live(
        "france_travail", "run1", settings(), query, False, tmp_path, client=client, now=NOW
    )
    assert (
        ftf.searches[0]["minCreationDate"] == "2026-11-25T12:00:00Z"
    )  # first run: first_days back
    assert ftf.searches[0]["maxCreationDate"] == "2026-11-28T12:00:00Z"
    later = NOW + timedelta(hours=6)
    live.extract_live(
        "france_travail", "run2", settings(), query, False, tmp_path, client=client, now=later
    )
    assert ftf.searches[-1]["minCreationDate"] == "2026-11-28T12:00:00Z"  # since the last success
    live.extract_live(
        "france_travail", "run3", settings(), query, True, tmp_path, client=client, now=later
    )
    assert "minCreationDate" not in ftf.searches[-1]  # full refresh
    assert live.read_state(tmp_path, "france_travail")["run_id"] == "run3"


def test_search_criteria_per_source():
    since = NOW - timedelta(days=2, hours=1)
    query = {"keywords": "data", "departements": ["75", "69"]}
    assert live.searches("adzuna", query, since, NOW) == [
        {"what": "data", "where": "75", "max_days_old": 3},
        {"what": "data", "where": "69", "max_days_old": 3},
    ]
    assert live.searches("jsearch", {"keywords": ""}, since, NOW) == [
        {"query": "emploi in France", "date_posted": "3days"}
    ]
    assert live.searches("france_travail", {}, None, NOW) == [{}]


def test_quota_stops_one_source_and_the_others_go_on(httpserver, tmp_path):
    ftf = FakeFranceTravail(httpserver, recorded_offers("france_travail", 200))
    azf = FakeAdzuna(httpserver, recorded_offers("adzuna", 60))
    jsf = FakeJSearch(httpserver, recorded_offers("jsearch", 50))
    result = extract.run_extract(
        "r1", ["france_travail", "adzuna", "jsearch"], query={"keywords": "data"}, full_refresh=True,
        raw_root=tmp_path, settings=settings(), clients=_clients(ftf, azf, jsf, js_budget=2),
    )  # fmt: skip
    assert result.mode == "live"
    table = result.table()
    assert (
        table.loc["jsearch", "stopped"].startswith("quota:")
        and table.loc["jsearch", "offers"] == 20
    )
    assert table.loc["france_travail", "offers"] == 200 and table.loc["adzuna", "offers"] == 60
    assert result.facts()["counts"]["jsearch"]["extracted"] == 20
    assert any(line.startswith("jsearch: stopped early") for line in extract.problems(result))
    assert len(list(raw.iter_run_offers("r1", tmp_path))) == 280


def test_no_secret_in_any_file_written(httpserver, tmp_path):
    ftf = FakeFranceTravail(httpserver, recorded_offers("france_travail", 160))
    azf = FakeAdzuna(httpserver, recorded_offers("adzuna", 60))
    jsf = FakeJSearch(httpserver, recorded_offers("jsearch", 15))
    httpserver.expect_oneshot_request("/jobs/fr/search/2").respond_with_data(
        "", status=500
    )  # a retry is logged
    log_file = tmp_path / "run.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    # The local server's own access log stands for the API's side, not for what we write.
    handler.addFilter(lambda record: not record.name.startswith("werkzeug"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        result = extract.run_extract(
            "r1", ["france_travail", "adzuna", "jsearch"], query={"keywords": "data"}, full_refresh=True,
            raw_root=tmp_path / "raw", settings=settings(), clients=_clients(ftf, azf, jsf),
        )  # fmt: skip
        runlog.record_step("r1", "extract", result.facts(), runs_dir=tmp_path / "runs")
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    assert result.table()["offers"].sum() == 235 and result.table().loc["adzuna", "retries"] == 1
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert len(written) > 10 and log_file.stat().st_size > 0
    assert "app_key=***" in log_file.read_text(encoding="utf-8")
    secrets = [*SECRETS.values(), *ftf.tokens]
    for path in written:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, (
                f"{secret[:4]}… found in {path.relative_to(tmp_path)}"
            )
