"""Local stand-ins of the three APIs for pytest-httpserver, serving recorded (or demo) offers.

They follow each API's published contract: France Travail's token endpoint, `range` paging with
200/206/204 and Content-Range, département and creation-date filters; Adzuna's numbered pages
with `count`; JSearch's `status/data` pages of 10. Faults are added by tests with one-shot
handlers (which pytest-httpserver checks before these permanent ones).
"""

from __future__ import annotations

import json
from secrets import token_hex
from typing import Any

from werkzeug import Request, Response

from jobmarket import config
from jobmarket.sources import demo, recorded

# Fake credentials, new for every test session: nothing secret-looking is stored in the repo, and
# a leak test cannot pass by luck on a value some code happens to know.
SECRETS = {
    "france_travail_client_id": f"PAR_jobmarket_{token_hex(6)}",
    "france_travail_client_secret": f"fake-ft-{token_hex(10)}",
    "adzuna_app_id": f"fake-adz-id-{token_hex(4)}",
    "adzuna_app_key": f"fake-adz-key-{token_hex(12)}",
    "jsearch_api_key": f"fake-js-key-{token_hex(12)}",
}


def settings() -> config.Settings:
    return config.Settings(**SECRETS)


def recorded_offers(source: str, n: int) -> list[dict[str, Any]]:
    """`n` offers of `source` from the shared recordings (ids made unique), or demo ones when absent."""
    base: list[dict[str, Any]] = []
    realdata = config.SHARED_DATA_DIR / "realdata" / source
    if realdata.is_dir():
        seen = set()
        for offer in recorded.iter_recorded(realdata):
            key = offer.record.get(recorded.ID_FIELDS[source])
            if offer.source == source and key not in seen:
                seen.add(key)
                base.append(offer.record)
    if not base:
        base = [
            o.record for o in demo.generate_raw_offers(max(3 * n, 60), seed=1) if o.source == source
        ]
    out = []
    id_field = recorded.ID_FIELDS[source]
    for i in range(n):
        rec = dict(base[i % len(base)])
        rec[id_field] = f"{rec.get(id_field)}-{i}" if i >= len(base) else rec.get(id_field)
        out.append(rec)
    return out


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(
        json.dumps(data, ensure_ascii=False),
        status=status,
        headers=headers,
        content_type="application/json",
    )


class FakeFranceTravail:
    """Token endpoint, search with range/Content-Range and filters, offer lookup."""

    def __init__(self, httpserver, offers: list[dict[str, Any]], expires_in: int = 1499):
        self.server, self.offers, self.expires_in = httpserver, offers, expires_in
        self.tokens: list[str] = []
        self.revoked: set[str] = set()
        self.searches: list[dict[str, str]] = []
        self.withdrawn: set[str] = set()
        httpserver.expect_request("/token", method="POST").respond_with_handler(self._token)
        httpserver.expect_request("/api/v2/offres/search").respond_with_handler(self._search)
        for offer in offers[:5]:
            httpserver.expect_request(f"/api/v2/offres/{offer['id']}").respond_with_handler(
                self._lookup
            )

    def client_kwargs(self) -> dict[str, str]:
        return {"token_url": self.server.url_for("/token"), "api_url": self.server.url_for("/api")}

    def _token(self, request: Request) -> Response:
        form = request.form
        if (
            form.get("client_secret") != SECRETS["france_travail_client_secret"]
            or request.args.get("realm") != "/partenaire"
        ):
            return _json({"error": "invalid_client"}, 401)
        token = f"token-{len(self.tokens) + 1}-xyz"
        self.tokens.append(token)
        return _json(
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": self.expires_in,
                "scope": form.get("scope"),
            }
        )

    def _authorised(self, request: Request) -> bool:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ")
        return token in self.tokens and token not in self.revoked

    def matching(self, args: dict[str, str]) -> list[dict[str, Any]]:
        found = self.offers
        if "departement" in args:
            found = [
                o
                for o in found
                if o["lieuTravail"]["libelle"].split(" - ")[0] == args["departement"]
            ]
        if "minCreationDate" in args:
            low, high = args["minCreationDate"], args["maxCreationDate"]
            found = [o for o in found if low <= o["dateCreation"][:19] + "Z" <= high]
        return found

    def _search(self, request: Request) -> Response:
        if not self._authorised(request):
            return _json({"message": "unauthorized"}, 401)
        args = dict(request.args)
        self.searches.append(args)
        start, end = (int(x) for x in args["range"].split("-"))
        if start > 3000 or end > 3149 or end - start >= 150:
            return _json({"message": "range invalide"}, 400)
        found = self.matching(args)
        if not found:
            return Response(status=204)
        part = found[start : end + 1]
        status = 200 if len(found) <= end + 1 and start == 0 else 206
        headers = {
            "Content-Range": f"offres {start}-{start + len(part) - 1}/{len(found)}",
            "Accept-Range": "offres 150",
        }
        return _json({"resultats": part, "filtresPossibles": []}, status, headers)

    def _lookup(self, request: Request) -> Response:
        if not self._authorised(request):
            return _json({}, 401)
        offer_id = request.path.rsplit("/", 1)[-1]
        if offer_id in self.withdrawn:
            return Response(status=204)
        return _json(next(o for o in self.offers if o["id"] == offer_id))


class FakeAdzuna:
    """`/jobs/fr/search/<page>` with app_id/app_key, `count`, 50 results a page."""

    def __init__(self, httpserver, offers: list[dict[str, Any]]):
        self.server, self.offers, self.calls = httpserver, offers, []
        for page in range(1, 60):
            httpserver.expect_request(f"/jobs/fr/search/{page}").respond_with_handler(self._search)

    def base_url(self) -> str:
        return self.server.url_for("/jobs")

    def _search(self, request: Request) -> Response:
        args = dict(request.args)
        self.calls.append(args)
        if (
            args.get("app_key") != SECRETS["adzuna_app_key"]
            or args.get("app_id") != SECRETS["adzuna_app_id"]
        ):
            return _json({"exception": "AUTH_FAIL"}, 401)
        page, size = int(request.path.rsplit("/", 1)[-1]), int(args.get("results_per_page", 10))
        part = self.offers[(page - 1) * size : page * size]
        return _json(
            {
                "__CLASS__": "Adzuna::API::Response::JobSearchResults",
                "count": len(self.offers),
                "mean": 40000.0,
                "results": part,
            }
        )


class FakeJSearch:
    """`/search` with RapidAPI headers, 10 results a page."""

    def __init__(self, httpserver, offers: list[dict[str, Any]]):
        self.server, self.offers, self.calls = httpserver, offers, []
        httpserver.expect_request("/js/search").respond_with_handler(self._search)

    def base_url(self) -> str:
        return self.server.url_for("/js")

    def _search(self, request: Request) -> Response:
        args = dict(request.args)
        self.calls.append(args)
        if request.headers.get("x-rapidapi-key") != SECRETS["jsearch_api_key"]:
            return _json({"message": "You are not subscribed to this API."}, 403)
        page = int(args.get("page", 1))
        part = self.offers[(page - 1) * 10 : page * 10]
        return _json(
            {"status": "OK", "request_id": f"req-{page}", "parameters": args, "data": part}
        )
