"""Client-side frames of a load: dimension ids, offer-skill pairs, quarantine rows, counts."""

from __future__ import annotations

import json

import pandas as pd

from jobmarket import config
from jobmarket.warehouse import merge
from jobmarket.warehouse.prepare import SOURCE_IDS
from jobmarket.warehouse.validate import QUARANTINE_COLUMNS


def with_dimension_ids(cur, todo: pd.DataFrame) -> pd.DataFrame:
    """Upsert the companies and places of `todo` and add their company_id/location_id."""
    companies = todo.dropna(subset=["company_key"]).drop_duplicates("company_key")
    companies = pd.DataFrame(
        {"company_key": companies["company_key"],
         "name": companies["company"].fillna(companies["company_key"])}
    )  # fmt: skip
    company_ids = merge.upsert_keys(cur, "companies", "company_key", companies)
    places = todo.dropna(subset=["location_key"]).drop_duplicates("location_key")
    places = places[merge.LOCATION_COLUMNS].rename(columns={"location_label": "label"})
    location_ids = merge.upsert_keys(cur, "locations", "location_key", places)
    return todo.assign(
        company_id=todo["company_key"].map(company_ids).astype("Int64"),
        location_id=todo["location_key"].map(location_ids).astype("Int64"),
    )


def offer_skills(cur, todo: pd.DataFrame) -> pd.DataFrame:
    """Upsert the skills of `todo` and return its (offer_id, skill_id) pairs."""
    pairs = todo[["id", "skills"]].explode("skills").dropna(subset=["skills"])
    if pairs.empty:
        return pd.DataFrame(
            {"offer_id": pd.Series(dtype="int64"), "skill_id": pd.Series(dtype="int64")}
        )
    names = pd.DataFrame({"name": pairs["skills"].astype("string[pyarrow]").unique()})
    skill_ids = merge.upsert_keys(cur, "skills", "name", names)
    return pd.DataFrame(
        {"offer_id": pairs["id"].to_numpy(),
         "skill_id": pairs["skills"].astype("string[pyarrow]").map(skill_ids).to_numpy(dtype="int64")}
    )  # fmt: skip


def quarantined_keys(*frames: pd.DataFrame | None) -> pd.DataFrame:
    """(source_id, external_id) of quarantined rows: offers that exist but could not load."""
    keys = [f[["source", "external_id"]] for f in frames if f is not None and not f.empty]
    both = pd.concat(keys) if keys else pd.DataFrame(columns=["source", "external_id"])
    both = both[both["source"].isin(list(SOURCE_IDS)) & both["external_id"].notna()]
    return pd.DataFrame(
        {"source_id": both["source"].map(SOURCE_IDS).astype("int16"),
         "external_id": both["external_id"].astype("string[pyarrow]")}
    ).drop_duplicates()  # fmt: skip


def counts(rows, new, same, rejected, deactivated) -> dict[str, dict[str, int]]:
    """Per source: loaded (= inserted + updated + unchanged), each part, deactivated, quarantined."""
    out = {}
    for source in config.SOURCES:
        mine = (rows["source"] == source).to_numpy()
        inserted, unchanged = int((mine & new).sum()), int((mine & same).sum())
        updated = int(mine.sum()) - inserted - unchanged
        out[source] = {
            "loaded": int(mine.sum()), "inserted": inserted, "updated": updated,
            "unchanged": unchanged, "deactivated": int(deactivated.get(source, 0)),
            "quarantined": int((rejected["source"] == source).sum()),
        }  # fmt: skip
    return out


def quarantine_rows(cleaner: pd.DataFrame | None, rejected: pd.DataFrame) -> pd.DataFrame:
    """The cleaner's quarantine (stage "clean" unless it says "load") and the load's, as text."""
    frames = []
    if cleaner is not None and not cleaner.empty:
        rows = cleaner.reindex(columns=QUARANTINE_COLUMNS)
        rows["stage"] = rows["stage"].where(rows["stage"].isin(["clean", "load"]), "clean")
        rows["raw"] = rows["raw"].map(_as_json_text, na_action="ignore")
        frames.append(rows)
    if not rejected.empty:
        frames.append(rejected.reindex(columns=QUARANTINE_COLUMNS))
    return pd.concat(frames, ignore_index=True) if frames else rejected


def _as_json_text(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
