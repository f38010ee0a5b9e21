"""Salary parsing: real France Travail strings from ../shared (short facts) and numeric bounds."""

from __future__ import annotations

import pandas as pd
import pytest

from jobmarket.clean.salary import parse_salary_text, salaries_from_numbers, salaries_from_text

H = 151.67 * 12  # hours in a year of monthly pay

# (salary text as found in ../shared realdata, yearly min, yearly max, flag)
CASES = [
    ("Annuel de 42000.0 Euros à 48000.0 Euros sur 12.0 mois", 42000, 48000, None),
    ("Horaire de 12.07 Euros sur 12.0 mois", 12.07 * H, 12.07 * H, None),
    ("Horaire de 11.88 Euros à 16.0 Euros sur 12.0 mois", 11.88 * H, 16 * H, None),
    ("Annuel de 40000,00 Euros à 60000,00 Euros", 40000, 60000, None),
    ("Horaire de 14.12 Euros à 14.5 Euros", 14.12 * H, 14.5 * H, None),
    ("Mensuel de 600.0 Euros à 1700.0 Euros sur 12.0 mois", None, None, "implausible"),
    ("Annuel de 31300,00 Euros", 31300, 31300, None),
    ("Mensuel de 2200.0 Euros à 2500.0 Euros sur 12.0 mois", 26400, 30000, None),
    ("Annuel de 24000.0 Euros à 32000.0 Euros sur 13.0 mois", 24000, 32000, None),
    ("Annuel de 20148,00 Euros à 25148,00 Euros sur 12 mois", 20148, 25148, None),
    ("Mensuel de 1855.00 Euros à 1900.00 Euros sur 12.0 mois", 22260, 22800, None),
    ("Horaire de 11.88 Euros à 11.89 Euros sur 0.0 mois", 11.88 * H, 11.89 * H, None),
    ("Mensuel de 2800.0 Euros sur 12.0 mois", 33600, 33600, None),
    ("Mensuel de 1766.92 Euros sur 12.0 mois", 1766.92 * 12, 1766.92 * 12, None),
    ("Horaire de 12.13 Euros", 12.13 * H, 12.13 * H, None),
    ("Mensuel de 1617,00 Euros", 19404, 19404, None),
    ("Mensuel de 2371.00 Euros sur 13 mois", 2371 * 13, 2371 * 13, None),
    ("Horaire de 12.5 Euros à 14.0 Euros sur 0.0 mois", 12.5 * H, 14 * H, None),
    ("Mensuel de 1801.8 Euros sur 12.0 mois", 21621.6, 21621.6, None),
    ("Mensuel de 2039,80 Euros à 2039,80 Euros", 24477.6, 24477.6, None),
    ("Horaire de 11,07 Euros à 16,00 Euros sur 12 mois", 11.07 * H, 16 * H, None),
    ("Annuel de 45000.0 Euros à 75000.0 Euros sur 12.0 mois", 45000, 75000, None),
    ("Mensuel de 4828.0 Euros à 8351.25 Euros sur 12.0 mois", 57936, 100215, None),
    ("Horaire de 18.0 Euros à 19.0 Euros sur 12.0 mois", 18 * H, 19 * H, None),
    ("Annuel de 45000.0 Euros sur 13.5 mois", 45000, 45000, None),
    ("Annuel de 42000 Euros à 45000 Euros sur 12 mois", 42000, 45000, None),
    # period, unit and digit typos, fixed and flagged
    ("Mensuel de 21450,00 Euros à 21450,00 Euros", 21450, 21450, "period_fixed"),
    ("Mensuel de 28000.0 Euros à 40000.0 Euros sur 12.0 mois", 28000, 40000, "period_fixed"),
    ("Mensuel de 24000,00 Euros à 30000,00 Euros", 24000, 30000, "period_fixed"),
    ("Annuel de 38000,00 Euros à 330000,00 Euros", 33000, 38000, "extra_zero"),
    ("Annuel de 45000,00 Euros à 550000,00 Euros", 45000, 55000, "extra_zero"),
    ("Annuel de 2000,00 Euros à 26000,00 Euros", 20000, 26000, "missing_zero"),
    ("Annuel de 40,00 Euros à 45,00 Euros", 40000, 45000, "unit_fixed"),
    ("De 1800 Euros à 2000 Euros", 21600, 24000, "period_guessed"),
    # free comments
    ("55 - 60 k€ brut annuel", 55000, 60000, None),
    ("34 - 42 k€ brut annuel", 34000, 42000, None),
    ("A partir de 40 k€ brut annuel", 40000, None, None),
    ("A partir de 35K annuel", 35000, None, None),
    ("A partir de 3 254 euros brut/mois", 39048, None, None),
    ("2140€ brut mensuel sur 13 mois", 2140 * 13, 2140 * 13, None),
    ("3002.90€ brut mensuel", 36034.8, 36034.8, None),
    ("24€ brut/heure", 24 * H, 24 * H, None),
    ("12,13 €/heure", 12.13 * H, 12.13 * H, None),
    ("à partir de 26000 euros brut/an", 26000, None, None),
    # kept as text only, flagged
    ("1850€ net", None, None, "net_amount"),
    ("Entre 27,46 $ et 50,39 $ de l'heure", None, None, "foreign_currency"),
    ("100000 à 120000 chf brut annuel ", None, None, "foreign_currency"),
    ("De 55% à 100% du SMIC selon l'âge", None, None, "no_amount"),
    ("A négocier", None, None, "no_amount"),
    ("Annuel de", None, None, "no_amount"),
    ("110€", None, None, "period_guessed,implausible"),
    ("De 300 à 1000 euros", None, None, "period_guessed,implausible"),
]


