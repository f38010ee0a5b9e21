"""Sources, data quality and terms of the market report, read from the warehouse.

What each source adds (offers no other source has), how the sources overlap (duplicate
groups spanning several sources), what was quarantined and why, how much of the data is
usable (located, with a salary), the France Travail update date the licence asks to show, and
whether the offers are demo data.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from jobmarket import runlog
from jobmarket.report_scope import Scope, read


def source_contribution(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Per source: offers shared with another source (same duplicate group) or only its own, and
    companies no other source lists."""
    return read(engine, f"""
        WITH scoped AS (SELECT o.offer_id, o.source, o.duplicate_group, o.company_id
                        FROM vw_report_offers AS o WHERE {scope.where()}),
        groups AS (SELECT duplicate_group, count(DISTINCT source) AS n_sources FROM scoped
                   WHERE duplicate_group IS NOT NULL GROUP BY duplicate_group),
        company_sources AS (SELECT company_id, count(DISTINCT source) AS n_sources FROM scoped
                            WHERE company_id IS NOT NULL GROUP BY company_id)
        SELECT s.source, count(*) AS offers,
               count(*) FILTER (WHERE g.n_sources > 1) AS shared,
               count(*) FILTER (WHERE coalesce(g.n_sources, 1) = 1) AS only_here,
               count(DISTINCT s.company_id) AS companies,
               count(DISTINCT s.company_id) FILTER (WHERE c.n_sources = 1) AS companies_only_here
        FROM scoped AS s LEFT JOIN groups AS g USING (duplicate_group)
        LEFT JOIN company_sources AS c USING (company_id)
        GROUP BY s.source ORDER BY offers DESC""", scope.params())  # fmt: skip


def overlap(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Duplicate groups per combination of sources ("adzuna + france_travail"), and their offers."""
    return read(engine, f"""
        WITH groups AS (
            SELECT o.duplicate_group, string_agg(DISTINCT o.source, ' + ') AS sources,
                   count(*) AS offers
            FROM vw_report_offers AS o WHERE {scope.where()} AND o.duplicate_group IS NOT NULL
            GROUP BY o.duplicate_group HAVING count(*) > 1
        )
        SELECT sources, count(*) AS groups, sum(offers) AS offers FROM groups
        GROUP BY sources ORDER BY groups DESC, sources""", scope.params())  # fmt: skip


def quality_shares(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Per source and overall: offers, shares located to a commune and to a département, share with a salary."""
    return read(engine, f"""
        SELECT coalesce(o.source, 'all sources') AS source, count(*) AS offers,
               avg((o.commune_code IS NOT NULL)::int)::double precision AS commune_share,
               avg((o.departement IS NOT NULL)::int)::double precision AS located_share,
               avg((o.salary_mid IS NOT NULL)::int)::double precision AS salary_share
        FROM vw_report_offers AS o WHERE {scope.where()}
        GROUP BY ROLLUP (o.source) HAVING count(*) > 0 ORDER BY o.source NULLS LAST""", scope.params())  # fmt: skip


def quarantine_by_reason(engine: Engine, scope: Scope) -> pd.DataFrame:
    """Records quarantined by the latest run that quarantined any, per stage, source and reason."""
    return read(engine, """
        WITH latest AS (SELECT run_id FROM quarantine WHERE recorded_at <= :as_of
                        ORDER BY recorded_at DESC LIMIT 1)
        SELECT q.run_id, q.stage, coalesce(q.source, 'unknown') AS source, q.reason,
               count(*) AS records
        FROM quarantine AS q JOIN latest USING (run_id)
        WHERE q.source IS NULL OR q.source = ANY(CAST(:sources AS text[]))
        GROUP BY 1, 2, 3, 4 ORDER BY records DESC, q.reason""", scope.params())  # fmt: skip


def france_travail_last_update(engine: Engine) -> pd.Timestamp | None:
    """The latest `updated_at` of a France Travail offer (the licence's "date of last update")."""
    value = read(
        engine,
        """
        SELECT max(o.updated_at) AS last_update FROM job_offers AS o
        JOIN sources AS s ON s.id = o.source_id WHERE s.name = 'france_travail'""",
    )["last_update"]
    return pd.Timestamp(value.iloc[0]) if value.notna().iloc[0] else None


def latest_load_run(engine: Engine) -> str | None:
    """The run id of the warehouse's latest load."""
    runs = read(engine, "SELECT run_id FROM load_runs ORDER BY started_at DESC, id DESC LIMIT 1")
    return None if runs.empty else str(runs["run_id"].iloc[0])


def demo_sources(engine: Engine, runs_dir=None) -> list[str]:
    """Sources whose offers in the warehouse are demo data.

    Read from the data where the demo generator leaves a mark (Adzuna links tagged
    `utm_source=demo`, JSearch ids encoding "jm-demo:"), and from the run log of the latest load
    (its extract step says `mode` "demo", or per-source `modes`) for France Travail, whose demo
    offers look like real ones.
    """
    marked = read(
        engine,
        """
        SELECT DISTINCT s.name AS source FROM job_offers AS o JOIN sources AS s ON s.id = o.source_id
        LEFT JOIN adzuna_offers AS a ON a.offer_id = o.id
        WHERE o.status = 'active' AND ((s.name = 'adzuna' AND a.url LIKE '%utm_source=demo%')
           OR (s.name = 'jsearch' AND o.external_id LIKE 'am0tZGVtbz%'))""",
    )["source"].tolist()
    run_id = latest_load_run(engine)
    extract = runlog.read_steps(run_id, runs_dir).get("extract", {}) if run_id else {}
    modes = extract.get("modes") or {}
    from_log = [s for s, mode in modes.items() if mode == "demo"]
    if not modes and extract.get("mode") == "demo":
        from_log = list(read(engine, "SELECT DISTINCT name FROM sources AS s JOIN job_offers AS o "
                                     "ON o.source_id = s.id WHERE o.status = 'active'")["name"])  # fmt: skip
    return sorted(set(marked) | set(from_log))


def contribution_long(contribution: pd.DataFrame) -> pd.DataFrame:
    """`source_contribution` as rows (source, kind, offers), kind "shared" or "only this source"."""
    wide = contribution[["source", "shared", "only_here"]]
    long = wide.melt(id_vars="source", var_name="kind", value_name="offers")
    long["kind"] = long["kind"].map({"shared": "shared", "only_here": "only this source"})
    return long
