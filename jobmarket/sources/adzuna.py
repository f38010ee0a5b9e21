"""Client of Adzuna's job search API (France by default).

Adzuna authenticates with `app_id` and `app_key` in the query string: they are added to each
request here and never stored in a Page's params; the HTTP layer redacts them from logs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import requests

from jobmarket.sources.http import HttpClient, HttpPolicy, Page, query_label

BASE_URL = "https://api.adzuna.com/v1/api/jobs"
PAGE_SIZE = 50


class AdzunaClient:
    """Search pages of `GET /v1/api/jobs/{country}/search/{page}`."""

    source = "adzuna"

    def __init__(
        self, app_id: str, app_key: str, *, base_url: str = BASE_URL, country: str = "fr",
        policy: HttpPolicy | None = None, session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ):  # fmt: skip
        self._auth = {"app_id": app_id, "app_key": app_key}
        self.base_url, self.country = base_url.rstrip("/"), country
        policy = policy or HttpPolicy(rate_per_second=25 / 60)
        self.http = HttpClient(
            self.source, policy, session=session, secrets=[app_id, app_key], sleep=sleep
        )

    def fetch_page(self, criteria: dict[str, Any], number: int) -> Page:
        """Page `number` (from 1) of a search sorted by date, 50 offers a page."""
        params = {"results_per_page": PAGE_SIZE, "sort_by": "date", **criteria}
        label = query_label(criteria)
        url = f"{self.base_url}/{self.country}/search/{number}"
        response = self.http.request(
            "GET", url, params={**self._auth, **params}, query=label, page=number
        )
        self.http.expect(
            response,
            (200,),
            query=label,
            page=number,
            refused="credentials refused (check ADZUNA_APP_ID and ADZUNA_APP_KEY)",
        )
        data = self.http.json(response, query=label, page=number)
        offers = len(data.get("results") or [])
        total = data.get("count")
        done = offers < PAGE_SIZE or (isinstance(total, int) and number * PAGE_SIZE >= total)
        return Page(number, 200, response.content, offers, total, done, params)
