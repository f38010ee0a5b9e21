"""Tests of the extraction orchestration (modes, demo and import into the raw store)."""

from __future__ import annotations

import json

import pytest

from jobmarket import config, extract, raw

ALL = list(config.SOURCES)


@pytest.mark.parametrize(
    ("import_dir", "credentialed", "mode", "modes"),
    [
        ("", [], "demo", {"france_travail": "demo", "adzuna": "demo", "jsearch": "demo"}),
        ("", ["adzuna"], "live", {"france_travail": "demo", "adzuna": "live", "jsearch": "demo"}),
        (
            "/x",
            ["adzuna"],
            "import",
            {"france_travail": "import", "adzuna": "import", "jsearch": "import"},
        ),
    ],
)
def test_plan_modes(import_dir, credentialed, mode, modes):
    assert extract.plan_modes(ALL, import_dir, credentialed) == (mode, modes)


def test_plan_modes_refuses_unknown_source():
    with pytest.raises(ValueError, match="unknown sources"):
        extract.plan_modes(["pole_emploi"], "", [])


def test_demo_extraction_fills_the_store_and_resumes(tmp_path):
    result = extract.run_extract(
        "r1", ALL, n_offers=600, seed=3, raw_root=tmp_path, settings=config.Settings()
    )
    assert result.mode == "demo"
    facts = result.facts()
    assert facts["counts"] == {
        "france_travail": {"extracted": 300, "records": 300},
        "adzuna": {"extracted": 210, "records": 210},
        "jsearch": {"extracted": 90, "records": 90},
    }
    assert len(list(raw.iter_run_offers("r1", tmp_path))) == 600
    manifest = (
        (tmp_path / "adzuna" / "r1" / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
    )
    assert len(manifest) == 5 and json.loads(manifest[0])["params"] == {"seed": 3, "n_offers": 600}
    again = extract.run_extract(
        "r1", ALL, n_offers=600, seed=3, raw_root=tmp_path, settings=config.Settings()
    )
    assert again.table().loc["adzuna", "resumed"] == 5
    assert len(list(raw.iter_run_offers("r1", tmp_path))) == 600
    assert extract.problems(again) == []


def test_import_extraction_counts_detected_sources(tmp_path):
    src = tmp_path / "rec"
    src.mkdir()
    (src / "mixed.json").write_text(
        json.dumps([{"id": "1", "intitule": "x"}, {"job_id": "a", "job_title": "y"}])
    )
    (src / "bad.json").write_text("{")
    result = extract.run_extract("imp", ["adzuna"], import_dir=str(src), raw_root=tmp_path / "raw")
    assert result.mode == "import"
    assert result.facts()["counts"]["france_travail"]["extracted"] == 1
    assert result.facts()["counts"]["jsearch"]["extracted"] == 1
    assert any("bad.json" in line for line in extract.problems(result))


def test_check_fails_only_when_errors_left_nothing(tmp_path):
    src = tmp_path / "rec"
    src.mkdir()
    (src / "bad.json").write_text("{")
    empty = extract.run_extract("imp", ["adzuna"], import_dir=str(src), raw_root=tmp_path / "raw")
    with pytest.raises(extract.ExtractionFailed, match="bad.json: not JSON"):
        extract.check(empty)
    (src / "ok.json").write_text(json.dumps([{"job_id": "a", "job_title": "y"}]))
    partial = extract.run_extract(
        "imp2", ["adzuna"], import_dir=str(src), raw_root=tmp_path / "raw"
    )
    extract.check(partial)  # one unreadable file among readable ones: reported, not fatal
    assert extract.problems(partial)


@pytest.mark.notebooks
def test_notebook_imports_a_folder_and_records_the_step(tmp_path, monkeypatch):
    import papermill

    src = tmp_path / "rec" / "france_travail"
    src.mkdir(parents=True)
    (src / "page.json").write_text(
        json.dumps({"resultats": [{"id": "1", "intitule": "x"}, {"id": "2", "intitule": "y"}]})
    )
    monkeypatch.setenv("JOBMARKET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("JOBMARKET_REPORTS_DIR", str(tmp_path / "reports"))
    for name in config.SETTING_NAMES[:5]:
        monkeypatch.setenv(name, "")  # no live call from a test, whatever .env holds
    papermill.execute_notebook(
        str(config.NOTEBOOKS_DIR / "01_extract.ipynb"), str(tmp_path / "out.ipynb"),
        parameters={"run_id": "nb1", "import_dir": str(tmp_path / "rec")}, kernel_name="python3",
        progress_bar=False,
    )  # fmt: skip
    facts = json.loads(
        (tmp_path / "reports" / "runs" / "nb1" / "steps" / "extract.json").read_text()
    )
    assert facts["mode"] == "import"
    assert facts["counts"]["france_travail"] == {"extracted": 2, "records": 2}
    assert (tmp_path / "data" / "raw" / "import" / "nb1" / "france_travail" / "page.json").exists()
