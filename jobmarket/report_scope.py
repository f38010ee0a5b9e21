"""What the market report covers (`Scope`) and its clock, read from the warehouse.

The report's clock is the warehouse's own: "this week" and "the period" end at `as_of`, the
last time a load touched an offer, not at the wall-clock time of rendering, so re-rendering
old data gives the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, text

from jobmarket import config

# Country values of offers in France (ISO codes of metropolitan France and the overseas
# départements): recorded searches also hold US or German offers, left out of this report.
FRANCE = ("FR", "FRANCE", "GP", "MQ", "GF", "RE", "YT")


def _split(values: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in values.split(",") if v.strip())


@dataclass(frozen=True)
class Scope:
    """What the report covers: offers in France; Adzuna is left out unless its aggregates are allowed."""

    as_of: pd.Timestamp
    sources: tuple[str, ...] = ()  # empty: every source
    departements: tuple[str, ...] = ()  # empty: every département
    period_days: int = 90
    adzuna_consent: bool = False

    @classmethod
    def from_parameters(
        cls, as_of, sources: str = "", departements: str = "", period_days: int = 90,
        adzuna_aggregates_consent: bool = False,
    ) -> Scope:  # fmt: skip
        """A scope from the notebook's text parameters ("france_travail,jsearch", "75,69").

        Raises:
            ValueError: an unknown source or a period that is not a positive number of days.
        """
        unknown = [s for s in _split(sources) if s not in config.SOURCES]
        if unknown:
            raise ValueError(
                f"parameter sources: unknown source(s) {unknown}; expected {config.SOURCES}"
            )
        if int(period_days) <= 0:
            raise ValueError(
                f"parameter period_days must be a positive number of days, not {period_days}"
            )
        return cls(pd.Timestamp(as_of), _split(sources), _split(departements.upper()), int(period_days),
                   bool(adzuna_aggregates_consent))  # fmt: skip

    @property
    def included_sources(self) -> list[str]:
        chosen = self.sources or config.SOURCES
        return [s for s in chosen if s != "adzuna" or self.adzuna_consent]

    @property
    def since(self) -> pd.Timestamp:
        return self.as_of - timedelta(days=self.period_days)

    def where(self, alias: str = "o") -> str:
        """SQL condition of the scope on `vw_report_offers` (bind it with `params`)."""
        return (
            f"{alias}.source = ANY(CAST(:sources AS text[])) "
            f"AND (cardinality(CAST(:departements AS text[])) = 0 "
            f"OR {alias}.departement = ANY(CAST(:departements AS text[]))) "
            f"AND {alias}.last_seen_at >= :since "
            f"AND ({alias}.country IS NULL OR upper({alias}.country) = ANY(CAST(:france AS text[])))"
        )

    def params(self, **extra: Any) -> dict[str, Any]:
        base = {"sources": self.included_sources, "departements": list(self.departements),
                "france": list(FRANCE),
                "since": self.since.to_pydatetime(), "as_of": self.as_of.to_pydatetime()}  # fmt: skip
        return {**base, **extra}


def read(engine: Engine, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    """A query's rows as a DataFrame."""
    with engine.connect() as conn:
        result = conn.execute(text(sql), params or {})
        return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def warehouse_as_of(engine: Engine) -> pd.Timestamp | None:
    """The time of the latest load that touched an offer (None on an empty or new warehouse)."""
    with engine.connect() as conn:
        if conn.execute(text("SELECT to_regclass('public.job_offers')")).scalar() is None:
            return None
        # A load that only withdrew offers touched no last_seen_at: load_runs has its time.
        value = conn.execute(
            text(
                "SELECT greatest((SELECT max(last_seen_at) FROM job_offers),"
                " (SELECT max(coalesce(finished_at, started_at)) FROM load_runs"
                "  WHERE EXISTS (SELECT 1 FROM job_offers)))"
            )
        ).scalar()
    return pd.Timestamp(value) if value is not None else None
