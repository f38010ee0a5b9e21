"""Contracts and working time: one contract_type out of eight, full_time, remote.

Sources say it differently: France Travail codes (CDI, MIS, SAI...) with long or short labels
and a contract nature (apprenticeship...), Adzuna `contract_type`/`contract_time`, JSearch
employment types in English or French. Titles reveal alternance and internships.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

CONTRACT_TYPES = (
    "CDI",
    "CDD",
    "interim",
    "alternance",
    "stage",
    "freelance",
    "saisonnier",
    "other",
)
_CODES = {
    "CDI": "CDI", "CDD": "CDD", "MIS": "interim", "TTI": "interim", "DIN": "interim",
    "SAI": "saisonnier", "LIB": "freelance", "FRA": "freelance", "CCE": "freelance",
    "REP": "freelance", "DDI": "CDD", "DDT": "CDD", "CUI": "CDD", "APP": "alternance",
    "PRO": "alternance", "STG": "stage",
    # Adzuna and JSearch words
    "PERMANENT": "CDI", "CONTRACT": "CDD", "CONTRACTOR": "freelance", "INTERN": "stage",
    "TEMPORARY": "CDD", "PRESTATAIRE": "freelance", "STAGE": "stage", "INTERIM": "interim",
    "APPRENTICESHIP": "alternance",
}  # fmt: skip
_LABELS = [  # checked in order on the lower-cased label when the code is unknown
    ("indéterminée", "CDI"), ("déterminée", "CDD"), ("intérim", "interim"), ("saisonnier", "saisonnier"),
    ("libéral", "freelance"), ("franchise", "freelance"), ("apprentissage", "alternance"),
    ("professionnalisation", "alternance"), ("stage", "stage"),
]  # fmt: skip
_ALTERNANCE_TITLE = r"(?i)\b(?:alternan|apprenti|apprentissage|contrat pro\b|contrat de professionnalisation|work[- ]study)"
_STAGE_TITLE = r"(?i)\b(?:stage|stagiaire|internship|intern)\b"
_PART_TIME = r"(?i)(?:partiel|part[_ -]?time|parttime)"
_FULL_TIME = r"(?i)(?:temps plein|full[_ -]?time|fulltime|plein temps)"


def _contains(texts: pd.Series, pattern: str) -> pd.Series:
    """`texts.str.contains(pattern, regex=True, na=False)`, each distinct text searched once
    (titles and working-time labels repeat; pandas would search every row in Python)."""
    codes, uniques = pd.factorize(texts)
    search = re.compile(pattern).search
    found = np.array([search(u) is not None for u in uniques] + [False], dtype=bool)
    return pd.Series(found[codes], index=texts.index)  # code -1 (missing) reads the last False


def _one(code: str | None, label: str | None, nature: str | None) -> str:
    if nature and ("apprentissage" in nature.lower() or "professionnalisation" in nature.lower()):
        return "alternance"
    for part in (code or "").upper().replace(",", " ").split():
        if part in _CODES:
            return _CODES[part]
    lowered = (label or "").lower()
    return next((kind for word, kind in _LABELS if word in lowered), "other")


def contract_type(
    code: pd.Series, label: pd.Series, nature: pd.Series, title: pd.Series
) -> pd.Series:
    """One of CONTRACT_TYPES per row, the title's alternance/internship words winning."""
    keys = pd.DataFrame({"c": code, "l": label, "n": nature}).astype(object)
    keys = keys.where(keys.notna(), None)
    distinct = keys.drop_duplicates()
    kinds = [_one(*row) for row in distinct.itertuples(index=False, name=None)]
    table = distinct.assign(kind=kinds)
    out = keys.merge(table, on=["c", "l", "n"], how="left")["kind"].set_axis(code.index)
    titles = title.astype("str")
    out = out.mask(_contains(titles, _STAGE_TITLE), "stage")
    out = out.mask(_contains(titles, _ALTERNANCE_TITLE), "alternance")
    return out.astype("str")


def full_time(*labels: pd.Series) -> pd.Series:
    """True for full time, False for part time, missing when no label says (first label wins)."""
    out = pd.Series(pd.NA, index=labels[0].index, dtype="boolean")
    for label in reversed(labels):
        text = label.astype("str")
        out = out.mask(_contains(text, _FULL_TIME), True)
        out = out.mask(_contains(text, _PART_TIME), False)
    return out


# Remote-work phrases, found by the skills scan (one pass per description); the strongest wins.
REMOTE_PHRASES = {
    **dict.fromkeys(["télétravail", "teletravail", "remote", "hybride", "hybrid", "à distance",
                     "travail hybride", "home office"], "partial"),
    **dict.fromkeys(["pas de télétravail", "sans télétravail", "aucun télétravail", "no remote",
                     "télétravail non possible", "télétravail : non", "on-site only"], "no"),
    **dict.fromkeys(["full remote", "full-remote", "fully remote", "100% remote", "100 % remote",
                     "100% télétravail", "100 % télétravail", "100% en télétravail", "télétravail total",
                     "télétravail complet", "télétravail intégral", "full télétravail", "remote first",
                     "remote-first"], "yes"),
}  # fmt: skip
_RANK = {"yes": 3, "no": 2, "partial": 1}


def remote(flag: pd.Series, phrases: list) -> pd.Series:
    """ "yes", "partial", "no" or "unknown": the source's flag, else the strongest label of the
    remote phrases found in each offer (a collection of "yes"/"no"/"partial" per row)."""
    labels = [max(found, key=_RANK.__getitem__) if found else "unknown" for found in phrases]
    words = pd.Series(labels, index=flag.index, dtype="str")
    known = flag.astype("boolean")
    out = words.mask(known.fillna(False).astype(bool), "yes")
    return out.mask(known.eq(False).fillna(False).astype(bool) & (out == "unknown"), "no")
