"""Term counts of a text field: one CSR matrix of counts and the term of each column."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import scipy.sparse as sp

from jobmarket.search import text

COUNT_CHUNK = 100_000  # offers counted at a time: bounds the tokenizer's working memory


def count_terms(texts: Iterable[str], analyzer: Callable[[str], list[str]] | None):
    """Term counts of `texts` (CSR) and the term of each column.

    With `analyzer=None` (long fields) words are counted by scikit-learn's tokenizer, chunk by
    chunk, and merged into stems: stemming runs once per distinct word of a chunk instead of
    once per occurrence, and memory stays near the size of the final counts.
    """
    # Imported here: the dashboard imports this module for queries only, and scikit-learn
    # would add about a second to every visitor's page start.
    from sklearn.feature_extraction.text import CountVectorizer

    if analyzer is not None:
        try:
            vectorizer = CountVectorizer(
                analyzer=lambda v: analyzer(v if isinstance(v, str) else str(v)), dtype=np.float32
            )
            counts = vectorizer.fit_transform(texts).tocsr()
        except ValueError:  # every text empty: no vocabulary at all
            return None, np.array([], dtype=str)
        return counts, vectorizer.get_feature_names_out().astype(str)
    texts = list(texts)
    stem_ids: dict[str, int] = {}
    parts = []
    for start in range(0, len(texts), COUNT_CHUNK):
        chunk = texts[start : start + COUNT_CHUNK]
        vectorizer = CountVectorizer(
            preprocessor=_fold_any,
            token_pattern=text.WORD_PATTERN,
            lowercase=False,
            dtype=np.float32,
        )
        try:
            counts = vectorizer.fit_transform(chunk).tocsr()
        except ValueError:  # an all-empty chunk
            parts.append(sp.csr_matrix((len(chunk), 0), dtype=np.float32))
            continue
        stems = [text.stem(word) for word in vectorizer.get_feature_names_out()]
        ids = np.array([stem_ids.setdefault(s, len(stem_ids)) if s else -1 for s in stems])
        kept = np.flatnonzero(ids >= 0)
        to_stem = sp.csr_matrix(
            (np.ones(kept.size, np.float32), (kept, ids[kept])), shape=(len(stems), len(stem_ids))
        )
        parts.append((counts @ to_stem).tocsr())
        del counts
    if not stem_ids:
        return None, np.array([], dtype=str)
    width = len(stem_ids)
    parts = [sp.csr_matrix((p.data, p.indices, p.indptr), shape=(p.shape[0], width)) for p in parts]
    return sp.vstack(parts, format="csr"), np.array(list(stem_ids), dtype=str)


def _fold_any(value) -> str:
    return text.fold(value if isinstance(value, str) else str(value))
