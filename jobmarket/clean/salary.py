"""Salaries: free text and numbers become a yearly gross range in euros, or a flag.

France Travail writes "Mensuel de 1923.00 Euros sur 12 mois", "Annuel de 40000,00 Euros à
50000,00 Euros", "Horaire de 11,27 Euros", and free comments such as "45 - 55 k€ brut annuel".
Hourly pay counts 151.67 hours a month. Each distinct text is parsed once.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

HOURS_PER_MONTH = 151.67
PLAUSIBLE = (10_000.0, 300_000.0)
_PER_YEAR = {
    "hour": HOURS_PER_MONTH * 12,
    "day": 218.0,
    "week": 52.0,
    "month": 12.0,
    "year": 1.0,
    "kyear": 1000.0,
    "unknown": np.nan,
}
_NUMBER = re.compile(
    r"(?<![\d%])(\d{1,3}(?:[  ]\d{3})+|\d+)(?:[.,](\d+))?\s*(k(?:€|e|\b)|%)?", re.I
)
_LABEL = re.compile(
    r"^\s*(horaire|mensuel|annuel|journalier|hebdomadaire|cachet|autre)?\s*de\b", re.I
)
_LABEL_PERIOD = {"horaire": "hour", "mensuel": "month", "annuel": "year", "journalier": "day",
                 "hebdomadaire": "week"}  # fmt: skip
_MONTHS = re.compile(r"sur\s+(\d+(?:[.,]\d+)?)\s*mois", re.I)
_WORD_PERIOD = [
    ("hour", re.compile(r"heure|horaire|/\s*h\b|\bh\b|taux", re.I)),
    ("month", re.compile(r"mois|mensuel|/\s*m\b", re.I)),
    ("year", re.compile(r"\ban\b|annuel|ann[ée]e|/\s*an\b|k€|\d\s*k\b", re.I)),
    ("day", re.compile(r"jour|journ", re.I)),
]
_FOREIGN = re.compile(r"\$|usd|chf|£|gbp|dollar", re.I)
_NET = re.compile(r"\bnets?\b", re.I)
_FROM = re.compile(r"partir de|\bd[èe]s\b|minimum|\bmin\b", re.I)


def _numbers(text: str) -> list[float]:
    """Amounts in the text; "45 - 55 k€" puts both bounds in thousands."""
    found = [(w, d, s) for w, d, s in _NUMBER.findall(text) if s != "%"]
    thousands = any(s for _, _, s in found)
    out = []
    for whole, decimals, _ in found:
        value = float(re.sub(r"[  ]", "", whole) + ("." + decimals if decimals else ""))
        out.append(value * 1000 if thousands and value < 1000 else value)
    return out


def _guess_period(value: float) -> str:
    """Period of an amount given without one, from its size ("unknown" between 100 and 1000)."""
    if value < 100:
        return "hour"
    if value < 1_000:
        return "unknown"
    return "month" if value < 10_000 else "year"


def parse_salary_text(text: str | None) -> tuple[float | None, float | None, str | None]:
    """(yearly min, yearly max, flag) of one salary text; numbers are None when flagged unusable."""
    if not text or not text.strip():
        return None, None, None
    flags: list[str] = []
    body = _MONTHS.sub(" ", text)
    months = _MONTHS.search(text)
    n_months = float(months.group(1).replace(",", ".")) if months else 0.0
    label = _LABEL.match(text)
    values = _numbers(body)
    if not values:
        return None, None, "no_amount"
    if _FOREIGN.search(text):
        return None, None, "foreign_currency"
    if _NET.search(text):
        return None, None, "net_amount"
    period = _LABEL_PERIOD.get((label.group(1) or "").lower()) if label else None
    if period is None:
        period = next((p for p, pattern in _WORD_PERIOD if pattern.search(body)), None)
    lo, hi = values[0], values[1] if len(values) > 1 else values[0]
    open_ended = len(values) == 1 and _FROM.search(text) is not None
    if hi < lo:
        lo, hi = hi, lo
        flags.append("swapped")
    period = _fix_period(period, lo, hi, flags)
    factor = _PER_YEAR[period]
    if period in ("month", "hour") and 12 < n_months <= 14:
        factor = (
            factor / 12 * n_months
        )  # "sur 13 mois": the thirteenth month is part of the yearly pay
    lo, hi = _fix_digits(lo, hi, factor, flags)
    lo, hi = round(lo * factor, 2), round(hi * factor, 2)
    if not (PLAUSIBLE[0] <= lo and hi <= PLAUSIBLE[1]):
        return None, None, ",".join([*flags, "implausible"])
    return lo, None if open_ended else hi, ",".join(flags) or None


def _fix_period(period: str | None, lo: float, hi: float, flags: list[str]) -> str:
    """The period, corrected when the amounts cannot be of the stated one."""
    if period is None:
        flags.append("period_guessed")
        return _guess_period(hi)
    if period == "month" and lo >= 10_000:
        flags.append("period_fixed")  # "Mensuel de 28000 Euros": a yearly amount
        return "year"
    if period == "year" and 10 <= lo and hi < 300:
        flags.append("unit_fixed")  # "Annuel de 40,00 Euros à 45,00 Euros": thousands of euros
        return "kyear"
    if period == "year" and hi < 10_000 and lo >= 1_000:
        flags.append("period_fixed")  # "Annuel de 2000 Euros": a monthly amount
        return "month"
    return period


def _fix_digits(lo: float, hi: float, factor: float, flags: list[str]) -> tuple[float, float]:
    """Undo a typed extra or missing zero when the range is seven or more times too wide."""
    if lo <= 0 or hi / lo < 7:
        return lo, hi
    low, high = PLAUSIBLE
    for a, b, flag in ((lo, hi / 10, "extra_zero"), (lo * 10, hi, "missing_zero")):
        a, b = min(a, b), max(a, b)
        if low <= a * factor and b * factor <= high and b / a < 3:
            flags.append(flag)
            return a, b
    return lo, hi


def salaries_from_text(texts: pd.Series) -> pd.DataFrame:
    """salary_min, salary_max, salary_flag for a column of salary texts (parsed once each)."""
    uniques = pd.unique(texts.dropna())
    parsed = {text: parse_salary_text(text) for text in uniques}
    table = pd.DataFrame.from_dict(
        parsed, orient="index", columns=["salary_min", "salary_max", "salary_flag"]
    )
    out = table.reindex(texts.to_numpy())
    out.index = texts.index
    return out.astype({"salary_min": "float64", "salary_max": "float64", "salary_flag": "str"})


def salaries_from_numbers(
    lo: pd.Series, hi: pd.Series, period: pd.Series, currency: pd.Series
) -> pd.DataFrame:
    """The same columns from numeric bounds (Adzuna, JSearch), with period and currency."""
    lo = pd.to_numeric(lo, errors="coerce").astype("float64")
    hi = pd.to_numeric(hi, errors="coerce").astype("float64")
    lo, hi = lo.fillna(hi), hi.fillna(lo)
    swapped = hi < lo
    lo, hi = lo.where(~swapped, hi), hi.where(~swapped, lo)
    guessed = pd.Series(
        np.where(hi < 200, "hour", np.where(hi < 10_000, "month", "year")), index=lo.index
    )
    per = period.str.lower().map(
        {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}
    )
    flag = pd.Series(None, index=lo.index, dtype="str")
    flag = flag.mask(per.isna() & (guessed != "year") & lo.notna(), "period_guessed")
    per = per.fillna(guessed)
    factor = per.map(_PER_YEAR).astype("float64")
    lo, hi = (lo * factor).round(2), (hi * factor).round(2)
    foreign = currency.notna() & (currency.str.upper() != "EUR") & lo.notna()
    bad = lo.notna() & ((lo < PLAUSIBLE[0]) | (hi > PLAUSIBLE[1]))
    flag = flag.mask(bad, "implausible").mask(foreign, "foreign_currency")
    unusable = bad | foreign
    return pd.DataFrame(
        {"salary_min": lo.mask(unusable), "salary_max": hi.mask(unusable), "salary_flag": flag}
    )
