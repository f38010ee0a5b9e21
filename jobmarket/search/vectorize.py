"""Offers to a weighted TF-IDF matrix: one block per field, each normalised on its own.

Each field (title, skills, location, company, description) is counted separately with
sublinear tf (1 + log tf), weighted by a global idf, L2-normalised within the field and
then weighted: a 500-character Adzuna snippet and a 5,000-character France Travail
description weigh the same once normalised, so a short description does not sink an
offer. Titles also index adjacent-stem pairs ("data analyst") and word prefixes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from tqdm.auto import tqdm

from jobmarket.search import counting, text

# Weights of each field in an offer's vector (chosen once for every query, not per query).
FIELD_WEIGHTS: Mapping[str, float] = {
    "title": 1.0,
    "title_prefixes": 0.3,
    "skills": 0.35,
    "location": 0.25,
    "company": 0.1,
    "description": 1.0,
}
BIGRAM_FIELDS = frozenset({"title"})
ROW_BLOCK = 100_000  # rows normalised at a time


def unigrams_and_bigrams(value: str) -> list[str]:
    """Analyzer of short fields and queries: stems plus adjacent stem pairs."""
    stems = text.terms(value)
    return stems + text.bigrams(stems)


def field_analyzer(field: str) -> Callable[[str], list[str]] | None:
    """The analyzer of one field (None: stems counted the fast way, see `_count`)."""
    if field == "title_prefixes":
        return text.prefixes
    return unigrams_and_bigrams if field in BIGRAM_FIELDS else None


def query_terms(query: str) -> list[str]:
    """Every term a query can match: stems, stem pairs and word prefixes."""
    return unigrams_and_bigrams(query) + text.prefixes(query)


def field_texts(offers: pd.DataFrame) -> dict[str, pd.Series]:
    """The text of each indexed field, as strings (missing values become "")."""
    empty = pd.Series("", index=offers.index)

    def column(name: str) -> pd.Series:
        # No astype(str): it would copy every description; non-strings are folded as str.
        return offers[name].fillna("") if name in offers else empty

    skills = offers["skills"] if "skills" in offers else empty
    return {
        "title": column("title"),
        "title_prefixes": column("title"),
        "skills": skills.map(_join_skills),
        "location": column("location_label"),
        "company": column("company"),
        "description": column("description"),
    }


def _join_skills(value) -> str:
    if value is None or isinstance(value, float):
        return ""
    if isinstance(value, str):
        return value
    return " ; ".join(str(v) for v in value)


def weighted_matrix(fields: Mapping[str, pd.Series], weights: Mapping[str, float] | None = None):
    """Combine the fields into one L2-normalised CSR matrix over a sorted vocabulary.

    Returns:
        (matrix as float32 CSR of shape offers x terms, terms as a sorted numpy str array,
        idf as float32 array aligned with the terms).
    """
    weights = FIELD_WEIGHTS if weights is None else weights
    n = len(next(iter(fields.values())))
    counted = {}
    for name in tqdm(list(weights), desc="index fields", leave=False):
        counted[name] = counting.count_terms(fields[name], field_analyzer(name))
    vocabulary = np.unique(np.concatenate([names for _, names in counted.values()]))
    vocabulary = vocabulary[vocabulary != ""]
    blocks = {}
    for name, (counts, names) in counted.items():
        if counts is None:
            continue
        column = np.searchsorted(vocabulary, names).astype(np.int32)
        counts = sp.csr_matrix(
            (counts.data, column[counts.indices], counts.indptr), shape=(n, len(vocabulary))
        )
        counts.data = 1.0 + np.log(counts.data)  # sublinear tf
        blocks[name] = counts
    del counted
    # The largest field (the description) is summed once, with all the small ones together.
    order = sorted(blocks, key=lambda b: blocks[b].nnz)
    big = blocks[order[-1]] if order else sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    small = sum(
        (blocks[b] for b in order[:-1]), sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    )
    both = big.multiply(small).tocsr()  # no larger than `small`
    df = _df(big, len(vocabulary)) + _df(small, len(vocabulary)) - _df(both, len(vocabulary))
    del small, both
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    # Each field's tf-idf rows unit-normalised, then weighted and summed. As the idf is per
    # term, sum_f w_f * tf_f * idf / |tf_f * idf| = idf * sum_f (w_f / |tf_f * idf|) * tf_f:
    # the blocks are scaled in place and summed, then the idf applies to the sum.
    for name in order:
        _normalize_rows(blocks[name], weights[name], idf)
    matrix = sum(
        (blocks.pop(b) for b in order[:-1]), sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    )
    if order:
        matrix = (matrix + blocks.pop(order[-1])).tocsr()
    del big
    matrix.data *= idf[matrix.indices]
    _normalize_rows(matrix)
    return matrix.astype(np.float32, copy=False), vocabulary, idf


def _df(matrix: sp.csr_matrix, n_terms: int) -> np.ndarray:
    """Rows holding each term (explicit zeros do not count)."""
    return np.bincount(matrix.indices[matrix.data != 0], minlength=n_terms)


def _normalize_rows(
    matrix: sp.csr_matrix, weight: float = 1.0, idf: np.ndarray | None = None
) -> None:
    """Scale each row in place to length `weight` (measured on `matrix * idf` when given).

    Done by blocks of rows so the temporary arrays stay small at a million offers.
    """
    n = matrix.shape[0]
    for start in range(0, n, ROW_BLOCK):
        end = min(start + ROW_BLOCK, n)
        lo, hi = int(matrix.indptr[start]), int(matrix.indptr[end])
        data = matrix.data[lo:hi]  # a view: scaled in place
        values = data if idf is None else data * idf[matrix.indices[lo:hi]]
        rows = np.repeat(np.arange(end - start), np.diff(matrix.indptr[start : end + 1]))
        norms = np.sqrt(
            np.bincount(rows, weights=np.square(values, dtype=np.float64), minlength=end - start)
        )
        norms[norms == 0] = 1.0
        data *= (weight / norms).astype(np.float32)[rows]
