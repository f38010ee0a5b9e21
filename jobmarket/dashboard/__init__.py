"""The Voila dashboard: widgets, callbacks and HTML rendering of the offers search.

`notebooks/dashboard.ipynb` calls `build_dashboard()` and displays its `.widget`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class UnavailablePage:
    """What the page shows when the index or the warehouse cannot be opened."""

    widget: object
    error: Exception


def build_dashboard(
    database_url: str | None = None, index_dir: Path | None = None, page_size: int = 10
):
    """The page of one visitor: a `DashboardApp`, or an `UnavailablePage` saying what is missing."""
    import ipywidgets as w  # heavy imports only when a page opens

    from jobmarket.dashboard import render
    from jobmarket.dashboard.app import DashboardApp
    from jobmarket.dashboard.data import DashboardData

    try:
        data = DashboardData.open(database_url, index_dir)
    except Exception as exc:  # shown in the page: Voila would otherwise hide the traceback
        log.exception("dashboard cannot open its data")
        text = (
            f"Le tableau de bord ne peut pas s'ouvrir : {type(exc).__name__}: {exc}. "
            "Lancez `make pipeline` pour charger les offres et construire l'index."
        )
        page = w.HTML(render.message_html(text, "error"))
        page.add_class("jm-unavailable")
        return UnavailablePage(page, exc)
    app = DashboardApp(data, page_size=page_size)
    app.start()
    return app
