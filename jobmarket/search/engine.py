"""Search and recommendation over a `SearchIndex`: filtered, paginated top-k by sparse products.

A query touches only the CSC columns of its own terms: their postings are accumulated into
scores, the filters are applied to those candidate rows only, and `np.argpartition` picks
the best without sorting every match. `similar()` does the same with an offer's strongest
terms. The index reference is swapped in one assignment, so `reload()` is safe while
other threads search: each search keeps the index it started with.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pandas as pd

from jobmarket.search import columns, topk, vectorize
from jobmarket.search.index import SearchIndex, open_index

MAX_QUERY_CHARS = 2_000  # longer queries are cut: more text only adds common terms


@dataclass(frozen=True)
class SearchFilters:
    """Restrictions of a search; empty tuples and None mean "no restriction"."""

    departements: tuple[str, ...] = ()
    communes: tuple[str, ...] = ()
    contract_types: tuple[str, ...] = ()
    min_salary: float | None = None
    sources: tuple[str, ...] = ()
    remote: tuple[str, ...] = ()
    posted_since: datetime | date | None = None
    include_inactive: bool = False


class SearchEngine:
    """Ranks the offers of an index for a free-text query or for a given offer."""

    def __init__(self, index: SearchIndex, directory: Path | str | None = None):
        self._index = index
        self._directory = Path(directory) if directory else None

    @classmethod
    def from_directory(cls, directory: Path | str) -> SearchEngine:
        """An engine on the index saved in `directory` (reopened there by `reload()`)."""
        return cls(open_index(directory), directory)

    @property
    def index(self) -> SearchIndex:
        return self._index

    def reload(self, index: SearchIndex | None = None) -> SearchIndex:
        """Swap in `index`, or the current version of this engine's directory."""
        if index is None:
            if self._directory is None:
                raise ValueError(
                    "reload() without an index needs an engine made by from_directory()"
                )
            index = open_index(self._directory)
        self._index = index
        return index

    def search(
        self,
        query: str,
        k: int = 20,
        filters: SearchFilters | None = None,
        page: int = 0,
        min_score: float = 0.0,
    ) -> pd.DataFrame:
        """Offers best matching `query`, page `page` of `k`, best first.

        An empty query (or one of stop words only) lists the offers passing the filters,
        newest first, with score 0. A query of unknown words matches nothing.
        """
        started = time.perf_counter()
        index = self._index
        terms = vectorize.query_terms(str(query or "")[:MAX_QUERY_CHARS])
        if not terms:
            return self._browse(index, k, filters or SearchFilters(), page, started)
        # Each distinct term once, weighted by its idf: repeating a word does not favour it.
        cols = index.term_columns(sorted(set(terms)))
        weights = np.asarray(index.idf[cols], dtype=np.float32)
        return self._rank(
            index, cols, _unit(weights), k, filters or SearchFilters(), page, min_score, started
        )

    def similar(
        self, offer_id: int, k: int = 10, filters: SearchFilters | None = None
    ) -> pd.DataFrame:
        """Offers closest to `offer_id` (itself excluded) using its strongest terms."""
        started = time.perf_counter()
        index = self._index
        row = index.row_of(int(offer_id))
        if row is None:
            return _frame(index, np.zeros(0, np.int64), np.zeros(0, np.float32), 0, started)
        lo, hi = int(index.csr_indptr[row]), int(index.csr_indptr[row + 1])
        cols, values = np.asarray(index.csr_indices[lo:hi]), np.asarray(index.csr_data[lo:hi])
        strongest = topk.within_budget(index, cols, np.argsort(-values, kind="stable"))
        return self._rank(
            index,
            cols[strongest].astype(np.int64),
            _unit(values[strongest]),
            k,
            filters or SearchFilters(),
            0,
            0.0,
            started,
            exclude=row,
        )

    def _rank(self, index, cols, weights, k, filters, page, min_score, started, exclude=None):
        rows, scores = topk.accumulate(index, cols, weights)
        keep = (scores > 0) & (scores >= min_score)
        if exclude is not None:
            keep &= rows != exclude
        rows, scores = rows[keep], scores[keep]
        if rows.size:
            passing = columns.candidate_mask(index.arrays, rows, filters)
            rows, scores = rows[passing], scores[passing]
        return _frame(index, *topk.page(rows, scores, k, page), rows.size, started)

    def _browse(self, index, k, filters, page, started):
        rows = np.arange(index.n_offers, dtype=np.int64)
        rows = rows[columns.candidate_mask(index.arrays, rows, filters)]
        recency = np.asarray(index.created_ns[rows]).astype(np.float64)
        top, _ = topk.page(rows, recency, k, page)
        return _frame(index, top, np.zeros(top.size, np.float32), rows.size, started)


def _frame(index, rows, scores, total, started) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "offer_id": np.asarray(index.offer_ids[rows], dtype=np.int64),
            "score": np.asarray(scores, dtype=np.float64),
        }
    )
    frame.attrs["total"] = int(total)
    frame.attrs["elapsed_ms"] = (time.perf_counter() - started) * 1000.0
    return frame


def _unit(weights: np.ndarray) -> np.ndarray:
    norm = float(np.sqrt(np.sum(np.square(weights, dtype=np.float64))))
    return (weights / norm).astype(np.float32) if norm > 0 else weights.astype(np.float32)
