"""Tests of the France Travail client and of its collection (paging, split, token) over real HTTP."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest
from fake_apis import SECRETS, FakeFranceTravail, recorded_offers, settings

from jobmarket import raw
from jobmarket.sources import demo, live
from jobmarket.sources import france_travail as ft
from jobmarket.sources.france_travail import FranceTravailClient
from jobmarket.sources.http import ApiError, HttpPolicy

NOW = datetime(2026, 11, 28, tzinfo=UTC)
FAST = HttpPolicy(backoff_base=0.001, backoff_cap=0.01, max_retries=2, timeout=(2, 2))


def _client(fake: FakeFranceTravail, **kw) -> FranceTravailClient:
    return FranceTravailClient(
        SECRETS["france_travail_client_id"],
        SECRETS["france_travail_client_secret"],
        policy=FAST,
        **fake.client_kwargs(),
        **kw,
    )


def _demo_ft(n: int) -> list[dict]:
    """Demo France Travail offers located in a département (dates near the demo's anchor)."""
    offers = [
        o.record
        for o in demo.generate_raw_offers(n * 2 + 1000, seed=11)
        if o.source == "france_travail"
    ]
    located = [o for o in offers if " - " in o["lieuTravail"]["libelle"]][:n]
    assert len(located) == n
    return located


def _run(fake, tmp_path, query=None, run_id="r1", **kw):
    query = {"keywords": "", "max_pages": 50, **(query or {})}
    return live.extract_live(
        "france_travail",
        run_id,
        settings(),
        query,
        True,
        tmp_path,
        client=_client(fake),
        now=NOW,
        **kw,
    )


@pytest.mark.parametrize(
    ("value", "total"),
    [("offres 0-149/3420", 3420), ("offres 300-349/350", 350), (None, None), ("garbage", None)],
)
def test_parse_content_range(value, total):
    assert ft.parse_content_range(value) == total


def test_pagination_206_pages_with_content_range(httpserver, tmp_path):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 400))
    stats = _run(fake, tmp_path)
    assert (stats.pages, stats.offers, len(stats.ids), stats.stopped) == (3, 400, 400, "")
    assert [s["range"] for s in fake.searches] == ["0-149", "150-299", "300-449"]
    entries = raw.RawStore(tmp_path, "france_travail", "r1").entries
    assert [(e["status"], e["offers"], e["total"]) for e in entries] == [
        (206, 150, 400),
        (206, 150, 400),
        (206, 100, 400),
    ]
    assert len(list(raw.iter_run_offers("r1", tmp_path))) == 400


def test_single_page_200_and_no_result_204(httpserver, tmp_path):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 120))
    stats = _run(fake, tmp_path, {"departements": ["75", "2A"]})
    client_store = raw.RawStore(tmp_path, "france_travail", "r1")
    statuses = {e["params"]["departement"]: e["status"] for e in client_store.entries}
    assert set(statuses.values()) <= {200, 204}
    assert stats.offers == len(fake.matching({"departement": "75"})) + len(
        fake.matching({"departement": "2A"})
    )
    fake.offers = []
    empty = _run(fake, tmp_path, run_id="r2")
    assert (empty.pages, empty.offers) == (1, 0)
    assert raw.RawStore(tmp_path, "france_travail", "r2").entries[0]["status"] == 204
    assert list(raw.iter_run_offers("r2", tmp_path)) == []


def test_total_above_3150_is_split_by_departement(httpserver, tmp_path, caplog):
    offers = _demo_ft(3400)
    fake = FakeFranceTravail(httpserver, offers)
    with caplog.at_level(logging.INFO, logger="jobmarket"):
        stats = _run(fake, tmp_path)
    assert len(stats.ids) == 3400 and stats.unreachable == 0
    assert "split into 101 searches" in caplog.text
    assert all(int(s["range"].split("-")[1]) <= 3149 for s in fake.searches)


def test_one_departement_above_3150_is_split_by_date_windows(httpserver, tmp_path, caplog):
    offers = [
        {**o, "lieuTravail": {**o["lieuTravail"], "libelle": "75 - PARIS 01"}}
        for o in _demo_ft(3300)
    ]
    fake = FakeFranceTravail(httpserver, offers)
    with caplog.at_level(logging.INFO, logger="jobmarket"):
        stats = _run(fake, tmp_path, {"departements": ["75"]})
    assert len(stats.ids) == 3300
    assert "split into 2 searches" in caplog.text
    windows = {(s.get("minCreationDate"), s.get("maxCreationDate")) for s in fake.searches}
    assert len(windows) > 3


def test_offers_without_departement_are_reported_not_lost_silently(httpserver, tmp_path, caplog):
    offers = _demo_ft(3200) + [
        {**o, "id": f"X{i}", "lieuTravail": {"libelle": "France"}}
        for i, o in enumerate(_demo_ft(10))
    ]
    fake = FakeFranceTravail(httpserver, offers)
    with caplog.at_level(logging.WARNING, logger="jobmarket"):
        stats = _run(fake, tmp_path)
    assert stats.unreachable == 10
    assert "10 offers" in caplog.text and "not reachable" in caplog.text


