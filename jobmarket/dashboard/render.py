"""Offer rows to HTML fragments: every piece of offer text is escaped before it reaches HTML.

Offer text comes from the internet (titles, companies, descriptions, even URLs), so each
function here escapes what it shows with `html.escape` and only links `http(s)` URLs.
Pure functions: values or DataFrames in, strings out.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from jobmarket import config

SOURCE_LABELS = {"france_travail": "France Travail", "adzuna": "Adzuna", "jsearch": "JSearch"}
# Display labels of the clean stage's codes (codes not listed are shown as they are).
CONTRACT_LABELS = {"interim": "intérim", "other": "autre contrat", "freelance": "indépendant"}
REMOTE_LABELS = {"yes": "total", "partial": "partiel", "no": "non", "unknown": "non précisé"}


def is_missing(value: Any) -> bool:
    """Whether a cell is empty (None, NaN, NaT, pd.NA or blank text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def esc(value: Any, default: str = "") -> str:
    """Escaped text of a cell (quotes included), `default` when the cell is empty."""
    return default if is_missing(value) else html.escape(str(value), quote=True)


def safe_link(url: Any, label: str) -> str:
    """An `<a>` to an http(s) URL opening in a new tab, or the bare escaped label otherwise."""
    if is_missing(url) or urlsplit(str(url).strip()).scheme.lower() not in {"http", "https"}:
        return esc(label)
    href = html.escape(str(url).strip(), quote=True)
    return f'<a href="{href}" target="_blank" rel="noopener noreferrer nofollow">{esc(label)}</a>'


def format_date(value: Any) -> str:
    """`dd/mm/yyyy` of a timestamp (UTC), empty when missing or unparsable."""
    if is_missing(value):
        return ""
    stamp = pd.to_datetime(value, errors="coerce", utc=True)
    return "" if pd.isna(stamp) else stamp.strftime("%d/%m/%Y")


def _euros(amount: float) -> str:
    return f"{amount:,.0f}".replace(",", "\u202f") + "\u00a0€"


def salary_label(salary_min: Any, salary_max: Any, is_estimated: Any = False) -> str:
    """Yearly salary range as escaped text, with Adzuna-style estimates marked."""
    low = None if is_missing(salary_min) else float(salary_min)
    high = None if is_missing(salary_max) else float(salary_max)
    if low is None and high is None:
        return "Salaire non précisé"
    if low is not None and high is not None and low != high:
        text = f"{_euros(low)} – {_euros(high)}"
    else:
        text = _euros(low if low is not None else high)
    estimated = not is_missing(is_estimated) and bool(is_estimated)
    return html.escape(text + " /an" + (" (estimation)" if estimated else ""))


def attribution_html(source: Any, updated_at: Any = None) -> str:
    """The credit the data terms require: France Travail source + update + licence, Adzuna's line."""
    if source == "france_travail":
        updated = format_date(updated_at) or "date inconnue"
        licence = safe_link(config.FRANCE_TRAVAIL_LICENCE_URL, "licence")
        return (
            f'<span class="jm-attribution">{esc(config.FRANCE_TRAVAIL_SOURCE_LINE)}'
            f" · mise à jour le {updated} · {licence}</span>"
        )
    if source == "adzuna":
        link = safe_link("https://www.adzuna.fr", config.ADZUNA_ATTRIBUTION)
        return f'<span class="jm-attribution">{link}</span>'
    return f'<span class="jm-attribution">Source : {esc(SOURCE_LABELS.get(source, source))}</span>'


def _label(code: Any, labels: dict[str, str]) -> Any:
    return code if is_missing(code) else labels.get(str(code), code)


_DEP_PREFIX = re.compile(r"^\s*(?:\d{2,3}|2[AB])\s*-\s*")


def place_name(label: Any) -> str:
    """A source's location label made readable ("69 - LYON 01" -> "Lyon 01"), not escaped."""
    text = _DEP_PREFIX.sub("", label).strip() if isinstance(label, str) else ""
    return text.title() if text.isupper() else text


def _place(offer: Mapping[str, Any]) -> str:
    label = esc(place_name(offer.get("location_label")))
    dep = esc(offer.get("departement"))
    if label and dep and f"({dep})" not in label:
        return f"{label} ({dep})"
    return label or dep or "Lieu non précisé"


def result_card_html(offer: Mapping[str, Any], score: float | None = None) -> str:
    """One search result: title, company, place, contract, salary, date, source, score, credit."""
    facts = [
        esc(offer.get("company"), "Entreprise non précisée"),
        _place(offer),
        esc(_label(offer.get("contract_type"), CONTRACT_LABELS), "Contrat non précisé"),
        salary_label(
            offer.get("salary_min"), offer.get("salary_max"), offer.get("salary_is_estimated")
        ),
        f"publiée le {format_date(offer.get('created_at')) or '?'}",
        esc(SOURCE_LABELS.get(offer.get("source"), offer.get("source"))),
    ]
    remote = offer.get("remote")
    if not is_missing(remote) and remote != "unknown":
        facts.insert(3, f"télétravail : {esc(_label(remote, REMOTE_LABELS))}")
    if score is not None and not is_missing(score):
        facts.append(f"score {float(score):.3f}")
    return (
        f'<div class="jm-card" data-offer-id="{esc(offer.get("offer_id"))}"><div class="jm-card-title"><b>{esc(offer.get("title"), "(sans titre)")}</b></div>'
        f'<div class="jm-card-facts">{" · ".join(facts)}</div>'
        f"<div>{attribution_html(offer.get('source'), offer.get('updated_at'))}</div></div>"
    )


def skills_html(skills: Any) -> str:
    """Skills as escaped chips, or a note when the offer lists none."""
    if skills is None or (not isinstance(skills, Iterable) or isinstance(skills, str)):
        skills = [] if is_missing(skills) else [skills]
    items = [s for s in skills if not is_missing(s)]
    if not items:
        return "<i>Aucune compétence listée</i>"
    return " ".join(f'<span class="jm-skill">{esc(s)}</span>' for s in items)


def offer_detail_html(offer: Mapping[str, Any]) -> str:
    """Full offer: escaped description kept as text (line breaks shown), skills, link, credit."""
    snippet = offer.get("description_is_snippet")
    note = (
        "<p><i>Extrait fourni par la source ; le texte complet est sur l'offre d'origine.</i></p>"
        if not is_missing(snippet) and bool(snippet)
        else ""
    )
    return (
        f'<div class="jm-offer" data-offer-id="{esc(offer.get("offer_id"))}">'
        f"{result_card_html(offer)}"
        f"<h4>Description</h4>{note}"
        f'<div class="jm-description" style="white-space: pre-wrap">'
        f"{esc(offer.get('description'), 'Pas de description.')}</div>"
        f"<h4>Compétences</h4><div>{skills_html(offer.get('skills'))}</div>"
        f"<p>{safe_link(offer.get('url'), 'Voir l’offre d’origine')}</p></div>"
    )


def offers_table_html(offers: pd.DataFrame) -> str:
    """A compact escaped table of offers (companies tab), or an empty-state message."""
    if offers.empty:
        return message_html("Aucune offre active pour cette entreprise.")
    rows = "".join(
        "<tr>"
        f"<td>{esc(o.get('title'))}</td><td>{_place(o)}</td><td>{esc(_label(o.get('contract_type'), CONTRACT_LABELS))}</td>"
        f"<td>{salary_label(o.get('salary_min'), o.get('salary_max'), o.get('salary_is_estimated'))}</td>"
        f"<td>{format_date(o.get('created_at'))}</td><td>{attribution_html(o.get('source'), o.get('updated_at'))}</td>"
        "</tr>"
        for o in offers.to_dict("records")
    )
    head = "<tr><th>Titre</th><th>Lieu</th><th>Contrat</th><th>Salaire</th><th>Date</th><th>Source</th></tr>"
    return f'<table class="jm-table">{head}{rows}</table>'


def message_html(text: str, kind: str = "info") -> str:
    """An escaped empty-state or error message (`kind` is info, empty or error)."""
    return f'<div class="jm-message jm-message-{esc(kind)}">{esc(text)}</div>'


def status_html(total: int, elapsed_ms: float, page: int, page_size: int) -> str:
    """The result count, query time and the range shown."""
    if total == 0:
        return f"0 offre · {elapsed_ms:.0f} ms"
    first, last = page * page_size + 1, min(total, (page + 1) * page_size)
    noun = "offre" if total == 1 else "offres"
    return f"{total:,} {noun} · {elapsed_ms:.0f} ms · résultats {first}–{last}".replace(
        ",", "\u202f"
    )


def demo_banner_html(sources: list[str]) -> str:
    """The banner shown when offers of `sources` were generated by the demo generator."""
    return (
        '<div class="jm-demo-banner" style="background:#fff3cd;border:1px solid #e0b400;'
        'padding:6px 10px;font-weight:bold">Données de démonstration : les offres '
        f"{esc(', '.join(sources))} sont générées, elles ne sont pas réelles.</div>"
    )


def footer_html() -> str:
    """The data terms: sources, licence link and what this project changed in the offers."""
    licence = safe_link(
        config.FRANCE_TRAVAIL_LICENCE_URL, "licence de réutilisation France Travail"
    )
    return (
        '<div class="jm-footer" style="font-size:85%;color:#555;margin-top:1em">'
        f"{esc(config.FRANCE_TRAVAIL_SOURCE_LINE)} ({licence}) · {esc(config.ADZUNA_ATTRIBUTION)}"
        " · JSearch (RapidAPI). Traitements appliqués : titres et lieux normalisés, salaires"
        " ramenés à l'année, doublons entre sources regroupés ; le texte des offres est affiché"
        " tel que reçu.</div>"
    )
