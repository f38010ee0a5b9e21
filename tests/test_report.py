"""The market report: aggregates on a real warehouse filled by the real loader, charts, notebook."""

from __future__ import annotations

import json
import re

import nbformat
import pandas as pd
import pytest
from sqlalchemy import text

from jobmarket import config, francemap, jobfamily, report, report_charts, report_scope, runlog
from jobmarket import report_data as data
from jobmarket import report_families as families
from jobmarket import report_quality as quality
from jobmarket.warehouse.load import load_offers
from jobmarket.warehouse.migrate import migrate

NOTEBOOK = config.NOTEBOOKS_DIR / "05_market_report.ipynb"
SECTIONS = (
    "Headline figures", "Offers per source and per day", "Where: départements and cities",
    "Who is hiring", "What: skills and job families", "Pay", "Contracts and remote work",
    "Sources: overlap and what each adds", "Data quality", "Terms and method",
)  # fmt: skip
# source, id, title, company, département, commune, label, contract, remote, min, max,
# estimated, skills, rome, duplicate group
_ROWS = [
    ("france_travail", "FT1", "Data engineer", "Acme", "75", "75056", "Paris", "CDI", "partial", 45000, 55000, False, ["python", "sql"], "M1805", "g1"),
    ("france_travail", "FT2", "Data analyst", "Acme", "69", "69123", "Lyon", "CDD", "no", 38000, 42000, False, ["sql", "excel"], "M1403", None),
    ("france_travail", "FT3", "Infirmier", "Hôpital Nord", "13", "13055", "Marseille", "CDI", "no", 30000, 34000, False, ["soins"], "J1506", None),
    ("france_travail", "FT4", "Développeur Python", "Beta", "31", "31555", "Toulouse", "CDI", "yes", None, None, None, ["python", "git"], "M1805", None),
    ("france_travail", "FT5", "Aide-soignant", None, "971", None, "971 - Guadeloupe", "CDD", "no", 25000, 25000, False, [], "J1501", None),
    ("france_travail", "FT6", "Data engineer senior", "Beta", "75", "75108", "Paris 8e Arrondissement", "CDI", "no", 60000, 70000, False, ["python"], "M1805", None),
    ("adzuna", "AZ1", "Data Engineer", "Acme", "75", "75056", "Paris", "CDI", "unknown", 50000, 60000, True, ["python", "spark"], None, "g1"),
    ("adzuna", "AZ2", "Comptable", "Gamma", "33", "33063", "Bordeaux", "CDI", "unknown", 35000, 35000, True, [], None, None),
    ("jsearch", "JS1", "Data engineer", "Delta", "75", "75056", "Paris", "CDI", "yes", 60000, 70000, False, ["python", "aws"], None, "g1"),
    ("jsearch", "JS2", "Infirmier de nuit", "Hôpital Nord", "13", "13055", "Marseille", "CDD", "no", None, None, None, ["soins"], None, None),
    ("jsearch", "JS3", "Boulanger", "Epsilon", None, None, None, "CDI", "unknown", None, None, None, [], None, None),
]  # fmt: skip
WITHDRAWN = "FT6"
APPELLATIONS = {"M1805": "Ingénieur / Ingénieure data", "M1403": "Data analyst", "J1506": "Infirmier / Infirmière",
                "J1501": "Aide-soignant / Aide-soignante"}  # fmt: skip


def fixture_offers() -> pd.DataFrame:
    """A small unified offer table (docs/architecture.md columns the report reads)."""
    columns = ["source", "external_id", "title", "company", "departement", "commune_code",
               "location_label", "contract_type", "remote", "salary_min", "salary_max",
               "salary_is_estimated", "skills", "rome_code", "duplicate_group"]  # fmt: skip
    offers = pd.DataFrame(_ROWS, columns=columns)
    offers["title_clean"] = offers["title"]
    offers["appellation"] = offers["rome_code"].map(APPELLATIONS)
    offers["company_key"] = offers["company"].str.lower()
    offers["country"] = "FR"
    offers["description"] = "Une offre. " + offers["title"]
    start = pd.Timestamp.now(tz="UTC").normalize() - pd.Timedelta(days=20) + pd.Timedelta(hours=9)
    offers["created_at"] = start + pd.to_timedelta(offers.index, "D")
    offers["updated_at"] = offers["created_at"] + pd.Timedelta(hours=5)
    offers["url"] = "https://example.org/offer/" + offers["external_id"]
    offers["raw_ref"] = offers["source"] + "/r1/page_0001.json#" + offers.index.astype(str)
    return offers


