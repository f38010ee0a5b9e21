"""The warehouse connection: the embedded server and password hygiene."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy import create_engine

from jobmarket.warehouse import db


def test_safe_url_masks_the_password():
    shown = db.safe_url("postgresql://analyst:s3cr3t-pw@db.example:5432/jobs")
    assert "s3cr3t-pw" not in shown
    assert "analyst" in shown and "db.example" in shown and "/jobs" in shown


def test_plain_postgres_urls_get_the_psycopg2_driver():
    assert db._as_sqlalchemy_url("postgres://u@h/d") == "postgresql+psycopg2://u@h/d"
    assert db._as_sqlalchemy_url("postgresql://u@h/d") == "postgresql+psycopg2://u@h/d"


def test_embedded_server_starts_under_a_deep_data_folder_and_stops_with_its_process(tmp_path):
    # A checkout deep in the file system must not break the Unix socket (about 100 characters).
    pgdata = tmp_path / ("deep-folder-" * 6) / "pgdata"
    assert len(str(pgdata)) > 100
    script = (
        "import sys; from pathlib import Path; from jobmarket.warehouse import db; "
        "from sqlalchemy import create_engine, text; "
        "url = db.embedded_database_url(Path(sys.argv[1]), database='jm_embedded'); "
        "e = create_engine(url); "
        "print(e.connect().execute(text('select current_database()')).scalar()); print(url)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(pgdata)], capture_output=True, text=True, timeout=180
    )
    assert done.returncode == 0, done.stderr[-3000:]
    database, url = done.stdout.split()[-2:]
    assert database == "jm_embedded"
    assert (pgdata / "PG_VERSION").exists()
    # The server stopped when the process that started it exited.
    try:
        create_engine(url).connect()
    except Exception as error:  # noqa: BLE001 - any connection failure proves it is down
        assert "connect" in str(error).lower() or "socket" in str(error).lower()
    else:
        raise AssertionError("the embedded server outlived the process that started it")
