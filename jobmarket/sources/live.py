"""Live extraction of one source into the raw store: searches, clients, incremental state.

Pages already saved for this run are read back instead of fetched (resume). By default a source
fetches only what was published since its last successful run (`<raw_root>/<source>/state.json`);
`full_refresh` drops that filter. A quota or budget stop keeps what was fetched and is reported.
"""

from __future__ import annotations

import json
import logging
import math
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from jobmarket import config
from jobmarket.extract import SourceStats
from jobmarket.raw import RawStore
from jobmarket.sources import france_travail as ft
from jobmarket.sources.adzuna import AdzunaClient
from jobmarket.sources.collect import Collector
from jobmarket.sources.france_travail import FranceTravailClient
from jobmarket.sources.http import ApiError, QuotaExceeded
from jobmarket.sources.jsearch import JSearchClient

log = logging.getLogger(__name__)
STATE_FILE = "state.json"
DEFAULT_BUDGET = {"jsearch": 20}  # JSearch's free plan: about 200 requests a month


def read_state(raw_root: Path, source: str) -> dict[str, Any]:
    path = Path(raw_root) / source / STATE_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_state(raw_root: Path, source: str, state: dict[str, Any]) -> None:
    path = Path(raw_root) / source / STATE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(state, indent=2), encoding="utf-8")


def make_client(source: str, settings: config.Settings, budget: int | None = None) -> Any:
    """The client of `source` with the settings' credentials and the run's request budget."""
    client = {
        "france_travail": lambda: FranceTravailClient(
            settings.france_travail_client_id, settings.france_travail_client_secret
        ),
        "adzuna": lambda: AdzunaClient(settings.adzuna_app_id, settings.adzuna_app_key),
        "jsearch": lambda: JSearchClient(settings.jsearch_api_key),
    }[source]()
    client.http.policy.budget = budget if budget is not None else DEFAULT_BUDGET.get(source)
    return client


def searches(
    source: str, query: dict[str, Any], since: datetime | None, now: datetime
) -> list[dict[str, Any]]:
    """The API criteria of a run: one search per département (or one for France)."""
    keywords, deps = query.get("keywords") or "", query.get("departements") or [None]
    out = []
    for dep in deps:
        if source == "france_travail":
            crit = {"motsCles": keywords} if keywords else {}
            crit |= {"codeROME": ",".join(query["rome_codes"])} if query.get("rome_codes") else {}
            crit |= {"departement": dep} if dep else {}
            if since:
                crit |= {
                    "minCreationDate": ft.format_date(since),
                    "maxCreationDate": ft.format_date(now),
                }
        elif source == "adzuna":
            crit = {"what": keywords} if keywords else {}
            crit |= {"where": dep} if dep else {}
            if since:
                crit["max_days_old"] = max(1, math.ceil((now - since) / timedelta(days=1)))
        else:
            place = f"{dep}, France" if dep else "France"
            crit = {"query": f"{keywords} in {place}" if keywords else f"emploi in {place}"}
            days = (now - since) / timedelta(days=1) if since else None
            crit["date_posted"] = "all" if days is None else next(
                (name for limit, name in ((1, "today"), (3, "3days"), (7, "week"), (31, "month")) if days <= limit), "all"
            )  # fmt: skip
        out.append(crit)
    return out


def extract_live(
    source: str, run_id: str, settings: config.Settings, query: dict[str, Any], full_refresh: bool,
    raw_root: Path, *, client: Any = None, now: datetime | None = None,
) -> SourceStats:  # fmt: skip
    """Fetch one source's searches into the raw store; a quota or error stops only this source."""
    stats, start = SourceStats(source, "live"), time.perf_counter()
    now = now or datetime.now(UTC)
    client = client or make_client(source, settings, query.get("request_budget"))
    store = RawStore(raw_root, source, run_id, secrets=settings.secrets() + client.http.secrets)
    state = read_state(raw_root, source)
    last = state.get("last_success")
    since = (
        None
        if full_refresh
        else (
            datetime.fromisoformat(last)
            if last
            else now - timedelta(days=query.get("first_days", 7))
        )
    )
    collector = Collector(client, store, stats, int(query.get("max_pages") or 20))
    try:
        for criteria in searches(source, query, since, now):
            if source == "france_travail":
                collector.collect_france_travail(criteria, now)
            else:
                collector.collect(criteria)
    except QuotaExceeded as exc:
        stats.stopped = f"quota: {exc}"
        log.warning("%s stopped cleanly, pages fetched so far are kept: %s", source, exc)
    except ApiError as exc:
        stats.stopped = f"error: {exc}"
        log.error("%s stopped on an error, pages fetched so far are kept: %s", source, exc)
    else:
        write_state(raw_root, source, {"last_success": now.isoformat(), "run_id": run_id})
    stats.requests, stats.retries, stats.errors = (
        client.http.requests,
        client.http.retries,
        client.http.errors,
    )
    stats.seconds = round(time.perf_counter() - start, 3)
    return stats


def refresh_referentials(
    settings: config.Settings, names: tuple[str, ...] = ("appellations", "communes"),
    dest_dir: Path | None = None, client: FranceTravailClient | None = None,
) -> list[Path]:  # fmt: skip
    """Download France Travail referentials into `ressources/france_travail_<name>.json`."""
    client = client or make_client("france_travail", settings)
    dest = Path(dest_dir or config.RESSOURCES_DIR)
    dest.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = dest / f"france_travail_{name}.json"
        path.write_text(
            json.dumps(client.referential(name), ensure_ascii=False, indent=1), encoding="utf-8"
        )
        log.info("france_travail: referential %s saved to %s", name, path)
        paths.append(path)
    return paths
