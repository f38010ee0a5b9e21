"""The words of the market report: banners, scope sentence, headline table, terms and method.

Pure functions of small values; the France Travail licence asks every display to name the
source, the date of last update and the licence, and to state the method applied.
"""

from __future__ import annotations

import html

import pandas as pd

from jobmarket import config
from jobmarket.report_scope import Scope

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
