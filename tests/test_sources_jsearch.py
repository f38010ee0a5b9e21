"""Tests of the JSearch client over real HTTP against a local server replaying recorded offers."""

from __future__ import annotations

import pytest
from fake_apis import SECRETS, FakeJSearch, recorded_offers, settings

from jobmarket.sources import live
from jobmarket.sources.http import ApiError, HttpPolicy, QuotaExceeded
from jobmarket.sources.jsearch import JSearchClient

FAST = HttpPolicy(backoff_base=0.001, backoff_cap=0.01, max_retries=2, timeout=(2, 2))


def _client(fake: FakeJSearch, key: str = SECRETS["jsearch_api_key"], **policy) -> JSearchClient:
    pol = HttpPolicy(**{**FAST.__dict__, **policy})
    return JSearchClient(key, base_url=fake.base_url(), policy=pol)


def test_searches_france_with_rapidapi_headers(httpserver, tmp_path):
    fake = FakeJSearch(httpserver, recorded_offers("jsearch", 25))
    stats = live.extract_live(
        "jsearch", "r1", settings(), {"keywords": "data"}, True, tmp_path, client=_client(fake)
    )
    assert (stats.pages, stats.offers) == (3, 25)
    assert [c["page"] for c in fake.calls] == ["1", "2", "3"]
    assert all(
        c["country"] == "fr" and c["num_pages"] == "1" and c["query"] == "data in France"
        for c in fake.calls
    )
    assert fake.calls[0]["date_posted"] == "all"  # full refresh
    request = httpserver.log[0][0]
    assert request.headers["x-rapidapi-host"] == "jsearch.p.rapidapi.com"


def test_refused_key(httpserver):
    fake = FakeJSearch(httpserver, recorded_offers("jsearch", 5))
    with pytest.raises(ApiError, match="key refused.*HTTP status 403"):
        _client(fake, key="nope").fetch_page({"query": "x"}, 1)


def test_monthly_quota_is_a_quota(httpserver):
    httpserver.expect_request("/js/search").respond_with_json(
        {"message": "You have exceeded the MONTHLY quota for Requests on your current plan"},
        status=429,
    )
    client = JSearchClient("k", base_url=httpserver.url_for("/js"), policy=FAST)
    with pytest.raises(QuotaExceeded, match="jsearch: rate limit or quota"):
        client.fetch_page({"query": "x"}, 1)


def test_error_status_in_body(httpserver):
    httpserver.expect_request("/js/search").respond_with_json(
        {"status": "ERROR", "error": {"message": "bad query"}}
    )
    client = JSearchClient("k", base_url=httpserver.url_for("/js"), policy=FAST)
    with pytest.raises(ApiError, match="search failed: .*bad query"):
        client.fetch_page({"query": "x"}, 1)


def test_budget_stops_the_source_cleanly_and_keeps_pages(httpserver, tmp_path):
    fake = FakeJSearch(httpserver, recorded_offers("jsearch", 80))
    stats = live.extract_live(
        "jsearch",
        "r1",
        settings(),
        {"keywords": "data"},
        True,
        tmp_path,
        client=_client(fake, budget=3),
    )
    assert stats.stopped.startswith("quota: jsearch: request budget of 3 spent")
    assert (stats.pages, stats.offers, stats.requests) == (3, 30, 3)
    assert not (
        tmp_path / "jsearch" / "state.json"
    ).exists()  # not a successful run: next run starts from the same point
