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


def _blocks(out: pd.DataFrame) -> pd.DataFrame:
    """Rows that share company and place with a row of another source, sorted by block."""
    work = pd.DataFrame({
        "source": out["source"].astype(object), "key": (out["source"] + ":" + out["external_id"]).astype(object),
        "company_key": out["company_key"], "place": _place(out),
        "title_key": out["title_clean"].str.lower().astype(object), "has_commune": out["commune_code"].notna(),
        "contract": out["contract_type"].astype(object) if "contract_type" in out else "other",
    }).dropna(subset=["company_key", "place", "title_key"])  # fmt: skip
    work["block"] = pd.factorize(work["company_key"] + "\x1f" + work["place"])[0]
    sources = work.groupby("block")["source"].nunique()
    work = work[work["block"].isin(sources.index[sources > 1])]
    return work.sort_values("block", kind="stable")


def _scores(left, right, scorer) -> np.ndarray:
    return process.cdist(left, right, scorer=scorer, dtype=np.float32).astype(np.float64)


def _contract_conflict(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Pairs whose contract types are both known and differ (a CDI is not an internship)."""
    a, b = left[:, None], right[None, :]
    return (a != b) & (a != "other") & (b != "other")


def link_duplicates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with duplicate_group (str) and duplicate_confidence (float) filled for linked rows."""
    out = frame.copy()
    out["duplicate_group"] = pd.Series(None, index=out.index, dtype="str")
    out["duplicate_confidence"] = np.nan
    work = _blocks(out)
    if work.empty:
        return out
    parent: dict[int, int] = {}
    best: dict[int, float] = {}

    def root(i: int) -> int:
        while parent.get(i, i) != i:
            i = parent[i]
        return i

    blocks = work["block"].to_numpy()
    cuts = np.flatnonzero(np.diff(blocks)) + 1
    index, source = work.index.to_numpy(), work["source"].to_numpy()
    titles, commune = work["title_key"].to_numpy(), work["has_commune"].to_numpy()
    contract = work["contract"].to_numpy()
    for lo, hi in zip(np.r_[0, cuts], np.r_[cuts, len(work)], strict=True):
        if hi - lo > MAX_BLOCK:
            continue
        # Same commune is the strongest place evidence; a département or label weighs less.
        factor = 1.0 if commune[lo] else 0.97
        by_source: dict[str, list[int]] = {}
        for i in range(lo, hi):
            by_source.setdefault(source[i], []).append(i)
        groups = list(by_source.values())
        for g, left in enumerate(groups):
            for right in groups[g + 1 :]:
                # token_set alone calls "Data Analyst" and "Stagiaire Data Analyst" equal; the
                # mean with token_sort keeps extra words from passing as the same job.
                a, b = titles[left], titles[right]
                scores = (
                    _scores(a, b, fuzz.token_set_ratio) + _scores(a, b, fuzz.token_sort_ratio)
                ) / 2
                conflict = _contract_conflict(contract[left], contract[right])
                conf = np.where(conflict, 0.0, np.round(scores / 100 * factor, 3))
                for a, b in np.argwhere(conf >= THRESHOLD):
                    ia, ib = int(index[left[a]]), int(index[right[b]])
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
