"""Skills (and other phrases) found in titles and descriptions in one pass per text.

The project's vocabulary (`ressources/skills.csv`, French and English forms) and the remote
work phrases of `contracts.REMOTE_PHRASES` go into one Aho-Corasick automaton, so each
description is read once, without lower-casing or tokenising it (a regular expression per
skill would read it a hundred times). A form counts only as a whole word: the automaton
holds it behind a word delimiter (in lower, Capitalised and UPPER case) and the character
after the match must not be a letter or digit.
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
    """The automaton and the value of each of its patterns."""

    automaton: ahocorasick_rs.AhoCorasick
    values: tuple[str, ...]


@lru_cache(maxsize=4)
def build_matcher(extra: tuple[tuple[str, str], ...] = (), path: Path | None = None) -> Matcher:
    """Automaton of the skills (value: the skill's name) and of `extra` (form, value) phrases."""
    patterns, values = [], []
    for form, value in [*load_vocabulary(path).items(), *extra]:
        for variant in _cases(form):
            for lead in _LEAD:
                patterns.append(lead + variant)
                values.append(value)
    return Matcher(ahocorasick_rs.AhoCorasick(patterns), tuple(values))


def scan(texts: Iterable[str | None], matcher: Matcher) -> list[set[str]]:
    """The values whose phrase occurs as a whole word in each text."""
    find, values = matcher.automaton.find_matches_as_indexes, matcher.values
    out = []
    for text in texts:
        if not text:
            out.append(set())
            continue
        text = "\n" + text  # so that a phrase opening the text has its delimiter
        size = len(text)
        hits = find(text, overlapping=True)
        out.append({values[i] for i, _, end in hits if end == size or not text[end].isalnum()})
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
