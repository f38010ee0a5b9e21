"""The dashboard page: filters, search with pagination, offer detail, and the two other tabs.

Callbacks run through `guard.guarded`, so errors and empty states show in the page.
"""

from __future__ import annotations

import functools
import logging
import math

import ipywidgets as w

from jobmarket import config
from jobmarket.dashboard import layout, render
from jobmarket.dashboard.companies import CompaniesController, companies_tab
from jobmarket.dashboard.data import DashboardData, SearchPage
from jobmarket.dashboard.filters import (
    PlaceChoices,
    build_filters,
    departement_names,
)
from jobmarket.dashboard.guard import guarded, show
from jobmarket.dashboard.market import MarketController, market_tab

log = logging.getLogger(__name__)

TAB_TITLES = ("Recherche", "Entreprises", "Marché")


class DashboardApp:
    """Widgets of one visitor's page wired to a `DashboardData`."""

    def __init__(self, data: DashboardData, page_size: int = 10, similar_k: int = 5) -> None:
        self.data, self.page_size = data, page_size
        self.search = layout.search_tab(page_size, similar_k)
        self.filters = layout.filters(config.SOURCES, render.SOURCE_LABELS)
        self.companies = CompaniesController(companies_tab(), data)
        self.market = MarketController(market_tab(), data, self.current_filters)
        self.banner = w.HTML()
        self.banner.add_class("jm-banner")
        self.messages = self.search.messages
        self.detail_messages = self.search.detail_messages
        self.places = PlaceChoices.empty()
        self.page: SearchPage | None = None
        self.searches = 0  # shown (hidden) in the status so a browser can tell a new answer
        self.ready = False  # filter choices are being filled: their changes are not searches
        self.tabs = w.Tab(children=[self.search.box, self.companies.tab.box, self.market.tab.box])
        for i, title in enumerate(TAB_TITLES):
            self.tabs.set_title(i, title)
        self.tabs.add_class("jm-tabs")
        footer = w.HTML(render.footer_html())
        self.widget = w.VBox([self.banner, self.filters.box, self.tabs, footer])
        self.widget.add_class("jm-app")
        self._wire()

    def _wire(self) -> None:
        s = self.search
        s.query.observe(lambda _: self.run_search(0), "value")
        s.search_button.on_click(lambda _: self.run_search(0))
        s.prev_button.on_click(lambda _: self.run_search(self.page.page - 1 if self.page else 0))
        s.next_button.on_click(lambda _: self.run_search(self.page.page + 1 if self.page else 0))
        for row in s.rows + s.similar_rows:
            row.open_button.on_click(functools.partial(self._open_row, row))
        f = self.filters
        for widget in (
            f.place,
            f.contract,
            f.min_salary,
            f.remote,
            f.posted_within,
            *f.sources.values(),
        ):
            widget.observe(lambda _: self.filters_changed(), "value")
        self.tabs.observe(lambda _: self.tab_changed(), "selected_index")

    @guarded("messages")
    def start(self) -> None:
        """Fill the filter choices and the banner from the data (a few small queries)."""
        demo = self.data.demo_sources()
        if demo:
            self.banner.value = render.demo_banner_html(
                [render.SOURCE_LABELS.get(s, s) for s in demo]
            )
        try:
            facets = self.data.facets()
            names = departement_names()
            self.places = PlaceChoices.from_facets(
                facets["departements"], facets["communes"], names
            )
            self.filters.place.options = self.places.labels
            f = self.filters
            f.contract.options = layout.choices(
                facets["contract_types"]["value"], render.CONTRACT_LABELS
            )
            f.remote.options = layout.choices(facets["remote"]["value"], render.REMOTE_LABELS)
        finally:
            self.ready = True
        self.run_search(0)

    def current_filters(self):
        """The `SearchFilters` the filter widgets describe."""
        return build_filters(self.filters, self.places)

    def filters_changed(self) -> None:
        if not self.ready:
            return
        self.market.stale = True
        self.run_search(0)
        if self.tabs.selected_index == 2:
            self.market.refresh()

    @guarded("messages")
    def run_search(self, page: int) -> None:
        """Search the query under the filters and show page `page` of the results."""
        query = self.search.query.value.strip()
        result = self.data.search(query, self.current_filters(), max(page, 0), self.page_size)
        self._show_page(result)
        if result.total == 0:
            said = f"pour « {query} » " if query else ""
            show(f"Aucune offre {said}avec ces filtres.", "empty")
        elif not query:
            show("Offres les plus récentes : tapez une recherche puis Entrée.")

    def _show_page(self, result: SearchPage) -> None:
        self.page, s = result, self.search
        self._fill_rows(s.rows, s.results, result.offers.to_dict("records"))
        pages = max(1, math.ceil(result.total / self.page_size))
        self.searches += 1
        status = render.status_html(result.total, result.elapsed_ms, result.page, self.page_size)
        s.status.value = f'{status}<span class="jm-seq" hidden>{self.searches}</span>'
        s.page_label.value = f"Page {result.page + 1} / {pages}"
        s.prev_button.disabled = result.page <= 0
        s.next_button.disabled = result.page + 1 >= pages

    @staticmethod
    def _fill_rows(rows: list[layout.ResultRow], container: w.Box, offers: list[dict]) -> None:
        """Show `offers` in the first rows of the pool; the rest leave the container."""
        for i, row in enumerate(rows):
            offer = offers[i] if i < len(offers) else None
            row.offer_id = None if offer is None else int(offer["offer_id"])
            if offer is not None:
                row.card.value = render.result_card_html(offer, offer.get("score"))
        container.children = tuple(row.box for row in rows[: len(offers)])

    def _open_row(self, row: layout.ResultRow, _button=None) -> None:
        if row.offer_id is not None:
            self.open_offer(row.offer_id)

    @guarded("detail_messages")
    def open_offer(self, offer_id: int) -> None:
        """Show one offer in full with its similar offers."""
        self.search.detail_panel.layout.display = "flex"
        offer = self.data.offer(offer_id)
        if offer is None:
            self.search.detail.value = render.message_html("Cette offre n'existe plus.", "empty")
            return
        self.search.detail.value = render.offer_detail_html(offer)
        similar = self.data.similar(offer_id, len(self.search.similar_rows)).to_dict("records")
        self._fill_rows(self.search.similar_rows, self.search.similar, similar)
        if not similar:
            show("Pas d'offre similaire.", "empty")

    def tab_changed(self) -> None:
        if self.tabs.selected_index == 1:
            self.companies.shown()
        if self.tabs.selected_index == 2:
            self.market.shown()