def fixture_quarantine() -> pd.DataFrame:
    rows = [("clean", "france_travail", "FTX", "title", "missing title"),
            ("clean", "jsearch", "JSX", "title", "missing title"),
            ("clean", "france_travail", "FTY", "created_at", "unparseable date")]  # fmt: skip
    frame = pd.DataFrame(rows, columns=["stage", "source", "external_id", "field", "reason"])
    return frame.assign(raw_ref="x/r2/page.json#0", raw='{"id": "?"}')


def _fill(engine) -> pd.DataFrame:
    migrate(engine)
    offers = fixture_offers()
    load_offers(engine, offers, "r1", full_refresh_sources=config.SOURCES)
    load_offers(engine, offers[offers["external_id"] != WITHDRAWN], "r2",
                full_refresh_sources=("france_travail",), quarantine=fixture_quarantine())  # fmt: skip
    return offers


@pytest.fixture(scope="module")
def filled(module_database_url):
    from jobmarket.warehouse import db

    engine = db.get_engine(module_database_url)
    offers = _fill(engine)
    yield engine, offers, module_database_url
    engine.dispose()


def _scope(engine, **parameters) -> report_scope.Scope:
    return report.make_scope(report_scope.warehouse_as_of(engine), **parameters)


def _sql_count(engine, where: str) -> int:
    sql = f"SELECT count(*) FROM job_offers o JOIN sources s ON s.id = o.source_id WHERE {where}"
    with engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


@pytest.mark.parametrize("consent", [False, True])
def test_headline_equals_sql_counts_and_the_fixture(filled, consent):
    engine, offers, _ = filled
    headline = data.headline(engine, _scope(engine, adzuna_aggregates_consent=consent))
    sources_sql = "true" if consent else "s.name <> 'adzuna'"
    kept = offers if consent else offers[offers["source"] != "adzuna"]
    active = kept[kept["external_id"] != WITHDRAWN]
    assert headline["active_offers"] == _sql_count(engine, f"o.status = 'active' AND {sources_sql}")
    assert headline["active_offers"] == len(active)
    assert (
        headline["withdrawn_this_week"]
        == _sql_count(engine, f"o.status = 'inactive' AND {sources_sql}")
        == 1
    )
    assert headline["new_this_week"] == len(kept)  # both loads happened within the week
    assert headline["companies_hiring"] == active["company"].nunique()
    assert headline["source_names"] == sorted(kept["source"].unique())


def test_departement_and_source_filters_narrow_every_count(filled):
    engine, offers, _ = filled
    scope = _scope(engine, departements=" 75 ", sources="jsearch,france_travail")
    paris = offers[(offers["departement"] == "75") & (offers["source"] != "adzuna")]
    assert (
        data.headline(engine, scope)["active_offers"] == (paris["external_id"] != WITHDRAWN).sum()
    )
    by_source = data.count_by(engine, scope, "source").set_index("source")["offers"]
    assert by_source.to_dict() == paris["source"].value_counts().to_dict()


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"sources": "france_travail,monster"}, "unknown source.*monster"),
        ({"period_days": 0}, "period_days"),
    ],
)
def test_bad_parameters_are_named(parameters, message):
    with pytest.raises(ValueError, match=message):
        report_scope.Scope.from_parameters(pd.Timestamp("2026-01-01", tz="UTC"), **parameters)


