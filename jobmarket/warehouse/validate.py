"""Checks of the unified offer table against what PostgreSQL accepts, before any COPY.

`validate_offers` is pure: DataFrame in, (typed rows that will load, quarantined rows) out.
A row the database would reject (NUL byte, over-long bounded string, invalid date,
out-of-range or non-finite number, min salary above max, missing key) is quarantined with
its field and reason, so one bad row never fails the whole batch. The limits mirror the
varchar sizes and checks of `migrations/001_star_schema.sql`.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from jobmarket import config

# Column -> max length (None = unbounded text); same sizes as the SQL schema.
TEXT_LIMITS: dict[str, int | None] = {
    "source": 40, "external_id": 200, "title": 500, "title_clean": 500, "company": 300, "company_key": 300,
    "description": None, "location_label": 300, "commune_code": 10, "postal_code": 10,
    "departement": 5, "region": 100, "country": 60, "contract_type": 40, "contract_raw": 300,
    "remote": 20, "salary_raw": 500, "salary_flag": 100, "experience": 500, "rome_code": 10,
    "appellation": 300, "sector": 300, "url": 2048, "raw_ref": None, "duplicate_group": 64,
}  # fmt: skip
SKILL_LIMIT = 200
NUMBER_RANGES = {
    "salary_min": (0.0, 1e10), "salary_max": (0.0, 1e10), "latitude": (-90.0, 90.0),
    "longitude": (-180.0, 180.0), "duplicate_confidence": (-1e30, 1e30),
}  # fmt: skip
BOOL_COLUMNS = ("description_is_snippet", "full_time", "salary_is_estimated")
DATE_COLUMNS = ("created_at", "updated_at", "fetched_at")
REQUIRED = ("source", "external_id", "title")
QUARANTINE_COLUMNS = ["stage", "source", "external_id", "raw_ref", "field", "reason", "raw"]
# As dict keys True == 1 == 1.0 and False == 0, so numbers and numpy bools map too.
_BOOLS = {True: True, False: False, "true": True, "false": False, "yes": True, "no": False}


def validate_offers(
    offers: pd.DataFrame, repeated: pd.Series | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Typed, loadable rows and the quarantined ones (stage "load"), in input order.

    `repeated` marks rows whose key comes again later in the whole batch (when `offers` is a
    slice of it); by default repeats are looked for within `offers`.
    """
    missing = [c for c in ("source", "external_id") if c not in offers.columns]
    if missing:
        raise ValueError(f"offer table lacks the key column(s) {missing}")
    frame = offers.reset_index(drop=True)
    typed = pd.DataFrame(index=frame.index)
    reasons = pd.Series(pd.NA, index=frame.index, dtype="object")  # first (field, reason)

    def flag(mask, field: str, reason: str | pd.Series) -> None:
        mask = pd.Series(mask, index=frame.index).fillna(False).astype(bool) & reasons.isna()
        texts = reason[mask] if isinstance(reason, pd.Series) else [reason] * int(mask.sum())
        reasons.loc[mask] = pd.Series([(field, r) for r in texts], index=mask[mask].index)

    for col, limit in TEXT_LIMITS.items():
        values = _as_text(frame[col]) if col in frame else pd.Series(pd.NA, index=frame.index)
        typed[col] = values.astype("string[pyarrow]")
        flag(typed[col].str.contains("\x00", regex=False), col, "NUL byte in text")
        if limit:
            flag(typed[col].str.len() > limit, col, f"longer than {limit} characters")
    for col in REQUIRED:
        flag(typed[col].isna() | (typed[col].str.strip() == ""), col, "missing")
    flag(~typed["source"].isin(config.SOURCES), "source", "unknown source")
    for col, (low, high) in NUMBER_RANGES.items():
        raw = frame[col] if col in frame else pd.Series(np.nan, index=frame.index)
        num = pd.to_numeric(raw, errors="coerce").astype("float64")
        flag(num.isna() & raw.notna(), col, "not a number")
        flag(~np.isfinite(num) & num.notna(), col, "not a finite number")
        flag((num < low) | (num >= high), col, f"out of range [{low:g}, {high:g})")
        typed[col] = num
    flag(typed["salary_min"] > typed["salary_max"], "salary_min", "salary_min above salary_max")
    for col in BOOL_COLUMNS:
        raw = frame[col] if col in frame else pd.Series(pd.NA, index=frame.index)
        mapped = raw.map(_as_bool, na_action="ignore")
        flag(mapped.isna() & raw.notna(), col, "not a boolean")
        typed[col] = mapped.astype("boolean")
    for col in DATE_COLUMNS:
        raw = frame[col] if col in frame else pd.Series(pd.NaT, index=frame.index)
        parsed = _as_utc(raw)
        flag(parsed.isna() & raw.notna(), col, "invalid or out-of-range date")
        typed[col] = parsed
    skills, skill_errors = _skills(frame.get("skills"), frame.index)
    flag(skill_errors.notna(), "skills", skill_errors)
    typed["skills"] = skills
    # The merge can touch a row once per run: keep the last copy of a repeated key.
    if repeated is None:
        repeated = typed.duplicated(["source", "external_id"], keep="last")
    else:
        repeated = pd.Series(np.asarray(repeated, dtype=bool), index=frame.index)
    flag(repeated, "external_id", "repeated (source, external_id) in the batch; last kept")
    bad = reasons.notna()
    if not bad.any():  # the usual case: even an empty take copies every (chunked) column
        return typed, pd.DataFrame(columns=QUARANTINE_COLUMNS)
    quarantine = _quarantine(frame[bad], typed[bad], reasons[bad])
    return typed[~bad].reset_index(drop=True), quarantine


