"""Duplicates: latest snapshot per (source, id); cross-source links by a fuzzy fingerprint.

Cross-source duplicates are only linked (duplicate_group, duplicate_confidence), never
dropped, so every source keeps its row and its URL. Candidates share a company key and a
place (commune, else département, else city label); titles are compared with rapidfuzz.
Below the threshold nothing is linked: when unsure, do not merge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

THRESHOLD = 0.90
MAX_BLOCK = 300  # larger blocks are generic (an agency in Paris): skipped, not guessed


def latest_snapshots(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (source, external_id): the latest updated_at, then fetched_at, then order."""
    keys = frame[["source", "external_id", "updated_at", "fetched_at"]].assign(
        _seq=np.arange(len(frame))
    )
    keys = keys.sort_values(
        ["source", "external_id", "updated_at", "fetched_at", "_seq"],
        na_position="first",
        kind="stable",
    )
    kept = keys.drop_duplicates(["source", "external_id"], keep="last").index
    return frame.loc[np.sort(kept.to_numpy())] if len(kept) < len(frame) else frame


def _place(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["commune_code"]
        .fillna(frame["departement"])
        .fillna(frame["location_label"].str.lower())
    )


def candidate_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Pairs of rows of two sources sharing company_key, place and first title word.

    Blocks above MAX_BLOCK rows are left out (unsure: nothing is linked there).
    """
    work = pd.DataFrame({
        "source": frame["source"], "company_key": frame["company_key"], "place": _place(frame),
        "title": frame["title_clean"].str.lower(), "contract": frame["contract_type"],
        "commune": frame["commune_code"].notna(),
    }).dropna(subset=["company_key", "place", "title"])  # fmt: skip
    # Titles this close share their alphabetically first word ("senior data engineer" and
    # "data engineer senior" both give "data"): a blocking key that keeps blocks small.
    first = {t: min(t.split(), default="") for t in pd.unique(work["title"])}
    block = work["company_key"] + "\x1f" + work["place"] + "\x1f" + work["title"].map(first)
    work["block"] = pd.factorize(block)[0]
    stats = work.groupby("block")["source"].agg(["nunique", "size"])
    keep = stats.index[(stats["nunique"] > 1) & (stats["size"] <= MAX_BLOCK)]
    work = work[work["block"].isin(keep)].reset_index(names="row")
    pairs = work.merge(work, on="block", suffixes=("_a", "_b"))
    return pairs[pairs["source_a"] < pairs["source_b"]]


def link_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with duplicate_group (str) and duplicate_confidence (float) filled for linked rows.

    Titles are compared with rapidfuzz's token_sort_ratio (word order and case do not count,
    extra words do); a shared commune counts fully, a shared département or label × 0.97;
    conflicting known contract types (a CDI and an internship) are never linked.
    """
    out = frame.assign(duplicate_group=None)  # a shallow copy: columns are shared, not copied
    out["duplicate_group"] = pd.Series(None, index=out.index, dtype="str")
    out["duplicate_confidence"] = np.nan
    pairs = candidate_pairs(out)
    if pairs.empty:
        return out
    scores = process.cpdist(
        pairs["title_a"].astype(object).to_numpy(),
        pairs["title_b"].astype(object).to_numpy(),
        scorer=fuzz.token_sort_ratio,
        workers=1,
    )
    factor = np.where(pairs["commune_a"].to_numpy(), 1.0, 0.97)
    conf = np.round(scores.astype(np.float64) / 100 * factor, 3)
    ca, cb = pairs["contract_a"].to_numpy(), pairs["contract_b"].to_numpy()
    conflict = (ca != cb) & (ca != "other") & (cb != "other")
    linked = pairs.assign(conf=conf)[(conf >= THRESHOLD) & ~conflict]
    if linked.empty:
        return out
    return _groups(out, linked)


def _groups(out: pd.DataFrame, linked: pd.DataFrame) -> pd.DataFrame:
    """Connected components of the linked pairs: group id = smallest "source:external_id"."""
    rows = np.unique(np.r_[linked["row_a"].to_numpy(), linked["row_b"].to_numpy()])
    position = pd.Series(np.arange(len(rows)), index=rows)
    a, b = position[linked["row_a"]].to_numpy(), position[linked["row_b"]].to_numpy()
    graph = coo_matrix((np.ones(len(a)), (a, b)), shape=(len(rows), len(rows)))
    _, component = connected_components(graph, directed=False)
    keys = (out.loc[rows, "source"] + ":" + out.loc[rows, "external_id"]).to_numpy()
    group = pd.Series(keys).groupby(component).transform("min").to_numpy()
    best = pd.concat([linked[["row_a", "conf"]].set_axis(["row", "conf"], axis=1),
                      linked[["row_b", "conf"]].set_axis(["row", "conf"], axis=1)]).groupby("row")["conf"].max()  # fmt: skip
    out.loc[rows, "duplicate_group"] = group
    out.loc[rows, "duplicate_confidence"] = best.loc[rows].to_numpy()
    return out