def test_401_renews_the_token_once(httpserver):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 30))
    client = _client(fake)
    client.fetch_page({}, 1)
    fake.revoked.add(fake.tokens[0])
    page = client.fetch_page({}, 1)
    assert (
        page.offers == 30
        and client.tokens_fetched == 2
        and fake.tokens == ["token-1-xyz", "token-2-xyz"]
    )


def test_token_renewed_before_expiry(httpserver):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 5), expires_in=100)
    now = [1000.0]
    client = _client(fake, clock=lambda: now[0])
    client.fetch_page({}, 1)
    now[0] += 30  # 70 s left, more than the 60 s margin: cached
    client.fetch_page({}, 1)
    assert client.tokens_fetched == 1
    now[0] += 15  # 55 s left: renewed before it expires
    client.fetch_page({}, 1)
    assert client.tokens_fetched == 2


def test_still_401_after_renewal_is_an_error(httpserver):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 5))
    httpserver.expect_oneshot_request("/api/v2/offres/search").respond_with_data("", status=401)
    httpserver.expect_oneshot_request("/api/v2/offres/search").respond_with_data("", status=401)
    with pytest.raises(ApiError, match="unauthorised even with a new token.*HTTP status 401"):
        _client(fake).fetch_page({"motsCles": "data"}, 1)


def test_token_refused_names_the_problem_without_the_secret(httpserver):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 5))
    client = FranceTravailClient(
        "someid", "wrong-secret-value", policy=FAST, **fake.client_kwargs()
    )
    with pytest.raises(ApiError, match="access token refused") as info:
        client.fetch_page({}, 1)
    assert "wrong-secret-value" not in str(info.value)


def test_expiry_check(httpserver):
    offers = recorded_offers("france_travail", 5)
    fake = FakeFranceTravail(httpserver, offers)
    fake.withdrawn.add(offers[1]["id"])
    client = _client(fake)
    assert client.is_active(offers[0]["id"]) is True
    assert client.is_active(offers[1]["id"]) is False


def test_page_beyond_the_api_limit_is_refused(httpserver):
    fake = FakeFranceTravail(httpserver, [])
    with pytest.raises(ValueError, match="at most 3150"):
        _client(fake).fetch_page({}, 22)


def test_split_rules():
    parts = ft.split({"motsCles": "data"}, NOW)
    assert len(parts) == 101 and {"departement": "2A", "motsCles": "data"} in parts
    halves = ft.split(
        {
            "departement": "75",
            "minCreationDate": "2026-11-01T00:00:00Z",
            "maxCreationDate": "2026-11-03T00:00:00Z",
        }
    )
    assert [(h["minCreationDate"], h["maxCreationDate"]) for h in halves] == [
        ("2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z"),
        ("2026-11-02T00:00:01Z", "2026-11-03T00:00:00Z"),
    ]
    assert (
        ft.split(
            {
                "commune": "75056",
                "minCreationDate": "2026-11-01T00:00:00Z",
                "maxCreationDate": "2026-11-01T00:30:00Z",
            }
        )
        == []
    )


def test_referentials_are_saved(httpserver, tmp_path):
    fake = FakeFranceTravail(httpserver, [])
    rows = [
        {"code": "38971", "libelle": "Data scientist"},
        {"code": "10438", "libelle": "Agent / Agente de propreté"},
    ]
    httpserver.expect_request("/api/v2/referentiel/appellations").respond_with_json(rows)
    paths = live.refresh_referentials(settings(), ("appellations",), tmp_path, client=_client(fake))
    assert [p.name for p in paths] == ["france_travail_appellations.json"]
    assert json.loads(paths[0].read_text(encoding="utf-8")) == rows


def test_429_and_500_during_a_collection_are_absorbed(httpserver, tmp_path):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 300))
    httpserver.expect_oneshot_request("/api/v2/offres/search").respond_with_data(
        "", status=429, headers={"Retry-After": "0.05"}
    )
    httpserver.expect_oneshot_request("/api/v2/offres/search").respond_with_data("oops", status=500)
    stats = _run(fake, tmp_path)
    assert (stats.offers, len(stats.ids), stats.retries, stats.stopped) == (300, 300, 2, "")
    assert [e["page"] for e in raw.RawStore(tmp_path, "france_travail", "r1").entries] == [1, 2]


def test_split_shows_in_the_table(httpserver, tmp_path):
    stats = _run(FakeFranceTravail(httpserver, _demo_ft(3300)), tmp_path)
    assert stats.splits == 1 and stats.row()["splits"] == 1 and stats.capped == 0


def test_page_cap_shows_in_the_table(httpserver, tmp_path):
    fake = FakeFranceTravail(httpserver, recorded_offers("france_travail", 400))
    capped = _run(fake, tmp_path, {"max_pages": 2})
    assert (capped.pages, capped.offers, capped.capped, capped.splits) == (2, 300, 1, 0)
