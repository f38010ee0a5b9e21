"""The relevance evaluation: metrics, recorded-file shapes, label isolation, every system."""

from __future__ import annotations

import json
import math

import pytest
from sqlalchemy.engine import make_url

from jobmarket.search import evaluation, labelled, systems


def _record(offer_id: str, title: str, rome: str, appellation: str, description: str = "") -> dict:
    return {
        "id": offer_id,
        "intitule": title,
        "description": description or f"Poste de {title.lower()} en CDI.",
        "romeCode": rome,
        "romeLibelle": "libellé " + rome,
        "appellationlibelle": appellation,
        "lieuTravail": {"libelle": "75 - PARIS", "commune": "75056"},
        "entreprise": {"nom": "ACME"},
        "competences": [{"libelle": "Travail en équipe"}],
        "typeContrat": "CDI",
        "dateCreation": "2026-11-01T10:00:00.000Z",
    }


RECORDS = [
    _record("A1", "Boulanger (H/F)", "D1102", "Boulanger / Boulangère"),
    _record("A2", "Boulanger pâtissier", "D1102", "Boulanger / Boulangère"),
    _record("A3", "Ouvrier boulanger de nuit", "D1102", "Ouvrier boulanger / Ouvrière boulangère"),
    _record("B1", "Data analyst (H/F)", "M1403", "Data analyst"),
    _record("B2", "Analyste de données", "M1403", "Data analyst"),
    _record("C1", "Chauffeur poids lourd", "N4101", "Conducteur / Conductrice de poids lourd"),
    _record("C2", "Conducteur routier", "N4101", "Conducteur / Conductrice de poids lourd"),
]


def test_query_metrics_by_hand():
    metrics = evaluation.query_metrics([5, 1, 6, 2], frozenset({1, 2, 3}), k=4)
    assert metrics["p@4"] == pytest.approx(0.5)
    dcg = 1 / math.log2(3) + 1 / math.log2(5)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert metrics["ndcg@4"] == pytest.approx(dcg / ideal)
    assert metrics["mrr"] == pytest.approx(0.5)
    assert evaluation.query_metrics([], frozenset({1}))["mrr"] == 0.0


def _write_shapes(folder) -> None:
    """RECORDS spread over the shapes recorded dumps come in (one offer on two lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "raw.json").write_text(json.dumps({"resultats": RECORDS[:2], "filtresPossibles": []}))
    (folder / "list.json").write_text(json.dumps(RECORDS[2:4]))
    lines = [RECORDS[4], RECORDS[4], RECORDS[5]]
    (folder / "lines.jsonl").write_text("\n".join(json.dumps(r) for r in lines))
    (folder / "wrapped.json").write_text(json.dumps({"metadata": {"n": 1}, "jobs": RECORDS[6:]}))


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    folder = tmp_path_factory.mktemp("recorded")
    _write_shapes(folder)
    return labelled.split_labels(labelled.recorded_offers(folder))


def test_records_are_read_in_every_shape(tables):
    offers, labels = tables
    assert sorted(offers["external_id"]) == sorted(r["id"] for r in RECORDS)  # duplicate kept once
    assert offers.loc[offers["external_id"] == "A1", "departement"].item() == "75"
    assert (offers["status"] == "active").all()


def test_labels_never_reach_the_offers_table(tables):
    offers, labels = tables
    assert set(offers.columns) == set(labelled.RANKING_COLUMNS)
    text = offers.astype(str).to_string()
    for record in RECORDS:
        assert record["romeCode"] not in text
        assert record["romeLibelle"] not in text
    assert set(labels.columns) == {"offer_id", "rome_code", "appellation"}
    queries = labelled.queries_and_relevance(labels)
    assert len(queries) == 4
    # Ouvrier boulanger shares the ROME code of Boulanger: all three bakers are relevant.
    assert len(queries["Ouvrier boulanger / Ouvrière boulangère"]) == 3


@pytest.mark.parametrize("name", ["baseline", "jobmarket", "bm25"])
def test_each_in_process_system_finds_the_exact_title(tables, name):
    offers, _ = tables
    rank = getattr(systems, name)(offers)
    first = rank("Chauffeur poids lourd", 10)[0]
    assert offers.loc[offers["offer_id"] == first, "external_id"].item() == "C1"


def test_evaluate_reports_every_metric_in_the_agreed_shape(tables, database_url, tmp_path):
    offers, labels = tables
    server = make_url(database_url).set(database="postgres").render_as_string(hide_password=False)
    metrics = evaluation.evaluate(offers, labels, server_url=server)
    assert metrics["offers"] == 7 and metrics["queries"] == 4
    assert set(metrics["systems"]) == set(evaluation.SYSTEMS)
    for values in metrics["systems"].values():
        assert set(values) == {"p@10", "ndcg@10", "mrr", "p50_ms", "p95_ms"}
        assert 0 <= values["ndcg@10"] <= 1 and values["p95_ms"] >= values["p50_ms"] >= 0
    assert metrics["systems"]["postgres_fts"]["mrr"] > 0  # the temporary database really answered
    path = evaluation.save_metrics(metrics, tmp_path / "metrics.json")
    assert json.loads(path.read_text()) == metrics


@pytest.mark.realdata
def test_engine_beats_the_baseline_on_real_offers(realdata_dir, tmp_path, capsys):
    code = evaluation.main(
        [
            "--offers",
            str(realdata_dir / "france_travail"),
            "--json",
            "--systems",
            "baseline,jobmarket",
            "--output",
            str(tmp_path / "m.json"),
        ]
    )
    printed = json.loads(capsys.readouterr().out)
    assert code == 0 and printed == json.loads((tmp_path / "m.json").read_text())
    assert printed["offers"] > 2000 and printed["queries"] > 300
    ours, baseline = printed["systems"]["jobmarket"], printed["systems"]["baseline"]
    assert ours["ndcg@10"] > baseline["ndcg@10"] + 0.03
    assert ours["mrr"] > baseline["mrr"]
    assert ours["p95_ms"] < baseline["p95_ms"]


@pytest.mark.notebooks
def test_notebook_04_builds_the_index_and_records_metrics(database_url, tmp_path, monkeypatch):
    import papermill

    from jobmarket import config, runlog
    from jobmarket.clean import clean
    from jobmarket.sources import demo
    from jobmarket.warehouse import db, load, migrate

    engine = db.get_engine(database_url)
    migrate.migrate(engine)
    offers, quarantine = clean(demo.generate_raw_offers(600, seed=5))
    load.load_offers(engine, offers, "nb04", quarantine=quarantine)
    engine.dispose()
    # The kernel is another process: it finds the database and folders in its environment.
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("JOBMARKET_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("JOBMARKET_REPORTS_DIR", str(tmp_path / "reports"))
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "04_recommender_evaluation.ipynb"),
        str(tmp_path / "04.ipynb"),
        parameters={"run_id": "nb04"},
        progress_bar=False,
    )
    metrics = json.loads((tmp_path / "reports" / "metrics.json").read_text())
    assert set(metrics["systems"]) == set(evaluation.SYSTEMS)
    assert metrics["queries"] > 5
    assert (tmp_path / "index" / "CURRENT").exists()
    steps = runlog.read_steps("nb04", runs_dir=tmp_path / "reports" / "runs")
    assert steps["evaluate"]["systems"] == metrics["systems"]
    assert steps["evaluate"]["index_offers"] > 500
