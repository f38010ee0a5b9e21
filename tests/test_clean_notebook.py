"""Smoke run of notebooks/02_clean.ipynb on a demo run in a temporary data folder."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from jobmarket import config

NOTEBOOK = config.NOTEBOOKS_DIR / "02_clean.ipynb"


@pytest.mark.notebooks
def test_clean_notebook_writes_table_quarantine_and_run_log(tmp_path, monkeypatch):
    import papermill

    from jobmarket import extract

    data, reports = tmp_path / "data", tmp_path / "reports"
    run_id = "20260101T000000Z"
    extract.run_extract(
        run_id,
        list(config.SOURCES),
        n_offers=600,
        seed=3,
        raw_root=data / "raw",
        settings=config.Settings(),
    )
    monkeypatch.setenv("JOBMARKET_DATA_DIR", str(data))
    monkeypatch.setenv("JOBMARKET_REPORTS_DIR", str(reports))
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(tmp_path / "out.ipynb"),
        parameters={"run_id": ""},
        cwd=str(tmp_path),
        progress_bar=False,
    )

    offers = pd.read_parquet(data / "processed" / "offers.parquet")
    quarantine = pd.read_parquet(data / "processed" / "quarantine.parquet")
    step = json.loads((reports / "runs" / run_id / "steps" / "clean.json").read_text())
    assert set(step["counts"]) == set(config.SOURCES)
    assert sum(c["cleaned"] for c in step["counts"].values()) == len(offers) > 500
    assert sum(c["quarantined"] for c in step["counts"].values()) == len(quarantine)
    assert not offers.duplicated(["source", "external_id"]).any()
    assert str(offers["created_at"].dtype).endswith("UTC]")