def test_period_leaves_out_offers_last_seen_before_it(filled):
    engine, offers, _ = filled
    later = report_scope.warehouse_as_of(engine) + pd.Timedelta(days=30)
    assert data.headline(engine, report.make_scope(later, period_days=10))["active_offers"] == 0
    assert data.headline(engine, report.make_scope(later, period_days=40))["active_offers"] > 0


def test_adzuna_is_left_out_without_consent(filled):
    engine, _, _ = filled
    assert "adzuna" not in set(data.count_by(engine, _scope(engine), "source")["source"])
    consented = _scope(engine, adzuna_aggregates_consent=True)
    assert "adzuna" in set(data.count_by(engine, consented, "source")["source"])


def test_market_aggregates(filled):
    engine, offers, _ = filled
    scope = _scope(engine, adzuna_aggregates_consent=True)
    deps = data.count_by(engine, scope, "departement").set_index("departement")["offers"]
    assert deps["75"] == (offers["departement"] == "75").sum() and deps["unknown"] == 1
    cities = data.top_cities(engine, scope)
    assert cities.iloc[0]["commune_code"] == "75056" and cities.iloc[0]["offers"] == 4
    assert cities.iloc[0]["city"] == "Paris"
    skills = data.top_skills(engine, scope).set_index("skill")
    python = offers["skills"].map(lambda s: "python" in s).sum()
    assert skills.loc["python", "offers"] == python
    assert skills.loc["python", "share"] == pytest.approx(python / len(offers))
    companies = data.top_companies(engine, scope).set_index("company")
    assert companies.loc["Acme", "offers"] == 3 and companies.loc["Acme", "sources"] == 2
    daily = data.per_day(engine, scope, "created_at")
    assert daily["offers"].sum() == len(offers) and daily["day"].nunique() == len(offers)
    # The window ends at the latest publication: 5 days hold the last 5 offers.
    last_days = data.per_day(
        engine, _scope(engine, period_days=4, adzuna_aggregates_consent=True), "created_at"
    )
    assert last_days["offers"].sum() == 5


def test_families_are_inferred_from_titles_for_sources_without_rome(filled):
    engine, offers, _ = filled
    scope = _scope(engine, adzuna_aggregates_consent=True)
    titles = families.title_families(engine, scope).set_index(["title", "family_method"])
    assert titles.loc[("Infirmier de nuit", "nearest_title"), "family"] == "J15"
    assert titles.loc[("Boulanger", "unclassified"), "family"] == jobfamily.UNCLASSIFIED
    by_family = families.offers_by_family(engine, scope, titles.reset_index()).set_index("family")
    # M18: FT1, FT4, FT6 by ROME code, then "Data engineer" of Adzuna and JSearch by title.
    assert by_family.loc["M18", "offers"] == 5 and by_family.loc["M18", "inferred"] == 2
    skills = families.skills_by_family(engine, scope, titles.reset_index())
    m18 = skills[skills["family"] == "M18"].set_index("skill")["offers"]
    assert m18["python"] == 5
    names = families.family_names(engine)
    assert names["M18"] == APPELLATIONS["M1805"] and names["J15"] in APPELLATIONS.values()
    labelled = families.with_labels(skills, "family", names)
    assert set(labelled["family"]) >= {"M18 · Ingénieur / Ingénieure data"}
    assert jobfamily.family_label("K21") == "K21 · " + jobfamily.ROME_DOMAINS["K"]


def test_salary_quantiles_keep_published_and_estimated_apart(filled):
    engine, offers, _ = filled
    scope = _scope(engine, adzuna_aggregates_consent=True)
    titles = families.title_families(engine, scope)
    stats = families.salary_stats(engine, scope, titles, by="contract_type")
    cdi = stats[(stats["group"] == "CDI") & (stats["kind"] == "published")].iloc[0]
    paid = offers[(offers["contract_type"] == "CDI") & (offers["salary_is_estimated"] == False)]  # noqa: E712
    mids = (paid["salary_min"] + paid["salary_max"]) / 2
    assert cdi["offers"] == len(mids)
    assert cdi["p50"] == pytest.approx(mids.median())
    assert cdi["p25"] <= cdi["p50"] <= cdi["p75"]
    assert set(stats["kind"]) == {"published"}  # Adzuna's two estimates fall below MIN_SALARIES


