"""The whole cleaning step: nothing lost on ../shared, quarantine of bad records, columns."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from jobmarket.clean import (
    OFFER_COLUMNS,
    QUARANTINE_COLUMNS,
    check_invariants,
    clean,
    counts_by_source,
    places,
)
from jobmarket.raw import RawOffer
from jobmarket.sources.recorded import iter_recorded

EXPECTED_DISTINCT = {"france_travail": 2570, "adzuna": 3511, "jsearch": 186}


@pytest.fixture(scope="module")
def real_clean(realdata_dir):
    raw = [offer for source in EXPECTED_DISTINCT for offer in iter_recorded(realdata_dir / source)]
    offers, quarantine = clean(raw)
    return raw, offers, quarantine


def _ft(id_="1AB", **extra):
    record = {
        "id": id_, "intitule": "Data engineer (H/F)", "description": "Python et SQL",
        "dateCreation": "2024-11-28T10:00:00.000Z", "dateActualisation": "2024-11-29T10:00:00.000Z",
        "lieuTravail": {"libelle": "69 - Lyon 3e Arrondissement"}, "typeContrat": "CDI",
        "salaire": {"libelle": "Annuel de 40000,00 Euros à 50000,00 Euros"}, "entreprise": {"nom": "ACME SAS"},
    }  # fmt: skip
    record.update(extra)
    return record


@pytest.mark.realdata
def test_every_real_offer_ends_in_table_or_quarantine(real_clean):
    raw, offers, quarantine = real_clean
    kept = set(zip(offers["source"], offers["external_id"], strict=True))
    held = set(zip(quarantine["source"], quarantine["external_id"], strict=True))
    assert not kept & held
    for source, expected in EXPECTED_DISTINCT.items():
        n = sum(1 for s, _ in kept | held if s == source)
        assert n == expected, source
    assert len(raw) > sum(EXPECTED_DISTINCT.values())  # snapshots were deduplicated, not lost


@pytest.mark.realdata
def test_real_table_has_contract_columns_and_invariants(real_clean):
    _, offers, quarantine = real_clean
    assert list(offers.columns) == OFFER_COLUMNS
    assert list(quarantine.columns) == QUARANTINE_COLUMNS
    assert check_invariants(offers)["rows"] == len(offers)
    for column in ("created_at", "updated_at", "fetched_at"):
        assert str(offers[column].dtype) == "datetime64[us, UTC]"
    assert (
        offers["skills"]
        .map(lambda v: isinstance(v, list) and all(isinstance(s, str) for s in v))
        .all()
    )
    assert (quarantine["stage"] == "clean").all()
    assert quarantine["raw"].map(lambda r: isinstance(json.loads(r), dict)).all()


@pytest.mark.realdata
def test_real_location_targets(real_clean, realdata_dir, communes_csv):
    raw, offers, _ = real_clean
    from jobmarket.clean.core import _split

    staging = _split(raw)[0].drop_duplicates(["source", "external_id"], keep="last")
    ref = places.build_referential(places.load_communes(communes_csv))
    staging["named"] = places.names_commune(staging, ref)
    france = offers[offers["country"] == "FR"].merge(
        staging[["source", "external_id", "named"]], on=["source", "external_id"]
    )
    named = france[france["named"]]
    assert named["commune_code"].notna().mean() >= 0.90
    assert named["departement"].notna().mean() >= 0.97
    # Only "France" or a region name is left without a département.
    below_region = france[france["named"] | france["location_label"].str.match(r"^\d{2,3} - ")]
    assert below_region["departement"].notna().mean() >= 0.97


@pytest.mark.realdata
def test_real_salaries_and_counts(real_clean):
    _, offers, quarantine = real_clean
    counts = counts_by_source(offers, quarantine)
    assert sum(v["cleaned"] for v in counts.values()) == len(offers)
    ft = offers[offers["source"] == "france_travail"]
    structured = ft[ft["salary_raw"].str.match(r"^(Annuel|Mensuel|Horaire) de \d", na=False)]
    assert len(structured) > 1000 and structured["salary_min"].notna().mean() >= 0.95
    assert offers.loc[offers["salary_min"].notna(), "salary_min"].between(10_000, 300_000).all()
    assert offers.loc[offers["source"] == "adzuna", "description_is_snippet"].all()


def test_bad_records_go_to_quarantine_and_the_batch_goes_on():
    raw = [
        RawOffer("france_travail", _ft("1"), "ft/p1.json#0", "2024-11-29T12:00:00Z"),
        RawOffer("france_travail", _ft("2", intitule=""), "ft/p1.json#1"),
        RawOffer("france_travail", _ft(None), "ft/p1.json#2"),
        RawOffer("france_travail", ["not", "an", "object"], "ft/p1.json#3"),
        RawOffer("france_travail", _ft("3", dateCreation="hier"), "ft/p1.json#4"),
        RawOffer("adzuna", {"id": "9", "title": "Dev", "latitude": 999.0}, "az/p1.json#0"),
    ]
    offers, quarantine = clean(raw, communes=pd.DataFrame())
    assert offers["external_id"].tolist() == ["1"]
    reasons = dict(
        zip(quarantine["raw_ref"], quarantine["field"] + ": " + quarantine["reason"], strict=True)
    )
    assert reasons["ft/p1.json#1"] == "title: missing title"
    assert reasons["ft/p1.json#2"] == "external_id: missing id"
    assert reasons["ft/p1.json#3"] == "record: record is not a JSON object"
    assert reasons["ft/p1.json#4"] == "created_at: unreadable created date"
    assert reasons["az/p1.json#0"].startswith("latitude: schema")
    assert json.loads(quarantine.set_index("raw_ref").loc["ft/p1.json#1", "raw"])["id"] == "2"


def test_latest_snapshot_wins_and_fields_are_normalised():
    old = _ft("1", dateActualisation="2024-11-29T10:00:00.000Z", intitule="Ancien titre (H/F)")
    new = _ft("1", dateActualisation="2024-12-02T10:00:00.000Z")
    offers, quarantine = clean(
        [RawOffer("france_travail", new, "b#0"), RawOffer("france_travail", old, "a#0")],
        communes=pd.DataFrame(),
    )
    assert len(offers) == 1 and quarantine.empty
    row = offers.iloc[0]
    assert row["raw_ref"] == "b#0" and row["title_clean"] == "Data engineer"
    assert row["company_key"] == "acme" and row["departement"] == "69"
    assert row["region"] == "Auvergne-Rhône-Alpes" and row["contract_type"] == "CDI"
    assert (row["salary_min"], row["salary_max"]) == (40000, 50000)
    assert row["skills"] == ["Python", "SQL"]
    assert row["updated_at"] == pd.Timestamp("2024-12-02T10:00:00Z")
