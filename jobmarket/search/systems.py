"""The ranking systems compared by the evaluation, each `prepare(offers) -> rank(query, k)`.

Every system sees the same offers table (title, description, skills, location, company)
and returns offer ids best first. `baseline` is the previous project's configuration,
kept as it was: a dense cosine against every offer followed by a full sort.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import numpy as np
import pandas as pd
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from unidecode import unidecode

Ranker = Callable[[str, int], list[int]]
_PUNCTUATION = re.compile(r"[^\w\s]|_")


def baseline_text(value: str) -> str:
    """The previous system's normalisation: lower case, no accents, no punctuation."""
    return _PUNCTUATION.sub(" ", unidecode(str(value)).lower())


def _joined(offers: pd.DataFrame) -> pd.Series:
    """ "title title location description", as the previous system indexed offers."""
    parts = [offers["title"], offers["title"], offers["location_label"], offers["description"]]
    return pd.concat([p.fillna("").astype(str) for p in parts], axis=1).agg(" ".join, axis=1)


def baseline(offers: pd.DataFrame) -> Ranker:
    """scikit-learn `TfidfVectorizer()` defaults, dense cosine against every offer, full sort."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    vectorizer = TfidfVectorizer()
    matrix = vectorizer.fit_transform(_joined(offers).map(baseline_text))
    ids = offers["offer_id"].to_numpy()

    def rank(query: str, k: int) -> list[int]:
        scores = cosine_similarity(vectorizer.transform([baseline_text(query)]), matrix).ravel()
        order = np.argsort(-scores, kind="stable")
        return ids[order[:k]].tolist()

    return rank


def jobmarket(offers: pd.DataFrame) -> Ranker:
    """This project's engine (`jobmarket.search`), inactive offers included."""
    from jobmarket.search.engine import SearchEngine, SearchFilters
    from jobmarket.search.index import build_index

    engine = SearchEngine(build_index(offers))
    everything = SearchFilters(include_inactive=True)
    return lambda query, k: engine.search(query, k=k, filters=everything)["offer_id"].tolist()


def bm25(offers: pd.DataFrame) -> Ranker:
    """BM25 (bm25s, French stop words and Snowball stemmer) over title, skills and description."""
    import bm25s
    import Stemmer

    stemmer = Stemmer.Stemmer("french")
    skills = offers["skills"].map(
        lambda s: " ".join(s) if isinstance(s, list | tuple | np.ndarray) else ""
    )
    corpus = (_joined(offers) + " " + skills).map(baseline_text).tolist()
    retriever = bm25s.BM25()
    retriever.index(
        bm25s.tokenize(corpus, stopwords="fr", stemmer=stemmer, show_progress=False),
        show_progress=False,
    )
    ids = offers["offer_id"].to_numpy()

    def rank(query: str, k: int) -> list[int]:
        tokens = bm25s.tokenize(
            [baseline_text(query)], stopwords="fr", stemmer=stemmer, show_progress=False
        )
        if not tokens.vocab:
            return []
        docs, scores = retriever.retrieve(tokens, k=min(k, len(ids)), show_progress=False)
        return [int(ids[d]) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]

    return rank


@contextmanager
def postgres_fts(offers: pd.DataFrame, server_url: str) -> Iterator[Ranker]:
    """`ts_rank` over a GIN-indexed French `to_tsvector`, in a temporary database dropped after.

    The query's lexemes are OR-ed (plainto_tsquery would demand every word of a label).
    """
    server = make_url(server_url)
    name = f"jm_eval_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = create_engine(server.set(database=name))
    try:
        table = offers[["offer_id", "title", "description"]].fillna("")
        with engine.begin() as conn:
            table.to_sql("eval_offers", conn, index=False)
            conn.execute(
                text(
                    "ALTER TABLE eval_offers ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('french', title || ' ' || description)) STORED"
                )
            )
            conn.execute(text("CREATE INDEX eval_offers_tsv ON eval_offers USING GIN (tsv)"))
            conn.execute(text("ANALYZE eval_offers"))
        sql = text(
            "SELECT offer_id FROM eval_offers, "
            "(SELECT replace(plainto_tsquery('french', :q)::text, '&', '|')::tsquery AS q) AS query "
            "WHERE tsv @@ query.q ORDER BY ts_rank(tsv, query.q) DESC, offer_id LIMIT :k"
        )
        with engine.connect() as conn:
            yield lambda query, k: [int(r[0]) for r in conn.execute(sql, {"q": query, "k": k})]
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
