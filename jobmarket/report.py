"""The market report notebook's edges: opening the warehouse, texts, images, HTML rendering.

`notebooks/05_market_report.ipynb` reads aggregates through `report_data`, `report_families`
and `report_quality`, draws them with `report_charts` and `francemap`, and shows them with
`show`; `render_html` turns the executed notebook into `reports/market_report.html`.
"""

from __future__ import annotations

import html
import io
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from sqlalchemy import Engine, text

from jobmarket import config
from jobmarket.report_data import Scope, warehouse_as_of

METHOD = (
    "Offers are collected from each API and stored exactly as received. Cleaning then keeps the "
    "latest snapshot of each offer, strips HTML and normalises titles and company names, maps "
    "contracts to eight types, turns salary texts into a yearly gross range in euros (texts it "
    "cannot read are flagged and left without numbers), resolves places to an INSEE commune and "
    "département with La Poste's postal-code base, matches skills against the project's "
    "vocabulary and links offers that several sources publish (same company and place, similar "
    "title) without dropping any. Records that cannot be used are quarantined with their reason. "
    "An offer missing from a complete refresh of its source is marked withdrawn."
)


# Tables the report aggregates, with the columns it filters, joins or groups on: analysing only
# those skips the descriptions, whose statistics cost most of the time of a full ANALYZE.
_REPORT_TABLES = {
    "job_offers": "", "companies": "", "locations": "", "offer_skills": "", "skills": "",
    "france_travail_offers": "(offer_id, title, title_clean, appellation)",
    "adzuna_offers": "(offer_id, title, title_clean, url)",
    "jsearch_offers": "(offer_id, title, title_clean)",
}  # fmt: skip


def open_warehouse(engine: Engine) -> pd.Timestamp | None:
    """Bring the schema, the report's views and the planner statistics up to date.

    Returns:
        The warehouse's clock (`report_data.warehouse_as_of`), None when it holds no offer.
    """
    from jobmarket.warehouse.migrate import migrate

    migrate(engine)  # idempotent; adds the report's views to a warehouse loaded before they existed
    refresh_statistics(engine)
    return warehouse_as_of(engine)


def refresh_statistics(engine: Engine) -> list[str]:
    """ANALYZE the report's tables changed by more than a tenth since their last analysis.

    Right after a large load autovacuum may not have run yet, and a planner that still
    believes job_offers is empty picks nested loops that make the report several times slower.
    """
    with engine.connect() as conn:
        stale = (
            conn.execute(
                text(
                    "SELECT relname FROM pg_stat_user_tables WHERE schemaname = 'public'"
                    " AND relname = ANY(:tables)"
                    " AND n_mod_since_analyze > greatest(1000, 0.1 * n_live_tup)"
                ),  # fmt: skip
                {"tables": list(_REPORT_TABLES)},
            )
            .scalars()
            .all()
        )
    if stale:
        with engine.begin() as conn:
            conn.execute(text("ANALYZE " + ", ".join(f'"{t}" {_REPORT_TABLES[t]}' for t in stale)))
    return list(stale)


def make_scope(as_of: pd.Timestamp | None, **parameters) -> Scope:
    """The report's scope from the notebook parameters (the current time when the warehouse is empty)."""
    return Scope.from_parameters(as_of if as_of is not None else datetime.now(UTC), **parameters)


def show(fig: Figure, dpi: int = 96):
    """The figure as an IPython PNG image (what nbconvert embeds as `data:image/png;base64`)."""
    from IPython.display import Image  # imported lazily: only notebooks display

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    return Image(data=buffer.getvalue(), format="png")


def _box(text: str, colour: str) -> str:
    return (f'<div style="border:2px solid {colour};background:{colour}22;padding:8px 12px;'
            f'margin:8px 0;font-weight:bold">{text}</div>')  # fmt: skip


