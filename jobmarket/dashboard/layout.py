"""Widgets of the dashboard page, each with a stable `jm-*` CSS class for browser tests.

Builds widgets only: no data access and no callbacks (see `jobmarket.dashboard.app`).
Result rows come from a fixed pool created once, so a search only updates widget values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as w
from ipywidgets.widgets.widget_string import HTMLStyle  # not exported at the top level

ANY = "Tous"
POSTED_WITHIN = ((ANY, 0), ("24 heures", 1), ("7 jours", 7), ("30 jours", 30), ("90 jours", 90))


def choices(values, labels: dict[str, str]) -> list[tuple[str, str]]:
    """Dropdown options `(label, value)` for the values present, after `ANY`."""
    return [(ANY, ANY), *((labels.get(str(v), str(v)), str(v)) for v in values)]


def classed(widget: w.Widget, *classes: str) -> w.Widget:
    """The widget with CSS classes added (stable hooks for browser tests)."""
    for name in classes:
        widget.add_class(name)
    return widget


@dataclass
class ResultRow:
    """One reusable line of results: the escaped card and a button that opens the offer."""

    card: w.HTML
    open_button: w.Button
    box: w.HBox
    offer_id: int | None = None


@dataclass
class RowParts:
    """Layout and style models shared by every row: fewer models for the browser to create."""

    card: w.Layout
    button: w.Layout
    box: w.Layout
    html_style: HTMLStyle
    button_style: w.ButtonStyle

    @classmethod
    def create(cls) -> RowParts:
        return cls(
            w.Layout(flex="1 1 auto"),
            w.Layout(width="90px"),
            w.Layout(),
            HTMLStyle(),
            w.ButtonStyle(),
        )


def result_row(kind: str, parts: RowParts) -> ResultRow:
    """A row for the pool of `kind` rows (`result` or `similar`), shown once filled."""
    card = w.HTML(layout=parts.card, style=parts.html_style)
    button = w.Button(description="Détails", layout=parts.button, style=parts.button_style)
    box = classed(w.HBox([card, classed(button, "jm-open")], layout=parts.box), f"jm-{kind}")
    return ResultRow(card, button, box)


@dataclass
class Filters:
    """Filter widgets of the search and market tabs."""

    place: w.Combobox
    contract: w.Dropdown
    min_salary: w.BoundedIntText
    sources: dict[str, w.Checkbox]
    remote: w.Dropdown
    posted_within: w.Dropdown
    box: w.Widget = field(init=False)

    def __post_init__(self) -> None:
        self.box = classed(
            w.VBox(
                [
                    w.HBox([self.place, self.contract, self.remote]),
                    w.HBox([self.min_salary, self.posted_within, *self.sources.values()]),
                ]
            ),
            "jm-filters",
        )


def filters(sources: tuple[str, ...], labels: dict[str, str]) -> Filters:
    """Filter widgets with empty choices (filled from the data by the app)."""
    style = {"description_width": "initial"}
    return Filters(
        place=classed(
            w.Combobox(
                placeholder="Département ou commune",
                description="Lieu",
                ensure_option=False,
                continuous_update=False,
                style=style,
            ),
            "jm-place",
        ),
        contract=classed(
            w.Dropdown(options=[ANY], description="Contrat", style=style), "jm-contract"
        ),
        min_salary=classed(
            w.BoundedIntText(
                value=0,
                min=0,
                max=1_000_000,
                step=1000,
                description="Salaire min (€/an)",
                style=style,
            ),
            "jm-min-salary",
        ),
        sources={
            s: classed(
                w.Checkbox(value=True, description=labels.get(s, s), indent=False), f"jm-source-{s}"
            )
            for s in sources
        },
        remote=classed(
            w.Dropdown(options=[ANY], description="Télétravail", style=style), "jm-remote"
        ),
        posted_within=classed(
            w.Dropdown(options=POSTED_WITHIN, value=0, description="Publiée depuis", style=style),
            "jm-posted",
        ),
    )


@dataclass
class SearchTab:
    """Query box, status line, result rows, pager and the offer detail with similar offers."""

    query: w.Text
    search_button: w.Button
    status: w.HTML
    rows: list[ResultRow]
    prev_button: w.Button
    next_button: w.Button
    page_label: w.HTML
    messages: w.Output
    detail: w.HTML
    similar_rows: list[ResultRow]
    detail_messages: w.Output
    box: w.Widget = field(init=False)

    def __post_init__(self) -> None:
        pager = classed(w.HBox([self.prev_button, self.page_label, self.next_button]), "jm-pager")
        # Filled rows are the containers' children; the others are kept aside for reuse.
        self.results = results = classed(w.VBox(), "jm-results")
        self.similar = similar = classed(w.VBox(), "jm-similar-list")
        detail = classed(
            w.VBox(
                [self.detail_messages, self.detail, w.HTML("<h4>Offres similaires</h4>"), similar]
            ),
            "jm-detail-panel",
        )
        detail.layout.display = "none"
        self.detail_panel = detail
        self.box = w.VBox(
            [
                w.HBox([self.query, self.search_button]),
                self.status,
                self.messages,
                results,
                pager,
                detail,
            ]
        )


def search_tab(page_size: int, similar_k: int) -> SearchTab:
    """The search tab's widgets, with `page_size` result rows and `similar_k` similar rows."""
    query = classed(
        w.Text(
            placeholder="Métier, compétence, entreprise… puis Entrée",
            continuous_update=False,
            layout=w.Layout(width="60%"),
        ),
        "jm-search",
    )
    parts = RowParts.create()
    return SearchTab(
        query=query,
        search_button=classed(
            w.Button(description="Rechercher", button_style="primary"), "jm-search-button"
        ),
        status=classed(w.HTML(), "jm-status"),
        rows=[result_row("result", parts) for _ in range(page_size)],
        prev_button=classed(w.Button(description="‹ Précédent", disabled=True), "jm-prev"),
        next_button=classed(w.Button(description="Suivant ›", disabled=True), "jm-next"),
        page_label=classed(w.HTML(), "jm-page"),
        messages=classed(w.Output(), "jm-messages"),
        detail=classed(w.HTML(), "jm-detail"),
        similar_rows=[result_row("similar", parts) for _ in range(similar_k)],
        detail_messages=classed(w.Output(), "jm-detail-messages"),
    )
