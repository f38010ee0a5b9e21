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
_LEGAL_FORMS = {
    "sa", "sas", "sasu", "sarl", "eurl", "sci", "scop", "snc", "selarl", "gie", "inc", "llc",
    "ltd", "limited", "gmbh", "ag", "bv", "nv", "plc", "corp", "corporation", "co", "spa",
    "srl", "sl", "ab", "as", "oy", "kg", "lp", "llp", "pte", "pvt", "cie",
}  # fmt: skip


_GENDER_RE = re.compile(_GENDER)
_EMPTY_BRACKETS_RE = re.compile(r"\(\s*\)|\[\s*\]")
_EDGES_RE = re.compile(r"^[\s\-–,/|:]+|[\s\-–,/|:]+$")


def _clean_title(title: str) -> str | None:
    out = _EMPTY_BRACKETS_RE.sub(" ", _GENDER_RE.sub(" ", title))
    out = _EDGES_RE.sub("", " ".join(out.split()))
    return out or None


def clean_title(titles: pd.Series) -> pd.Series:
    """Titles without gender markers such as "(H/F)" and with whitespace fixed."""
    values = titles.astype(object).where(titles.notna(), None)
    uniques = pd.unique(values.dropna())
    table = {t: _clean_title(str(t)) for t in uniques}
    return pd.Series(
        [table.get(t) if t is not None else None for t in values], index=titles.index, dtype="str"
    )


_TAG_RE = re.compile(r"<[^>]*>")
_BLANKS_RE = re.compile(r"\n\s*\n\s*\n")
_ENTITY_RE = re.compile(r"&(?:#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z]+\d*);")
# Decoded in one pass (text.replace per entity would re-read "&amp;lt;" as "&lt;" if ordered badly).
_COMMON_ENTITIES = (("&#x27;", "'"), ("&#39;", "'"), ("&quot;", '"'), ("&lt;", "<"), ("&gt;", ">"),
                    ("&nbsp;", " "), ("&rsquo;", "’"), ("&eacute;", "é"), ("&egrave;", "è"),
                    ("&agrave;", "à"), ("&amp;", "&"))  # fmt: skip
_BLOCK_TAGS = ("<br>", "<br/>", "<br />", "</p>", "</li>", "</div>", "<BR>", "</P>", "</LI>")
# One pass each: the tags and entities never overlap and a replacement never forms a new one,
# so this equals replacing them one after the other (a substring test per tag costs more).
_BLOCK_RE = re.compile("|".join(re.escape(tag) for tag in _BLOCK_TAGS))
_COMMON_RE = re.compile("|".join(re.escape(entity) for entity, _ in _COMMON_ENTITIES))
_COMMON_CHARS = dict(_COMMON_ENTITIES)


def _common_char(match: re.Match) -> str:
    return _COMMON_CHARS[match.group()]


def _plain(text: str) -> str:
    if "<" in text:
        # Block tags become line breaks so paragraphs stay readable.
        text = _BLOCK_RE.sub("\n", text)
        text = _TAG_RE.sub("", text)
        text = _BLANKS_RE.sub("\n\n", text)
    if "&" in text:
        text = _COMMON_RE.sub(_common_char, text)
        if "&" in text and _ENTITY_RE.search(text):
            text = html.unescape(text)  # rare entities; its per-entity callback is slow
    return text.strip()


def plain_text(texts: pd.Series) -> pd.Series:
    """Plain text: HTML tags dropped, entities decoded (object dtype kept).

    Only texts holding "<" or "&" are rewritten: long descriptions are expensive to copy,
    and a substring test is all the others need.
    """
    values = texts.astype(object).where(texts.notna(), None).tolist()
    out = [_plain(v) if v and ("<" in v or "&" in v) else v for v in values]
    return pd.Series(out, index=texts.index, dtype=object)


def _company_key(name: str) -> str:
    # Dots go first so that "S.A." and "S.A.S." read as the legal forms SA and SAS.
    words = re.sub(r"[^a-z0-9]+", " ", unidecode(name).lower().replace(".", "")).split()
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
