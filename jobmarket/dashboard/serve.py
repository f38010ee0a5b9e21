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
