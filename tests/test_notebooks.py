"""Every notebook is stored the way the project expects: thin, parameterised, without outputs."""

from __future__ import annotations

import nbformat
import pytest

from jobmarket import config, pipeline

NOTEBOOKS = sorted(config.NOTEBOOKS_DIR.glob("*.ipynb"))


def test_every_pipeline_notebook_exists():
    names = {path.stem for path in NOTEBOOKS}
    assert set(pipeline.PIPELINE_NOTEBOOKS) <= names
    assert "dashboard" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs_and_has_one_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata.get("kernelspec", {}).get("name") == "python3"
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert all(not cell.outputs and cell.execution_count is None for cell in code_cells)
    tagged = [cell for cell in code_cells if "parameters" in cell.metadata.get("tags", [])]
    if path.stem in pipeline.PIPELINE_NOTEBOOKS:
        assert len(tagged) == 1
        assert "run_id" in tagged[0].source
    else:
        assert len(tagged) <= 1
    first = notebook.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.stem in pipeline.PIPELINE_NOTEBOOKS], ids=lambda p: p.name
)
def test_papermill_documents_every_parameter(path):
    # papermill's inspector (behind `papermill --help-notebook`) skips a parameter whose
    # trailing comment holds "="; the pipeline reads the cell itself, the help must agree.
    import papermill

    assert set(papermill.inspect_notebook(str(path))) == pipeline._declared_parameters(path)
