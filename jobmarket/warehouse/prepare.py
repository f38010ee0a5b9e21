"""Keys and hashes the loader adds to validated offers (pure functions).

`content_hash` covers everything an offer row stores except where and when it was fetched
(`raw_ref`, `fetched_at` change on every run), so a re-load of the same offers is detected
as unchanged and not rewritten. `text_hash` covers the text of the full-text vector, which
is recomputed only when it changes.
"""

from __future__ import annotations

from hashlib import blake2b

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

SOURCE_IDS = {"france_travail": 1, "adzuna": 2, "jsearch": 3}  # rows of table `sources`
# Not in the content hash: provenance (changes every run), the list column (hashed as text)
# and the text itself (already summarised by text_hash: long descriptions hashed once).
_UNHASHED = ("raw_ref", "fetched_at", "skills", "title", "description")


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
    """A stable signed 64-bit hash per row (bigint in PostgreSQL): BLAKE2b of its fields.

    Fields are joined as text by Arrow (NULL as a distinct marker), then hashed row by row;
    several times faster than `pd.util.hash_pandas_object` on long descriptions.
    """
    if frame.empty:
        return pd.Series([], index=frame.index, dtype="int64")
    fields = [_as_arrow_text(frame[c]) for c in frame.columns]
    joined = pc.binary_join_element_wise(
        *fields, "\x1f", null_handling="replace", null_replacement="\x1e"
    )
    digests = b"".join(
        blake2b(v, digest_size=8).digest() for v in pc.cast(joined, pa.binary()).to_pylist()
    )
    return pd.Series(np.frombuffer(digests, dtype="<i8").astype("int64"), index=frame.index)


def _as_arrow_text(values: pd.Series) -> pa.Array:
    array = pa.array(
        values.array if isinstance(values.dtype, pd.StringDtype) else values, from_pandas=True
    )
    if pa.types.is_timestamp(array.type):
        array = pc.cast(array, pa.int64())
    return pc.cast(array, pa.string())


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
