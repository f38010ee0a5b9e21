"""Tests of the Adzuna client over real HTTP against a local server replaying recorded offers."""

from __future__ import annotations

import json

import pytest
from fake_apis import SECRETS, FakeAdzuna, recorded_offers, settings

from jobmarket import raw
from jobmarket.sources import live
from jobmarket.sources.adzuna import AdzunaClient
from jobmarket.sources.http import ApiError, HttpPolicy, MalformedResponse

FAST = HttpPolicy(backoff_base=0.001, backoff_cap=0.01, max_retries=2, timeout=(2, 2))


def _client(fake: FakeAdzuna, key: str = SECRETS["adzuna_app_key"]) -> AdzunaClient:
    return AdzunaClient(SECRETS["adzuna_app_id"], key, base_url=fake.base_url(), policy=FAST)


def test_pages_until_the_end_of_results(httpserver, tmp_path):
    fake = FakeAdzuna(httpserver, recorded_offers("adzuna", 120))
    stats = live.extract_live(
        "adzuna", "r1", settings(), {"keywords": "data"}, True, tmp_path, client=_client(fake)
    )
    assert (stats.pages, stats.offers, len(stats.ids)) == (3, 120, 120)
    assert [c["what"] for c in fake.calls] == ["data"] * 3
    assert all(c["results_per_page"] == "50" and c["sort_by"] == "date" for c in fake.calls)
    assert len(list(raw.iter_run_offers("r1", tmp_path))) == 120


def test_exact_multiple_of_50_stops_on_count(httpserver):
    fake = FakeAdzuna(httpserver, recorded_offers("adzuna", 100))
    client = _client(fake)
    assert client.fetch_page({}, 1).done is False
    last = client.fetch_page({}, 2)
    assert last.done is True and last.total == 100 and len(fake.calls) == 2


def test_keys_are_sent_but_never_kept_in_page_params(httpserver):
    fake = FakeAdzuna(httpserver, recorded_offers("adzuna", 10))
    page = _client(fake).fetch_page({"what": "data"}, 1)
    assert fake.calls[0]["app_key"] == SECRETS["adzuna_app_key"]
    assert "app_key" not in page.params and "app_id" not in page.params
    assert json.loads(page.body)["count"] == 10


def test_refused_credentials(httpserver):
    fake = FakeAdzuna(httpserver, recorded_offers("adzuna", 10))
    with pytest.raises(ApiError, match="credentials refused.*HTTP status 401") as info:
        _client(fake, key="badkey123456").fetch_page({"what": "x"}, 1)
    assert "badkey123456" not in str(info.value)


def test_malformed_json_page(httpserver):
    httpserver.expect_request("/jobs/fr/search/1").respond_with_data(
        '{"count": 3, "results": [{', content_type="application/json"
    )
    client = AdzunaClient("id", "key", base_url=httpserver.url_for("/jobs"), policy=FAST)
    with pytest.raises(
        MalformedResponse, match=r"adzuna: malformed JSON .*page 1, HTTP status 200"
    ):
        client.fetch_page({"what": "data"}, 1)
