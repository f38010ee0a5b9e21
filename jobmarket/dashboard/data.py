"""What the dashboard reads: the memory-mapped search index and offer rows from PostgreSQL by id.

Opening costs only the index's mmap and one engine: no model is fitted and no offer table is
loaded when a visitor opens the page.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from jobmarket import config, runlog
from jobmarket.dashboard import facets
from jobmarket.dashboard import queries as dash_queries
from jobmarket.search.engine import SearchEngine
from jobmarket.warehouse import db, queries


@dataclass
class SearchPage:
    """One page of results: offer rows (with `score`) in rank order, the total and the query time."""

    offers: pd.DataFrame
    total: int
    elapsed_ms: float
    page: int


class DashboardData:
    """Search, offer reads and aggregates for one visitor's kernel."""

    def __init__(self, engine: Engine, search_engine: SearchEngine) -> None:
        self.engine = engine
        self.search_engine = search_engine

    @classmethod
    def open(cls, database_url: str | None = None, index_dir: Path | None = None) -> DashboardData:
        """Connect to the warehouse and memory-map the index saved by the pipeline."""
        directory = Path(index_dir or config.INDEX_DIR)
        if not directory.exists():
            raise FileNotFoundError(
                f"No search index in {directory}: run `make pipeline` (or build the index) first."
            )
        return cls(db.get_engine(database_url), SearchEngine.from_directory(directory))

    def offers(self, ids: list[int], scores: list[float] | None = None) -> pd.DataFrame:
        """Offer rows in the order of `ids`, with their `score` when given."""
        if not ids:
            return pd.DataFrame(columns=["offer_id", "score"])
        rows = queries.offers_by_ids(self.engine, ids)
        if scores is not None:
            by_id = dict(zip(ids, scores, strict=True))
            rows = rows.assign(score=rows["offer_id"].map(by_id))
        return rows

    def search(self, query: str, filters, page: int, page_size: int) -> SearchPage:
        """One page of ranked offers for `query` under `filters`, timed end to end."""
        start = time.perf_counter()
        hits = self.search_engine.search(query, k=page_size, filters=filters, page=page)
        ids = [int(i) for i in hits["offer_id"]]
        offers = self.offers(ids, [float(s) for s in hits["score"]])
        elapsed = (time.perf_counter() - start) * 1000
        return SearchPage(offers, int(hits.attrs.get("total", len(hits))), elapsed, page)

    def offer(self, offer_id: int) -> dict | None:
        """One offer's row as a dict, None when it is not in the warehouse."""
        rows = self.offers([offer_id])
        return None if rows.empty else rows.iloc[0].to_dict()

    def similar(self, offer_id: int, k: int) -> pd.DataFrame:
        """The `k` offers closest to `offer_id`, with their `score`."""
        hits = self.search_engine.similar(offer_id, k=k)
        return self.offers([int(i) for i in hits["offer_id"]], [float(s) for s in hits["score"]])

    def facets(self) -> dict[str, pd.DataFrame]:
        """Values present in the data for the filter widgets."""
        return facets.facets(self.search_engine.index, self.engine)

    def companies(self, pattern: str = "", limit: int = 200) -> pd.DataFrame:
        """Companies with their active-offer counts."""
        return dash_queries.companies(self.engine, pattern, limit)

    def company_offers(self, company_id: int, limit: int = 100) -> pd.DataFrame:
        """A company's active offers, newest first."""
        return self.offers(dash_queries.company_offer_ids(self.engine, company_id, limit))

    def market(self, filters) -> dict[str, pd.DataFrame]:
        """Aggregates behind the market charts, under `filters`."""
        return dash_queries.market(self.engine, filters)

    def demo_sources(self) -> list[str]:
        """Sources the last loaded run generated (demo mode), from that run's extract record."""
        run_id = dash_queries.last_load_run_id(self.engine)
        extract = runlog.read_steps(run_id).get("extract", {}) if run_id else {}
        modes = extract.get("modes") or {}
        if not modes and extract.get("mode") == "demo":
            return list(config.SOURCES)
        return [source for source, mode in modes.items() if mode == "demo"]
