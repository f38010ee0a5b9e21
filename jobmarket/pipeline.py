"""Run the numbered notebooks in order with papermill and write the run summary.

`python -m jobmarket.pipeline` is what `make pipeline` calls. Each executed notebook is kept
under `reports/runs/<run_id>/` (with its traceback when a step fails), `reports/latest` points
to the newest run, and `summary.json` gathers what each step recorded through `jobmarket.runlog`.
Secrets never travel as parameters: the kernels read them from the environment or `.env`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jobmarket import config, runlog
from jobmarket.warehouse import db

PIPELINE_NOTEBOOKS = (
    "01_extract",
    "02_clean",
    "03_load",
    "04_recommender_evaluation",
    "05_market_report",
)
REPORT_NOTEBOOK = "05_market_report"


class StepFailed(RuntimeError):
    """A notebook of the pipeline raised; names the notebook and the failing cell."""


@dataclass(frozen=True)
class RunOptions:
    """What one pipeline run does; every field becomes a notebook parameter where declared."""

    run_id: str
    seed: int = 42
    n_offers: int = 3000
    import_dir: str = ""
    full_refresh: bool = False

    def parameters(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "seed": self.seed,
            "n_offers": self.n_offers,
            "import_dir": self.import_dir,
            "full_refresh": self.full_refresh,
        }


def new_run_id(now: datetime | None = None) -> str:
    """A sortable run id such as 20261128T180000Z."""
    return (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")


def _declared_parameters(notebook: Path) -> set[str]:
    """Names assigned in the notebook's `parameters` cell.

    Read directly rather than with papermill's inspector, which skips a parameter whose
    trailing comment holds "=".
    """
    import nbformat

    cells = nbformat.read(notebook, as_version=4).cells
    tagged = [cell for cell in cells if "parameters" in cell.metadata.get("tags", [])]
    source = tagged[0].source if tagged else ""
    return set(re.findall(r"^([A-Za-z_]\w*)\s*(?::[^=]*)?=", source, flags=re.MULTILINE))


def run_notebook(
    name: str, run_id: str, parameters: dict[str, Any], notebooks_dir: Path | None = None
) -> float:
    """Execute one notebook into the run folder and return its duration in seconds.

    Raises:
        StepFailed: the notebook raised; the executed copy with its traceback is kept.
    """
    import papermill

    source = (notebooks_dir or config.NOTEBOOKS_DIR) / f"{name}.ipynb"
    target = runlog.run_dir(run_id) / f"{name}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    declared = _declared_parameters(source)
    accepted = {key: value for key, value in parameters.items() if key in declared}
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(source),
            str(target),
            parameters=accepted,
            kernel_name="python3",
            cwd=str(config.PROJ_ROOT),
            progress_bar=True,
            log_output=False,
        )
    except papermill.PapermillExecutionError as error:
        raise StepFailed(
            f"notebook {name} failed in cell {error.cell_index} (execution count {error.exec_count}): "
            f"{error.ename}: {error.evalue}\nexecuted notebook with the traceback: {target}"
        ) from error
    return time.perf_counter() - started


def _ensure_database() -> str:
    """The warehouse URL for this run; starts the embedded server once and shares it with the kernels."""
    url = db.database_url()
    # The kernels inherit this process's environment: they reuse the server started here instead
    # of each starting (and, on exit, stopping) its own.
    os.environ["DATABASE_URL"] = url
    config.get_settings.cache_clear()
    return url


def _point_latest(run_id: str) -> None:
    latest = config.REPORTS_DIR / "latest"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    latest.symlink_to(Path("runs") / run_id, target_is_directory=True)


def build_summary(run_id: str, seconds: dict[str, float], database: str) -> dict[str, Any]:
    """Merge the steps recorded by the notebooks into the run summary."""
    steps = runlog.read_steps(run_id)
    counts: dict[str, dict[str, int]] = {
        source: {"extracted": 0, "cleaned": 0, "quarantined": 0, "loaded": 0}
        for source in config.SOURCES
    }
    for step in ("extract", "clean", "load"):
        for source, facts in steps.get(step, {}).get("counts", {}).items():
            row = counts.setdefault(
                source, {"extracted": 0, "cleaned": 0, "quarantined": 0, "loaded": 0}
            )
            for key, value in facts.items():
                if key not in row:
                    continue  # steps may record more detail; the summary keeps its four counts
                # Quarantine happens at cleaning and at loading: a record counts once per stage.
                row[key] = row.get(key, 0) + int(value) if key == "quarantined" else int(value)
    return {
        "run_id": run_id,
        "mode": steps.get("extract", {}).get("mode", "demo"),
        "database": steps.get("load", {}).get("database", db.safe_url(database)),
        "counts": counts,
        "active_offers": steps.get("load", {}).get("active_offers"),
        "seconds": {name: round(value, 2) for name, value in seconds.items()},
    }


def _assert_no_secret_written(folder: Path) -> None:
    """Fail the run if any secret value reached a file of the run (defence in depth)."""
    secrets = [s for s in config.get_settings().secrets() if len(s) >= 6]
    if not secrets:
        return
    for path in folder.rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8", errors="ignore")
            if any(secret in text for secret in secrets):
                raise StepFailed(f"a secret value was written to {path}; the run is refused")


def run_pipeline(options: RunOptions, notebooks: tuple[str, ...] = PIPELINE_NOTEBOOKS) -> dict:
    """Run `notebooks` in order for one run and return the written summary."""
    database = _ensure_database()
    print(f"run {options.run_id}: database {db.safe_url(database)}", flush=True)
    seconds: dict[str, float] = {}
    for name in notebooks:
        print(f"==> {name}", flush=True)
        seconds[name] = run_notebook(name, options.run_id, options.parameters())
        if name == REPORT_NOTEBOOK:
            from jobmarket import report

            html = report.render_html(runlog.run_dir(options.run_id) / f"{name}.ipynb")
            print(f"report: {html}", flush=True)
    summary = build_summary(options.run_id, seconds, database)
    if notebooks == PIPELINE_NOTEBOOKS:
        # A report-only run re-renders the report; it is not a run of the pipeline.
        path = runlog.run_dir(options.run_id) / "summary.json"
        path.write_text(json.dumps(summary, indent=2), encoding="utf-8")
        _point_latest(options.run_id)
    _assert_no_secret_written(runlog.run_dir(options.run_id))
    return summary


def _parse(argv: list[str] | None) -> tuple[RunOptions, tuple[str, ...]]:
    parser = argparse.ArgumentParser(prog="python -m jobmarket.pipeline", description=__doc__)
    parser.add_argument("--run-id", default="", help="resume or name a run (default: now, UTC)")
    parser.add_argument("--seed", type=int, default=42, help="demo generator seed")
    parser.add_argument("--n-offers", type=int, default=3000, help="demo offers to generate")
    parser.add_argument("--import-dir", default="", help="run on recorded files instead of APIs")
    parser.add_argument("--full-refresh", action="store_true", help="refetch everything")
    parser.add_argument(
        "--report-only", action="store_true", help="re-render the market report from the warehouse"
    )
    args = parser.parse_args(argv)
    import_dir = str(Path(args.import_dir).resolve()) if args.import_dir else ""
    options = RunOptions(
        run_id=args.run_id or (("report-" if args.report_only else "") + new_run_id()),
        seed=args.seed,
        n_offers=args.n_offers,
        import_dir=import_dir,
        full_refresh=args.full_refresh,
    )
    notebooks = (REPORT_NOTEBOOK,) if args.report_only else PIPELINE_NOTEBOOKS
    return options, notebooks


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the process exit code."""
    options, notebooks = _parse(argv)
    started = time.perf_counter()
    try:
        summary = run_pipeline(options, notebooks)
    except StepFailed as error:
        print(f"pipeline failed: {error}", file=sys.stderr, flush=True)
        return 1
    if notebooks == PIPELINE_NOTEBOOKS:
        print(json.dumps(summary, indent=2), flush=True)
    print(f"done in {time.perf_counter() - started:.0f} s", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
