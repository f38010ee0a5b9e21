"""Filter columns of the index as numpy arrays, and the mask of a set of filters.

Categorical columns (departement, commune, contract type, source, remote) are stored as
int32 codes into a small sorted array of labels (-1 = missing); the yearly salary as
float32 (NaN = unknown); the creation time as int64 nanoseconds; the status as a bool.
Masks are computed only over the candidate rows a query matched, never the whole corpus.
"""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pandas as pd

CATEGORICAL = {
    "departement": "departements",
    "commune_code": "communes",
    "contract_type": "contract_types",
    "source": "sources",
    "remote": "remote",
}
MISSING_TIME = np.iinfo(np.int64).min
ARRAY_NAMES = (
    *(f"{column}_codes" for column in CATEGORICAL),
    *(f"{column}_labels" for column in CATEGORICAL),
    "salary",
    "created_ns",
    "active",
)


def filter_arrays(offers: pd.DataFrame) -> dict[str, np.ndarray]:
    """The filter arrays of `offers` (rows in the index's order)."""
    n = len(offers)
    arrays: dict[str, np.ndarray] = {}
    for column in CATEGORICAL:
        values = offers[column] if column in offers else pd.Series([None] * n)
        values = values.astype("string").str.strip().replace("", pd.NA)
        labels = np.array(sorted(values.dropna().unique()), dtype=str)
        codes = np.full(n, -1, dtype=np.int32)
        present = values.notna().to_numpy()
        if present.any():
            codes[present] = np.searchsorted(labels, values[present].to_numpy(dtype=str))
        arrays[f"{column}_codes"] = codes
        arrays[f"{column}_labels"] = labels if labels.size else np.array([], dtype="U1")
    arrays["salary"] = _yearly_salary(offers, n)
    created = pd.to_datetime(offers["created_at"], utc=True) if "created_at" in offers else None
    arrays["created_ns"] = (
        np.full(n, MISSING_TIME, dtype=np.int64)
        if created is None
        else created.dt.as_unit("ns").to_numpy(dtype="datetime64[ns]").astype(np.int64)
    )
    status = offers["status"] if "status" in offers else pd.Series(["active"] * n)
    arrays["active"] = status.fillna("active").astype(str).str.lower().eq("active").to_numpy()
    return arrays


def _yearly_salary(offers: pd.DataFrame, n: int) -> np.ndarray:
    """Best yearly figure an offer states: its maximum, else its minimum (NaN if none)."""
    high = pd.to_numeric(offers.get("salary_max", pd.Series([np.nan] * n)), errors="coerce")
    low = pd.to_numeric(offers.get("salary_min", pd.Series([np.nan] * n)), errors="coerce")
    return high.fillna(low).to_numpy(dtype=np.float32, na_value=np.nan)


def candidate_mask(arrays, rows: np.ndarray, filters) -> np.ndarray:
    """Which of `rows` pass `filters` (a `SearchFilters`); arrays may be memory-mapped.

    Filters apply one after the other to the rows still passing, the usually most selective
    (places, contracts, sources) first, so later ones read few values.
    """
    position = np.arange(rows.shape[0])
    for column, attribute in CATEGORICAL.items():
        wanted = getattr(filters, attribute)
        if wanted:
            labels = arrays[f"{column}_labels"]
            codes = [_code(labels, str(value)) for value in wanted]
            keep = np.isin(
                arrays[f"{column}_codes"][rows[position]], np.array(codes, dtype=np.int32)
            )
            position = position[keep]
    if filters.min_salary is not None:
        salary = arrays["salary"][rows[position]]
        position = position[~np.isnan(salary) & (salary >= filters.min_salary)]
    if filters.posted_since is not None:
        position = position[arrays["created_ns"][rows[position]] >= _to_ns(filters.posted_since)]
    if not filters.include_inactive:
        position = position[arrays["active"][rows[position]]]
    mask = np.zeros(rows.shape[0], dtype=bool)
    mask[position] = True
    return mask


def _code(labels: np.ndarray, value: str) -> int:
    """Code of `value` among the sorted `labels`, or -2 (matches nothing) when absent."""
    code = int(np.searchsorted(labels, value))
    return code if code < labels.size and labels[code] == value else -2


def _to_ns(moment: datetime | date) -> int:
    stamp = pd.Timestamp(moment)
    stamp = stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")
    return int(stamp.as_unit("ns").value)
