"""Top-k scoring over the CSC postings of an index: accumulate, bound, paginate.

Only the postings of the query's own terms are read. Few postings are summed by sorting
their rows; many (common terms) are added into a dense score array. `np.argpartition`
then picks one page's worth of the best rows without sorting every candidate.
"""

from __future__ import annotations

import numpy as np

from jobmarket.search.index import SearchIndex

SIMILAR_TERMS = 24  # strongest terms of an offer used to find similar ones
# Postings similar() may read: common terms beyond it are skipped, which bounds its latency
# at any corpus size (they weigh little: the idf in an offer's weights is low for them).
SIMILAR_POSTINGS_BUDGET = 150_000


def within_budget(index: SearchIndex, cols: np.ndarray, order: np.ndarray) -> np.ndarray:
    """Positions in `order` (strongest first) of at most SIMILAR_TERMS terms within the budget."""
    chosen, spent = [], 0
    for position in order:
        c = int(cols[position])
        postings = int(index.csc_indptr[c + 1]) - int(index.csc_indptr[c])
        if chosen and spent + postings > SIMILAR_POSTINGS_BUDGET:
            continue
        chosen.append(position)
        spent += postings
        if len(chosen) == SIMILAR_TERMS:
            break
    return np.array(chosen, dtype=np.int64)


def accumulate(index: SearchIndex, cols: np.ndarray, weights: np.ndarray):
    """Candidate rows and their scores: the weighted sum of the query columns' postings."""
    if cols.size == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    starts = np.asarray(index.csc_indptr[cols], dtype=np.int64).tolist()
    ends = np.asarray(index.csc_indptr[cols + 1], dtype=np.int64).tolist()
    indices, data = index.csc_indices, index.csc_data
    if sum(ends) - sum(starts) > index.n_offers // 16:
        # Common terms: add each column into a dense score array (rows are unique within a
        # column, so fancy-index += is exact), cheaper than sorting the postings.
        dense = np.zeros(index.n_offers, dtype=np.float32)
        for lo, hi, w in zip(starts, ends, weights.tolist(), strict=True):
            dense[indices[lo:hi]] += data[lo:hi] * np.float32(w)
        hit = np.flatnonzero(dense)
        return hit, dense[hit]
    rows = np.concatenate([indices[lo:hi] for lo, hi in zip(starts, ends, strict=True)])
    values = np.concatenate(
        [
            data[lo:hi] * np.float32(w)
            for lo, hi, w in zip(starts, ends, weights.tolist(), strict=True)
        ]
    )
    if len(starts) == 1:
        return rows.astype(np.int64), values
    unique, inverse = np.unique(rows, return_inverse=True)
    return unique.astype(np.int64), np.bincount(inverse, weights=values).astype(np.float32)


def page(rows: np.ndarray, scores: np.ndarray, k: int, page: int):
    """Rows and scores of page `page` (of `k`), best first, ties by row order."""
    k, page = max(int(k), 0), max(int(page), 0)
    end = min((page + 1) * k, rows.size)
    if end <= page * k:
        return rows[:0], scores[:0]
    if end < rows.size:
        part = np.argpartition(-scores, end - 1)[:end]
        rows, scores = rows[part], scores[part]
    order = np.lexsort((rows, -scores))[page * k : end]
    return rows[order], scores[order]
