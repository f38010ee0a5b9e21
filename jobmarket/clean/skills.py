"""Skills: the project's vocabulary (`ressources/skills.csv`) matched in titles and descriptions.

Texts are tokenised column-wise with Arrow (lower case, accents dropped, split on anything
that is not a letter, digit, "+", "#" or "."), then one- to three-word phrases are looked
up in the vocabulary: no per-offer Python loop, so a million descriptions stay cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from unidecode import unidecode

from jobmarket import config

_SPLIT = r"[^a-z0-9+#.]+"
_CHUNK = 20_000


@dataclass(frozen=True)
class Vocabulary:
    """Normalised phrase → canonical skill, by number of words."""

    phrases: dict[int, dict[str, str]]
    first_words: frozenset[str]


def normalise_phrase(text: str) -> str:
    """The form a phrase takes after tokenisation ("Gestion d'équipe" → "gestion d equipe")."""
    tokens = re.split(_SPLIT, unidecode(text).lower())
    return " ".join(t.rstrip(".") for t in tokens if t.rstrip("."))


@lru_cache(maxsize=4)
def load_vocabulary(path: Path | None = None) -> Vocabulary:
    """The skills vocabulary: `skill;category;forms` with forms separated by "|"."""
    table = pd.read_csv(path or config.RESSOURCES_DIR / "skills.csv", sep=";", dtype="str")
    phrases: dict[int, dict[str, str]] = {}
    for skill, forms in zip(table["skill"], table["forms"], strict=True):
        for form in {skill, *forms.split("|")}:
            phrase = normalise_phrase(form)
            if phrase:
                phrases.setdefault(len(phrase.split()), {})[phrase] = skill
    firsts = frozenset(p.split()[0] for n, group in phrases.items() if n > 1 for p in group)
    return Vocabulary(phrases=phrases, first_words=firsts)


def _tokens(texts: pd.Series) -> tuple[pa.Array, np.ndarray]:
    """Flat tokens and the row each comes from."""
    arr = pa.array(texts.fillna("").astype("str").to_numpy(dtype=object), type=pa.large_string())
    arr = pc.replace_substring_regex(pc.utf8_normalize(pc.utf8_lower(arr), "NFKD"), r"\p{Mn}", "")
    lists = pc.split_pattern_regex(arr, _SPLIT)
    flat = pc.utf8_rtrim(pc.list_flatten(lists), characters=".")
    return flat, pc.list_parent_indices(lists).to_numpy()


def _matches(
    flat: pa.Array, parents: np.ndarray, vocab: Vocabulary
) -> tuple[np.ndarray, list[str]]:
    """(row, skill) pairs of every vocabulary phrase found among the tokens."""
    rows: list[np.ndarray] = []
    skills: list[str] = []
    for n, group in vocab.phrases.items():
        if n == 1:
            hit = np.flatnonzero(
                pc.is_in(flat, value_set=pa.array(list(group))).to_numpy(zero_copy_only=False)
            )
            phrases = flat.take(pa.array(hit))
        else:
            starts = np.flatnonzero(
                pc.is_in(flat, value_set=pa.array(list(vocab.first_words))).to_numpy(
                    zero_copy_only=False
                )
            )
            starts = starts[starts + n - 1 < len(flat)]
            starts = starts[parents[starts] == parents[starts + n - 1]]
            parts = [flat.take(pa.array(starts + k)) for k in range(n)]
            phrases = (
                pc.binary_join_element_wise(*parts, pa.scalar(" ", pa.large_string()))
                if parts
                else pa.array([], pa.string())
            )
            found = pc.is_in(phrases, value_set=pa.array(list(group))).to_numpy(
                zero_copy_only=False
            )
            hit, phrases = starts[found], phrases.filter(pa.array(found))
        rows.append(parents[hit])
        skills.extend(group[p] for p in phrases.to_pylist())
    return np.concatenate(rows) if rows else np.array([], dtype=np.int64), skills


def match_skills(texts: pd.Series, vocab: Vocabulary | None = None) -> pd.Series:
    """Sorted distinct canonical skills found in each text (an empty list when none)."""
    vocab = vocab or load_vocabulary()
    found: list[list[str]] = [[] for _ in range(len(texts))]
    for start in range(0, len(texts), _CHUNK):
        flat, parents = _tokens(texts.iloc[start : start + _CHUNK])
        rows, skills = _matches(flat, parents, vocab)
        for row, skill in zip((rows + start).tolist(), skills, strict=True):
            found[row].append(skill)
    return pd.Series([sorted(set(s)) for s in found], index=texts.index, dtype=object)


def merge_skills(*columns: pd.Series) -> pd.Series:
    """Row-wise union of several list columns, sorted, without repeats."""
    merged = [
        sorted({s for lst in lists if isinstance(lst, list) for s in lst})
        for lists in zip(*columns, strict=True)
    ]
    return pd.Series(merged, index=columns[0].index, dtype=object)
