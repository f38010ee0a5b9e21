"""The market report notebook's edges: opening the warehouse, showing figures, rendering HTML.

`notebooks/05_market_report.ipynb` reads aggregates through `report_data`, `report_families`
and `report_quality` within a `report_scope.Scope`, draws them with `report_charts` and
`francemap`, words them with `report_text`, and shows them with `show`; `render_html` turns
the executed notebook into `reports/market_report.html`.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure
from sqlalchemy import Engine, text

from jobmarket import config
from jobmarket.report_scope import Scope, warehouse_as_of

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