def test_sources_overlap_and_quality(filled):
    engine, offers, _ = filled
    scope = _scope(engine, adzuna_aggregates_consent=True)
    overlap = quality.overlap(engine, scope)
    assert overlap.to_dict("records") == [
        {"sources": "adzuna + france_travail + jsearch", "groups": 1, "offers": 3}
    ]
    contribution = quality.source_contribution(engine, scope).set_index("source")
    assert (
        contribution.loc["jsearch", "shared"] == 1 and contribution.loc["jsearch", "only_here"] == 2
    )
    # JSearch lists Delta and Epsilon alone; Hôpital Nord also publishes on France Travail.
    assert contribution.loc["jsearch", "companies"] == 3
    assert contribution.loc["jsearch", "companies_only_here"] == 2
    shares = quality.quality_shares(engine, scope).set_index("source")
    assert shares.loc["all sources", "offers"] == len(offers)
    assert shares.loc["all sources", "commune_share"] == pytest.approx(
        offers["commune_code"].notna().mean()
    )
    assert shares.loc["all sources", "located_share"] == pytest.approx(
        offers["departement"].notna().mean()
    )
    assert shares.loc["jsearch", "salary_share"] == pytest.approx(1 / 3)
    reasons = quality.quarantine_by_reason(engine, scope).groupby("reason")["records"].sum()
    assert reasons.to_dict() == {"missing title": 2, "unparseable date": 1}
    assert (
        quality.france_travail_last_update(engine)
        == offers.loc[offers["source"] == "france_travail", "updated_at"].max()
    )


def test_demo_sources_are_read_from_the_run_log_and_from_demo_marks(filled, tmp_path):
    engine, _, _ = filled
    assert quality.demo_sources(engine, runs_dir=tmp_path) == []
    runlog.record_step(
        "r2", "extract", {"mode": "demo", "modes": {"france_travail": "demo"}}, tmp_path
    )
    assert quality.demo_sources(engine, runs_dir=tmp_path) == ["france_travail"]


def test_offers_outside_france_are_left_out(engine):
    migrate(engine)
    offers = fixture_offers()
    offers = offers[offers["external_id"].isin(["FT1", "JS1", "JS3"])].copy()
    offers.loc[offers["external_id"] == "JS1", ["country", "departement", "commune_code"]] = [
        "US",
        None,
        None,
    ]
    offers.loc[offers["external_id"] == "JS3", "country"] = None
    load_offers(engine, offers, "r1")
    scope = _scope(engine)
    assert data.headline(engine, scope)["active_offers"] == 2  # FT1 in France, JS3 without country
    assert data.count_by(engine, scope, "source").set_index("source")["offers"].to_dict() == {
        "france_travail": 1,
        "jsearch": 1,
    }


def test_demo_offers_are_recognised_by_their_marks(engine, tmp_path):
    migrate(engine)
    offers = fixture_offers()
    offers = offers[offers["external_id"].isin(["FT1", "AZ1", "JS1"])].copy()
    offers.loc[offers["source"] == "adzuna", "url"] = (
        "https://www.adzuna.fr/details/1?utm_source=demo"
    )
    load_offers(engine, offers, "r1")
    assert quality.demo_sources(engine, runs_dir=tmp_path) == ["adzuna"]
    offers.loc[offers["source"] == "jsearch", "external_id"] = "am0tZGVtbzoAAAAAAAAABQ=="
    load_offers(engine, offers, "r2")
    assert quality.demo_sources(engine, runs_dir=tmp_path) == ["adzuna", "jsearch"]


