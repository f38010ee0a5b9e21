"""Dates: ISO strings and epoch seconds to UTC timestamps; relative "il y a 6 jours" texts.

Each distinct string is parsed once. A value that is present but unparseable is reported
(the caller quarantines the record) rather than silently emptied.
"""

from __future__ import annotations

import pandas as pd

_RELATIVE = r"(?i)(?:il y a|posted)?\s*(\d+)\+?\s*(minute|min|heure|hour|h|jour|day|semaine|week|mois|month)s?\b"
_UNITS = {
    "minute": "min", "min": "min", "heure": "h", "hour": "h", "h": "h", "jour": "D", "day": "D",
    "semaine": "W", "week": "W", "mois": "30D", "month": "30D",
}  # fmt: skip


def to_utc(values: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(UTC timestamps, mask of present values that could not be parsed)."""
    text = values.astype("str")
    text = text.where(text.str.strip() != "", None)
    out = pd.to_datetime(text, utc=True, errors="coerce", format="ISO8601").astype(
        "datetime64[us, UTC]"
    )
    return out, text.notna() & out.isna()


def epoch_to_utc(seconds: pd.Series) -> pd.Series:
    """UTC timestamps from epoch seconds (missing stays missing)."""
    numbers = pd.to_numeric(seconds, errors="coerce")
    return pd.to_datetime(numbers, unit="s", utc=True).astype("datetime64[us, UTC]")


def relative_to(texts: pd.Series, reference: pd.Series) -> pd.Series:
    """Timestamps of texts such as "il y a 6 jours" or "3 days ago", counted back from `reference`."""
    parts = texts.astype("str").str.extract(_RELATIVE)
    amount = pd.to_numeric(parts[0], errors="coerce")
    unit = parts[1].str.lower().map(_UNITS)
    out = pd.Series(pd.NaT, index=texts.index, dtype="datetime64[us, UTC]")
    for code in unit.dropna().unique():
        rows = unit == code
        step = pd.to_timedelta(code if code[0].isdigit() else f"1{code}")
        out.loc[rows] = reference[rows] - amount[rows] * step
    today = texts.astype("str").str.contains(
        r"(?i)aujourd|today|just now|à l'instant", regex=True, na=False
    )
    return out.mask(today & out.isna(), reference)
