"""Keys and hashes the loader adds to validated offers (pure functions).

`content_hash` covers everything an offer row stores except where and when it was fetched
(`raw_ref`, `fetched_at` change on every run), so a re-load of the same offers is detected
as unchanged and not rewritten. `text_hash` covers the text of the full-text vector, which
is recomputed only when it changes.
"""

from __future__ import annotations

import pandas as pd

SOURCE_IDS = {"france_travail": 1, "adzuna": 2, "jsearch": 3}  # rows of table `sources`
_UNHASHED = ("raw_ref", "fetched_at", "skills")


def prepare_offers(typed: pd.DataFrame) -> pd.DataFrame:
    """Validated offers plus source_id, location_key, text_hash and content_hash."""
    out = typed.copy()
    out["source_id"] = out["source"].map(SOURCE_IDS).astype("int16")
    out["location_key"] = location_keys(out)
    out["text_hash"] = row_hash(out[["title", "description"]])
    hashed = out.drop(columns=[c for c in _UNHASHED if c in out])
    hashed["skills_text"] = out["skills"].map("\x1f".join).astype("string[pyarrow]")
    out["content_hash"] = row_hash(hashed)
    return out


def row_hash(frame: pd.DataFrame) -> pd.Series:
    """A stable signed 64-bit hash per row (bigint in PostgreSQL)."""
    hashed = pd.util.hash_pandas_object(frame, index=False, categorize=False)
    return pd.Series(hashed.to_numpy().view("int64"), index=frame.index)


def location_keys(offers: pd.DataFrame) -> pd.Series:
    """One key per resolved place: the commune when known, else département and label."""
    label = offers["location_label"].str.strip().str.lower()
    country = offers["country"].str.strip().str.lower().fillna("")
    key = pd.Series(pd.NA, index=offers.index, dtype="string[pyarrow]")
    key = key.mask(country != "", "k:" + country)
    key = key.mask(label.notna(), "l:" + label.fillna("") + "|" + country)
    key = key.mask(
        offers["departement"].notna(), "d:" + offers["departement"] + "|" + label.fillna("")
    )
    return key.mask(offers["commune_code"].notna(), "c:" + offers["commune_code"])
