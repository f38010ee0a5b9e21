"""Search and similar(): ranking, every filter, pagination, odd queries."""

from __future__ import annotations

from datetime import date

import pytest
from search_fixtures import offers_frame

from jobmarket.search.engine import SearchEngine, SearchFilters
from jobmarket.search.index import build_index


@pytest.fixture(scope="module")
def engine() -> SearchEngine:
    return SearchEngine(build_index(offers_frame()))


def ids(frame) -> list[int]:
    return frame["offer_id"].tolist()


@pytest.mark.parametrize(
    ("query", "expected_first"),
    [
        ("Data engineer Spark", 5),
        ("Infirmier / Infirmière de bloc opératoire", 3),
        ("Chauffeur livreur poids lourd", 4),
        ("Ingénieur logiciel C++", 8),
    ],
)
def test_exact_title_ranks_first(engine, query, expected_first):
    result = engine.search(query, k=5)
    assert ids(result)[0] == expected_first
    assert list(result.columns) == ["offer_id", "score"]
    assert result["score"].is_monotonic_decreasing
    assert 0 < result["score"].iloc[0] <= 1.0 + 1e-6


def test_accents_and_case_do_not_matter(engine):
    plain = engine.search("DEVELOPPEUR python")
    accented = engine.search("développeur Python")
    assert ids(plain) == ids(accented)
    assert ids(plain)[0] == 2


def test_inactive_offers_only_on_request(engine):
    assert 7 not in ids(engine.search("data analyst", k=20))
    assert 7 in ids(
        engine.search("data analyst", k=20, filters=SearchFilters(include_inactive=True))
    )


@pytest.mark.parametrize(
    ("filters", "allowed"),
    [
        (SearchFilters(departements=("69",)), {2, 3}),
        (SearchFilters(communes=("31555",)), {6, 8}),
        (SearchFilters(contract_types=("CDD",)), {3, 4}),
        (SearchFilters(min_salary=50000), {2, 5, 8}),
        (SearchFilters(sources=("adzuna",)), {2, 6}),
        (SearchFilters(remote=("hybrid", "full")), {2, 5, 8}),
        (SearchFilters(posted_since=date(2026, 11, 21)), {2, 4, 5, 8}),
        (SearchFilters(departements=("99",)), set()),
    ],
)
def test_each_filter_keeps_only_matching_offers(engine, filters, allowed):
    # A broad query that touches most offers, so the filter does the selecting.
    query = "données data python développeur infirmier chauffeur ingénieur analyste"
    unfiltered = set(ids(engine.search(query, k=50)))
    result = engine.search(query, k=50, filters=filters)
    assert set(ids(result)) == allowed & unfiltered
    assert result.attrs["total"] == len(allowed & unfiltered)


def test_pagination_splits_the_ranking(engine):
    query = "données data python analyste"
    full = engine.search(query, k=50)
    pages = [engine.search(query, k=2, page=p) for p in range(4)]
    assert sum((ids(p) for p in pages), []) == ids(full)
    assert all(p.attrs["total"] == full.attrs["total"] for p in pages)
    assert full.attrs["total"] >= 3
    assert ids(engine.search(query, k=2, page=50)) == []


def test_min_score_threshold(engine):
    result = engine.search("data analyst", k=50)
    threshold = float(result["score"].iloc[1])
    strict = engine.search("data analyst", k=50, min_score=threshold)
    assert len(strict) == 2
    assert (strict["score"] >= threshold).all()


def test_similar_excludes_the_offer_itself(engine):
    result = engine.similar(1, k=3)
    assert 1 not in ids(result)
    assert ids(result)[0] in {5, 6}  # the other data offers
    assert 4 not in ids(result)
    assert engine.similar(999_999).empty


@pytest.mark.parametrize("query", ["zzqxw blorp", "数据分析师", "Инженер данных"])
def test_unknown_or_non_latin_query_gives_nothing(engine, query):
    result = engine.search(query)
    assert result.empty
    assert result.attrs["total"] == 0


@pytest.mark.parametrize("query", ["", "   ", "le la les de", "!!! ???"])
def test_empty_query_lists_active_offers_newest_first(engine, query):
    result = engine.search(query, k=3)
    assert ids(result) == [4, 5, 2]
    assert result.attrs["total"] == 7
    assert (result["score"] == 0).all()


def test_very_long_query_is_answered(engine):
    query = ("data analyst SQL " * 700)[:10_000]
    result = engine.search(query, k=5)
    assert len(query) == 10_000
    assert ids(result)[0] == 1
    assert result.attrs["elapsed_ms"] >= 0
