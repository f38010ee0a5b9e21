"""Benchmark of the cleaning step on generated offers, against a naive row-by-row cleaner.

    python benchmarks/bench_clean.py --offers 1000000

Writes `benchmarks/results/clean.json` with {"offers", "seconds", "offers_per_s"} plus the
naive figures measured on a sample in the same run. Generation time is not counted.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import time
from pathlib import Path

import pandas as pd
from tqdm import tqdm

from jobmarket import config
from jobmarket.clean import clean, load_communes
from jobmarket.clean.salary import parse_salary_text
from jobmarket.clean.skills import load_vocabulary
from jobmarket.clean.text import place_key
from jobmarket.sources.demo import generate_raw_offers

RESULT = config.BENCHMARKS_DIR / "results" / "clean.json"


def naive_clean(raw_offers: list) -> pd.DataFrame:
    """The way this is often written: one Python pass per record, nothing cached."""
    phrases = {form.lower(): skill for form, skill in load_vocabulary().items()}
    rows = []
    for offer in raw_offers:
        r = offer.record
        title = r.get("intitule") or r.get("title") or r.get("job_title") or ""
        desc = r.get("description") or r.get("job_description") or ""
        desc = html.unescape(re.sub(r"<[^>]+>", " ", desc))
        words = re.findall(r"[\w+#.]+", (title + " " + desc).lower())
        found = {
            phrases[" ".join(words[i : i + n])]
            for n in (1, 2, 3)
            for i in range(len(words))
            if " ".join(words[i : i + n]) in phrases
        }
        sal = (
            (r.get("salaire") or {}).get("libelle") if isinstance(r.get("salaire"), dict) else None
        )
        place = (r.get("lieuTravail") or {}).get("libelle") or str(
            r.get("location", {}).get("display_name", "")
        )
        rows.append({
            "title_clean": re.sub(r"(?i)\(?\b[hf]\s*/\s*[hf]\b\)?", "", title).strip(),
            "salary": parse_salary_text(sal), "place": place_key(place), "skills": sorted(found),
            "created": pd.Timestamp(r.get("dateCreation") or r.get("created") or "2024-01-01", tz="UTC"),
        })  # fmt: skip
    return pd.DataFrame(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--naive-sample", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", type=Path, default=RESULT)
    args = parser.parse_args()

    raw = list(
        tqdm(generate_raw_offers(args.offers, args.seed), total=args.offers, desc="generating")
    )
    communes = load_communes()
    start, cpu_start = time.perf_counter(), time.process_time()
    offers, quarantine = clean(raw, communes=communes)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start

    sample = raw[: min(args.naive_sample, len(raw))]
    start = time.perf_counter()
    naive_clean(sample)
    naive_seconds = time.perf_counter() - start
    start = time.perf_counter()
    clean(sample, communes=communes)
    sample_seconds = time.perf_counter() - start

    result = {
        "offers": len(raw),
        "seconds": round(seconds, 3),
        "offers_per_s": round(len(raw) / seconds, 1),
        # CPU time of this process: close to the wall time on an idle machine, far below it
        # when other work shares the cores (the wall figure then understates the code's speed).
        "cpu_seconds": round(cpu_seconds, 3),
        "offers_per_cpu_s": round(len(raw) / cpu_seconds, 1),
        "load_average_1min": round(os.getloadavg()[0], 2),
        "cleaned": len(offers),
        "quarantined": len(quarantine),
        "communes_referential": communes is not None,
        "naive": {
            "offers": len(sample),
            "seconds": round(naive_seconds, 3),
            "offers_per_s": round(len(sample) / naive_seconds, 1),
            "vectorised_offers_per_s_same_sample": round(len(sample) / sample_seconds, 1),
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
