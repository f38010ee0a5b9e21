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

THRESHOLD = 0.90
MAX_BLOCK = 3000  # larger blocks are generic (a staffing agency in Paris): skipped, not guessed


def latest_snapshots(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per (source, external_id): the latest updated_at, then fetched_at, then order."""
    order = frame.assign(_seq=np.arange(len(frame)))
    order = order.sort_values(
        ["source", "external_id", "updated_at", "fetched_at", "_seq"],
        na_position="first",
        kind="stable",
    )
    return (
        order.drop_duplicates(["source", "external_id"], keep="last")
        .drop(columns="_seq")
        .sort_index()
    )


def _place(frame: pd.DataFrame) -> pd.Series:
    return (
        frame["commune_code"]
        .fillna(frame["departement"])
        .fillna(frame["location_label"].str.lower())
    )


def link_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with duplicate_group (str) and duplicate_confidence (float) filled for linked rows."""
    out = frame.copy()
    out["duplicate_group"] = pd.Series(None, index=out.index, dtype="str")
    out["duplicate_confidence"] = np.nan
    work = pd.DataFrame({
        "source": out["source"], "key": out["source"] + ":" + out["external_id"],
        "company_key": out["company_key"], "place": _place(out),
        "title_key": out["title_clean"].str.lower(), "commune_code": out["commune_code"].astype(object),
    }).dropna(subset=["company_key", "place", "title_key"])  # fmt: skip
    work["commune_code"] = work["commune_code"].where(work["commune_code"].notna(), None)
    sources = work.groupby(["company_key", "place"])["source"].transform("nunique")
    candidates = work[sources > 1]
    parent: dict[int, int] = {}
    best: dict[int, float] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    for _, block in candidates.groupby(["company_key", "place"], sort=False):
        if len(block) > MAX_BLOCK:
            continue
        # Same commune is the strongest place evidence; a département or label weighs less.
        factor = 1.0 if block["commune_code"].iloc[0] is not None else 0.97
        by_source = [part for _, part in block.groupby("source", sort=False)]
        for i, left in enumerate(by_source):
            for right in by_source[i + 1 :]:
                scores = process.cdist(
                    left["title_key"].tolist(),
                    right["title_key"].tolist(),
                    scorer=fuzz.token_set_ratio,
                    dtype=np.float32,
                )
                conf = np.round(scores / 100 * factor, 3)
                for a, b in np.argwhere(conf >= THRESHOLD):
                    ia, ib = int(left.index[a]), int(right.index[b])
                    parent[root(ib)] = root(ia)
                    best[ia] = max(best.get(ia, 0.0), float(conf[a, b]))
                    best[ib] = max(best.get(ib, 0.0), float(conf[a, b]))
    if not best:
        return out
    members = pd.Series({i: root(i) for i in best})
    keys = work.loc[members.index, "key"]
    group = keys.groupby(members.to_numpy()).transform("min")
    out.loc[members.index, "duplicate_group"] = group.to_numpy()
    out.loc[members.index, "duplicate_confidence"] = pd.Series(best)
    return out
