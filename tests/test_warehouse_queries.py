"""The reads and views of the warehouse on a small loaded market (expected values from the fixture)."""

from __future__ import annotations

import pandas as pd
import pytest
from warehouse_fixtures import small_market

from jobmarket.warehouse import checks, migrate, queries
from jobmarket.warehouse.load import load_offers


@pytest.fixture(scope="module")
def market():
    """The fixture offers, loaded; FT1 then withdrawn by a full refresh (inactive)."""
    return small_market()


@pytest.fixture(scope="module")
def loaded(module_database_url, market):
    from jobmarket.warehouse import db

    engine = db.get_engine(module_database_url)
    migrate.migrate(engine)
    load_offers(engine, market, "run-1")
    load_offers(engine, market[market["external_id"] != "FT1"], "run-2", ["france_travail"])
    yield engine
    engine.dispose()


def active(market):
    return market[market["external_id"] != "FT1"]


def test_offers_for_index_returns_every_offer_with_its_columns(loaded, market):
    frame = queries.offers_for_index(loaded)
    assert list(frame.columns) == queries.INDEX_COLUMNS
    assert sorted(frame["external_id"]) == sorted(market["external_id"])
    js1 = frame.set_index("external_id").loc["JS1"]
    assert sorted(js1["skills"]) == ["Python", "Spark"]
    assert frame.set_index("external_id").loc["FT3", "skills"] == []
    assert frame.set_index("external_id").loc["FT1", "status"] == "inactive"
    assert (
        str(frame["created_at"].dtype).startswith("datetime64")
        and frame["salary_min"].dtype == "float64"
    )
    assert len(queries.offers_for_index(loaded, active_only=True)) == len(active(market))


def test_offers_by_ids_keeps_the_order_asked(loaded):
    ids = queries.offers_for_index(loaded)["offer_id"].tolist()
    wanted = [ids[3], ids[0], 10_000_000, ids[2]]
    frame = queries.offers_by_ids(loaded, wanted)
    assert frame["offer_id"].tolist() == [ids[3], ids[0], ids[2]]
    assert queries.offers_by_ids(loaded, []).empty


def test_summary_and_by_source_count_offers(loaded, market):
    summary = queries.summary(loaded).iloc[0]
    assert summary["offers"] == len(market)
    assert summary["active_offers"] == len(active(market)) and summary["inactive_offers"] == 1
    assert summary["companies"] == market["company_key"].nunique()
    by_source = queries.offers_by_source(loaded).set_index("source")
    assert by_source["offers"].to_dict() == market.groupby("source").size().to_dict()
    assert by_source.loc["adzuna", "attribution"] == "Jobs by Adzuna"
    assert queries.active_offers(loaded) == len(active(market))


def test_by_day_counts_offers_per_paris_day_and_source(loaded, market):
    frame = queries.offers_by_day(loaded)
    days = market.dropna(subset=["created_at"])
    expected = days.groupby(
        [days["created_at"].dt.tz_convert("Europe/Paris").dt.date, "source"]
    ).size()
    got = frame.set_index(["day", "source"])["offers"]
    assert got.sort_index().tolist() == expected.sort_index().tolist()


def test_market_views_count_active_offers(loaded, market):
    live = active(market)
    by_dep = queries.offers_by_departement(loaded).set_index("departement")["offers"]
    assert by_dep.to_dict() == live.groupby("departement").size().to_dict()
    contracts = queries.offers_by_contract_type(loaded).set_index("contract_type")
    expected = live["contract_type"].fillna("unknown").value_counts()
    assert contracts["offers"].to_dict() == expected.to_dict()
    assert contracts["share"].sum() == pytest.approx(1.0)
    companies = queries.top_companies(loaded)
    assert (
        companies.set_index("company")["offers"].to_dict()
        == live["company"].value_counts().to_dict()
    )
    assert (
        companies["offers"].is_monotonic_decreasing and len(queries.top_companies(loaded, 1)) == 1
    )
    skills = queries.top_skills(loaded).set_index("skill")["offers"]
    assert skills.to_dict() == live["skills"].explode().value_counts().to_dict()


def test_salary_quartiles_by_rome_family(loaded, market):
    live = active(market).dropna(subset=["rome_code", "salary_min"])
    mid = (live["salary_min"] + live["salary_max"]) / 2
    expected = mid.groupby(live["rome_code"].str[:3]).quantile([0.25, 0.5, 0.75]).unstack()
    frame = queries.salary_quartiles_by_rome_family(loaded).set_index("rome_family")
    assert frame.index.tolist() == expected.index.tolist()
    assert frame[["q1", "median", "q3"]].to_numpy() == pytest.approx(expected.to_numpy())


def test_read_view_refuses_unknown_names(loaded):
    with pytest.raises(ValueError, match="unknown view"):
        queries.read_view(loaded, "job_offers; DROP TABLE sources")


def test_invariants_hold_after_loads(loaded):
    assert set(checks.check_invariants(loaded).values()) == {0}


def test_data_version_is_a_stable_string(loaded):
    assert queries.data_version(loaded) == queries.data_version(loaded)
    assert isinstance(pd.Series([queries.data_version(loaded)])[0], str)
