"""France Travail offers as an evaluation set: the searchable table apart from its labels.

The board's own labels (`romeCode`, `appellationlibelle`) are the ground truth: every
distinct appellation label is a query, and an offer is relevant to it when it carries that
appellation's ROME code. They are kept in a separate `labels` table so no label can reach
the ranking; the ranking table holds only what every source has (`RANKING_COLUMNS`).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

# What the systems may see: the columns every source has (as `offers_for_index` reads them).
RANKING_COLUMNS = (
    "offer_id", "source", "external_id", "title", "description", "skills", "company",
    "location_label", "commune_code", "departement", "contract_type", "remote", "salary_min",
    "salary_max", "created_at", "status", "description_is_snippet",
)  # fmt: skip


def recorded_offers(directory: Path | str) -> pd.DataFrame:
    """The France Travail offers recorded under `directory` (any shape), cleaned and unified."""
    from jobmarket.clean import clean
    from jobmarket.sources.recorded import iter_recorded

    raw = [offer for offer in iter_recorded(Path(directory)) if offer.source == "france_travail"]
    offers, _ = clean(raw)
    offers = offers.reset_index(drop=True)
    offers["offer_id"] = np.arange(len(offers), dtype=np.int64)
    return offers


def split_labels(offers: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The unified table split into what ranking may see and the labels, both by `offer_id`."""
    ranking = offers.reindex(columns=list(RANKING_COLUMNS))
    if "status" not in offers:  # recorded offers were all open when they were recorded
        ranking["status"] = "active"
    labels = offers.reindex(columns=["offer_id", "rome_code", "appellation"])
    return ranking, labels


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
