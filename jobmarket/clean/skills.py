"""Skills (and other phrases) found in titles and descriptions in one pass per text.

The project's vocabulary (`ressources/skills.csv`, French and English forms) and the remote
work phrases of `contracts.REMOTE_PHRASES` go into one Aho-Corasick automaton, so each
description is read once, without lower-casing or tokenising it (a regular expression per
skill would read it a hundred times). A form counts only as a whole word: the automaton
holds it behind a word delimiter (in lower, Capitalised and UPPER case) and the character
after the match must not be a letter or digit.

The automaton reads UTF-8 bytes: its str interface converts every match's byte offset to a
character offset, which costs more than encoding the text once (same matches either way).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs
import pandas as pd

from jobmarket import config

# Each lead character copies the whole vocabulary in the automaton, and a bigger automaton
# scans slower: only the delimiters that precede a skill in real offers ("l'anglais").
_LEAD = " \n(/,'\"\t"


def load_vocabulary(path: Path | None = None) -> dict[str, str]:
    """Form → canonical skill, from `skill;category;forms` ("|" between forms)."""
    table = pd.read_csv(path or config.RESSOURCES_DIR / "skills.csv", sep=";", dtype="str")
    forms: dict[str, str] = {}
    for skill, variants in zip(table["skill"], table["forms"], strict=True):
        for form in {skill, *variants.split("|")}:
            forms[form.strip()] = skill
    return forms


def _cases(form: str) -> set[str]:
    lower = form.lower()
    return {form, lower, lower.upper(), lower.capitalize(), lower.title()}


@dataclass(frozen=True)
class Matcher:
    """The automata (over str and over UTF-8 bytes) and the value of each of their patterns."""

    automaton: ahocorasick_rs.AhoCorasick
    values: tuple[str, ...]
    bytes_automaton: ahocorasick_rs.BytesAhoCorasick | None = None


@lru_cache(maxsize=4)
def build_matcher(extra: tuple[tuple[str, str], ...] = (), path: Path | None = None) -> Matcher:
    """Automaton of the skills (value: the skill's name) and of `extra` (form, value) phrases."""
    patterns, values = [], []
    for form, value in [*load_vocabulary(path).items(), *extra]:
        for variant in _cases(form):
            for lead in _LEAD:
                patterns.append(lead + variant)
                values.append(value)
    # A DFA: larger in memory (tens of MB) but the fastest scan of long descriptions.
    on_bytes = ahocorasick_rs.BytesAhoCorasick(
        [p.encode("utf-8") for p in patterns], implementation=ahocorasick_rs.Implementation.DFA
    )
    return Matcher(ahocorasick_rs.AhoCorasick(patterns), tuple(values), on_bytes)


# Per byte after a match: True when it ends a word (ASCII, not a letter or digit), False when
# it continues one, None for the lead byte of a multi-byte character (decoded to decide).
_ENDS_WORD = tuple(not chr(b).isalnum() if b < 128 else None for b in range(256))


def _first_char(data: bytes, start: int) -> str:
    """The character whose UTF-8 encoding starts at `start` (matches end on a character)."""
    return data[start : start + 4].decode("utf-8", "ignore")[:1]


def _scan_str(text: str, matcher: Matcher) -> set[str]:
    values = matcher.values
    text = "\n" + text  # so that a phrase opening the text has its delimiter
    size = len(text)
    hits = matcher.automaton.find_matches_as_indexes(text, overlapping=True)
    return {values[i] for i, _, end in hits if end == size or not text[end].isalnum()}


def scan(texts: Iterable[str | None], matcher: Matcher) -> list[set[str]]:
    """The values whose phrase occurs as a whole word in each text."""
    if matcher.bytes_automaton is None:
        return [_scan_str(t, matcher) if t else set() for t in texts]
    find, values = matcher.bytes_automaton.find_matches_as_indexes, matcher.values
    ends_word = _ENDS_WORD
    out = []
    for text in texts:
        if not text:
            out.append(set())
            continue
        try:
            data = b"\n" + text.encode("utf-8")  # "\n": a phrase opening the text has its lead
        except UnicodeEncodeError:  # lone surrogates: read as str
            out.append(_scan_str(text, matcher))
            continue
        size = len(data)
        hits = find(data, overlapping=True)
        # `ends` is None for a multi-byte character after the match: decoded to decide.
        found = {
            values[i]
            for i, _, end in hits
            if end == size
            or (ends := ends_word[data[end]])
            or (ends is None and not _first_char(data, end).isalnum())
        }
        out.append(found)
    return out


def match_skills(texts: pd.Series, matcher: Matcher | None = None) -> pd.Series:
    """Skills of each text, each distinct text read once (titles repeat a lot)."""
    matcher = matcher or build_matcher()
    values = texts.astype(object).where(texts.notna(), None)
    uniques = pd.unique(values.dropna())
    table = {text: sorted(hits) for text, hits in zip(uniques, scan(uniques, matcher), strict=True)}
    return pd.Series(
        [table.get(v, []) if v is not None else [] for v in values], index=texts.index, dtype=object
    )


def merge_skills(*columns: Iterable[list[str]], index: pd.Index | None = None) -> pd.Series:
    """Row-wise union of several list columns, sorted, without repeats."""
    merged = [sorted(set().union(*lists)) for lists in zip(*columns, strict=True)]
    return pd.Series(merged, index=index, dtype=object)
