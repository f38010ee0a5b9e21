"""`make lint` holds: ruff finds nothing in the package, tests, benchmarks and notebooks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jobmarket import config

RUFF = Path(sys.executable).with_name("ruff")
TARGETS = ["jobmarket", "tests", "benchmarks", "notebooks"]


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["check", "format"])
def test_ruff_is_clean(command):
    if not RUFF.exists():
        pytest.skip("ruff is not installed in this environment")
    done = subprocess.run(
        [str(RUFF), *command, *TARGETS], cwd=config.PROJ_ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-1000:]
