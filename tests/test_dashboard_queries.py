"""The dashboard's SQL reads agree with the search engine on the same filters (real PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest
from sqlalchemy import text

from jobmarket.dashboard import demo_site, facets, queries
from jobmarket.dashboard.data import DashboardData
from jobmarket.search.engine import SearchEngine, SearchFilters
from jobmarket.warehouse import db


@pytest.fixture(scope="module")
def site(module_database_url, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("dash-queries")
    env = demo_site.demo_site(module_database_url, workdir, 300, seed=11)
    engine = db.get_engine(module_database_url)
    yield engine, SearchEngine.from_directory(env["JOBMARKET_INDEX_DIR"]), workdir
    engine.dispose()


FILTERS = [
    SearchFilters(),
    SearchFilters(contract_types=("CDI",)),
    SearchFilters(departements=("75", "69")),
    SearchFilters(min_salary=40000),
    SearchFilters(sources=("adzuna",), remote=("partial",)),
    SearchFilters(posted_since=datetime(2026, 11, 27, tzinfo=UTC) - timedelta(days=10)),
]


@pytest.mark.parametrize("filters", FILTERS, ids=range(len(FILTERS)))
def test_market_counts_the_offers_the_search_finds(site, filters):
    engine, search, _ = site
    expected = search.search("", k=1, filters=filters).attrs["total"]
    stats = queries.market(engine, filters)
    assert int(stats["by_day"]["offers"].sum()) == expected
    assert expected > 0 or filters.sources


@pytest.mark.parametrize(
    ("column", "key", "field"),
    [
        ("departement", "departements", "departement"),
        ("contract_type", "contract_types", "value"),
        ("remote", "remote", "value"),
        ("commune_code", "communes", "commune_code"),
    ],
)
def test_facets_from_the_index_match_the_warehouse_counts(site, column, key, field):
    engine, search, _ = site
    with engine.connect() as conn:
        expected = pd.read_sql_query(
            text(
                f"SELECT {column} AS v, count(*) AS n FROM vw_dashboard_offers "
                f"WHERE status = 'active' AND {column} IS NOT NULL GROUP BY {column}"
            ),
            conn,
        )
    found = facets.facets(search.index, engine)[key]
    assert dict(zip(found[field], found["n"], strict=True)) == dict(
        zip(expected["v"], expected["n"], strict=True)
    )
    if key == "communes":
        assert found["label"].notna().all()
        assert found["n"].is_monotonic_decreasing


def test_companies_count_active_offers_and_list_them(site):
    engine, _, _ = site
    companies = queries.companies(engine)
    assert not companies.empty and companies["active_offers"].is_monotonic_decreasing
    top = companies.iloc[0]
    ids = queries.company_offer_ids(engine, int(top["company_id"]))
    assert len(ids) == top["active_offers"]
    name = str(top["company"])
    found = queries.companies(engine, name[1:-1].lower())
    assert name in set(found["company"])


def test_like_wildcards_in_the_company_search_are_literal(site):
    engine, _, _ = site
    assert queries.companies(engine, "%%%_").empty


def test_demo_run_is_reported_by_the_data(site, monkeypatch):
    engine, search, workdir = site
    monkeypatch.setattr("jobmarket.config.RUNS_DIR", workdir / "reports" / "runs")
    data = DashboardData(engine, search)
    assert set(data.demo_sources()) == {"france_travail", "adzuna", "jsearch"}
