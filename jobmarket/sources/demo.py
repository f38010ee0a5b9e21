"""Deterministic demo offers in each API's real response format (no network, no credentials).

Every choice is drawn at once with a seeded numpy Generator for all offers, then each record
is assembled from precomputed text blocks, so a million offers take well under a minute. The
same (n_offers, seed) always gives the same offers, hence the same active offers on a rerun.

The data carries the mess of real dumps: H/F suffixes, monthly/annual/hourly salary texts with
French or dot decimals, Paris/Lyon/Marseille arrondissements, missing companies, HTML in
descriptions, Adzuna's 500-character snippets, offers published in two sources, and a few
broken records (missing or empty title) for the quarantine.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from jobmarket.raw import RawOffer
from jobmarket.sources import demo_records as rec

DEFAULT_N_OFFERS = 3000
DEFAULT_SHARES = {"france_travail": 0.50, "adzuna": 0.35, "jsearch": 0.15}
PAGE_SIZES = {"france_travail": 150, "adzuna": 50, "jsearch": 10}
# Fixed "now" of the demo market, so a rerun yields byte-identical offers.
ANCHOR = np.datetime64("2026-11-27T06:00:00", "s")
DUPLICATE_RATE = 0.05  # share of Adzuna/JSearch offers that repeat a France Travail offer
BROKEN_RATE = 0.003

_BUILDERS = {
    "france_travail": rec.france_travail_record,
    "adzuna": rec.adzuna_record,
    "jsearch": rec.jsearch_record,
}


def source_shares(
    n_offers: int = DEFAULT_N_OFFERS, shares: dict[str, float] | None = None
) -> dict[str, int]:
    """Number of offers per source, summing exactly to `n_offers` (the last source takes the rest)."""
    shares = shares or DEFAULT_SHARES
    names = list(shares)
    counts = {name: int(round(n_offers * shares[name])) for name in names[:-1]}
    counts[names[-1]] = n_offers - sum(counts.values())
    return counts


def _draw(n: int, seed: int, counts: dict[str, int]) -> dict[str, np.ndarray]:
    """Every random choice of every offer, in the global order france_travail, adzuna, jsearch."""
    rng = np.random.default_rng(seed)
    n_ft = counts.get("france_travail", 0)
    place_w = rec.place_weights()
    d = {
        "occ": rng.integers(0, rec.N_OCCUPATIONS, n),
        "title_v": rng.integers(0, 3, n),
        "suffix": rng.integers(0, 64, n),
        "upper": rng.random(n) < 0.08,
        "place": rng.choice(len(place_w), n, p=place_w),
        "loc_kind": rng.choice(3, n, p=[0.93, 0.04, 0.03]),  # commune, département only, France
        "company": np.where(rng.random(n) < 0.15, -1, rng.integers(0, rec.N_COMPANIES, n)),
        "contract": rng.choice(rec.N_CONTRACTS, n, p=rec.CONTRACT_WEIGHTS),
        "salary_kind": rng.choice(5, n, p=[0.45, 0.12, 0.15, 0.13, 0.15]),
        "salary_factor": np.clip(rng.normal(1.0, 0.18, n), 0.7, 1.8),
        "spread": rng.choice([1.08, 1.15, 1.25], n),
        "dot_decimals": rng.random(n) < 0.4,
        "age": np.minimum(rng.exponential(9 * 86400, n), 60 * 86400).astype("int64"),
        "update_delay": rng.integers(0, 4 * 86400, n),
        "intro": rng.integers(0, len(rec.INTROS), n),
        "missions": rng.integers(0, 5, n),
        "generic": rng.integers(0, rec.N_GENERIC_BLOCKS, n),
        "html": rng.random(n) < 0.15,
        "broken": rng.choice(3, n, p=[1 - BROKEN_RATE, BROKEN_RATE / 2, BROKEN_RATE / 2]),
        "misc": rng.integers(0, 1 << 30, n),  # low bits drive the small per-source variations
        "snippet_len": rng.integers(470, 520, n),
    }
    if n_ft:
        # Cross-source duplicates: an Adzuna/JSearch offer repeats a France Travail one.
        dup = np.flatnonzero((rng.random(n) < DUPLICATE_RATE) & (np.arange(n) >= n_ft))
        src = rng.integers(0, n_ft, dup.size)
        for key in ("occ", "title_v", "place", "intro", "missions", "generic"):
            d[key][dup] = d[key][src]
        d["company"][src] = np.where(d["company"][src] < 0, 0, d["company"][src])
        d["company"][dup] = d["company"][src]
        d["loc_kind"][dup] = d["loc_kind"][src] = 0
        d["age"][dup] = d["age"][src] + rng.integers(0, 2 * 86400, dup.size)
        d["broken"][dup] = d["broken"][src] = 0
    d["update_delay"] = np.minimum(d["update_delay"], d["age"])
    return d


def _iso(times: np.ndarray) -> np.ndarray:
    return np.char.add(np.datetime_as_string(times, unit="ms"), "Z")


def _page(
    source: str, records: list[dict[str, Any]], page: int, total: int, seed: int
) -> dict[str, Any]:
    if source == "france_travail":
        return {"resultats": records, "filtresPossibles": []}
    if source == "adzuna":
        return {
            "__CLASS__": "Adzuna::API::Response::JobSearchResults",
            "count": total,
            "mean": 38250.0,
            "results": records,
        }
    params = {
        "query": "emploi en France",
        "page": page,
        "num_pages": 1,
        "country": "fr",
        "date_posted": "all",
    }
    return {
        "status": "OK",
        "request_id": f"demo-{seed}-{page:06d}",
        "parameters": params,
        "data": records,
    }


def generate_pages(
    source: str, n_offers: int = DEFAULT_N_OFFERS, seed: int = 42
) -> Iterator[dict[str, Any]]:
    """Pages of one source's share of `n_offers` demo offers, in that API's response format.

    Args:
        source: "france_travail" (pages of 150), "adzuna" (50) or "jsearch" (10).
        n_offers: offers over all sources; this source yields its `source_shares` part.
        seed: same seed and n_offers give the same pages.
    """
    if source not in _BUILDERS:
        raise ValueError(f"unknown demo source {source!r}; expected one of {sorted(_BUILDERS)}")
    counts = source_shares(n_offers)
    return _source_pages(source, _draw(n_offers, seed, counts), counts, seed)


def _source_pages(
    source: str, d: dict[str, np.ndarray], counts: dict[str, int], seed: int
) -> Iterator[dict[str, Any]]:
    start = sum(counts[s] for s in list(counts)[: list(counts).index(source)])
    build, size, total = _BUILDERS[source], PAGE_SIZES[source], counts[source]
    ctx = rec.Context(seed)
    for page, lo in enumerate(range(start, start + total, size), start=1):
        hi = min(lo + size, start + total)
        cols = {k: v[lo:hi].tolist() for k, v in d.items()}
        # Date strings per page: 1M ISO strings at once would cost hundreds of MB.
        age = d["age"][lo:hi]
        cols["created"] = _iso(ANCHOR - age.astype("timedelta64[s]")).tolist()
        cols["updated"] = _iso(
            ANCHOR - (age - d["update_delay"][lo:hi]).astype("timedelta64[s]")
        ).tolist()
        keys = list(cols)
        rows = (dict(zip(keys, values, strict=True)) for values in zip(*cols.values(), strict=True))
        records = [build(lo + k, row, ctx) for k, row in enumerate(rows)]
        yield _page(source, records, page, total, seed)


def page_records(source: str, page: dict[str, Any]) -> list[dict[str, Any]]:
    """The offers of one response page of `source`."""
    key = {"france_travail": "resultats", "adzuna": "results", "jsearch": "data"}[source]
    return page.get(key) or []


def generate_raw_offers(n_offers: int = DEFAULT_N_OFFERS, seed: int = 42) -> Iterator[RawOffer]:
    """Demo offers of every source as RawOffer, without touching the disk (for benchmarks)."""
    fetched_at = str(ANCHOR) + "Z"
    counts = source_shares(n_offers)
    draws = _draw(n_offers, seed, counts)  # drawn once for the three sources
    for source in _BUILDERS:
        for page_no, page in enumerate(_source_pages(source, draws, counts, seed), start=1):
            for k, record in enumerate(page_records(source, page)):
                ref = f"{source}/demo-{seed}/page_{page_no:04d}.json#{k}"
                yield RawOffer(source, record, ref, fetched_at)
