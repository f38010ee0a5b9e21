"""Companies tab: companies with their active-offer counts, searchable; one company's offers.

What the previous system served as `/companies`. Counts come from the view
`vw_companies_active_offers`; a company's offers are read by id and rendered escaped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w

from jobmarket.dashboard import render
from jobmarket.dashboard.guard import guarded, show
from jobmarket.dashboard.layout import classed


@dataclass
class CompaniesTab:
    """Searchable list of companies with active-offer counts, and the offers of the one chosen."""

    query: w.Text
    companies: w.Select
    offers: w.HTML
    messages: w.Output
    box: w.Widget = field(init=False)

    def __post_init__(self) -> None:
        self.box = w.VBox([self.query, self.messages, w.HBox([self.companies, self.offers])])


def companies_tab() -> CompaniesTab:
    """The companies tab's widgets."""
    return CompaniesTab(
        query=classed(
            w.Text(placeholder="Filtrer les entreprises puis Entrée", continuous_update=False),
            "jm-company-search",
        ),
        companies=classed(
            w.Select(options=[], rows=18, layout=w.Layout(width="35%")), "jm-company-list"
        ),
        offers=classed(w.HTML(layout=w.Layout(width="65%")), "jm-company-offers"),
        messages=classed(w.Output(), "jm-company-messages"),
    )


class CompaniesController:
    """Callbacks of the companies tab; the list loads the first time the tab is shown."""

    def __init__(self, tab: CompaniesTab, data) -> None:
        self.tab, self.data, self.loaded = tab, data, False
        self.messages = tab.messages
        tab.query.observe(lambda _: self.load(), "value")
        tab.companies.observe(lambda _: self.show_company(), "value")

    def shown(self) -> None:
        if not self.loaded:
            self.load()

    @guarded("messages")
    def load(self) -> None:
        """List the companies matching the tab's query, with active-offer counts."""
        self.loaded = True
        found = self.data.companies(self.tab.query.value.strip())
        self.tab.companies.options = [
            (f"{name} ({count})", int(cid))
            for cid, name, count in zip(
                found["company_id"], found["company"], found["active_offers"], strict=True
            )
        ]
        self.tab.companies.value = None
        self.tab.offers.value = ""
        if found.empty:
            show("Aucune entreprise ne correspond.", "empty")

    @guarded("messages")
    def show_company(self) -> None:
        """List the active offers of the company selected."""
        company_id = self.tab.companies.value
        if company_id is None:
            return
        offers = self.data.company_offers(company_id)
        name = self.tab.companies.label.rsplit(" (", 1)[0]
        title = f"<h4>{render.esc(name)} : {len(offers)} offre(s) active(s)</h4>"
        self.tab.offers.value = title + render.offers_table_html(offers)
