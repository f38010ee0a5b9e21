"""France Travail offers as an evaluation set: the searchable table apart from its labels.

The board's own labels (`romeCode`, `appellationlibelle`) are the ground truth: every
distinct appellation label is a query, and an offer is relevant to it when it carries that
appellation's ROME code. They are kept in a separate `labels` table so no label can reach
the ranking; the `offers` table holds only what every source has.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

_LIST_KEYS = ("resultats", "results", "jobs", "data", "offres", "offers")


def read_records(directory: Path | str) -> Iterator[tuple[str, dict]]:
    """Every France Travail record under `directory` with its file name, in any shape.

    A stand-in for `jobmarket.sources.recorded` (raw response objects, bare lists, JSON
    Lines, wrappers holding a list); records without an `intitule` are not FT offers.
    """
    for path in sorted(Path(directory).rglob("*")):
        if path.suffix not in {".json", ".jsonl"} or not path.is_file():
            continue
        content = path.read_text(encoding="utf-8")
        try:
            documents = [json.loads(content)]
        except json.JSONDecodeError:
            documents = [json.loads(line) for line in content.splitlines() if line.strip()]
        for document in documents:
            for record in _records(document):
                if isinstance(record, dict) and "intitule" in record:
                    yield path.name, record


def _records(document) -> list:
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in _LIST_KEYS:
            if isinstance(document.get(key), list):
                return document[key]
        return [document]
    return []


def offers_and_labels(records: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unified-table columns the index reads, and the labels, both keyed by `offer_id`.

    Offers repeating across files (successive snapshots) are kept once, the last seen.
    """
    unique = {str(r.get("id")): r for r in records}
    rows, labels = [], []
    for offer_id, record in enumerate(unique.values()):
        place = record.get("lieuTravail") or {}
        company = record.get("entreprise") or {}
        location = str(place.get("libelle") or "")
        rows.append(
            {
                "offer_id": offer_id,
                "source": "france_travail",
                "external_id": str(record.get("id")),
                "title": record.get("intitule") or "",
                "description": record.get("description") or "",
                "skills": [
                    c.get("libelle", "")
                    for c in record.get("competences") or []
                    if isinstance(c, dict)
                ],
                "company": company.get("nom"),
                "location_label": location,
                "commune_code": place.get("commune"),
                "departement": location.split(" - ")[0].strip() if " - " in location else None,
                "contract_type": record.get("typeContrat"),
                "created_at": record.get("dateCreation"),
                "status": "active",
                "description_is_snippet": False,
            }
        )
        labels.append(
            {
                "offer_id": offer_id,
                "rome_code": record.get("romeCode"),
                "appellation": record.get("appellationlibelle"),
            }
        )
    return pd.DataFrame(rows), pd.DataFrame(
        labels, columns=["offer_id", "rome_code", "appellation"]
    )


def queries_and_relevance(labels: pd.DataFrame) -> dict[str, frozenset[int]]:
    """Each distinct appellation label and the offer ids relevant to it (same ROME code)."""
    labels = labels.dropna(subset=["rome_code", "appellation"])
    by_code = labels.groupby("rome_code")["offer_id"].agg(frozenset)
    codes = labels.groupby("appellation")["rome_code"].agg(lambda s: sorted(set(s)))
    return {
        appellation: frozenset().union(*(by_code[c] for c in code_list))
        for appellation, code_list in sorted(codes.items())
    }


def warehouse_labels(engine) -> pd.DataFrame:
    """ROME code and appellation of the warehouse's France Travail offers, by `offer_id`."""
    from sqlalchemy import text as sql

    query = sql(
        "SELECT offer_id, rome_code, appellation FROM vw_job_offers "
        "WHERE source = 'france_travail' AND rome_code IS NOT NULL AND appellation IS NOT NULL"
    )
    with engine.connect() as conn:
        rows = conn.execute(query).fetchall()
    return pd.DataFrame(rows, columns=["offer_id", "rome_code", "appellation"])
