"""Shared fixtures: a fresh PostgreSQL database per test module, paths to shared real data."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from jobmarket import config
from jobmarket.warehouse import db

REALDATA_DIR = config.SHARED_DATA_DIR / "realdata"
RESSOURCES_SHARED_DIR = config.SHARED_DATA_DIR / "ressources"


def _server_url() -> str:
    """URL of the server tests create their databases on (never a database they keep)."""
    settings = config.get_settings()
    url = settings.test_database_url or settings.database_url
    if url:
        return db._as_sqlalchemy_url(url)
    return db.embedded_database_url(database="postgres")


def create_test_database() -> str:
    """Create an empty database with a unique name and return its URL."""
    return db.create_database(_server_url(), prefix="jm_test")


def drop_test_database(url: str) -> None:
    """Drop a database made by `create_test_database`."""
    db.drop_database(url)


@pytest.fixture
def database_url() -> Iterator[str]:
    """A fresh, empty database for one test, dropped afterwards."""
    url = create_test_database()
    try:
        yield url
    finally:
        drop_test_database(url)


@pytest.fixture(scope="module")
def module_database_url() -> Iterator[str]:
    """A fresh, empty database shared by the tests of one module, dropped afterwards."""
    url = create_test_database()
    try:
        yield url
    finally:
        drop_test_database(url)


@pytest.fixture
def engine(database_url):
    """An engine on a fresh database."""
    eng = db.get_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture(scope="session")
def realdata_dir() -> Path:
    """`../shared/data/realdata` (tests that need it skip when it is absent)."""
    if not REALDATA_DIR.is_dir():
        pytest.skip("../shared/data/realdata is absent")
    return REALDATA_DIR


@pytest.fixture(scope="session")
def communes_csv() -> Path:
    """The shared communes referential (La Poste, `;`, Latin-1), or skip."""
    path = RESSOURCES_SHARED_DIR / "communes_cp.csv"
    if not path.exists():
        pytest.skip("../shared/data/ressources/communes_cp.csv is absent")
    return path
