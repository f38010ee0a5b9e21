"""Versioned schema migrations: `migrations/NNN_name.sql` applied in order, once each.

Applied versions are recorded in `schema_version`. Each migration runs in its own
transaction together with its `schema_version` row, so a failing file leaves the schema at
the previous version. An advisory lock keeps two processes from migrating at once.
"""

from __future__ import annotations

import logging
import re
from importlib import resources
from typing import NamedTuple

from sqlalchemy import Engine

logger = logging.getLogger(__name__)

MIGRATE_LOCK_KEY = 0x4A4D_0001  # arbitrary, fixed: "JM" + 1
_NAME = re.compile(r"^(\d{3})_([a-z0-9_]+)\.sql$")


class Migration(NamedTuple):
    """One SQL file of the package."""

    version: int
    name: str
    sql: str


def available_migrations() -> list[Migration]:
    """Every migration shipped in the package, by ascending version."""
    folder = resources.files("jobmarket.warehouse") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort()
    versions = [m.version for m in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"two migration files share a version number: {versions}")
    return found


def current_version(engine: Engine) -> int:
    """Highest applied schema version (0 on an empty database)."""
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute("SELECT to_regclass('public.schema_version') IS NOT NULL")
            if not cur.fetchone()[0]:
                return 0
            cur.execute("SELECT coalesce(max(version), 0) FROM schema_version")
            return int(cur.fetchone()[0])
    finally:
        raw.close()


def migrate(engine: Engine, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to `target` (default: all) and return their versions.

    Idempotent: a database already at the target version gets nothing and returns [].
    """
    raw = engine.raw_connection()
    applied: list[int] = []
    try:
        raw.autocommit = True
        with raw.cursor() as cur:
            cur.execute("SELECT pg_advisory_lock(%s)", (MIGRATE_LOCK_KEY,))
            cur.execute(
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version integer PRIMARY KEY, name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            cur.execute("SELECT version FROM schema_version")
            done = {row[0] for row in cur.fetchall()}
        raw.autocommit = False
        for migration in available_migrations():
            if migration.version in done or (target is not None and migration.version > target):
                continue
            _apply(raw, migration)
            applied.append(migration.version)
    finally:
        raw.rollback()
        raw.autocommit = True
        with raw.cursor() as cur:
            cur.execute("SELECT pg_advisory_unlock(%s)", (MIGRATE_LOCK_KEY,))
        raw.close()
    return applied


def _apply(raw, migration: Migration) -> None:
    logger.info("applying migration %03d_%s", migration.version, migration.name)
    try:
        with raw.cursor() as cur:
            # No parameters: psycopg2 sends the file as is (several statements, % untouched).
            cur.execute(migration.sql)
            cur.execute(
                "INSERT INTO schema_version (version, name) VALUES (%s, %s)",
                (migration.version, migration.name),
            )
        raw.commit()
    except Exception as exc:
        raw.rollback()
        raise RuntimeError(
            f"migration {migration.version:03d}_{migration.name}.sql failed: {exc}"
        ) from exc
