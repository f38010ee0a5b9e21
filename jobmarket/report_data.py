"""The market report's aggregates, computed in SQL on the warehouse's views.

Every read takes a `Scope` (sources, départements, period, Adzuna consent; `report_scope`) and
returns a small DataFrame; no read pulls one row per offer, so the report stays fast on
100,000 offers.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine

from jobmarket.report_scope import Scope, read


def headline(engine: Engine, scope: Scope) -> dict[str, Any]:
    """Active offers, new and withdrawn in the week up to `as_of`, companies hiring, sources."""
    sql = f"""
        SELECT count(*) FILTER (WHERE o.status = 'active') AS active_offers,
               count(*) FILTER (WHERE o.first_seen_at > CAST(:as_of AS timestamptz) - interval '7 days')
                   AS new_this_week,
               count(DISTINCT o.company_id) FILTER (WHERE o.status = 'active') AS companies_hiring,
               array_agg(DISTINCT o.source) FILTER (WHERE o.status = 'active') AS sources
        FROM vw_report_offers AS o WHERE {scope.where()}"""
    row = read(engine, sql, scope.params()).iloc[0]
    withdrawn = read(engine, f"""
        SELECT count(DISTINCT o.offer_id) AS n FROM vw_report_offers AS o
        JOIN job_offers_log AS g ON g.offer_id = o.offer_id AND g.action = 'deactivate'
        WHERE {scope.where()} AND o.status = 'inactive'
          AND g.logged_at > CAST(:as_of AS timestamptz) - interval '7 days'""", scope.params())  # fmt: skip
    sources = sorted(row["sources"] or [])
    return {
        "active_offers": int(row["active_offers"]),
        "new_this_week": int(row["new_this_week"]),
        "withdrawn_this_week": int(withdrawn["n"].iloc[0]),
        "companies_hiring": int(row["companies_hiring"]),
        "sources": len(sources),
        "source_names": sources,
        "as_of": scope.as_of.isoformat(),
    }


def count_by(engine: Engine, scope: Scope, column: str, top: int | None = None) -> pd.DataFrame:
    """Offers per value of one column of `vw_report_offers` (unknown values as "unknown")."""
    limit = f"LIMIT {int(top)}" if top else ""
    return read(engine, f"""
        SELECT coalesce(CAST(o.{column} AS text), 'unknown') AS {column}, count(*) AS offers
        FROM vw_report_offers AS o WHERE {scope.where()}
        GROUP BY 1 ORDER BY offers DESC, 1 {limit}""", scope.params())  # fmt: skip


def count_by_source_and(engine: Engine, scope: Scope, column: str) -> pd.DataFrame:
    """Offers per source and value of one column (contract mix, remote share)."""
    return read(engine, f"""
        SELECT o.source, coalesce(CAST(o.{column} AS text), 'unknown') AS {column}, count(*) AS offers
        FROM vw_report_offers AS o WHERE {scope.where()} GROUP BY 1, 2 ORDER BY 1, 3 DESC""",
        scope.params())  # fmt: skip


def per_day(engine: Engine, scope: Scope, column: str) -> pd.DataFrame:
    """Offers per Paris day of `column` (created_at or first_seen_at) and source.

    The window is `period_days` long and ends at the latest value of `column` in scope (never
    after `as_of`): for live data that is the last load, for recorded files the last
    publication they hold, so an import of 2024 offers still shows its days.
    """
    return read(engine, f"""
        WITH scoped AS (SELECT o.source, o.{column} AS t FROM vw_report_offers AS o
                        WHERE {scope.where()} AND o.{column} <= :as_of),
        bounds AS (SELECT max(t) AS hi FROM scoped)
        SELECT (t AT TIME ZONE 'Europe/Paris')::date AS day, source, count(*) AS offers
        FROM scoped, bounds WHERE t >= hi - make_interval(days => :days)
        GROUP BY 1, 2 ORDER BY 1, 2""", scope.params(days=scope.period_days))  # fmt: skip


# Municipal arrondissements count for their city: "Paris 8e" offers are Paris offers.
_CITY_CODE = """CASE WHEN o.commune_code BETWEEN '75101' AND '75120' THEN '75056'
                     WHEN o.commune_code BETWEEN '69381' AND '69389' THEN '69123'
                     WHEN o.commune_code BETWEEN '13201' AND '13216' THEN '13055'
                     ELSE o.commune_code END"""
_CITY_NAMES = {"75056": "Paris", "69123": "Lyon", "13055": "Marseille"}


def top_cities(engine: Engine, scope: Scope, top: int = 15) -> pd.DataFrame:
    """The cities with most offers (offers located to a commune only; arrondissements merged).

    A city is named by the place label its offers carry most often.
    """
    table = read(engine, f"""
        SELECT {_CITY_CODE} AS commune_code, mode() WITHIN GROUP (ORDER BY o.location_label) AS city,
               min(o.departement) AS departement, count(*) AS offers
        FROM vw_report_offers AS o WHERE {scope.where()} AND o.commune_code IS NOT NULL
        GROUP BY 1 ORDER BY offers DESC, city LIMIT :top""", scope.params(top=top))  # fmt: skip
    named = table["commune_code"].map(_CITY_NAMES)
    return table.assign(city=named.where(named.notna(), table["city"]))


def top_companies(engine: Engine, scope: Scope, top: int = 15) -> pd.DataFrame:
    """The companies with most offers, and from how many sources they come."""
    return read(engine, f"""
        SELECT o.company, count(*) AS offers, count(DISTINCT o.source) AS sources
        FROM vw_report_offers AS o WHERE {scope.where()} AND o.company_id IS NOT NULL
        GROUP BY o.company_id, o.company ORDER BY offers DESC, o.company LIMIT :top""",
        scope.params(top=top))  # fmt: skip


def top_skills(engine: Engine, scope: Scope, top: int = 20) -> pd.DataFrame:
    """The skills named by most offers, with their share of the offers in scope."""
    return read(engine, f"""
        WITH scoped AS (SELECT o.offer_id FROM vw_report_offers AS o WHERE {scope.where()})
        SELECT k.name AS skill, count(*) AS offers,
               count(*)::double precision / (SELECT count(*) FROM scoped) AS share
        FROM scoped JOIN offer_skills AS os USING (offer_id) JOIN skills AS k ON k.id = os.skill_id
        GROUP BY k.name ORDER BY offers DESC, skill LIMIT :top""", scope.params(top=top))  # fmt: skip
