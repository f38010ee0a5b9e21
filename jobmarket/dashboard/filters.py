"""From filter widgets to `SearchFilters`: place completion choices and value parsing.

The place box offers the départements and communes present in the data; what the visitor
typed is matched to one of them (exact label, département code, or commune name/code).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from unidecode import unidecode

from jobmarket import config
from jobmarket.dashboard import layout, queries, render
from jobmarket.search.engine import SearchFilters


class UserInputError(ValueError):
    """What the visitor typed cannot be used; the page says so (no traceback is logged)."""


def _key(text: str) -> str:
    return " ".join(unidecode(text).lower().replace("-", " ").split())


def departement_names() -> dict[str, str]:
    """Names of the départements by code, from the project's `ressources/departements.csv`.

    Read directly rather than through `jobmarket.clean`, whose imports (pandera) would
    slow every page's start.
    """
    path = config.RESSOURCES_DIR / "departements.csv"
    if not path.exists():
        return {}
    frame = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False)
    return dict(zip(frame["code"], frame["name"], strict=True))


def commune_name(label: object, code: str) -> str:
    """A readable commune name from a source's location label ("69 - LYON 01" -> "Lyon 01")."""
    return render.place_name(label) or code


@dataclass(frozen=True)
class PlaceChoices:
    """Completion labels of the place box and what each means: (kind, codes)."""

    labels: tuple[str, ...]
    meanings: dict[str, tuple[str, tuple[str, ...]]]

    @classmethod
    def empty(cls) -> PlaceChoices:
        return cls((), {})

    @classmethod
    def from_facets(
        cls, departements: pd.DataFrame, communes: pd.DataFrame, names: dict[str, str] | None = None
    ) -> PlaceChoices:
        """Labels `Rhône (69)` for départements and `Villeurbanne – 69266` for communes."""
        names = names or {}
        meanings: dict[str, tuple[str, tuple[str, ...]]] = {}
        for code in departements["departement"].astype(str):
            meanings[f"{names.get(code, 'Département')} ({code})"] = ("departement", (code,))
        for code, label in zip(
            communes["commune_code"].astype(str), communes["label"], strict=True
        ):
            meanings[f"{commune_name(label, code)} – {code}"] = ("commune", (code,))
        return cls(tuple(meanings), meanings)

    def parse(self, text: str) -> tuple[str, tuple[str, ...]] | None:
        """(kind, codes) of a typed place; None when empty; ValueError when nothing matches.

        Accepts a proposed label, a département or commune code, a département name, or a
        commune name, which takes every commune whose name starts with it ("Lyon" takes
        the arrondissements).
        """
        text = text.strip()
        if not text:
            return None
        if text in self.meanings:
            return self.meanings[text]
        wanted = _key(text)
        communes: list[str] = []
        for label, (kind, codes) in self.meanings.items():
            name, code = _split_label(label, kind)
            if wanted in (_key(code), _key(name)) and kind == "departement":
                return kind, codes
            if wanted == _key(code) or _key(name) == wanted or _key(name).startswith(wanted + " "):
                communes.extend(codes)
        if communes:
            return "commune", tuple(dict.fromkeys(communes))
        raise UserInputError(f"Lieu inconnu : « {text} » (choisissez un lieu proposé)")


def _split_label(label: str, kind: str) -> tuple[str, str]:
    if kind == "departement":
        name, _, code = label.rpartition(" (")
        return name, code.rstrip(")")
    name, _, code = label.rpartition(" – ")
    return name, code


def build_filters(widgets: layout.Filters, places: PlaceChoices) -> SearchFilters:
    """The `SearchFilters` described by the filter widgets (`ANY` and 0 mean no constraint)."""
    place = places.parse(widgets.place.value)
    chosen_sources = tuple(s for s, box in widgets.sources.items() if box.value)
    all_sources = len(chosen_sources) == len(widgets.sources)
    return SearchFilters(
        departements=place[1] if place and place[0] == "departement" else (),
        communes=place[1] if place and place[0] == "commune" else (),
        contract_types=() if widgets.contract.value == layout.ANY else (widgets.contract.value,),
        min_salary=float(widgets.min_salary.value) if widgets.min_salary.value else None,
        # No box ticked is taken literally: no source, so no result (the page says so).
        sources=() if all_sources else (chosen_sources or ("none",)),
        remote=() if widgets.remote.value == layout.ANY else (widgets.remote.value,),
        posted_since=queries.posted_since(int(widgets.posted_within.value)),
    )
