"""Titles, descriptions and company keys."""

from __future__ import annotations

import pandas as pd
import pytest

from jobmarket.clean.text import clean_title, company_key, place_key, plain_text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Data engineer (H/F)", "Data engineer"),
        ("Assembleur monteur F/H (H/F)", "Assembleur monteur"),
        ("Développeur Python h/f - CDI", "Développeur Python - CDI"),
        ("Chef de projet (F/H/X)", "Chef de projet"),
        ("Software Engineer (m/w/d)", "Software Engineer"),
        (
            "TALENTUEUX CONSULTANT BI / BIG DATA - LYON - (H/F)",
            "TALENTUEUX CONSULTANT BI / BIG DATA - LYON",
        ),
        ("  Comptable   H/F/NB ", "Comptable"),
        ("Ingénieur R&D", "Ingénieur R&D"),
    ],
)
def test_clean_title(title, expected):
    assert clean_title(pd.Series([title])).iloc[0] == expected


def test_clean_title_empty_is_missing():
    out = clean_title(pd.Series(["(H/F)", None, "  "], dtype="str"))
    assert out.isna().all()


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ACME SAS", "acme"),
        ("Société Générale S.A.", "societe generale"),
        ("Capgemini Technology Services, Inc.", "capgemini technology services"),
        ("Müller GmbH", "muller"),
        ("SAS", "sas"),  # a name made only of a legal form keeps it
    ],
)
def test_company_key(name, key):
    assert company_key(pd.Series([name])).iloc[0] == key


def test_plain_text_strips_html_and_entities_only_where_present():
    texts = pd.Series(
        ["<p>Vous ma&icirc;trisez <b>Python</b></p><ul><li>SQL</li></ul>", "Texte  simple", None]
    )
    out = plain_text(texts)
    assert out.iloc[0] == "Vous maîtrisez Python\nSQL"
    assert out.iloc[1] == "Texte  simple"
    assert out.iloc[2] is None


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Saint-Martin-d'Hères", "ST MARTIN D HERES"),
        ("Isle-d'Espagnac", "ISLE D ESPAGNAC"),
        ("Sainte-Tulle", "STE TULLE"),
    ],
)
def test_place_key_in_la_poste_style(name, key):
    assert place_key(name) == key
