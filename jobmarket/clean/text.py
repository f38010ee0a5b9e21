"""Titles, descriptions and company names: display text fixed, matching keys derived.

Every function works on a whole column; the slow per-value steps (entity decoding,
transliteration) run once per distinct value and are mapped back.
"""

from __future__ import annotations

import html
import re

import pandas as pd
from unidecode import unidecode

# Gender markers of French titles: "(H/F)", "H/F", "F/H", "(h/f)", "H/F/X", "(F/H/NB)", "M/W/D".
_G = r"(?:h|f|m|w|x|d|nb)"
_GENDER = rf"(?i)[\(\[]?\s*\b{_G}\s*/\s*{_G}(?:\s*/\s*{_G})?\b\s*[\)\]]?"
_TAG = r"<[^>]*>"
_SPACES = r"\s+"
_LEGAL_FORMS = {
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "scop", "snc", "selarl", "gie", "inc", "llc",
    "ltd", "limited", "gmbh", "ag", "bv", "nv", "plc", "corp", "corporation", "co", "spa",
    "srl", "sl", "ab", "as", "oy", "kg", "lp", "llp", "pte", "pvt", "cie",
}  # fmt: skip


def _squash(values: pd.Series) -> pd.Series:
    """Collapse runs of whitespace and trim."""
    return values.str.replace(_SPACES, " ", regex=True).str.strip()


def clean_title(titles: pd.Series) -> pd.Series:
    """Titles without gender markers such as "(H/F)" and with whitespace fixed."""
    out = titles.astype("str").str.replace(_GENDER, " ", regex=True)
    out = out.str.replace(r"\(\s*\)|\[\s*\]", " ", regex=True)
    out = _squash(out).str.replace(r"^[\s\-–,/|:]+|[\s\-–,/|:]+$", "", regex=True)
    return out.where(out != "", None)


def _unescape(value: str) -> str:
    return html.unescape(value)


def plain_text(texts: pd.Series) -> pd.Series:
    """Plain text: HTML tags dropped, entities decoded, whitespace collapsed per line."""
    out = texts.astype("str")
    has_tag = out.str.contains("<", regex=False, na=False)
    if has_tag.any():
        # Block tags become line breaks so paragraphs stay readable.
        tagged = out[has_tag].str.replace(r"(?i)<\s*(br|/p|/li|/div|/h\d)\s*/?>", "\n", regex=True)
        out.loc[has_tag] = tagged.str.replace(_TAG, " ", regex=True)
    has_entity = out.str.contains("&", regex=False, na=False)
    if has_entity.any():
        part = out[has_entity]
        uniques = pd.unique(part)
        out.loc[has_entity] = part.map(dict(zip(uniques, map(_unescape, uniques), strict=True)))
    out = out.str.replace(r"[ \t\r\f\v\xa0]+", " ", regex=True)
    out = out.str.replace(r" ?\n ?", "\n", regex=True).str.replace(r"\n{3,}", "\n\n", regex=True)
    return out.str.strip()


def _company_key(name: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", unidecode(name).lower()).split()
    kept = [w for w in words if w not in _LEGAL_FORMS]
    return " ".join(kept or words)


def company_key(companies: pd.Series) -> pd.Series:
    """Key for matching companies: no accents, case, punctuation or legal forms (SAS, Inc...)."""
    text = companies.astype("str")
    uniques = pd.unique(text.dropna())
    keys = {value: _company_key(value) for value in uniques}
    out = text.map(keys)
    return out.where(out.notna() & (out != ""), None)


def name_key(values: pd.Series) -> pd.Series:
    """Upper-case ASCII key of place names, in La Poste's style ("ST ANDRE D HUIRIAT")."""
    uniques = pd.unique(values.astype("str").dropna())
    keys = {value: place_key(value) for value in uniques}
    return values.astype("str").map(keys)


def place_key(value: str) -> str:
    """Key of one place name: ASCII, upper case, punctuation as spaces, SAINT(E) as ST(E)."""
    words = re.sub(r"[^A-Z0-9]+", " ", unidecode(value).upper()).split()
    short = {"SAINT": "ST", "SAINTE": "STE"}
    return " ".join(short.get(w, w) for w in words)
