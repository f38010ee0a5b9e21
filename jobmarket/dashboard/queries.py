"""Reads of the dashboard's facets, companies tab and market charts, as DataFrames.

Everything reads the views of migration 030 (`vw_dashboard_offers`: one row per offer with
its filter columns; `vw_companies_active_offers`), so the page never loads every offer: it
asks PostgreSQL for counts and small aggregates, following the same filters as the search.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Engine, text

VIEW = "vw_dashboard_offers"
SALARY_BIN = 5000  # euros per year: width of one bar of the salary distribution


def filters_where(filters: Any) -> tuple[str, dict[str, Any]]:
    """A SQL WHERE clause (with bound parameters) equivalent to a `SearchFilters`."""
    clauses, params = [], {}
    if filters is None or not getattr(filters, "include_inactive", False):
        clauses.append("status = 'active'")
    if filters is None:
        return " WHERE " + " AND ".join(clauses), params
    for column, values in (
        ("departement", filters.departements),
        ("commune_code", filters.communes),
        ("contract_type", filters.contract_types),
        ("source", filters.sources),
        ("remote", filters.remote),
    ):
        if values:
            clauses.append(f"{column} = ANY(:{column})")
            params[column] = list(values)
    if filters.min_salary:
        clauses.append("COALESCE(salary_max, salary_min) >= :min_salary")
        params["min_salary"] = float(filters.min_salary)
    if filters.posted_since is not None:
        clauses.append("created_at >= :posted_since")
        params["posted_since"] = filters.posted_since
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def posted_since(days: int, now: datetime | None = None) -> datetime | None:
    """The UTC instant `days` days ago, None for 0 (no limit)."""
    if not days:
        return None
    return (now or datetime.now(UTC)) - timedelta(days=days)


def _read(engine: Engine, sql: str, params: dict[str, Any] | None = None) -> pd.DataFrame:
    with engine.connect() as conn:
        return pd.read_sql_query(text(sql), conn, params=params or {})


def companies(engine: Engine, pattern: str = "", limit: int = 200) -> pd.DataFrame:
    """Companies with active offers whose name contains `pattern` (any case), busiest first."""
    return _read(
        engine,
        "SELECT company_id, company, active_offers FROM vw_companies_active_offers "
        "WHERE active_offers > 0 AND company ILIKE :pattern "
        "ORDER BY active_offers DESC, company, company_id LIMIT :limit",
        {"pattern": "%" + pattern.replace("%", r"\%").replace("_", r"\_") + "%", "limit": limit},
    )


def company_offer_ids(engine: Engine, company_id: int, limit: int = 100) -> list[int]:
    """Ids of one company's active offers, newest first."""
    frame = _read(
        engine,
        f"SELECT offer_id FROM {VIEW} WHERE status = 'active' AND company_id = :company_id "
        "ORDER BY created_at DESC NULLS LAST, offer_id LIMIT :limit",
        {"company_id": int(company_id), "limit": limit},
    )
    return [int(i) for i in frame["offer_id"]]


def market(engine: Engine, filters: Any = None, top_skills: int = 15) -> dict[str, pd.DataFrame]:
    """Offers per day, top skills and the yearly salary distribution of the filtered offers."""
    where, params = filters_where(filters)
    return {
        "by_day": _read(
            engine,
            f"SELECT (created_at AT TIME ZONE 'Europe/Paris')::date AS day, count(*) AS offers FROM {VIEW}"
            f"{where} GROUP BY day ORDER BY day",
            params,
        ),
        "skills": _read(
            engine,
            f"SELECT sk.name AS skill, count(*) AS offers FROM {VIEW} AS v"
            " JOIN offer_skills AS os ON os.offer_id = v.offer_id JOIN skills AS sk ON sk.id = os.skill_id"
            f"{where} GROUP BY sk.name ORDER BY offers DESC, sk.name LIMIT :top",
            {**params, "top": top_skills},
        ),
        "salary": _read(
            engine,
            f"SELECT floor(((COALESCE(salary_min, salary_max) + COALESCE(salary_max, salary_min)) / 2)"
            f" / {SALARY_BIN}) * {SALARY_BIN} AS salary, count(*) AS offers FROM {VIEW}"
            f"{where}{' AND' if where else ' WHERE'} COALESCE(salary_min, salary_max) IS NOT NULL "
            "GROUP BY 1 ORDER BY 1",
            params,
        ),
    }


def last_load_run_id(engine: Engine) -> str | None:
    """Run id of the latest load into the warehouse, None when nothing was loaded."""
    frame = _read(engine, "SELECT run_id FROM load_runs ORDER BY id DESC LIMIT 1")
    return None if frame.empty else str(frame["run_id"].iloc[0])
