"""What the cleaning notebook shows: run lookup, counts, shares and duplicate examples."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jobmarket import config, raw


def latest_raw_run(raw_root: Path | None = None) -> str | None:
    """The newest run id (ids sort by time) that has pages in the raw store, or None."""
    root = Path(raw_root or config.RAW_DIR)
    runs = {
        p.name
        for source in root.glob("*")
        if source.is_dir()
        for p in source.iterdir()
        if p.is_dir()
    }
    with_pages = [run for run in runs if raw.run_sources(run, root)]
    return max(with_pages) if with_pages else None


def quarantine_reasons(quarantine: pd.DataFrame) -> pd.DataFrame:
    """Quarantined records per source, field and reason."""
    if quarantine.empty:
        return pd.DataFrame(columns=["source", "field", "reason", "records"])
    return quarantine.groupby(["source", "field", "reason"]).size().rename("records").reset_index()


def shares(offers: pd.DataFrame) -> pd.DataFrame:
    """Per source: offers, and the shares located (département, commune), with a salary, with skills."""
    france = offers["country"].eq("FR")
    table = pd.DataFrame({
        "source": offers["source"],
        "in_france": france,
        "with_departement": offers["departement"].notna() & france,
        "with_commune": offers["commune_code"].notna() & france,
        "with_salary": offers["salary_min"].notna(),
        "with_skills": offers["skills"].map(len) > 0,
    })  # fmt: skip
    grouped = table.groupby("source")
    out = grouped.mean().round(3)
    out.insert(0, "offers", grouped.size())
    for column in ("with_departement", "with_commune"):
        out[column] = (grouped[column].sum() / grouped["in_france"].sum()).round(3)
    return out


def duplicate_examples(offers: pd.DataFrame, n: int = 10) -> pd.DataFrame:
    """Up to `n` cross-source duplicate groups, each row with its own source and URL."""
    linked = offers[offers["duplicate_group"].notna()]
    groups = linked["duplicate_group"].drop_duplicates().head(n)
    columns = [
        "duplicate_group",
        "duplicate_confidence",
        "source",
        "title",
        "company",
        "location_label",
        "url",
    ]
    return linked[linked["duplicate_group"].isin(groups)].sort_values(
        ["duplicate_group", "source"]
    )[columns]


def facts(counts: dict[str, dict[str, int]], offers: pd.DataFrame) -> dict:
    """Facts of the clean step for the run log."""
    return {
        "counts": counts,
        "duplicate_groups": int(offers["duplicate_group"].nunique()),
        "rows": len(offers),
    }
