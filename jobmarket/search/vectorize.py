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
from sklearn.feature_extraction.text import CountVectorizer
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


def field_analyzer(field: str) -> Callable[[str], list[str]]:
    """The analyzer of one field: with stem pairs for short fields, else stems only."""
    if field == "title_prefixes":
        return text.prefixes
    return unigrams_and_bigrams if field in BIGRAM_FIELDS else text.terms


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


def _count(texts: Iterable[str], analyzer: Callable[[str], list[str]]):
    vectorizer = CountVectorizer(analyzer=analyzer, dtype=np.float32)
    try:
        counts = vectorizer.fit_transform(texts)
    except ValueError:  # every text empty: no vocabulary at all
        return None, np.array([], dtype=object)
    return counts.tocsr(), vectorizer.get_feature_names_out()


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
    vocabulary = np.unique(np.concatenate([names for _, names in counted.values()]).astype(str))
    blocks = []
    for name, (counts, names) in counted.items():
        if counts is None:
            continue
        counts.indices = np.searchsorted(vocabulary, names.astype(str))[counts.indices].astype(
            np.int32
        )
        counts = sp.csr_matrix(
            (counts.data, counts.indices, counts.indptr), shape=(n, len(vocabulary))
        )
        counts.data = 1.0 + np.log(counts.data)
        blocks.append((name, counts))
    presence = sum((block > 0).astype(np.float32) for _, block in blocks)
    df = np.asarray((presence > 0).sum(axis=0)).ravel() if blocks else np.zeros(0)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    matrix = sp.csr_matrix((n, len(vocabulary)), dtype=np.float32)
    for name, block in blocks:
        block = _l2_rows(block @ sp.diags(idf))
        matrix = matrix + weights[name] * block
    return _l2_rows(matrix).astype(np.float32), vocabulary, idf


def _l2_rows(matrix: sp.csr_matrix) -> sp.csr_matrix:
    matrix = sp.csr_matrix(matrix)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix)