def _as_text(values: pd.Series) -> pd.Series:
    """Strings as they are; other scalars as their text (an int postal code, a numeric group)."""
    if pd.api.types.is_string_dtype(values.dtype):
        return values
    if pd.api.types.is_float_dtype(values.dtype) and (values.dropna() % 1 == 0).all():
        return values.astype("Int64").astype("string")
    return values.map(lambda v: v if isinstance(v, str) else str(v), na_action="ignore")


def _as_bool(value):
    key = value.strip().lower() if isinstance(value, str) else value
    try:
        return _BOOLS.get(key)
    except TypeError:  # unhashable
        return None


def _as_utc(values: pd.Series) -> pd.Series:
    if isinstance(values.dtype, pd.DatetimeTZDtype):
        return values.dt.tz_convert("UTC").dt.as_unit("us")
    parsed = pd.to_datetime(values, errors="coerce", utc=True, format="mixed")
    return parsed.dt.as_unit("us")


def _skills(values: pd.Series | None, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Skill lists (stripped, deduplicated, order kept) and a reason per bad row (vectorised)."""
    errors = pd.Series(None, index=index, dtype="object")
    if values is None:
        return pd.Series([[] for _ in range(len(index))], index=index, dtype="object"), errors
    names = values.explode().dropna()
    names = names[names.map(lambda v: isinstance(v, str) or np.ndim(v) == 0)]
    names = names.astype("string[pyarrow]").str.strip()
    names = names[names != ""]
    pairs = pd.DataFrame({"row": names.index, "name": names.to_numpy()}).drop_duplicates()
    long = pairs["name"].str.len() > SKILL_LIMIT
    nul = pairs["name"].str.contains("\x00", regex=False)
    errors.loc[pairs.loc[long, "row"].unique()] = f"a skill longer than {SKILL_LIMIT} characters"
    errors.loc[pairs.loc[nul, "row"].unique()] = "NUL byte in a skill"
    # explode keeps row order, so each row's names are one contiguous run: split, no groupby.
    rows, names_arr = pairs["row"].to_numpy(), pairs["name"].to_numpy(dtype=object)
    firsts, starts = np.unique(rows, return_index=True)
    out = [[] for _ in range(len(index))]
    if not len(pairs):
        return pd.Series(out, index=index, dtype="object"), errors
    positions = index.get_indexer(firsts)
    for position, run in zip(positions, np.split(names_arr, starts[1:]), strict=True):
        out[position] = run.tolist()
    return pd.Series(out, index=index, dtype="object"), errors


def _quarantine(frame: pd.DataFrame, typed: pd.DataFrame, reasons: pd.Series) -> pd.DataFrame:
    rows = []
    for (_, raw), (_, clean), (field, reason) in zip(
        frame.iterrows(), typed.iterrows(), reasons, strict=True
    ):
        rows.append(
            {
                "stage": "load",
                "source": _scrub(clean["source"]),
                "external_id": _scrub(clean["external_id"]),
                "raw_ref": _scrub(clean["raw_ref"]),
                "field": field,
                "reason": reason,
                "raw": json.dumps(
                    {k: _jsonable(v) for k, v in raw.items()}, ensure_ascii=False, default=str
                ),
            }
        )
    return pd.DataFrame(rows, columns=QUARANTINE_COLUMNS)


def _scrub(value) -> str | None:
    """Text fit for the quarantine table (PostgreSQL text refuses NUL bytes)."""
    return None if value is None or value is pd.NA else str(value).replace("\x00", "\\u0000")


def _jsonable(value):
    if isinstance(value, np.ndarray):
        return [_jsonable(v) for v in value.tolist()]
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    return value.isoformat() if isinstance(value, pd.Timestamp) else value
