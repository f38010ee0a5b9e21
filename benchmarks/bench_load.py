"""Benchmark of the warehouse load: first load, unchanged re-load, 10% changed, vs naive ways.

    python benchmarks/bench_load.py --offers 1000000

Offers come from the demo generator and the real cleaner (at most `--base` distinct ones,
repeated under new ids up to `--offers`: cleaning a million records would dominate the run).
Everything runs in a fresh database created on the server (TEST_DATABASE_URL, else the
machine's 127.0.0.1:5432) and dropped at the end. On a sample of the same offers it times
pandas `to_sql` into a plain table and a bare COPY into an unindexed table. Writes
`benchmarks/results/load.json`.
"""

from __future__ import annotations

import argparse
import json
import time
import uuid

import numpy as np
import pandas as pd
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from tqdm import tqdm

from jobmarket import config
from jobmarket.clean import clean
from jobmarket.sources.demo import generate_raw_offers
from jobmarket.warehouse import db
from jobmarket.warehouse.copy import copy_frame
from jobmarket.warehouse.load import load_offers
from jobmarket.warehouse.migrate import migrate

RESULT = config.BENCHMARKS_DIR / "results" / "load.json"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


def generated_offers(n: int, base: int, seed: int = 7) -> pd.DataFrame:
    """`n` cleaned offers: `base` from demo + clean, repeated under new external ids."""
    offers, _ = clean(generate_raw_offers(min(n, base), seed=seed))
    reps = -(-n // len(offers))
    table = pd.concat([offers] * reps, ignore_index=True).iloc[:n].copy()
    copy_no = np.repeat(np.arange(reps), len(offers))[:n].astype(str)
    table["external_id"] = (table["external_id"] + "-" + copy_no).astype("string[pyarrow]")
    return table.reset_index(drop=True)


def changed_tenth(offers: pd.DataFrame, seed: int = 1) -> pd.DataFrame:
    """The same offers with 10% changed: half of those in their text, half in their salary."""
    out = offers.copy()
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(out), size=len(out) // 10, replace=False)
    texts, salaries = picked[::2], picked[1::2]
    out.loc[texts, "description"] = out.loc[texts, "description"] + " Poste mis à jour."
    out.loc[salaries, "salary_max"] = out.loc[salaries, "salary_max"].fillna(40000.0) + 1000.0
    out.loc[salaries, "salary_min"] = out.loc[salaries, "salary_min"].fillna(30000.0)
    return out


def flat_sample(offers: pd.DataFrame) -> pd.DataFrame:
    """The unified columns as a plain table can hold them (skills as text)."""
    return offers.assign(skills=offers["skills"].map(lambda s: ", ".join(s)))


def time_to_sql(engine, sample: pd.DataFrame) -> float:
    started = time.perf_counter()
    sample.to_sql("naive_offers", engine, if_exists="replace", index=False, chunksize=10_000)
    return len(sample) / (time.perf_counter() - started)


def time_bare_copy(engine, sample: pd.DataFrame) -> float:
    with engine.begin() as conn:  # same columns, no index, no constraint
        conn.execute(text("CREATE TABLE bare_offers AS SELECT * FROM naive_offers LIMIT 0"))
    raw = engine.raw_connection()
    try:
        started = time.perf_counter()
        with raw.cursor() as cur:
            copy_frame(cur, "bare_offers", sample)
        raw.commit()
        return len(sample) / (time.perf_counter() - started)
    finally:
        raw.close()


def timed_load(engine, offers: pd.DataFrame, run_id: str) -> tuple[float, dict]:
    started = time.perf_counter()
    result = load_offers(engine, offers, run_id)
    return time.perf_counter() - started, result.seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=100_000, help="distinct offers cleaned")
    parser.add_argument("--sample", type=int, default=100_000, help="rows for to_sql/bare COPY")
    args = parser.parse_args()
    settings = config.get_settings()
    server = make_url(db._as_sqlalchemy_url(settings.test_database_url or DEFAULT_SERVER))
    name = f"jm_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    steps = tqdm(total=6, desc="bench_load", unit="step")
    started = time.perf_counter()
    offers = generated_offers(args.offers, args.base)
    generate_seconds = time.perf_counter() - started
    steps.update()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = db.get_engine(server.set(database=name).render_as_string(hide_password=False))
    try:
        migrate(engine)
        # The naive ways right before the first load: on a shared machine the load varies
        # over minutes, so rates compared must be measured close together.
        sample = flat_sample(offers.iloc[: min(args.sample, len(offers))])
        to_sql_rate = time_to_sql(engine, sample)
        steps.update()
        bare_rate = time_bare_copy(engine, sample)
        steps.update()
        with engine.begin() as conn:
            conn.execute(text("DROP TABLE naive_offers; DROP TABLE bare_offers"))
        first, first_stages = timed_load(engine, offers, "bench-first")
        steps.update()
        reload, reload_stages = timed_load(engine, offers, "bench-reload")
        steps.update()
        changed, changed_stages = timed_load(engine, changed_tenth(offers), "bench-changed")
        steps.update()
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
        steps.close()
    n = len(offers)
    fts = first_stages["fts"]
    result = {
        "offers": n,
        "first_load_offers_per_s": round(n / (first - fts), 1),
        "reload_offers_per_s": round(n / reload, 1),
        "changed_load_offers_per_s": round(n / changed, 1),
        "to_sql_offers_per_s": round(to_sql_rate, 1),
        "bare_copy_offers_per_s": round(bare_rate, 1),
        "fts_seconds": round(fts, 2),
        "stages": {
            "first_load": first_stages,
            "reload": reload_stages,
            "changed_load": changed_stages,
            "first_load_seconds_with_fts": round(first, 2),
            "first_load_offers_per_s_with_fts": round(n / first, 1),
            "reload_speedup_vs_first_load": round(first / reload, 2),
            "first_load_vs_bare_copy": round(n / (first - fts) / bare_rate, 3),
            "fts_offers_per_s": round(n / fts, 1) if fts else None,
            "generate_seconds": round(generate_seconds, 1),
            "distinct_offers_cleaned": min(n, args.base),
            "sample_offers": len(sample),
            "description_median_chars": int(offers["description"].str.len().median()),
        },
    }
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
