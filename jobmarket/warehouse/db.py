"""Connection to the warehouse: `DATABASE_URL` when set, else an embedded PostgreSQL.

The embedded server is `pgserver` (PyPI) with its data under `data/pgdata`. pgserver keeps
its Unix socket in a short runtime folder when the data folder's path is too long, so the
checkout's location does not matter. It stops when the process that started it exits;
`jobmarket.pipeline` starts it once and hands its URL to every notebook it runs.
"""

from __future__ import annotations

import uuid
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url

from jobmarket import config

EMBEDDED_DATABASE = "jobmarket"


@lru_cache(maxsize=4)
def _embedded_server(pgdata: Path):
    import pgserver  # imported lazily: starting it costs seconds and is not always needed

    pgdata.mkdir(parents=True, exist_ok=True)
    return pgserver.get_server(pgdata, cleanup_mode="stop")


def embedded_database_url(pgdata: Path | None = None, database: str = EMBEDDED_DATABASE) -> str:
    """Start (or reuse) the embedded server and return a URL to `database`, created if missing."""
    server = _embedded_server(pgdata or config.PGDATA_DIR)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return _as_sqlalchemy_url(server.get_uri(database))


def _as_sqlalchemy_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg2://" + url[len("postgresql://") :]
    if url.startswith("postgres://"):
        return "postgresql+psycopg2://" + url[len("postgres://") :]
    return url


def database_url() -> str:
    """The warehouse URL: `DATABASE_URL` from the environment or `.env`, else the embedded server."""
    configured = config.get_settings().database_url
    return _as_sqlalchemy_url(configured) if configured else embedded_database_url()


def safe_url(url: str) -> str:
    """The URL with its password masked, fit for logs, summaries and reports."""
    return make_url(url).render_as_string(hide_password=True)


def get_engine(url: str | None = None, **kwargs) -> Engine:
    """A SQLAlchemy engine on `url` (default: `database_url()`)."""
    return create_engine(_as_sqlalchemy_url(url or database_url()), pool_pre_ping=True, **kwargs)


def create_database(server_url: str, prefix: str = "jm_scratch") -> str:
    """Create an empty database with a unique name on `server_url`'s server; return its URL.

    Tests, benchmarks and the evaluation work in such throw-away databases and drop them
    with `drop_database`, so they never touch the warehouse.
    """
    server = make_url(_as_sqlalchemy_url(server_url))
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return server.set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    """Drop a database made by `create_database`, closing its other sessions first."""
    target = make_url(_as_sqlalchemy_url(url))
    admin = create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": target.database},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{target.database}"'))
    finally:
        admin.dispose()
