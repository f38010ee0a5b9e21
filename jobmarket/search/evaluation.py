"""Relevance of the search, measured: P@10, nDCG@10, MRR and latency of each system.

Every distinct France Travail appellation label is a query; an offer is relevant when it
carries that appellation's ROME code. The systems only ever see the `offers` table (labels
live apart, in `labels`), so the labels cannot leak into any ranking.

    python -m jobmarket.evaluation --offers ../shared/data/realdata/france_travail --json
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from jobmarket import config
from jobmarket.search import labelled, systems

K = 10
MRR_DEPTH = 100  # rank of the first relevant offer counts up to here
SYSTEMS = ("baseline", "jobmarket", "bm25", "postgres_fts")
log = logging.getLogger(__name__)


def query_metrics(ranked: list[int], relevant: frozenset[int], k: int = K) -> dict[str, float]:
    """P@k, nDCG@k (binary gains) and reciprocal rank of one ranked list of offer ids."""
    gains = [1.0 if offer in relevant else 0.0 for offer in ranked[:k]]
    dcg = sum(g / math.log2(i + 2) for i, g in enumerate(gains))
    ideal = sum(1.0 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    first = next((i for i, offer in enumerate(ranked[:MRR_DEPTH]) if offer in relevant), None)
    return {
        f"p@{k}": sum(gains) / k,
        f"ndcg@{k}": dcg / ideal if ideal else 0.0,
        "mrr": 1.0 / (first + 1) if first is not None else 0.0,
    }


def evaluate_ranker(
    rank: Callable[[str, int], list[int]], queries: Mapping[str, frozenset[int]], name: str = ""
) -> dict[str, float]:
    """Mean metrics over `queries` and the p50/p95 latency of `rank` in milliseconds."""
    rows, latencies = [], []
    for query, relevant in tqdm(queries.items(), desc=f"evaluate {name}", leave=False):
        started = time.perf_counter()
        ranked = rank(query, MRR_DEPTH)
        latencies.append((time.perf_counter() - started) * 1000.0)
        rows.append(query_metrics(ranked, relevant))
    means = pd.DataFrame(rows).mean().to_dict() if rows else {}
    result = {key: round(float(value), 4) for key, value in means.items()}
    result["p50_ms"] = round(float(np.percentile(latencies, 50)), 3) if latencies else 0.0
    result["p95_ms"] = round(float(np.percentile(latencies, 95)), 3) if latencies else 0.0
    return result


def evaluate(
    offers: pd.DataFrame,
    labels: pd.DataFrame,
    systems_to_run=SYSTEMS,
    server_url: str | None = None,
) -> dict:
    """Metrics of every system on `offers`, queries and relevance taken from `labels`."""
    queries = labelled.queries_and_relevance(labels)
    results: dict[str, dict[str, float]] = {}
    for name in systems_to_run:
        if name == "postgres_fts":
            from jobmarket.warehouse import db

            with systems.postgres_fts(offers, server_url or db.database_url()) as rank:
                results[name] = evaluate_ranker(rank, queries, name)
        else:
            results[name] = evaluate_ranker(getattr(systems, name)(offers), queries, name)
        log.info("%s: %s", name, results[name])
    return {"offers": int(len(offers)), "queries": len(queries), "systems": results}


def evaluate_directory(
    directory: Path | str, systems_to_run=SYSTEMS, server_url: str | None = None
) -> dict:
    """Evaluate on the recorded France Travail files under `directory` (read, then cleaned)."""
    offers = labelled.recorded_offers(directory)
    if offers.empty:
        raise ValueError(f"no France Travail offers found under {directory}")
    ranking, labels = labelled.split_labels(offers)
    return evaluate(ranking, labels, systems_to_run, server_url)


def evaluate_warehouse(engine, systems_to_run=SYSTEMS) -> dict:
    """Evaluate on the warehouse's France Travail offers, their appellations as labels only."""
    from jobmarket.warehouse import queries

    offers = queries.offers_for_index(engine)
    offers = offers[offers["source"] == "france_travail"].reset_index(drop=True)
    labels = labelled.warehouse_labels(engine)
    labels = labels[labels["offer_id"].isin(offers["offer_id"])]
    if labels.empty:
        raise ValueError("the warehouse holds no labelled France Travail offer to evaluate on")
    return evaluate(
        offers, labels, systems_to_run, engine.url.render_as_string(hide_password=False)
    )


def save_metrics(metrics: dict, path: Path | str | None = None) -> Path:
    """Write the metrics as JSON (default `config.METRICS_JSON`)."""
    path = Path(path or config.METRICS_JSON)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(metrics, indent=2), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: evaluate recorded offers, print a table or JSON, save the metrics."""
    parser = argparse.ArgumentParser(
        prog="python -m jobmarket.evaluation", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--offers", required=True, type=Path, help="folder of recorded France Travail files"
    )
    parser.add_argument("--json", action="store_true", help="print the metrics as JSON")
    parser.add_argument(
        "--systems", default=",".join(SYSTEMS), help="comma-separated systems to run"
    )
    parser.add_argument(
        "--output", type=Path, default=None, help="metrics file (default reports/metrics.json)"
    )
    args = parser.parse_args(argv)
    metrics = evaluate_directory(args.offers, tuple(s for s in args.systems.split(",") if s))
    save_metrics(metrics, args.output)
    if args.json:
        print(json.dumps(metrics, indent=2))
    else:
        print(f"{metrics['offers']} offers, {metrics['queries']} queries")
        print(pd.DataFrame(metrics["systems"]).T.to_string())
    return 0
