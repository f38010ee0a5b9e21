"""The analyzer: folding, elisions, stop words, gender forms, tech tokens."""

from __future__ import annotations

import pytest

from jobmarket.search import text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Ingénieur ŒUVRE", "ingenieur oeuvre"),
        ("Développeuse façade", "developpeuse facade"),
    ],
)
def test_fold_lowercases_and_strips_accents(raw, expected):
    assert text.fold(raw) == expected


def test_typographic_apostrophes_split_like_plain_ones():
    assert text.terms("L’équipe") == text.terms("l'équipe") == ["equip"]


def test_elisions_and_stop_words_are_dropped():
    assert text.terms("l'entreprise d'accueil et la mairie") == ["entrepris", "accueil", "mair"]


@pytest.mark.parametrize(
    ("feminine", "masculine"),
    [
        ("Administratrice", "Administrateur"),
        ("Vendeuse", "Vendeur"),
        ("Informaticienne", "Informaticien"),
        ("Infirmière", "Infirmier"),
        ("Opérateur(trice)", "Opérateur"),
        ("Technicien(ne)", "Technicien"),
        ("Chef.fe", "Chef"),
    ],
)
def test_feminine_forms_share_the_masculine_stem(feminine, masculine):
    assert text.terms(feminine) == text.terms(masculine)
    assert text.terms(feminine)


def test_two_gender_title_counts_the_job_once():
    assert text.terms("Agent / Agente d'entretien") == ["agent", "entretien"]


def test_tech_tokens_survive_punctuation():
    assert text.terms("C++, C# et .NET") == ["cplusplus", "csharp", "dotnet"]


def test_plurals_share_a_stem():
    assert text.terms("systèmes réseaux") == text.terms("système réseau")


def test_non_latin_and_overlong_words():
    assert text.terms("数据分析师") == ["数据分析师"]
    assert text.terms("x" * 200) == []


def test_bigrams_and_prefixes():
    assert text.bigrams(["dat", "analyst"]) == ["dat analyst"]
    assert text.prefixes("informaticien") == ["#infor", "#informa"]
    assert text.prefixes("de la") == []
