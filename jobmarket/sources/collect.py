"""Paging of live searches into the raw store, with resume, progress and the France Travail split.

A page already in the store for (query, page) is read back instead of fetched, so a rerun of
an interrupted run_id continues where it stopped. A France Travail search over 3,150 offers is
split (by département, then by date windows) until every part can be read whole.
"""

from __future__ import annotations

import json
import logging
import math
from datetime import datetime
from typing import Any

from tqdm.auto import tqdm

from jobmarket.extract import ID_FIELDS, SourceStats
from jobmarket.raw import RawStore
from jobmarket.sources import france_travail as ft
from jobmarket.sources.http import Page, query_label

log = logging.getLogger(__name__)
_OFFER_LISTS = {"france_travail": "resultats", "adzuna": "results", "jsearch": "data"}


class Collector:
    """Pages of a run's searches into the store, with resume, progress and statistics."""

    def __init__(self, client: Any, store: RawStore, stats: SourceStats, max_pages: int):
        self.client, self.store, self.stats, self.max_pages = client, store, stats, max_pages

    def _page(self, criteria: dict[str, Any], number: int, keep: bool = True) -> Page:
        key = query_label(criteria)
        entry = self.store.find(key, number)
        if entry:  # saved by an earlier attempt of this run: not fetched again
            self.stats.resumed += 1
            return Page(
                number,
                entry["status"],
                self.store.read(entry),
                entry["offers"],
                entry.get("total"),
                entry["done"],
                entry["params"],
            )
        page = self.client.fetch_page(criteria, number)
        if keep:
            self.save(criteria, page)
        return page

    def save(self, criteria: dict[str, Any], page: Page) -> None:
        key = query_label(criteria)
        self.store.save(
            page.body, query=key, query_key=key, page=page.number, params=page.params, status=page.status,
            offers=page.offers, extra={"total": page.total, "done": page.done},
        )  # fmt: skip

    def _count(self, page: Page) -> None:
        self.stats.pages += 1
        self.stats.offers += page.offers
        if page.offers:
            records = json.loads(page.body).get(_OFFER_LISTS[self.stats.source]) or []
            self.stats.ids.update(str(r.get(ID_FIELDS[self.stats.source])) for r in records)

    def collect(self, criteria: dict[str, Any], first: Page | None = None) -> None:
        """Every page of one search (up to max_pages), starting from an already fetched first page."""
        label = query_label(criteria)
        with tqdm(desc=f"{self.stats.source} {label}"[:60], unit="page", leave=False) as bar:
            page = first or self._page(criteria, 1)
            while True:
                self._count(page)
                bar.update(1)
                if page.total is not None:
                    bar.total = min(
                        self.max_pages,
                        math.ceil(page.total / max(page.offers, 1)) if page.offers else 1,
                    )
                if page.done:
                    return
                if page.number >= self.max_pages:
                    self.stats.capped += 1
                    log.info(
                        "%s: %s stopped at the page cap (%d pages)",
                        self.stats.source,
                        label,
                        self.max_pages,
                    )
                    return
                page = self._page(criteria, page.number + 1)

    def collect_france_travail(self, criteria: dict[str, Any], now: datetime) -> int:
        """A France Travail search, split until every part holds at most 3,150 offers.

        Returns the offers the search covers. Offers a split cannot reach (e.g. located only as
        "France", so in no département) are counted in `stats.unreachable` and logged.
        """
        key = query_label(criteria)
        saved = self.store.find(key, 1)
        first = self._page(criteria, 1, keep=False) if not saved else self._page(criteria, 1)
        total = first.total or 0
        if total > ft.MAX_READABLE:
            parts = ft.split(criteria, now)
            if parts:
                self.stats.splits += 1
                log.info(
                    "france_travail: %s has %d offers (> %d); split into %d searches",
                    key,
                    total,
                    ft.MAX_READABLE,
                    len(parts),
                )
                covered = sum(self.collect_france_travail(part, now) for part in parts)
                if covered < total:
                    self.stats.unreachable += total - covered
                    log.warning(
                        "france_travail: %d offers of %s are not reachable by the split (no département or date)",
                        total - covered,
                        key,
                    )
                return total
            log.warning(
                "france_travail: %s has %d offers and cannot be split further; reading the first %d",
                key,
                total,
                ft.MAX_READABLE,
            )
            self.stats.unreachable += total - ft.MAX_READABLE
        if not saved:
            self.save(criteria, first)
        self.collect(criteria, first)
        return total
