"""Serve the dashboard: `python -m jobmarket.dashboard [--port 8866]` (what `make dashboard` runs).

The warehouse URL is resolved here, once: with no `DATABASE_URL` this process starts the
embedded server and keeps it up while Voila runs, so visitors' kernels connect to it instead
of each starting (and, on exit, stopping) their own.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys

from jobmarket import config
from jobmarket.dashboard.serve import voila_command
from jobmarket.warehouse import db


def main(argv: list[str] | None = None) -> int:
    """Start Voila on the dashboard notebook and wait for it; returns its exit code."""
    parser = argparse.ArgumentParser(prog="python -m jobmarket.dashboard", description=__doc__)
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument(
        "--no-preheat",
        action="store_true",
        help="start each visitor's kernel on arrival (fresher data, slower first paint)",
    )
    args = parser.parse_args(argv)
    url = db.database_url()
    print(f"dashboard on http://127.0.0.1:{args.port}/ (database {db.safe_url(url)})", flush=True)
    # A preheated kernel has run the notebook before the visit: the page is usable in about 2 s
    # instead of 4 s at 100,000 offers (benchmarks/results/dashboard.json).
    extra = () if args.no_preheat else ("--preheat_kernel=True",)
    command = voila_command(args.port, extra=extra)
    try:
        return subprocess.call(
            command, env={**os.environ, "DATABASE_URL": url}, cwd=config.PROJ_ROOT
        )
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
