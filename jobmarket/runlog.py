"""Per-step facts of a pipeline run, gathered into `reports/runs/<run_id>/summary.json`.

Each notebook records what it did (counts per source, mode, database) with `record_step`;
`jobmarket.pipeline` merges the step files into the run summary at the end.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from jobmarket import config


def run_dir(run_id: str, runs_dir: Path | None = None) -> Path:
    """Folder of one run's executed notebooks and summary."""
    return (runs_dir or config.RUNS_DIR) / run_id


def record_step(
    run_id: str, step: str, facts: dict[str, Any], runs_dir: Path | None = None
) -> Path:
    """Write one step's facts as JSON (replacing that step's earlier record in this run)."""
    steps_dir = run_dir(run_id, runs_dir) / "steps"
    steps_dir.mkdir(parents=True, exist_ok=True)
    path = steps_dir / f"{step}.json"
    path.write_text(json.dumps(facts, indent=2, default=str, ensure_ascii=False), encoding="utf-8")
    return path


def read_steps(run_id: str, runs_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    """Every recorded step of a run, by step name."""
    steps_dir = run_dir(run_id, runs_dir) / "steps"
    if not steps_dir.exists():
        return {}
    return {
        p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(steps_dir.glob("*.json"))
    }
