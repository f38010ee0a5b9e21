"""Offers to a weighted TF-IDF matrix: one block per field, each normalised on its own.

Each field (title, skills, location, company, description) is counted separately with
sublinear tf (1 + log tf), weighted by a global idf, L2-normalised within the field and
then weighted: a 500-character Adzuna snippet and a 5,000-character France Travail
description weigh the same once normalised, so a short description does not sink an
offer. Titles also index adjacent-stem pairs ("data analyst") and word prefixes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np
import pandas as pd
import scipy.sparse as sp
from tqdm.auto import tqdm

from jobmarket.search import text

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
        return offers[name].fillna("").astype(str) if name in offers else empty

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


def _count(texts: Iterable[str], analyzer: Callable[[str], list[str]] | None):
    """Term counts of `texts` (CSR) and the term of each column.

    With `analyzer=None` (long fields) words are counted by scikit-learn's tokenizer and
    then merged into stems through a word -> stem matrix: stemming runs once per distinct
    word instead of once per occurrence, which keeps a million descriptions affordable.
    """
    # Imported here: the dashboard imports this module for queries only, and scikit-learn
    # would add about a second to every visitor's page start.
    from sklearn.feature_extraction.text import CountVectorizer

    if analyzer is None:
        vectorizer = CountVectorizer(
            preprocessor=text.fold,
            token_pattern=text.WORD_PATTERN,
            lowercase=False,
            dtype=np.float32,
        )
    else:
        vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float32)
    try:
        counts = vectorizer.fit_transform(texts).tocsr()
    except ValueError:  # every text empty: no vocabulary at all
        return None, np.array([], dtype=str)
    names = vectorizer.get_feature_names_out().astype(str)
    if analyzer is not None:
        return counts, names
    stems = np.array([text.stem(w) for w in names], dtype=object)
    stem_names, column = np.unique(stems.astype(str), return_inverse=True)
    kept = stems != ""
    to_stem = sp.csr_matrix(
        (np.ones(int(kept.sum()), np.float32), (np.flatnonzero(kept), column[kept])),
        shape=(len(names), len(stem_names)),
    )
    counts = (counts @ to_stem).tocsr()
    counts.eliminate_zeros()
    return counts, stem_names


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
        counted[name] = _count(fields[name], field_analyzer(name))
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
    union = sum(blocks.values(), sp.csr_matrix((n, len(vocabulary)), dtype=np.float32))
    df = np.bincount(union.indices, minlength=len(vocabulary))
    del union
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    matrix = sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    for name in list(blocks):
        block = blocks.pop(name)
        block.data *= idf[block.indices]
        _l2_rows_inplace(block)
        block.data *= np.float32(weights[name])
        matrix = matrix + block
    matrix = matrix.tocsr()
    _l2_rows_inplace(matrix)
    return matrix.astype(np.float32, copy=False), vocabulary, idf


def _l2_rows_inplace(matrix: sp.csr_matrix) -> None:
    """Scale each row of a CSR matrix to unit length (empty rows stay empty)."""
    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    norms = np.sqrt(
        np.bincount(
            rows, weights=np.square(matrix.data, dtype=np.float64), minlength=matrix.shape[0]
        )
    )
    norms[norms == 0] = 1.0
    matrix.data /= norms[rows].astype(np.float32)
