"""Start Voila on the dashboard notebook and drive it with Debian's Chromium (tests, benchmark).

The browser is the system's `/usr/bin/chromium` driven by Playwright: no browser download.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

from jobmarket import config

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-gpu",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)
NOTEBOOK = config.NOTEBOOKS_DIR / "dashboard.ipynb"


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def voila_command(port: int, notebook: Path = NOTEBOOK, extra: tuple[str, ...] = ()) -> list[str]:
    """The command `make dashboard` runs, on `port`."""
    voila = Path(sys.executable).with_name("voila")
    return [
        str(voila),
        str(notebook),
        f"--port={port}",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        *extra,
    ]


def start_voila(
    env: Mapping[str, str],
    log_path: Path,
    timeout: float = 60.0,
    extra: tuple[str, ...] = (),
    notebook: Path = NOTEBOOK,
) -> tuple[subprocess.Popen, str]:
    """Start Voila with `env` added to this environment; return the process and its URL once it answers."""
    port = free_port()
    log = open(log_path, "wb")  # noqa: SIM115 - kept open for the life of the process
    process = subprocess.Popen(
        # port_retries=0: Voila must fail, not move to another port, if `port` was taken meanwhile.
        voila_command(port, notebook, extra=("--Voila.port_retries=0", *extra)),
        env={**os.environ, **env},
        cwd=config.PROJ_ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"Voila exited with {process.returncode}; see {log_path}")
        try:
            # A TCP connection is enough: fetching the page would start (and waste) a kernel.
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, url
        except OSError:
            time.sleep(0.2)
    stop(process)
    raise TimeoutError(f"Voila did not answer on {url} within {timeout:.0f} s; see {log_path}")


def stop(process: subprocess.Popen) -> None:
    """Terminate a process started here (kill it if it does not stop)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def launch_chromium(playwright):
    """Headless Debian Chromium through Playwright (raises when /usr/bin/chromium is missing)."""
    if not CHROMIUM.exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(CHROMIUM_ARGS))


def hostile_offer(offers, payload: str, external_id: str = "xss-0001"):
    """A copy of the first offer whose title, description and company carry `payload`."""
    row = offers.iloc[[0]].copy()
    row["external_id"] = external_id
    row["title"] = f"Hostile {payload}"
    row["title_clean"] = f"hostile {payload}".lower()
    row["description"] = f"Texte piégé {payload} fin."
    row["company"] = f"Evil {payload}"
    row["company_key"] = "evil-xss"
    row["duplicate_group"] = None
    return row


def demo_site(
    database_url: str, workdir: Path, n_offers: int, seed: int = 7, extra=None
) -> dict[str, str]:
    """Load `n_offers` demo offers (plus `extra` rows) into a database, build the index there.

    Returns the environment Voila needs to serve that database and index. The run is
    recorded as a demo run, so the page shows its banner.
    """
    import pandas as pd

    from jobmarket import runlog
    from jobmarket.clean import clean
    from jobmarket.search.index import build_from_warehouse
    from jobmarket.sources import demo
    from jobmarket.warehouse import db, load, migrate

    run_id = "dashboard-demo"
    offers, quarantine = clean(list(demo.generate_raw_offers(n_offers=n_offers, seed=seed)))
    if extra is not None:
        offers = pd.concat([offers, extra(offers)], ignore_index=True)
    engine = db.get_engine(database_url)
    try:
        migrate.migrate(engine)
        load.load_offers(engine, offers, run_id, quarantine=quarantine)
        build_from_warehouse(engine, workdir / "index")
    finally:
        engine.dispose()
    reports = workdir / "reports"
    modes = dict.fromkeys(config.SOURCES, "demo")
    runlog.record_step(
        run_id, "extract", {"mode": "demo", "modes": modes}, runs_dir=reports / "runs"
    )
    return {
        "DATABASE_URL": database_url,
        "JOBMARKET_INDEX_DIR": str(workdir / "index"),
        "JOBMARKET_REPORTS_DIR": str(reports),
    }
