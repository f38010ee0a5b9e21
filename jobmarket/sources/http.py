"""Shared HTTP layer of the API clients: timeouts, bounded retries, rate limit, budget, redaction.

Every request has an explicit timeout. A 429 waits for its Retry-After (capped); 5xx answers and
connection errors retry with exponential backoff and jitter; both are bounded, then a named
exception says source, query, page and status. Secrets (keys in URLs or headers) are replaced
by "***" in every log line and error message.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import requests

log = logging.getLogger(__name__)
_SECRET_PARAMS = re.compile(
    r"((?:app_key|app_id|client_secret|client_id|access_token|key)=)[^&\s'\"]+", re.I
)


class ApiError(RuntimeError):
    """A request failed for good; says which source, query, page and HTTP status."""

    def __init__(
        self,
        source: str,
        detail: str,
        *,
        query: str = "",
        page: int | None = None,
        status: int | None = None,
    ):
        self.source, self.detail, self.query, self.page, self.status = (
            source,
            detail,
            query,
            page,
            status,
        )
        super().__init__(f"{source}: {detail} (query {query!r}, page {page}, HTTP status {status})")


class QuotaExceeded(ApiError):
    """The API refuses more requests (429 beyond what retrying may fix): stop the source cleanly."""


class BudgetExhausted(QuotaExceeded):
    """This run's own request budget for the source is spent."""


class MalformedResponse(ApiError):
    """The API answered with a body that is not the expected JSON."""


@dataclass
class HttpPolicy:
    """Limits of one source's HTTP traffic (tests shrink the waits)."""

    timeout: tuple[float, float] = (5.0, 30.0)  # connect, read
    max_retries: int = 4
    backoff_base: float = 1.0  # seconds; doubles at each retry, plus up to 100 % jitter
    backoff_cap: float = 30.0
    retry_after_cap: float = 120.0  # a longer Retry-After means a quota, not a burst
    rate_per_second: float | None = None
    budget: int | None = None  # max requests in this run


def redact(text: str, secrets: Iterable[str] = ()) -> str:
    """`text` with every secret value and every key-like query parameter replaced by ***."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return _SECRET_PARAMS.sub(r"\1***", text)


class _RedactFilter(logging.Filter):
    """Redacts key-like query parameters from urllib3's debug lines (it logs full request URLs)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(str(record.msg))
        record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args or ())
        return True


def _guard_urllib3() -> None:
    logger = logging.getLogger("urllib3.connectionpool")
    if not any(isinstance(f, _RedactFilter) for f in logger.filters):
        logger.addFilter(_RedactFilter())


class HttpClient:
    """One source's session with its policy, counters and redaction."""

    def __init__(
        self, source: str, policy: HttpPolicy | None = None, *, session: requests.Session | None = None,
        secrets: Iterable[str] = (), sleep: Callable[[float], None] = time.sleep,
    ):  # fmt: skip
        self.source, self.policy = source, policy or HttpPolicy()
        self.session = session or requests.Session()
        self.secrets = [s for s in secrets if s]
        self._sleep, self._last = sleep, 0.0
        self.requests = self.retries = self.errors = 0
        _guard_urllib3()

    def redact(self, text: str) -> str:
        return redact(text, self.secrets)

    def _wait_rate(self) -> None:
        if self.policy.rate_per_second:
            gap = 1.0 / self.policy.rate_per_second - (time.monotonic() - self._last)
            if gap > 0:
                self._sleep(gap)
        self._last = time.monotonic()

    def _backoff(self, attempt: int) -> float:
        delay = min(self.policy.backoff_cap, self.policy.backoff_base * 2**attempt)
        return delay * (1 + random.random())

    def _retry_after(self, response: requests.Response) -> float | None:
        value = response.headers.get("Retry-After")
        try:
            return max(0.0, float(value)) if value is not None else None
        except ValueError:
            return None  # an HTTP date: treat as a long wait

    def request(
        self, method: str, url: str, *, query: str = "", page: int | None = None, **kwargs: Any
    ) -> requests.Response:
        """Send one request with retries; returns any non-429, non-5xx response for the caller to judge."""
        err = {"query": query, "page": page}
        for attempt in range(self.policy.max_retries + 1):
            if self.policy.budget is not None and self.requests >= self.policy.budget:
                raise BudgetExhausted(
                    self.source, f"request budget of {self.policy.budget} spent", **err
                )
            self._wait_rate()
            self.requests += 1
            try:
                response = self.session.request(method, url, timeout=self.policy.timeout, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                self.errors += 1
                detail = self.redact(f"{type(exc).__name__}: {exc}")
                if attempt == self.policy.max_retries:
                    raise ApiError(
                        self.source, f"no answer after {attempt + 1} attempts: {detail}", **err
                    ) from None
                log.warning("%s: %s; retrying (%s)", self.source, detail, attempt + 1)
                self.retries += 1
                self._sleep(self._backoff(attempt))
                continue
            status = response.status_code
            log.debug(
                "%s %s %s -> %s", self.source, method, self.redact(response.url or url), status
            )
            if status == 429:
                wait = self._retry_after(response)
                if (
                    wait is None
                    or wait > self.policy.retry_after_cap
                    or attempt == self.policy.max_retries
                ):
                    self.errors += 1
                    raise QuotaExceeded(
                        self.source,
                        f"rate limit or quota reached (Retry-After {wait})",
                        status=429,
                        **err,
                    )
                log.warning("%s: 429, waiting %.2f s as Retry-After asks", self.source, wait)
                self.retries += 1
                self._sleep(wait)
                continue
            if status >= 500:
                self.errors += 1
                if attempt == self.policy.max_retries:
                    raise ApiError(
                        self.source,
                        f"server error after {attempt + 1} attempts",
                        status=status,
                        **err,
                    )
                log.warning("%s: HTTP %s; retrying (%s)", self.source, status, attempt + 1)
                self.retries += 1
                self._sleep(self._backoff(attempt))
                continue
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    def expect(
        self,
        response: requests.Response,
        allowed: tuple[int, ...],
        *,
        query: str = "",
        page: int | None = None,
        refused: str = "credentials refused",
    ) -> None:
        """Raise ApiError unless the status is `allowed`; `refused` explains a 401 or 403."""
        status = response.status_code
        if status in allowed:
            return
        detail = refused if status in (401, 403) else "unexpected answer to a search"
        raise ApiError(self.source, detail, query=query, page=page, status=status)

    def json(self, response: requests.Response, *, query: str = "", page: int | None = None) -> Any:
        """The decoded JSON body, or MalformedResponse naming the request."""
        try:
            return response.json()
        except ValueError as exc:
            self.errors += 1
            raise MalformedResponse(
                self.source,
                f"malformed JSON body: {exc}",
                query=query,
                page=page,
                status=response.status_code,
            ) from None


@dataclass(frozen=True)
class Page:
    """One response page of a search, as received, with what paging needs to go on."""

    number: int
    status: int
    body: bytes
    offers: int
    total: int | None  # offers matching the search, when the API says
    done: bool  # no page after this one
    params: dict[str, Any]  # request parameters without secrets


def query_label(criteria: dict[str, Any]) -> str:
    """A stable, readable form of search criteria (also the resume key of its pages)."""
    return "&".join(f"{k}={criteria[k]}" for k in sorted(criteria)) or "(all)"
