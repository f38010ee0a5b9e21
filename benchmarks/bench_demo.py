"""Benchmark of the demo generator and of the raw store, against per-offer random draws.

    python benchmarks/bench_demo.py --offers 1000000

Writes `benchmarks/results/demo.json`: offers generated per second (all choices drawn at once
with numpy) against the naive way (one generator call per field and offer, same record
builders) measured on a sample in the same run, plus the raw store's write and read rates
(pages as JSON files under a temporary folder, then `iter_run_offers`).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

from jobmarket import config, extract, raw
from jobmarket.sources import demo, demo_records

RESULT = config.BENCHMARKS_DIR / "results" / "demo.json"


def naive_offers(n: int, seed: int) -> int:
    """The usual way: draw each field of each offer with its own call, then build the record."""
    rng = np.random.default_rng(seed)
    ctx = demo_records.Context(seed)
    places = demo_records.place_weights()
    built = 0
    for i in range(n):
        age = int(min(rng.exponential(9 * 86400), 60 * 86400))
        created = str(demo.ANCHOR - np.timedelta64(age, "s")) + ".000Z"
        row = {
            "occ": int(rng.integers(0, demo_records.N_OCCUPATIONS)), "title_v": int(rng.integers(0, 3)),
            "suffix": int(rng.integers(0, 64)), "upper": bool(rng.random() < 0.08),
            "place": int(rng.choice(len(places), p=places)), "loc_kind": int(rng.choice(3, p=[0.93, 0.04, 0.03])),
            "company": int(rng.integers(-1, demo_records.N_COMPANIES)),
            "contract": int(rng.choice(demo_records.N_CONTRACTS, p=demo_records.CONTRACT_WEIGHTS)),
            "salary_kind": int(rng.choice(5, p=[0.45, 0.12, 0.15, 0.13, 0.15])),
            "salary_factor": float(rng.normal(1.0, 0.18)), "spread": float(rng.choice([1.08, 1.15, 1.25])),
            "dot_decimals": bool(rng.random() < 0.4), "age": age, "update_delay": 0, "created": created,
            "updated": created, "intro": int(rng.integers(0, 5)), "missions": int(rng.integers(0, 5)),
            "generic": int(rng.integers(0, demo_records.N_GENERIC_BLOCKS)), "html": bool(rng.random() < 0.15),
            "broken": 0, "misc": int(rng.integers(0, 1 << 30)), "snippet_len": int(rng.integers(470, 520)),
        }  # fmt: skip
        demo_records.france_travail_record(i, row, ctx)
        built += 1
    return built


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=20_000)
    parser.add_argument(
        "--store-offers", type=int, default=100_000, help="offers written to and read from disk"
    )
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()

    start = time.perf_counter()
    n = sum(
        1
        for _ in tqdm(
            demo.generate_raw_offers(args.offers, args.seed), total=args.offers, desc="demo"
        )
    )
    seconds = time.perf_counter() - start

    sample = min(args.naive_sample, args.offers)
    start = time.perf_counter()
    naive_offers(sample, args.seed)
    naive_seconds = time.perf_counter() - start

    store_n = min(args.store_offers, args.offers)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        extract.run_extract(
            "bench",
            list(config.SOURCES),
            n_offers=store_n,
            seed=args.seed,
            raw_root=Path(tmp),
            settings=config.Settings(),
        )
        write_seconds = time.perf_counter() - start
        start = time.perf_counter()
        read = sum(1 for _ in raw.iter_run_offers("bench", Path(tmp)))
        read_seconds = time.perf_counter() - start

    result = {
        "offers": n, "seconds": round(seconds, 3), "offers_per_s": round(n / seconds),
        "naive": {"offers": sample, "seconds": round(naive_seconds, 3), "offers_per_s": round(sample / naive_seconds)},
        "speedup": round((n / seconds) / (sample / naive_seconds), 2),
        "raw_store": {"offers": read, "write_offers_per_s": round(store_n / write_seconds), "read_offers_per_s": round(read / read_seconds)},
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
