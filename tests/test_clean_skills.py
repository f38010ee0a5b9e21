"""Skills vocabulary matching (whole words, French and English forms, any case)."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from jobmarket.clean.skills import (
    build_matcher,
    load_vocabulary,
    match_skills,
    merge_skills,
    scan,
)


def test_vocabulary_maps_french_and_english_forms_to_one_skill():
    forms = load_vocabulary()
    assert forms["gestion de projet"] == forms["project management"] == "Gestion de projet"
    assert forms["Python"] == "Python" and len(set(forms.values())) >= 100


def test_skills_found_as_whole_words_in_any_case():
    texts = pd.Series([
        "Maîtrise de PYTHON, SQL et Power BI. Gestion de projet agile ; CI/CD avec GitLab.",
        "Node.js and .NET, C++ / C#; scikit-learn. Project management.",
        "Pythonista, sqlite, javascripts, média",  # substrings of words are not skills
        None,
    ])  # fmt: skip
    out = match_skills(texts).tolist()
    assert out[0] == ["Agile", "CI/CD", "Gestion de projet", "Git", "Power BI", "Python", "SQL"]
    assert out[1] == [".NET", "C#", "C++", "Gestion de projet", "Node.js", "scikit-learn"]
    assert out[2] == [] and out[3] == []


def test_one_scan_finds_skills_and_extra_phrases():
    matcher = build_matcher((("télétravail", "remote=partial"),))
    found = scan(["Télétravail 2 jours, Python", "rien", None], matcher)
    assert found == [{"remote=partial", "Python"}, set(), set()]


def test_merge_skills_sorted_without_repeats():
    merged = merge_skills([["SQL"], []], [["Python", "SQL"], []])
    assert merged.tolist() == [["Python", "SQL"], []]


def test_byte_scan_respects_multibyte_characters_after_a_match():
    matcher = build_matcher()
    texts = ["Pythonée, SQLé", "Python’s SQL…", "Ωmega Python", "SQL\u00a0 Python\u2003"]
    found = scan(texts, matcher)
    assert found[0] == set() and found[1] == {"Python", "SQL"}
    assert found[2] == {"Python"} and found[3] == {"Python", "SQL"}
    on_str = scan(texts, replace(matcher, bytes_automaton=None))
    assert found == on_str
