"""Offers located by coordinates only take the commune of nearby known offers, or nothing."""

from __future__ import annotations

import pandas as pd
import pytest

from jobmarket.clean import clean, geo
from jobmarket.clean.mapping import staging_frame
from jobmarket.clean.places import build_referential, resolve_places
from tests.test_clean_places import COMMUNES


def _ft(id_, label, **place):
    return {"id": id_, "intitule": "x", "lieuTravail": {"libelle": label, **place}}


def _resolve(records):
    frame = staging_frame("france_travail", records)
    return resolve_places(frame, build_referential(COMMUNES))


def test_coordinates_only_takes_nearby_commune_and_far_one_stays_unresolved():
    records = [
        _ft("1", "79 - Niort", commune="79191", codePostal="79000", latitude=46.3237, longitude=-0.4588),
        _ft("2", "France", latitude=46.3300, longitude=-0.4650),  # ~0.9 km away
        _ft("3", "France", latitude=46.4000, longitude=-0.4588),  # ~8.5 km away
        _ft("4", "France"),  # no coordinates at all
    ]  # fmt: skip
    out = _resolve(records)
    assert out.loc[1, ["commune_code", "postal_code", "departement", "region"]].tolist() == [
        "79191", "79000", "79", "Nouvelle-Aquitaine",
    ]  # fmt: skip
    assert out.loc[2].isna().all() and out.loc[3].isna().all()


def test_disagreeing_neighbours_give_only_what_they_share():
    records = [
        _ft("1", "75 - Paris 9e", commune="75109", latitude=48.8770, longitude=2.3370),
        _ft("2", "75 - Paris 8e", commune="75108", latitude=48.8727, longitude=2.3125),
        _ft("3", "France", latitude=48.8750, longitude=2.3250),  # within 2 km of both
    ]
    out = _resolve(records).loc[2]
    assert pd.isna(out["commune_code"]) and out["departement"] == "75"


def test_known_point_with_implausible_coordinates_is_not_a_reference():
    # Nanterre placed at the centre of France: never used to resolve anything there.
    records = [
        _ft("1", "92 - NANTERRE", commune="92050", latitude=45.0, longitude=2.0),
        _ft("2", "France", latitude=45.001, longitude=2.001),
        _ft("3", "92 - NANTERRE", commune="92050", latitude=geo.FRANCE_CENTROID[0],
            longitude=geo.FRANCE_CENTROID[1]),
        _ft("4", "France", latitude=geo.FRANCE_CENTROID[0], longitude=geo.FRANCE_CENTROID[1]),
    ]  # fmt: skip
    out = _resolve(records)
    assert out.loc[1].isna().all() and out.loc[3].isna().all()


def test_area_labels_are_not_refined_by_their_coordinates():
    # Coordinates of a département or region label are that area's geocode, not a workplace.
    records = [
        _ft("1", "79 - Niort", commune="79191", latitude=46.3237, longitude=-0.4588),
        _ft("2", "86 - Vienne", latitude=46.3240, longitude=-0.4590),
        _ft("3", "Nouvelle-Aquitaine", latitude=46.3240, longitude=-0.4590),
    ]
    out = _resolve(records)
    assert pd.isna(out.loc[1, "commune_code"]) and out.loc[1, "departement"] == "86"
    assert out.loc[2, ["commune_code", "departement"]].isna().all()
    assert out.loc[2, "region"] == "Nouvelle-Aquitaine"


def test_neighbour_never_overrides_the_offers_own_departement():
    resolved = pd.DataFrame(
        {"commune_code": ["79191", None], "postal_code": ["79000", None],
         "departement": ["79", "86"], "region": ["Nouvelle-Aquitaine"] * 2}
    )  # fmt: skip
    out = geo.fill_from_neighbours(
        resolved, pd.Series([46.3237, 46.3240]), pd.Series([-0.4588, -0.4590])
    )
    assert out.loc[1, ["commune_code", "postal_code"]].isna().all()
    assert out.loc[1, ["departement", "region"]].tolist() == ["86", "Nouvelle-Aquitaine"]


@pytest.mark.realdata
def test_real_coordinates_only_offers_are_resolved(realdata_dir, communes_csv):
    from jobmarket.sources.recorded import iter_recorded

    raw = list(iter_recorded(realdata_dir / "france_travail"))
    offers, _ = clean(raw)
    only = offers[offers["location_label"].eq("France") & offers["latitude"].notna()]
    assert len(only) >= 10
    resolved = only["commune_code"].notna()
    # Measured on ../shared: 11 of 14 distinct offers get a commune, 12 a département.
    assert resolved.sum() >= 0.6 * len(only)
    assert (only.loc[resolved, "departement"] == only.loc[resolved, "commune_code"].str[:2]).all()
