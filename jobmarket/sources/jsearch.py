"""Client of JSearch on RapidAPI, searching France (`country=fr`; the API defaults to the US).

The key travels in the `x-rapidapi-key` header, never in the URL. The free plan allows about
200 requests a month, so the live extraction gives this source a small request budget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests

from jobmarket.sources.http import (
    ApiError,
    HttpClient,
    HttpPolicy,
    Page,
    QuotaExceeded,
    query_label,
)

BASE_URL = "https://jsearch.p.rapidapi.com"
HOST = "jsearch.p.rapidapi.com"
PAGE_SIZE = 10


class JSearchClient:
    """Search pages of `GET /search`, one page (10 offers) per request."""

    source = "jsearch"

    def __init__(
        self, api_key: str, *, base_url: str = BASE_URL, host: str = HOST, country: str = "fr",
        policy: HttpPolicy | None = None, session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):  # fmt: skip
        self._headers = {"x-rapidapi-key": api_key, "x-rapidapi-host": host}
        self.base_url, self.country = base_url.rstrip("/"), country
        policy = policy or HttpPolicy(rate_per_second=1)
        self.http = HttpClient(self.source, policy, session=session, secrets=[api_key], sleep=sleep)

    def fetch_page(self, criteria: dict[str, Any], number: int) -> Page:
        """Page `number` (from 1) of a search."""
        params = {**criteria, "page": number, "num_pages": 1, "country": self.country}
        label = query_label(criteria)
        response = self.http.request(
            "GET",
            f"{self.base_url}/search",
            params=params,
            headers=self._headers,
            query=label,
            page=number,
        )
        status = response.status_code
        if status == 403 and "quota" in response.text.lower():
            raise QuotaExceeded(
                self.source, "monthly quota exceeded", query=label, page=number, status=status
            )
        self.http.expect(
            response,
            (200,),
            query=label,
            page=number,
            refused="key refused (check JSEARCH_API_KEY and the RapidAPI subscription)",
        )
        data = self.http.json(response, query=label, page=number)
        if data.get("status") != "OK":
            detail = str(data.get("error") or data.get("message") or data.get("status"))[:200]
            raise ApiError(
                self.source,
                f"search failed: {self.http.redact(detail)}",
                query=label,
                page=number,
                status=status,
            )
        offers = len(data.get("data") or [])
        return Page(number, status, response.content, offers, None, offers < PAGE_SIZE, params)
