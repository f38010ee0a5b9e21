"""Contract types, working time and remote work."""

from __future__ import annotations

import pandas as pd
import pytest

from jobmarket.clean.contracts import CONTRACT_TYPES, contract_type, full_time, remote


@pytest.mark.parametrize(
    ("code", "label", "nature", "title", "expected"),
    [
        ("CDI", "Contrat à durée indéterminée", "Contrat travail", "Data analyst", "CDI"),
        ("CDI", "CDI", "Contrat travail", "Data analyst", "CDI"),
        ("CDD", "CDD - 12 Mois", "Contrat travail", "Comptable", "CDD"),
        ("MIS", "Mission intérimaire - 6 Mois", "Contrat travail", "Cariste", "interim"),
        ("MIS", "Intérim - 1 Mois", "Contrat travail", "Cariste", "interim"),
        ("SAI", "Saisonnier - 4 Mois", "Contrat travail", "Serveur", "saisonnier"),
        ("LIB", "Profession libérale", "Emploi non salarié", "Kiné", "freelance"),
        ("FRA", "Franchise", "Emploi non salarié", "Gérant", "freelance"),
        ("DDI", "CDD Insertion - 6 Mois", "Insertion par l'activ.éco.", "Agent", "CDD"),
        ("TTI", "Intérim Insertion - 1 Mois", "Insertion par l'activ.éco.", "Agent", "interim"),
        ("CDD", "CDD - 12 Mois", "Contrat apprentissage", "Vendeur", "alternance"),
        ("CDD", "CDD - 18 Mois", "Cont. professionnalisation", "Vendeur", "alternance"),
        (None, "Contrat à durée déterminée - 9 Mois", None, "Agent", "CDD"),
        ("permanent", None, None, "Developer", "CDI"),
        ("contract", None, None, "Developer", "CDD"),
        ("FULLTIME CONTRACTOR", "À plein temps et Prestataire", None, "Dev", "freelance"),
        ("INTERN INTERN", "Stage", None, "Data", "stage"),
        ("FULLTIME", "À plein temps", None, "Data engineer", "other"),
        ("CDI", "CDI", None, "Data engineer en alternance", "alternance"),
        (None, None, None, "Stage - Assistant marketing", "stage"),
        (None, None, None, "Apprenti boulanger", "alternance"),
    ],
)
def test_contract_type(code, label, nature, title, expected):
    out = contract_type(
        pd.Series([code], dtype="str"),
        pd.Series([label], dtype="str"),
        pd.Series([nature], dtype="str"),
        pd.Series([title], dtype="str"),
    )
    assert out.iloc[0] == expected and expected in CONTRACT_TYPES


def test_full_time_from_labels_of_each_source():
    labels = pd.Series(
        ["Temps plein", "Temps partiel", "full_time", "part_time", "FULLTIME", "PARTTIME", None],
        dtype="str",
    )
    assert full_time(labels).tolist() == [True, False, True, False, True, False, pd.NA]


def test_remote_from_flag_and_phrases():
    flag = pd.Series([True, False, None, None, None, None], dtype="boolean")
    phrases = [[], [], ["partial"], ["partial", "yes"], ["partial", "no"], []]
    assert remote(flag, phrases).tolist() == ["yes", "no", "partial", "yes", "no", "unknown"]