def banner_html(as_of: pd.Timestamp | None, scope: Scope, demo_sources: list[str]) -> str:
    """Warnings at the top of the report: empty warehouse, demo data, Adzuna left out or included."""
    parts = []
    if as_of is None:
        parts.append(_box("The warehouse holds no offers yet: run <code>make pipeline</code> "
                          "(or load offers) before rendering this report. Every section below is "
                          "empty.", "#c0392b"))  # fmt: skip
    if demo_sources:
        names = ", ".join(html.escape(s) for s in demo_sources)
        parts.append(_box(f"DEMO DATA: the offers of {names} come from the project's demo "
                          "generator, not from the job boards. Figures describe no real market.",
                          "#d35400"))  # fmt: skip
    if "adzuna" in (scope.sources or config.SOURCES) and not scope.adzuna_consent:
        parts.append(_box("Adzuna offers are left out of every statistic: Adzuna allows aggregated "
                          "statistics for personal research or with its consent "
                          "(parameter <code>adzuna_aggregates_consent</code>).", "#7f8c8d"))  # fmt: skip
    elif scope.adzuna_consent and "adzuna" in scope.included_sources:
        parts.append(_box(f"Statistics include Adzuna offers ({config.ADZUNA_ATTRIBUTION}) for "
                          "personal research or with Adzuna's consent.", "#2471a3"))  # fmt: skip
    return "\n".join(parts)


def scope_text(scope: Scope) -> str:
    """One sentence of what the report covers."""
    deps = ", ".join(scope.departements) if scope.departements else "all départements"
    return (f"Offers located in France (or without a country) seen by the warehouse in the "
            f"{scope.period_days} days up to {scope.as_of:%Y-%m-%d %H:%M} UTC; "
            f"sources: {', '.join(scope.included_sources)}; {deps}.")  # fmt: skip


def headline_table(headline: dict) -> pd.DataFrame:
    """The headline figures as a two-column table."""
    rows = [
        ("Active offers", f"{headline['active_offers']:,}"),
        ("New this week (first seen in the 7 days up to the last load)", f"{headline['new_this_week']:,}"),
        ("Withdrawn this week", f"{headline['withdrawn_this_week']:,}"),
        ("Companies hiring", f"{headline['companies_hiring']:,}"),
        ("Sources", f"{headline['sources']} ({', '.join(headline['source_names']) or 'none'})"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["figure", "value"]).set_index("figure")


def with_departement_names(counts: pd.DataFrame, centroids: pd.DataFrame) -> pd.DataFrame:
    """Counts per département code with a "75 Paris" label ("unknown" kept as is)."""
    names = centroids.set_index("departement")["name"]
    out = counts.copy()
    out["label"] = [f"{c} {names[c]}" if c in names.index else str(c) for c in out["departement"]]
    return out


def france_travail_credit(ft_last_update: pd.Timestamp | None) -> str:
    """The France Travail source line with the date of last update and the licence link."""
    update = f"{ft_last_update:%Y-%m-%d %H:%M} UTC" if ft_last_update is not None else "no offer"
    return (f"{config.FRANCE_TRAVAIL_SOURCE_LINE}; last update of the data: {update}; licence: "
            f"[{config.FRANCE_TRAVAIL_LICENCE_URL}]({config.FRANCE_TRAVAIL_LICENCE_URL}).")  # fmt: skip


def terms_markdown(ft_last_update: pd.Timestamp | None, scope: Scope) -> str:
    """The terms and method section: France Travail source line, update date, licence, method."""
    lines = [
        f"- {france_travail_credit(ft_last_update)}",
        f"- Adzuna: {config.ADZUNA_ATTRIBUTION}. "
        + ("Its offers are included in the statistics for personal research or with Adzuna's "
           "consent." if scope.adzuna_consent else "Its offers are left out of the statistics."),
        "- JSearch (RapidAPI): offers gathered from public job boards under RapidAPI's terms.",
        f"- Method: {METHOD}",
        "- Job families: the ROME family (letter and two digits of the ROME code) of France "
        "Travail offers; other offers get the family of the nearest France Travail family in a "
        "TF-IDF space of titles (cosine similarity at least 0.25), else \"unclassified\".",
    ]  # fmt: skip
    return "\n".join(lines)


# The lab template without its CDN scripts (require.js, MathJax, Mermaid): the report has no
# widgets, formulas or diagrams, and must open offline.
_OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def render_html(executed_notebook: Path, output: Path = config.MARKET_REPORT_HTML) -> Path:
    """Render an executed report notebook to one self-contained HTML file without code cells."""
    import jinja2
    import nbformat
    from nbconvert import HTMLExporter

    notebook = nbformat.read(executed_notebook, as_version=4)
    exporter = HTMLExporter(
        extra_loaders=[jinja2.DictLoader({"jobmarket_report.html.j2": _OFFLINE_TEMPLATE})],
        template_file="jobmarket_report.html.j2",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(
        notebook, resources={"metadata": {"name": "Job market report"}}
    )
    output = Path(output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(body, encoding="utf-8")
    return output