@pytest.mark.parametrize(("text", "low", "high", "flag"), CASES)
def test_real_salary_strings(text, low, high, flag):
    got_low, got_high, got_flag = parse_salary_text(text)
    assert got_low == (pytest.approx(low, abs=0.02) if low is not None else None)
    assert got_high == (pytest.approx(high, abs=0.02) if high is not None else None)
    assert got_flag == flag


def test_table_has_forty_real_strings():
    assert len({case[0] for case in CASES}) >= 40


def test_text_column_parses_each_distinct_value_and_keeps_index():
    texts = pd.Series(
        ["Mensuel de 2000 Euros", None, "Mensuel de 2000 Euros", "selon profil"],
        index=[7, 8, 9, 10],
    )
    out = salaries_from_text(texts)
    assert list(out.index) == [7, 8, 9, 10]
    assert out["salary_min"].tolist()[0] == 24000 and out["salary_min"].tolist()[2] == 24000
    assert pd.isna(out.loc[8, "salary_min"]) and out.loc[10, "salary_flag"] == "no_amount"


def test_numbers_with_periods_currency_and_plausibility():
    out = salaries_from_numbers(
        pd.Series([40000, 12, 2500, 90000, 500000, None]),
        pd.Series([30000, 13, None, 120000, 600000, None]),
        pd.Series([None, None, "MONTH", "YEAR", None, None], dtype="str"),
        pd.Series(["EUR", "EUR", "EUR", "USD", "EUR", "EUR"], dtype="str"),
    )
    assert out.loc[0, ["salary_min", "salary_max"]].tolist() == [30000, 40000]  # swapped back
    assert (
        out.loc[1, "salary_min"] == pytest.approx(12 * H)
        and out.loc[1, "salary_flag"] == "period_guessed"
    )
    assert out.loc[2, ["salary_min", "salary_max"]].tolist() == [30000, 30000]
    assert pd.isna(out.loc[3, "salary_min"]) and out.loc[3, "salary_flag"] == "foreign_currency"
    assert pd.isna(out.loc[4, "salary_max"]) and out.loc[4, "salary_flag"] == "implausible"
    assert pd.isna(out.loc[5, "salary_min"]) and pd.isna(out.loc[5, "salary_flag"])
