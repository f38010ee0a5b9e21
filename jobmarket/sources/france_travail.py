"""Client of France Travail's "Offres d'emploi v2" API (OAuth2 client credentials).

The token is cached and renewed a minute before it expires, and once more on a 401. Search
pages use `range=p-d` (150 offers at most, p <= 3000, d <= 3149) and answer 200 (all returned),
206 (more remain, total in `Content-Range: offres p-d/total`) or 204 (no result). A search with
more than 3,150 offers cannot be read whole: `split` cuts it by département, then by halves of
the creation-date window, until every part fits.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from jobmarket.sources.http import ApiError, HttpClient, HttpPolicy, Page, query_label

log = logging.getLogger(__name__)

TOKEN_URL = "https://entreprise.francetravail.fr/connexion/oauth2/access_token"
API_URL = "https://api.francetravail.io/partenaire/offresdemploi"
SCOPE = "api_offresdemploiv2 o2dsoffre"
PAGE_SIZE, MAX_START, MAX_READABLE = 150, 3000, 3150
DATE_FORMAT = "%Y-%m-%dT%H:%M:%SZ"
DEPARTEMENTS = tuple(
    [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
)
_CONTENT_RANGE = re.compile(r"(\d+)-(\d+)/(\d+)")
# The oldest offers the API still serves; the date split starts from this window when none is set.
OLDEST = timedelta(days=400)


def parse_content_range(value: str | None) -> int | None:
    """Total of a `Content-Range: offres 0-149/3420` header (None when absent or unreadable)."""
    match = _CONTENT_RANGE.search(value or "")
    return int(match.group(3)) if match else None


class FranceTravailClient:
    """Search, expiry check and referentials of the Offres d'emploi v2 API."""

    source = "france_travail"

    def __init__(
        self, client_id: str, client_secret: str, *, token_url: str = TOKEN_URL, api_url: str = API_URL,
        scope: str = SCOPE, policy: HttpPolicy | None = None, session: requests.Session | None = None,
        sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time,
        renew_margin: float = 60.0,
    ):  # fmt: skip
        self._id, self._secret = client_id, client_secret
        self.token_url, self.api_url, self.scope = token_url, api_url.rstrip("/"), scope
        policy = policy or HttpPolicy(rate_per_second=10)
        self.http = HttpClient(
            self.source, policy, session=session, secrets=[client_id, client_secret], sleep=sleep
        )
        self._clock, self._margin = clock, renew_margin
        self._token: str | None = None
        self._expires_at = 0.0
        self.tokens_fetched = 0

    def _fetch_token(self) -> None:
        data = {
            "grant_type": "client_credentials",
            "client_id": self._id,
            "client_secret": self._secret,
            "scope": self.scope,
        }
        response = self.http.request(
            "POST", self.token_url, params={"realm": "/partenaire"}, data=data, query="token"
        )
        if response.status_code != 200:
            raise ApiError(
                self.source,
                "access token refused (check the client id and secret)",
                query="token",
                status=response.status_code,
            )
        body = self.http.json(response, query="token")
        self._token = body["access_token"]
        self.http.secrets.append(self._token)  # the bearer token is a secret too
        self._expires_at = self._clock() + float(body.get("expires_in", 1499))
        self.tokens_fetched += 1

    def _headers(self) -> dict[str, str]:
        if self._token is None or self._clock() >= self._expires_at - self._margin:
            self._fetch_token()
        return {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}

    def _get(
        self, path: str, params: dict[str, Any], query: str, page: int | None
    ) -> requests.Response:
        url = f"{self.api_url}{path}"
        response = self.http.request(
            "GET", url, params=params, headers=self._headers(), query=query, page=page
        )
        if response.status_code == 401:  # token revoked or expired early: renew once
            self._token = None
            response = self.http.request(
                "GET", url, params=params, headers=self._headers(), query=query, page=page
            )
            if response.status_code == 401:
                raise ApiError(
                    self.source,
                    "unauthorised even with a new token",
                    query=query,
                    page=page,
                    status=401,
                )
        return response

    def fetch_page(self, criteria: dict[str, Any], number: int) -> Page:
        """Page `number` (from 1) of a search; raises ApiError on an unexpected status."""
        start = (number - 1) * PAGE_SIZE
        if start > MAX_START:
            raise ValueError(
                f"France Travail serves at most {MAX_READABLE} offers per search (page {number})"
            )
        params = {**criteria, "range": f"{start}-{min(start + PAGE_SIZE - 1, MAX_READABLE - 1)}"}
        label = query_label(criteria)
        response = self._get("/v2/offres/search", params, label, number)
        if response.status_code == 204:
            return Page(number, 204, response.content, 0, 0, True, params)
        self.http.expect(response, (200, 206), query=label, page=number)
        offers = len(self.http.json(response, query=label, page=number).get("resultats") or [])
        total = parse_content_range(response.headers.get("Content-Range"))
        end = start + PAGE_SIZE
        done = response.status_code == 200 or total is None or end >= total or end > MAX_START
        return Page(number, response.status_code, response.content, offers, total, done, params)

    def is_active(self, offer_id: str) -> bool:
        """Whether an offer is still published (the API answers 204 once it is withdrawn)."""
        response = self._get(f"/v2/offres/{offer_id}", {}, f"offre {offer_id}", None)
        if response.status_code == 200:
            return True
        if response.status_code in (204, 404):
            return False
        raise ApiError(
            self.source,
            "unexpected answer to an offer lookup",
            query=offer_id,
            status=response.status_code,
        )

    def referential(self, name: str) -> list[dict[str, Any]]:
        """A referential such as "appellations" or "communes", as the API gives it."""
        response = self._get(f"/v2/referentiel/{name}", {}, f"referentiel {name}", None)
        if response.status_code != 200:
            raise ApiError(
                self.source, "referential unavailable", query=name, status=response.status_code
            )
        return self.http.json(response, query=name)


def split(criteria: dict[str, Any], now: datetime | None = None) -> list[dict[str, Any]]:
    """Smaller searches that together cover `criteria` (empty when it cannot be cut further).

    First by département (when neither département nor commune is set), then into two halves
    of the creation-date window, down to one hour.
    """
    if "departement" not in criteria and "commune" not in criteria:
        return [{**criteria, "departement": dep} for dep in DEPARTEMENTS]
    now = now or datetime.now(UTC)
    low = parse_date(criteria.get("minCreationDate")) or now - OLDEST
    high = parse_date(criteria.get("maxCreationDate")) or now
    if high - low <= timedelta(hours=1):
        return []
    mid = low + (high - low) / 2
    return [
        {**criteria, "minCreationDate": format_date(low), "maxCreationDate": format_date(mid)},
        {
            **criteria,
            "minCreationDate": format_date(mid + timedelta(seconds=1)),
            "maxCreationDate": format_date(high),
        },
    ]


def parse_date(value: str | None) -> datetime | None:
    return datetime.strptime(value, DATE_FORMAT).replace(tzinfo=UTC) if value else None


def format_date(value: datetime) -> str:
    return value.astimezone(UTC).strftime(DATE_FORMAT)
