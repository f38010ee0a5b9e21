"""Benchmark of the market report on `--offers` demo offers, against reading every offer into pandas.

    .venv/bin/python benchmarks/bench_report.py --offers 100000

Fills a fresh database (demo generator, cleaning, loader; not timed), then times (1) the
report's reads as the notebook makes them (SQL aggregates), (2) the naive way in the same run:
every offer and skill pulled into pandas and aggregated there, and (3) the whole notebook
executed by papermill and rendered to HTML, as `make report` does. Writes
`benchmarks/results/report.json`. Target: the whole report under 30 s on 100,000 offers.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from jobmarket import config, francemap, report
from jobmarket import report_data as data
from jobmarket import report_families as families
from jobmarket import report_quality as quality
from jobmarket.clean import clean
from jobmarket.sources.demo import generate_raw_offers
from jobmarket.warehouse import db
from jobmarket.warehouse.load import load_offers
from jobmarket.warehouse.migrate import migrate

RESULT = config.BENCHMARKS_DIR / "results" / "report.json"
TARGET_S = 30.0


def report_reads(engine, consent: bool = True) -> dict[str, float]:
    """Every read and chart of the notebook, timed by group."""
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    scope = report.make_scope(report.open_warehouse(engine), adzuna_aggregates_consent=consent)
    steps = {
        "headline": lambda: data.headline(engine, scope),
        "volumes": lambda: [data.count_by(engine, scope, "source"),
                            data.per_day(engine, scope, "first_seen_at"),
                            data.per_day(engine, scope, "created_at")],
        "where": lambda: francemap.departement_map(
            data.count_by(engine, scope, "departement"), francemap.load_centroids()),
        "cities_companies_skills": lambda: [data.top_cities(engine, scope),
                                            data.top_companies(engine, scope),
                                            data.top_skills(engine, scope)],
        "families": lambda: seconds.__setitem__("_titles", families.title_families(engine, scope)),
        "skills_pay_by_family": lambda: [
            families.offers_by_family(engine, scope, seconds["_titles"]),
            families.skills_by_family(engine, scope, seconds["_titles"]),
            families.salary_stats(engine, scope, seconds["_titles"], by="family"),
            families.salary_stats(engine, scope, seconds["_titles"], by="contract_type")],
        "contracts_sources_quality": lambda: [
            data.count_by_source_and(engine, scope, "contract_type"),
            data.count_by_source_and(engine, scope, "remote"),
            quality.source_contribution(engine, scope), quality.overlap(engine, scope),
            quality.quarantine_by_reason(engine, scope), quality.quality_shares(engine, scope),
            quality.demo_sources(engine), quality.france_travail_last_update(engine)],
    }  # fmt: skip
    for name, step in steps.items():
        t0 = time.perf_counter()
        step()
        seconds[name] = round(time.perf_counter() - t0, 3)
    seconds.pop("_titles")
    seconds["total"] = round(time.perf_counter() - started, 3)
    return seconds


def naive_reads(engine) -> float:
    """The way it is often written: every offer and skill into pandas, aggregated there."""
    started = time.perf_counter()
    offers = pd.read_sql("SELECT * FROM vw_job_offers", engine)
    skills = pd.read_sql(
        "SELECT os.offer_id, k.name AS skill FROM offer_skills os JOIN skills k ON k.id = os.skill_id",
        engine,
    )
    active = offers[offers["status"] == "active"]
    active["source"].value_counts()
    active.groupby("departement").size()
    active.groupby("company").size().nlargest(15)
    skills.merge(active[["offer_id"]], on="offer_id")["skill"].value_counts().head(20)
    active["family"] = active["rome_code"].str[:3]
    paid = active.dropna(subset=["salary_mid"])
    paid.groupby(["family", "salary_is_estimated"])["salary_mid"].quantile(
        [0.1, 0.25, 0.5, 0.75, 0.9]
    )
    paid.groupby(["contract_type", "salary_is_estimated"])["salary_mid"].describe()
    active.groupby(["source", "contract_type"]).size()
    active.groupby("duplicate_group")["source"].nunique()
    return round(time.perf_counter() - started, 3)


def notebook_seconds(url: str) -> float:
    """The report notebook executed by papermill and rendered to HTML, as `make report` does."""
    import papermill

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = url  # the kernel inherits it
        os.environ["JOBMARKET_REPORTS_DIR"] = tmp
        started = time.perf_counter()
        executed = Path(tmp) / "05_market_report.ipynb"
        papermill.execute_notebook(str(config.NOTEBOOKS_DIR / "05_market_report.ipynb"),
                                   str(executed), parameters={"run_id": "bench"},
                                   kernel_name="python3", progress_bar=False)  # fmt: skip
        report.render_html(executed, Path(tmp) / "market_report.html")
        return round(time.perf_counter() - started, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()

    url = db.create_database(db.database_url(), prefix="jm_bench")
    engine = db.get_engine(url)
    try:
        raw = list(
            tqdm(generate_raw_offers(args.offers, args.seed), total=args.offers, desc="generate")
        )
        offers, quarantine = clean(raw)
        migrate(engine)
        load_offers(
            engine, offers, "bench", full_refresh_sources=config.SOURCES, quarantine=quarantine
        )
        reads = report_reads(engine)
        naive = naive_reads(engine)
        whole = notebook_seconds(url)
    finally:
        engine.dispose()
        db.drop_database(url)
    result = {
        "offers": int(len(offers)),
        "report_reads_s": reads,
        "naive_reads_s": naive,
        "speedup_reads": round(naive / reads["total"], 2) if reads["total"] else None,
        "notebook_and_html_s": whole,
        "target_s": TARGET_S,
        "meets_target": whole <= TARGET_S,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average_1m": round(os.getloadavg()[0], 2),  # other work on the machine slows all
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
