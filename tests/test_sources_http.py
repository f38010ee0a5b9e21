"""Tests of the shared HTTP layer against a real local HTTP server."""

from __future__ import annotations

import logging
import time

import pytest
from werkzeug import Response

from jobmarket.sources.http import (
    ApiError,
    BudgetExhausted,
    HttpClient,
    HttpPolicy,
    MalformedResponse,
    QuotaExceeded,
    query_label,
    redact,
)

FAST = dict(
    backoff_base=0.001, backoff_cap=0.01, retry_after_cap=1.0, max_retries=3, timeout=(1.0, 1.0)
)


class Sleeps(list):
    """Records the waits and really waits (they are tiny)."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)
        time.sleep(min(seconds, 0.05))


def _client(**policy) -> tuple[HttpClient, Sleeps]:
    sleeps = Sleeps()
    return HttpClient(
        "adzuna", HttpPolicy(**{**FAST, **policy}), secrets=["topsecretkey"], sleep=sleeps
    ), sleeps


def test_429_honours_retry_after_then_succeeds(httpserver):
    httpserver.expect_oneshot_request("/r").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "0.2"}
    )
    httpserver.expect_request("/r").respond_with_json({"ok": True})
    client, sleeps = _client()
    response = client.request("GET", httpserver.url_for("/r"), query="q", page=1)
    assert response.json() == {"ok": True}
    assert sleeps == [0.2]
    assert (client.requests, client.retries) == (2, 1)


@pytest.mark.parametrize("headers", [{}, {"Retry-After": "86400"}])
def test_429_without_usable_retry_after_is_a_quota(httpserver, headers):
    httpserver.expect_request("/r").respond_with_data("quota", status=429, headers=headers)
    client, sleeps = _client()
    with pytest.raises(
        QuotaExceeded,
        match=r"adzuna: rate limit or quota reached .*query 'what=data', page 3, HTTP status 429",
    ):
        client.request("GET", httpserver.url_for("/r"), query="what=data", page=3)
    assert client.requests == 1 and sleeps == []


def test_429_forever_is_bounded(httpserver):
    httpserver.expect_request("/r").respond_with_data("", status=429, headers={"Retry-After": "0"})
    client, _ = _client(max_retries=2)
    with pytest.raises(QuotaExceeded):
        client.request("GET", httpserver.url_for("/r"))
    assert client.requests == 3


def test_500_then_success_with_backoff(httpserver):
    httpserver.expect_oneshot_request("/r").respond_with_data("boom", status=500)
    httpserver.expect_oneshot_request("/r").respond_with_data("boom", status=503)
    httpserver.expect_request("/r").respond_with_json({"ok": 1})
    client, sleeps = _client(backoff_base=0.01, backoff_cap=1.0)
    assert client.request("GET", httpserver.url_for("/r")).json() == {"ok": 1}
    assert client.retries == 2 and client.errors == 2
    assert 0.01 <= sleeps[0] <= 0.02 and 0.02 <= sleeps[1] <= 0.04  # doubling, with jitter


def test_500_forever_raises_a_named_error(httpserver):
    httpserver.expect_request("/r").respond_with_data("boom", status=502)
    client, _ = _client(max_retries=2)
    with pytest.raises(
        ApiError,
        match=r"adzuna: server error after 3 attempts \(query 'q', page 7, HTTP status 502\)",
    ):
        client.request("GET", httpserver.url_for("/r"), query="q", page=7)
    assert client.requests == 3


def test_timeout_is_retried_then_named(httpserver):
    def slow(request):
        time.sleep(0.5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    client, _ = _client(timeout=(1.0, 0.1), max_retries=1)
    with pytest.raises(ApiError, match=r"no answer after 2 attempts: ReadTimeout") as info:
        client.request(
            "GET",
            httpserver.url_for("/slow"),
            params={"app_key": "topsecretkey"},
            query="q",
            page=2,
        )
    assert info.value.page == 2 and info.value.status is None
    assert "topsecretkey" not in str(info.value)


def test_connection_error_message_hides_the_key(unused_port):
    client, _ = _client(max_retries=1)
    url = f"http://127.0.0.1:{unused_port}/jobs/fr/search/1"
    with pytest.raises(ApiError) as info:
        client.request(
            "GET", url, params={"app_id": "someid", "app_key": "topsecretkey", "what": "data"}
        )
    text = str(info.value)
    assert "ConnectionError" in text and "topsecretkey" not in text and "someid" not in text
    assert info.value.__cause__ is None and info.value.__suppress_context__


def test_malformed_json(httpserver):
    httpserver.expect_request("/r").respond_with_data(
        '{"results": [', content_type="application/json"
    )
    client, _ = _client()
    response = client.request("GET", httpserver.url_for("/r"))
    with pytest.raises(
        MalformedResponse, match=r"malformed JSON body.*query 'q', page 4, HTTP status 200"
    ):
        client.json(response, query="q", page=4)


def test_request_budget(httpserver):
    httpserver.expect_request("/r").respond_with_json({})
    client, _ = _client(budget=2)
    client.request("GET", httpserver.url_for("/r"))
    client.request("GET", httpserver.url_for("/r"))
    with pytest.raises(BudgetExhausted, match="request budget of 2 spent"):
        client.request("GET", httpserver.url_for("/r"), query="q", page=3)
    assert len(httpserver.log) == 2


def test_rate_limit_spaces_requests(httpserver):
    httpserver.expect_request("/r").respond_with_json({})
    client, sleeps = _client(rate_per_second=20)
    for _ in range(4):
        client.request("GET", httpserver.url_for("/r"))
    assert len(sleeps) == 3 and all(0 < s <= 0.05 for s in sleeps)


def test_logs_are_redacted(httpserver, caplog):
    httpserver.expect_oneshot_request("/r").respond_with_data("", status=500)
    httpserver.expect_request("/r").respond_with_json({})
    client, _ = _client()
    with caplog.at_level(logging.DEBUG):
        client.request(
            "GET", httpserver.url_for("/r"), params={"app_key": "topsecretkey", "what": "x"}
        )
    ours = [r.getMessage() for r in caplog.records if r.name.startswith(("jobmarket", "urllib3"))]
    assert any("app_key=***" in m for m in ours)
    assert any(r.name.startswith("urllib3") for r in caplog.records)  # urllib3 logs URLs at DEBUG
    assert not any("topsecretkey" in m for m in ours)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://a/b?app_id=12&app_key=abc&what=x", "https://a/b?app_id=***&app_key=***&what=x"),
        ("Bearer mytoken123 and again mytoken123", "Bearer *** and again ***"),
        ("client_secret=s3cr3t", "client_secret=***"),
    ],
)
def test_redact(text, expected):
    assert redact(text, ["mytoken123"]) == expected


def test_query_label_is_stable():
    assert query_label({"what": "data", "max_days_old": 3}) == "max_days_old=3&what=data"
    assert query_label({}) == "(all)"


@pytest.fixture
def unused_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
