"""The pipeline runner: summary merging, failure reporting, and full smoke runs of the notebooks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import nbformat
import pytest

from jobmarket import config, pipeline, runlog


def test_run_ids_sort_in_time_order():
    from datetime import UTC, datetime

    first = pipeline.new_run_id(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC))
    second = pipeline.new_run_id(datetime(2026, 1, 2, 3, 4, 6, tzinfo=UTC))
    assert first == "20260102T030405Z"
    assert sorted([second, first]) == [first, second]


def test_summary_merges_the_steps_and_adds_quarantines_of_both_stages(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path)
    runlog.record_step("r1", "extract", {"mode": "import", "counts": {"adzuna": {"extracted": 10}}})
    runlog.record_step("r1", "clean", {"counts": {"adzuna": {"cleaned": 8, "quarantined": 2}}})
    runlog.record_step(
        "r1",
        "load",
        {
            "database": "postgresql://u:***@h/db",
            "counts": {"adzuna": {"loaded": 7, "quarantined": 1}},
            "active_offers": 7,
        },
    )
    summary = pipeline.build_summary("r1", {"01_extract": 1.234}, "postgresql://u:pw@h/db")
    assert summary["mode"] == "import"
    assert summary["counts"]["adzuna"] == {
        "extracted": 10,
        "cleaned": 8,
        "quarantined": 3,
        "loaded": 7,
    }
    assert summary["counts"]["jsearch"]["loaded"] == 0
    assert summary["active_offers"] == 7
    assert summary["seconds"] == {"01_extract": 1.23}
    assert "pw" not in json.dumps(summary)


def test_a_failing_notebook_names_itself_and_its_cell_and_keeps_the_traceback(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(config, "RUNS_DIR", tmp_path / "runs")
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    parameters = nbformat.v4.new_code_cell('run_id: str = ""')
    parameters.metadata["tags"] = ["parameters"]
    notebook.cells = [
        parameters,
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('broken on purpose')"),
    ]
    nbformat.write(notebook, tmp_path / "99_broken.ipynb")
    with pytest.raises(pipeline.StepFailed, match=r"99_broken.*cell.*broken on purpose"):
        pipeline.run_notebook("99_broken", "r2", {"run_id": "r2"}, notebooks_dir=tmp_path)
    kept = nbformat.read(tmp_path / "runs" / "r2" / "99_broken.ipynb", as_version=4)
    assert any(
        output.get("ename") == "ValueError"
        for cell in kept.cells
        for output in cell.get("outputs", [])
    )


def _run_pipeline(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "jobmarket.pipeline"],
        cwd=config.PROJ_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
    )


@pytest.mark.notebooks
def test_pipeline_runs_end_to_end_twice_with_the_same_active_offers(tmp_path, database_url):
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "JOBMARKET_DATA_DIR": str(tmp_path / "data"),
        "JOBMARKET_REPORTS_DIR": str(tmp_path / "reports"),
    }
    # Demo mode whatever the developer's own .env holds.
    for name in config.SETTING_NAMES[:5]:
        env[name] = ""
    first = _run_pipeline(env)
    assert first.returncode == 0, first.stderr[-4000:]
    reports = tmp_path / "reports"
    summary = json.loads((reports / "latest" / "summary.json").read_text())
    assert summary["mode"] == "demo"
    for source in config.SOURCES:
        assert summary["counts"][source]["loaded"] > 0, summary
        assert summary["counts"][source]["extracted"] >= summary["counts"][source]["loaded"]
    assert summary["active_offers"] > 0
    assert set(summary["seconds"]) == set(pipeline.PIPELINE_NOTEBOOKS)
    for name in pipeline.PIPELINE_NOTEBOOKS:
        assert (reports / "latest" / f"{name}.ipynb").exists()
    html = (reports / "market_report.html").read_text()
    assert "data:image/png;base64" in html

    second = _run_pipeline(env)
    assert second.returncode == 0, second.stderr[-4000:]
    again = json.loads((reports / "latest" / "summary.json").read_text())
    assert again["run_id"] != summary["run_id"]
    assert again["active_offers"] == summary["active_offers"]


def test_declared_parameters_are_read_from_the_parameters_cell(tmp_path):
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(
        'run_id: str = ""  # empty = a fresh one\nseed: int = 42  # seed\nlimit = 3\n'
    )
    cell.metadata["tags"] = ["parameters"]
    notebook.cells = [nbformat.v4.new_code_cell("not_a_parameter = 1"), cell]
    nbformat.write(notebook, tmp_path / "n.ipynb")
    assert pipeline._declared_parameters(tmp_path / "n.ipynb") == {"run_id", "seed", "limit"}
