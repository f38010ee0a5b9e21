"""Schema of the unified offer table (pandera), quarantine rows, and invariant checks.

Rows that fail the schema leave the table for the quarantine with the failing field and
check; the rest of the batch goes on.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pandera.pandas as pa

from jobmarket.clean.contracts import CONTRACT_TYPES

QUARANTINE_COLUMNS = ["stage", "source", "external_id", "raw_ref", "field", "reason", "raw"]
_UTC = pd.DatetimeTZDtype("us", "UTC")

OFFER_SCHEMA = pa.DataFrameSchema(
    {
        "source": pa.Column(str, pa.Check.isin(["france_travail", "adzuna", "jsearch"])),
        "external_id": pa.Column(str, pa.Check.str_length(min_value=1)),
        "title": pa.Column(str, pa.Check.str_length(min_value=1)),
        "title_clean": pa.Column(str, pa.Check.str_length(min_value=1)),
        "departement": pa.Column(
            str, pa.Check.str_matches(r"^(\d{2}|2[AB]|9[78]\d)$"), nullable=True
        ),
        "commune_code": pa.Column(
            str, pa.Check.str_matches(r"^(\d{5}|2[AB]\d{3})$"), nullable=True
        ),
        "latitude": pa.Column(float, pa.Check.in_range(-90, 90), nullable=True),
        "longitude": pa.Column(float, pa.Check.in_range(-180, 180), nullable=True),
        "contract_type": pa.Column(str, pa.Check.isin(CONTRACT_TYPES)),
        "remote": pa.Column(str, pa.Check.isin(["yes", "partial", "no", "unknown"])),
        "salary_min": pa.Column(float, pa.Check.in_range(10_000, 300_000), nullable=True),
        "salary_max": pa.Column(float, pa.Check.in_range(10_000, 300_000), nullable=True),
        "created_at": pa.Column(_UTC, nullable=True),
        "updated_at": pa.Column(_UTC, nullable=True),
        "fetched_at": pa.Column(_UTC, nullable=True),
    },
    checks=pa.Check(
        lambda df: ~(df["salary_min"] > df["salary_max"]), name="salary_min <= salary_max"
    ),
    unique=["source", "external_id"],
)


def raw_json(record: Any) -> str:
    """The record as received, as JSON text."""
    return json.dumps(record, ensure_ascii=False, default=str)


def quarantine_frame(rows: list[dict[str, Any]] | pd.DataFrame | None = None) -> pd.DataFrame:
    """Quarantine rows with exactly QUARANTINE_COLUMNS (text columns)."""
    frame = pd.DataFrame(rows if rows is not None else [], columns=QUARANTINE_COLUMNS)
    return frame[QUARANTINE_COLUMNS].astype("str")


def schema_failures(offers: pd.DataFrame) -> pd.DataFrame:
    """index, field and reason of each row-level schema failure (empty when all rows pass)."""
    try:
        OFFER_SCHEMA.validate(offers, lazy=True)
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
        cases = cases[cases["index"].notna()]
        field = cases["column"].fillna("row").astype("str")
        reason = (
            "schema: "
            + cases["check"].astype("str")
            + " failed on "
            + cases["failure_case"].astype("str").str.slice(0, 80)
        )
        return pd.DataFrame(
            {"index": cases["index"].astype("int64"), "field": field, "reason": reason}
        ).drop_duplicates("index")
    return pd.DataFrame(
        {
            "index": pd.Series(dtype="int64"),
            "field": pd.Series(dtype="str"),
            "reason": pd.Series(dtype="str"),
        }
    )


def check_invariants(offers: pd.DataFrame) -> dict[str, int]:
    """Raise AssertionError unless ids are unique, titles present and salary min ≤ max."""
    problems = {
        "duplicate (source, external_id)": int(offers.duplicated(["source", "external_id"]).sum()),
        "missing title": int((offers["title"].isna() | (offers["title"].str.strip() == "")).sum()),
        "salary_min > salary_max": int((offers["salary_min"] > offers["salary_max"]).sum()),
    }
    failing = {k: v for k, v in problems.items() if v}
    if failing:
        raise AssertionError(f"offer table invariants broken: {failing}")
    return {"rows": len(offers), **problems}