def test_charts_draw_what_they_are_given():
    counts = pd.DataFrame({"source": ["a", "b", "c"], "offers": [5, 9, 1]})
    bars = report_charts.bar_chart(counts, "source", "offers", "t").axes[0].patches
    assert sorted(p.get_width() for p in bars) == [1, 5, 9]
    stats = pd.DataFrame([{"group": "CDI", "kind": "published", "offers": 4, "p10": 1.0, "p25": 2.0,
                           "p50": 3.0, "p75": 4.0, "p90": 5.0}])  # fmt: skip
    ax = report_charts.salary_chart(stats, "t").axes[0]
    assert ax.get_xlim()[0] <= 1.0 and ax.get_xlim()[1] >= 5.0
    empty = report_charts.bar_chart(counts.iloc[:0], "source", "offers", "t").axes[0]
    assert empty.texts[0].get_text() == report_charts.NO_DATA


def test_daily_chart_counts_missing_days_as_zero_and_draws_bars_for_a_first_run():
    daily = pd.DataFrame(
        {"day": ["2026-11-01", "2026-11-05"], "source": ["a", "a"], "offers": [3, 4]}
    )
    line = report_charts.daily_chart(daily).axes[0].lines[0]
    assert list(line.get_ydata()) == [3, 0, 0, 0, 4]
    one_day = report_charts.daily_chart(daily.iloc[:1]).axes[0]
    assert [p.get_height() for p in one_day.patches] == [3] and not one_day.lines


def test_map_draws_one_bubble_per_metropolitan_departement():
    centroids = francemap.load_centroids()
    assert len(centroids) == 101 and centroids["departement"].is_unique
    assert centroids["latitude"].between(-21.5, 51.5).all()
    counts = pd.DataFrame(
        {"departement": ["75", "13", "2A", "974", "unknown"], "offers": [10, 4, 1, 2, 3]}
    )
    fig = francemap.departement_map(counts, centroids, "t")
    bubbles = fig.axes[0].collections[0]
    assert len(bubbles.get_offsets()) == 3  # 75, 13, 2A; 974 goes to the overseas box
    assert any("La Réunion: 2" in t.get_text() for t in fig.axes[0].texts)


def _run_notebook(tmp_path, monkeypatch, database_url, **parameters):
    import papermill

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JOBMARKET_REPORTS_DIR", str(tmp_path))
    executed = tmp_path / "05_market_report.ipynb"
    papermill.execute_notebook(str(NOTEBOOK), str(executed), parameters=parameters,
                               kernel_name="python3", cwd=str(tmp_path), progress_bar=False)  # fmt: skip
    return executed


@pytest.mark.notebooks
def test_report_renders_every_section_with_embedded_charts(filled, tmp_path, monkeypatch):
    engine, _, url = filled
    runlog.record_step(
        "r2", "extract", {"mode": "demo", "modes": {"france_travail": "demo"}}, tmp_path / "runs"
    )
    executed = _run_notebook(tmp_path, monkeypatch, url, run_id="t1")
    page = report.render_html(executed, tmp_path / "market_report.html").read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f">{section}<" in page, section
    assert page.count("data:image/png;base64") >= 10
    assert "DEMO DATA" in page and config.FRANCE_TRAVAIL_LICENCE_URL in page
    assert "Adzuna offers are left out" in page
    # Opens offline: no script, stylesheet or image fetched from the network.
    assert not re.search(r"<script[^>]+src=|<link[^>]+href=\"https?:|<img[^>]+src=\"https?:", page)
    assert "Traceback" not in page and "def " not in page  # no code, no error
    recorded = json.loads((tmp_path / "runs" / "t1" / "steps" / "report.json").read_text())
    assert recorded["active_offers"] == _sql_count(
        engine, "o.status = 'active' AND s.name <> 'adzuna'"
    )
    assert recorded["withdrawn_this_week"] == 1


@pytest.mark.notebooks
def test_empty_warehouse_gives_a_clear_message(database_url, tmp_path, monkeypatch):
    executed = _run_notebook(tmp_path, monkeypatch, database_url, run_id="t2")
    page = report.render_html(executed, tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "The warehouse holds no offers yet" in page
    assert "Traceback" not in page and ">Terms and method<" in page
    notebook = nbformat.read(executed, as_version=4)
    assert not any(
        o.get("output_type") == "error" for c in notebook.cells for o in c.get("outputs", [])
    )
