"""Search speed on generated corpora: query latency with and without filters, similar(),
index build time and peak memory, against the previous system's dense cosine in the same run.

    .venv/bin/python benchmarks/bench_search.py --offers 100000,1000000

Corpora: demo offers (`jobmarket.sources.demo`) cleaned by `jobmarket.clean.clean`; above
`--distinct` offers the cleaned table is repeated with new ids (cleaning a million demo
offers would dominate the run without changing the index's shape). Writes
`benchmarks/results/search.json` as `{"<n_offers>": {"p50_ms", "p95_ms", "p95_filtered_ms",
"baseline_p95_ms", "build_s", "peak_mb", ...}}`.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time

import numpy as np
import pandas as pd
import psutil

from jobmarket import config
from jobmarket.clean import clean
from jobmarket.search import systems
from jobmarket.search.engine import SearchEngine, SearchFilters
from jobmarket.search.index import build_index, open_index
from jobmarket.sources import demo

RESULTS = config.BENCHMARKS_DIR / "results" / "search.json"


class PeakMemory:
    """Highest resident memory of this process while the block runs (sampled every 20 ms)."""

    def __enter__(self):
        self.start = self.peak = psutil.Process().memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        process = psutil.Process()
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, process.memory_info().rss)

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, psutil.Process().memory_info().rss)


def corpus(n_offers: int, distinct: int) -> pd.DataFrame:
    """`n_offers` cleaned demo offers with `offer_id` and an active status."""
    base, _ = clean(demo.generate_raw_offers(min(n_offers, distinct), seed=7))
    base = base.reset_index(drop=True)
    copies = -(-n_offers // len(base))
    frame = pd.concat([base] * copies, ignore_index=True).iloc[:n_offers].copy()
    frame["offer_id"] = np.arange(1, len(frame) + 1, dtype=np.int64)
    frame["status"] = "active"
    return frame


def queries(offers: pd.DataFrame, n: int, rng: np.random.Generator) -> list[str]:
    """Job-title queries as users type them: whole titles and their first words."""
    titles = offers["title"].dropna().astype(str).to_numpy()
    picked = rng.choice(titles, size=n)
    return [t if i % 2 else " ".join(t.split()[:2]) for i, t in enumerate(picked)]


def latencies(call, arguments, cpu: list | None = None) -> np.ndarray:
    """Wall-clock ms of each call; with `cpu`, also this thread's CPU ms (other load excluded)."""
    times = []
    for argument in arguments:
        started, started_cpu = time.perf_counter(), time.thread_time()
        call(argument)
        times.append((time.perf_counter() - started) * 1000.0)
        if cpu is not None:
            cpu.append((time.thread_time() - started_cpu) * 1000.0)
    return np.array(times)


def _p(values, q: float) -> float:
    return round(float(np.percentile(values, q)), 3)


def run(n_offers: int, n_queries: int, n_baseline: int, distinct: int, seed: int = 0) -> dict:
    rng = np.random.default_rng(seed)
    offers = corpus(n_offers, distinct)
    with PeakMemory() as memory:
        started, started_cpu = time.perf_counter(), time.process_time()
        index = build_index(offers)
        build_s, build_cpu_s = time.perf_counter() - started, time.process_time() - started_cpu
    with tempfile.TemporaryDirectory() as folder:
        index.save(folder)
        del index  # searches below use the memory-mapped copy only
        started = time.perf_counter()
        engine = SearchEngine(open_index(folder))
        open_ms = (time.perf_counter() - started) * 1000.0
        texts = queries(offers, n_queries, rng)
        latencies(lambda q: engine.search(q, k=20), texts[:20])  # warm the page cache
        plain_cpu, filtered_cpu, similar_cpu = [], [], []
        plain = latencies(lambda q: engine.search(q, k=20), texts, plain_cpu)
        departements = offers["departement"].dropna().unique()
        filters = [
            SearchFilters(
                departements=tuple(rng.choice(departements, size=3)),
                contract_types=("CDI",),
                min_salary=30000.0,
                posted_since=pd.Timestamp("2026-10-01", tz="UTC"),
            )
            for _ in texts
        ]
        filtered = latencies(
            lambda pair: engine.search(pair[0], k=20, filters=pair[1]),
            zip(texts, filters, strict=True),
            filtered_cpu,
        )
        ids = rng.choice(offers["offer_id"].to_numpy(), size=n_queries)
        similar = latencies(lambda i: engine.similar(int(i), k=10), ids, similar_cpu)
    rank = systems.baseline(offers)
    baseline = latencies(lambda q: rank(q, 20), texts[:n_baseline])
    return {
        "p50_ms": _p(plain, 50),
        "p95_ms": _p(plain, 95),
        "p95_filtered_ms": _p(filtered, 95),
        "similar_p95_ms": _p(similar, 95),
        "baseline_p95_ms": _p(baseline, 95),
        # CPU time of the searching thread: the one-core figure when the machine is shared.
        "p50_cpu_ms": _p(plain_cpu, 50),
        "p95_cpu_ms": _p(plain_cpu, 95),
        "p95_filtered_cpu_ms": _p(filtered_cpu, 95),
        "similar_p95_cpu_ms": _p(similar_cpu, 95),
        "baseline_queries": int(n_baseline),
        "build_s": round(build_s, 2),
        "build_cpu_s": round(build_cpu_s, 2),
        "peak_mb": round(memory.peak / 2**20, 1),
        # The corpus DataFrame the benchmark holds (Python strings) is in the peak; this is the
        # part the build itself adds on top of it.
        "corpus_rss_mb": round(memory.start / 2**20, 1),
        "build_extra_mb": round((memory.peak - memory.start) / 2**20, 1),
        "open_ms": round(open_ms, 2),
        "distinct_offers": int(min(n_offers, distinct)),
        "load_average": round(psutil.getloadavg()[0], 2),
        "cpus": psutil.cpu_count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", default="100000,1000000", help="comma-separated corpus sizes")
    parser.add_argument("--queries", type=int, default=300, help="queries timed per corpus")
    parser.add_argument(
        "--baseline-queries", type=int, default=20, help="queries timed on the baseline"
    )
    parser.add_argument(
        "--distinct", type=int, default=100_000, help="distinct demo offers before repeating"
    )
    args = parser.parse_args(argv)
    results = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    for n in (int(x) for x in args.offers.split(",") if x):
        results[str(n)] = run(n, args.queries, args.baseline_queries, args.distinct)
        print(n, results[str(n)], flush=True)
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
