"""Market tab: offers per day, top skills and salary distribution under the current filters.

Charts are drawn only while the tab is shown (and again when a filter changes), so a search
never waits for them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import ipywidgets as w

from jobmarket.dashboard import charts
from jobmarket.dashboard.guard import guarded
from jobmarket.dashboard.layout import classed
from jobmarket.dashboard.queries import SALARY_BIN


@dataclass
class MarketTab:
    """Charts following the current filters, redrawn when the tab is shown or filters change."""

    note: w.HTML
    charts: w.HTML
    messages: w.Output
    box: w.Widget = field(init=False)

    def __post_init__(self) -> None:
        self.box = w.VBox([self.note, self.messages, self.charts])


def market_tab() -> MarketTab:
    """The market tab's widgets."""
    return MarketTab(
        note=classed(w.HTML(), "jm-market-note"),
        charts=classed(w.HTML(), "jm-market-charts"),
        messages=classed(w.Output(), "jm-market-messages"),
    )


class MarketController:
    """Callbacks of the market tab: redraw when shown after a change of filters."""

    def __init__(self, tab: MarketTab, data, current_filters: Callable) -> None:
        self.tab, self.data, self.current_filters = tab, data, current_filters
        self.messages, self.stale = tab.messages, True

    def shown(self) -> None:
        if self.stale:
            self.refresh()

    @guarded("messages")
    def refresh(self) -> None:
        """Redraw the charts under the current filters."""
        self.stale = False
        stats = self.data.market(self.current_filters())
        self.tab.note.value = (
            "<i>Les graphiques suivent les filtres ci-dessus (offres actives).</i>"
        )
        self.tab.charts.value = (
            charts.offers_per_day_html(stats["by_day"])
            + charts.top_skills_html(stats["skills"])
            + charts.salary_distribution_html(stats["salary"], SALARY_BIN)
        )
