"""Paths and settings of the project: the only module that reads the environment.

Paths derive from this file's location so notebooks run by papermill from any working
directory find the same folders. Settings come from the environment, then from `.env`
at the project root (loaded once, never overriding what the environment already says).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from dotenv import dotenv_values

PROJ_ROOT = Path(__file__).resolve().parents[1]
# Tests and benchmarks point these two at temporary folders so they never touch a user's data.
DATA_DIR = Path(os.environ.get("JOBMARKET_DATA_DIR") or PROJ_ROOT / "data")
RAW_DIR = DATA_DIR / "raw"
INTERIM_DIR = DATA_DIR / "interim"
PROCESSED_DIR = DATA_DIR / "processed"
INDEX_DIR = Path(os.environ.get("JOBMARKET_INDEX_DIR") or DATA_DIR / "index")
REPORTS_DIR = Path(os.environ.get("JOBMARKET_REPORTS_DIR") or PROJ_ROOT / "reports")
RUNS_DIR = REPORTS_DIR / "runs"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
RESSOURCES_DIR = PROJ_ROOT / "ressources"
BENCHMARKS_DIR = PROJ_ROOT / "benchmarks"
# Read-only reference data shared beside the checkout (absent on a newcomer's machine).
SHARED_DATA_DIR = PROJ_ROOT.parent / "shared" / "data"

OFFERS_PARQUET = PROCESSED_DIR / "offers.parquet"
QUARANTINE_PARQUET = PROCESSED_DIR / "quarantine.parquet"
METRICS_JSON = REPORTS_DIR / "metrics.json"
MARKET_REPORT_HTML = REPORTS_DIR / "market_report.html"

SOURCES = ("france_travail", "adzuna", "jsearch")

FRANCE_TRAVAIL_LICENCE_URL = "https://francetravail.io/data/api/offres-emploi"
FRANCE_TRAVAIL_SOURCE_LINE = "Source : France Travail, offres d'emploi (API Offres d'emploi v2)"
ADZUNA_ATTRIBUTION = "Jobs by Adzuna"

# The project's own pgserver data folder stays under the checkout even when DATA_DIR is redirected,
# so a test run reuses the one embedded server instead of initialising another.
PGDATA_DIR = PROJ_ROOT / "data" / "pgdata"

# Names of every setting read from the environment or `.env` (documented in .env.example).
SETTING_NAMES = (
    "FRANCE_TRAVAIL_CLIENT_ID",
    "FRANCE_TRAVAIL_CLIENT_SECRET",
    "ADZUNA_APP_ID",
    "ADZUNA_APP_KEY",
    "JSEARCH_API_KEY",
    "DATABASE_URL",
    "TEST_DATABASE_URL",
)


@dataclass(frozen=True)
class Settings:
    """Secrets and connection settings; `repr` hides every secret."""

    france_travail_client_id: str | None = field(default=None, repr=False)
    france_travail_client_secret: str | None = field(default=None, repr=False)
    adzuna_app_id: str | None = field(default=None, repr=False)
    adzuna_app_key: str | None = field(default=None, repr=False)
    jsearch_api_key: str | None = field(default=None, repr=False)
    database_url: str | None = field(default=None, repr=False)
    test_database_url: str | None = field(default=None, repr=False)

    @property
    def has_france_travail(self) -> bool:
        return bool(self.france_travail_client_id and self.france_travail_client_secret)

    @property
    def has_adzuna(self) -> bool:
        return bool(self.adzuna_app_id and self.adzuna_app_key)

    @property
    def has_jsearch(self) -> bool:
        return bool(self.jsearch_api_key)

    def credentialed_sources(self) -> list[str]:
        """Sources whose credentials are all set (the others run on demo data)."""
        flags = {
            "france_travail": self.has_france_travail,
            "adzuna": self.has_adzuna,
            "jsearch": self.has_jsearch,
        }
        return [source for source in SOURCES if flags[source]]

    def secrets(self) -> list[str]:
        """Every secret value that is set, for redaction in logs and written files."""
        values = [
            self.france_travail_client_secret,
            self.france_travail_client_id,
            self.adzuna_app_key,
            self.adzuna_app_id,
            self.jsearch_api_key,
        ]
        return [v for v in values if v]


def _read_environment(env_file: Path) -> dict[str, str]:
    merged = dict(dotenv_values(env_file)) if env_file.exists() else {}
    # The environment wins, even when it sets a variable to "" (to switch a source off).
    merged.update({k: v for k, v in os.environ.items() if k in SETTING_NAMES})
    return {k: v for k, v in merged.items() if v}


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """Settings from the environment and `.env` (read once per process)."""
    values = _read_environment(PROJ_ROOT / ".env")
    return Settings(**{name.lower(): values.get(name) for name in SETTING_NAMES})


def env_flag(name: str) -> bool:
    """Whether a boolean environment flag such as CI is set to a true value."""
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}
