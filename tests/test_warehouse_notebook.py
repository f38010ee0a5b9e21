"""Smoke run of notebooks/03_load.ipynb on a small table, twice: same counts, no password shown."""

from __future__ import annotations

import json

import pytest
from sqlalchemy.engine import make_url
from warehouse_fixtures import small_market

from jobmarket import config

NOTEBOOK = config.NOTEBOOKS_DIR / "03_load.ipynb"


@pytest.mark.notebooks
def test_load_notebook_loads_checks_and_records_the_step(tmp_path, monkeypatch, database_url):
    import papermill

    data, reports = tmp_path / "data", tmp_path / "reports"
    (data / "processed").mkdir(parents=True)
    small_market().to_parquet(data / "processed" / "offers.parquet")
    secret = "n0t-shown-pw"
    url = make_url(database_url).set(password=secret).render_as_string(hide_password=False)
    monkeypatch.setenv("JOBMARKET_DATA_DIR", str(data))
    monkeypatch.setenv("JOBMARKET_REPORTS_DIR", str(reports))
    monkeypatch.setenv("DATABASE_URL", url)

    steps = []
    for attempt in range(2):
        out = tmp_path / f"out{attempt}.ipynb"
        papermill.execute_notebook(
            str(NOTEBOOK), str(out), parameters={"run_id": "nb-run", "full_refresh": True},
            cwd=str(tmp_path), progress_bar=False,
        )  # fmt: skip
        steps.append(json.loads((reports / "runs" / "nb-run" / "steps" / "load.json").read_text()))
        assert secret not in out.read_text()

    expected = small_market()["source"].value_counts().to_dict()
    assert {s: c["loaded"] for s, c in steps[0]["counts"].items()} == expected
    assert steps[0] == steps[1]
    assert steps[0]["active_offers"] == len(small_market())
    assert secret not in json.dumps(steps[0]) and "***" in steps[0]["database"]
