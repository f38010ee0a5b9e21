"""Reads of the warehouse as DataFrames, for the search index, the dashboard and the report."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from sqlalchemy import Engine, bindparam, text

INDEX_COLUMNS = [
    "offer_id", "source", "external_id", "title", "description", "skills", "company",
    "location_label", "commune_code", "departement", "contract_type", "remote", "salary_min",
    "salary_max", "salary_is_estimated", "created_at", "updated_at", "url", "status",
    "description_is_snippet",
]  # fmt: skip
VIEWS = (
    "vw_job_offers_summary", "vw_offers_by_source", "vw_offers_by_day", "vw_offers_by_departement",
    "vw_offers_by_contract_type", "vw_top_companies", "vw_top_skills",
    "vw_salary_quartiles_by_rome_family", "vw_quarantine_by_reason",
)  # fmt: skip
_OFFERS = f"""
SELECT {", ".join(f"v.{c}" for c in INDEX_COLUMNS if c != "skills")},
       coalesce(k.skills, ARRAY[]::varchar[]) AS skills
FROM vw_job_offers AS v
LEFT JOIN (SELECT os.offer_id, array_agg(s.name ORDER BY s.name) AS skills
           FROM offer_skills AS os JOIN skills AS s ON s.id = os.skill_id
           GROUP BY os.offer_id) AS k ON k.offer_id = v.offer_id
"""


def _frame(engine: Engine, query, params: dict | None = None) -> pd.DataFrame:
    with engine.connect() as conn:
        result = conn.execute(text(query) if isinstance(query, str) else query, params or {})
        frame = pd.DataFrame(result.fetchall(), columns=list(result.keys()))
    for col in ("salary_min", "salary_max", "salary_mid", "median_salary", "q1", "median", "q3"):
        if col in frame:
            frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in ("created_at", "updated_at", "last_seen_at", "first_created_at", "last_created_at"):
        if col in frame:
            frame[col] = pd.to_datetime(frame[col], utc=True)
    return frame


def offers_for_index(engine: Engine, active_only: bool = False) -> pd.DataFrame:
    """Every offer with its display and search columns (INDEX_COLUMNS), by offer_id."""
    where = " WHERE v.status = 'active'" if active_only else ""
    frame = _frame(engine, _OFFERS + where + " ORDER BY v.offer_id")
    return frame.reindex(columns=INDEX_COLUMNS)


def offers_by_ids(engine: Engine, ids: Sequence[int]) -> pd.DataFrame:
    """The offers of `ids` (INDEX_COLUMNS) in the order of `ids`; unknown ids are skipped."""
    ids = [int(i) for i in ids]
    if not ids:
        return pd.DataFrame(columns=INDEX_COLUMNS)
    # The skills subquery gets the id filter too: PostgreSQL does not carry an IN list across
    # the join, and aggregating every offer's skills cost ~0.5 s per call at 100k offers.
    restricted = _OFFERS.replace(
        "GROUP BY os.offer_id", "WHERE os.offer_id IN :ids GROUP BY os.offer_id"
    )
    query = text(restricted + " WHERE v.offer_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    frame = _frame(engine, query, {"ids": ids}).set_index("offer_id", drop=False)
    return frame.reindex([i for i in ids if i in frame.index]).reset_index(drop=True)[INDEX_COLUMNS]


def data_version(engine: Engine) -> str:
    """A token that changes whenever a load inserted, changed or deactivated an offer.

    Every such change writes a `job_offers_log` row (trigger), so the last log id and the
    number of offers identify the warehouse's content.
    """
    with engine.connect() as conn:
        last_log, offers = conn.execute(
            text(
                "SELECT (SELECT coalesce(max(id), 0) FROM job_offers_log), count(*) FROM job_offers"
            )
        ).one()
    return f"{last_log}-{offers}"


def active_offers(engine: Engine) -> int:
    """Number of active offers."""
    with engine.connect() as conn:
        return int(
            conn.execute(text("SELECT count(*) FROM job_offers WHERE status = 'active'")).scalar()
        )


def read_view(engine: Engine, view: str, limit: int | None = None) -> pd.DataFrame:
    """One of the reporting VIEWS as a DataFrame (optionally its first `limit` rows)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; expected one of {VIEWS}")
    suffix = f" LIMIT {int(limit)}" if limit is not None else ""
    return _frame(engine, f"SELECT * FROM {view}{suffix}")


def summary(engine: Engine) -> pd.DataFrame:
    """One row: offers, active/inactive, companies, locations, date range."""
    return read_view(engine, "vw_job_offers_summary")


def offers_by_source(engine: Engine) -> pd.DataFrame:
    """Per source: offers, active, inactive, with salary, date range."""
    return read_view(engine, "vw_offers_by_source").sort_values("source", ignore_index=True)


def offers_by_day(engine: Engine) -> pd.DataFrame:
    """Offers created per Paris day and source."""
    return read_view(engine, "vw_offers_by_day").sort_values(["day", "source"], ignore_index=True)


def offers_by_departement(engine: Engine) -> pd.DataFrame:
    """Active offers, companies and median salary per département."""
    frame = read_view(engine, "vw_offers_by_departement")
    return frame.sort_values("offers", ascending=False, ignore_index=True)


def offers_by_contract_type(engine: Engine) -> pd.DataFrame:
    """Active offers and share per contract type."""
    frame = read_view(engine, "vw_offers_by_contract_type")
    return frame.sort_values("offers", ascending=False, ignore_index=True)


def top_companies(engine: Engine, limit: int = 20) -> pd.DataFrame:
    """Companies with the most active offers."""
    return read_view(engine, "vw_top_companies", limit)


def top_skills(engine: Engine, limit: int = 20) -> pd.DataFrame:
    """Skills asked by the most active offers, with their share of active offers."""
    return read_view(engine, "vw_top_skills", limit)


def salary_quartiles_by_rome_family(engine: Engine) -> pd.DataFrame:
    """Quartiles of yearly salary (range midpoint) per ROME family (e.g. M18)."""
    return read_view(engine, "vw_salary_quartiles_by_rome_family")


def quarantine_by_reason(engine: Engine, run_id: str | None = None) -> pd.DataFrame:
    """Quarantined rows per run, stage, source, field and reason (optionally of one run)."""
    frame = read_view(engine, "vw_quarantine_by_reason")
    if run_id is not None:
        frame = frame[frame["run_id"] == run_id]
    return frame.sort_values("rows", ascending=False, ignore_index=True)
