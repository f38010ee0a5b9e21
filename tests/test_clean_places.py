"""Place resolution with a small own communes table (and the real one on ../shared)."""

from __future__ import annotations

import pandas as pd
import pytest

from jobmarket.clean import places
from jobmarket.clean.mapping import staging_frame

COMMUNES = pd.DataFrame(
    [
        ("75109", "PARIS 09", "75009", "PARIS", ""),
        ("69383", "LYON 03", "69003", "LYON", ""),
        ("2A004", "AJACCIO", "20000", "AJACCIO", ""),
        ("2A004", "AJACCIO", "20090", "AJACCIO", ""),
        ("97411", "ST DENIS", "97400", "ST DENIS", ""),
        ("93066", "ST DENIS", "93200", "ST DENIS", ""),
        ("92012", "BOULOGNE BILLANCOURT", "92100", "BOULOGNE BILLANCOURT", ""),
        ("50129", "CHERBOURG EN COTENTIN", "50100", "CHERBOURG EN COTENTIN", "CHERBOURG"),
        ("79191", "NIORT", "79000", "NIORT", ""),
    ],
    columns=["commune_code", "name", "postal_code", "acheminement", "ligne_5"],
)


def _ft(label, **place):
    return {"id": "1", "intitule": "x", "lieuTravail": {"libelle": label, **place}}


def _resolve(source, records, communes=COMMUNES):
    frame = staging_frame(source, records)
    return places.resolve_places(frame, places.build_referential(communes))


@pytest.mark.parametrize(
    ("label", "commune", "departement", "region"),
    [
        ("75 - PARIS 09", "75109", "75", "Île-de-France"),
        ("69 - Lyon 3e Arrondissement", "69383", "69", "Auvergne-Rhône-Alpes"),
        ("2A - AJACCIO", "2A004", "2A", "Corse"),
        ("974 - ST DENIS", "97411", "974", "La Réunion"),
        ("50 - Cherbourg", "50129", "50", "Normandie"),  # La Poste's line 5 (former commune)
        ("92 - Hauts de Seine", None, "92", "Île-de-France"),
        ("67 - Rhin (Bas)", None, "67", "Grand Est"),
        ("Hauts-de-France", None, None, "Hauts-de-France"),
        ("France", None, None, None),
        ("Luxembourg (Frontalier)", None, None, None),
    ],
)
def test_france_travail_labels(label, commune, departement, region):
    out = _resolve("france_travail", [_ft(label)]).iloc[0]
    assert (out["commune_code"] if pd.notna(out["commune_code"]) else None) == commune
    assert (out["departement"] if pd.notna(out["departement"]) else None) == departement
    assert (out["region"] if pd.notna(out["region"]) else None) == region


def test_insee_code_from_the_record_wins_and_postal_code_is_kept():
    out = _resolve(
        "france_travail", [_ft("75 - Paris 9e", commune="75109", codePostal="75009")]
    ).iloc[0]
    assert (out["commune_code"], out["postal_code"], out["departement"]) == ("75109", "75009", "75")


def test_adzuna_area_and_arrondissement_display_name():
    records = [
        {
            "id": "1",
            "location": {
                "area": ["France", "Nouvelle-Aquitaine", "Deux-Sèvres", "Niort"],
                "display_name": "Niort, Deux-Sèvres",
            },
        },
        {
            "id": "2",
            "location": {
                "area": ["France", "Ile-de-France", "Paris"],
                "display_name": "9ème Arrondissement, Paris",
            },
        },
        {
            "id": "3",
            "location": {"area": ["US", "Oregon", "Multnomah County"], "display_name": "Portland"},
        },
    ]
    out = _resolve("adzuna", records)
    assert out["commune_code"].tolist()[:2] == ["79191", "75109"]
    assert out["departement"].tolist()[:2] == ["79", "75"]
    assert out.iloc[2].isna().all()


def test_ambiguous_city_is_not_guessed_and_unique_city_is_found():
    records = [
        {"job_id": "a", "job_city": "Saint-Denis", "job_country": "FR"},
        {"job_id": "b", "job_city": "Boulogne-Billancourt", "job_country": "FR"},
    ]
    out = _resolve("jsearch", records)
    assert pd.isna(out.loc[0, "commune_code"]) and pd.isna(out.loc[0, "departement"])
    assert (out.loc[1, "commune_code"], out.loc[1, "departement"]) == ("92012", "92")


def test_without_communes_departements_still_resolve():
    out = _resolve(
        "france_travail",
        [_ft("69 - Lyon 3e Arrondissement"), _ft("x", commune="2A004")],
        communes=None,
    )
    assert out["departement"].tolist() == ["69", "2A"]
    assert out["commune_code"].isna().tolist() == [True, False]


def test_departement_of_postal_code():
    assert [places.departement_of_postal(p) for p in ("20000", "20200", "97400", "75009")] == [
        "2A",
        "2B",
        "974",
        "75",
    ]


def test_real_communes_file_loads(communes_csv):
    communes = places.load_communes(communes_csv)
    assert len(communes) > 39_000 and {"75109", "2A004", "97411"} <= set(communes["commune_code"])
