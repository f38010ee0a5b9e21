"""Small unified-offer tables for the warehouse tests (the columns of docs/architecture.md)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jobmarket.clean import OFFER_COLUMNS

# The unified table's columns, from the stage that produces it.
COLUMNS = OFFER_COLUMNS


def _utc(text: str) -> pd.Timestamp:
    return pd.Timestamp(text, tz="UTC")


def offer(source: str, external_id: str, **values) -> dict:
    """One offer row with plausible defaults; `values` override any column."""
    row = {
        "source": source, "external_id": external_id,
        "title": "Data engineer H/F", "title_clean": "Data engineer",
        "company": "ACME SA", "company_key": "acme",
        "description": "Vous développerez des pipelines de données en Python et SQL.",
        "description_is_snippet": source == "adzuna",
        "location_label": "75 - Paris 15e", "commune_code": "75115", "postal_code": "75015",
        "departement": "75", "region": "Île-de-France", "latitude": 48.84, "longitude": 2.29,
        "country": "France", "contract_type": "CDI", "contract_raw": "Contrat à durée indéterminée",
        "full_time": True, "remote": "partial", "salary_min": 45000.0, "salary_max": 55000.0,
        "salary_raw": "Annuel de 45000 à 55000 Euros", "salary_is_estimated": False,
        "salary_flag": None, "experience": "2 ans", "skills": ["Python", "SQL"],
        "rome_code": "M1805" if source == "france_travail" else None,
        "appellation": "Data engineer" if source == "france_travail" else None,
        "sector": "Conseil en systèmes informatiques",
        "created_at": _utc("2026-11-20T09:00:00"), "updated_at": _utc("2026-11-21T10:00:00"),
        "url": f"https://example.org/{source}/{external_id}", "fetched_at": _utc("2026-11-28T08:00:00"),
        "raw_ref": f"{source}/run1/page_0001.json#{external_id}",
        "duplicate_group": None, "duplicate_confidence": np.nan,
    }  # fmt: skip
    row.update(values)
    return row


def offers_table(rows: list[dict]) -> pd.DataFrame:
    """A unified offer table in the cleaner's dtypes (tz-aware UTC timestamps, list skills)."""
    frame = pd.DataFrame(rows, columns=COLUMNS)
    for col in ("created_at", "updated_at", "fetched_at"):
        frame[col] = pd.to_datetime(frame[col], utc=True)
    return frame


def small_market() -> pd.DataFrame:
    """Six offers over three sources, two companies, three départements, one without salary."""
    return offers_table(
        [
            offer("france_travail", "FT1"),
            offer("france_travail", "FT2", title="Développeur Java (F/H)", company="Beta",
                  company_key="beta", commune_code="69123", postal_code="69003",
                  location_label="69 - Lyon 3e", departement="69", region="Auvergne-Rhône-Alpes",
                  contract_type="CDD", salary_min=30000.0, salary_max=36000.0,
                  skills=["Java", "SQL"], rome_code="M1805",
                  created_at=_utc("2026-11-21T12:00:00")),
            offer("france_travail", "FT3", title="Infirmier de nuit", company=None,
                  company_key=None, salary_min=np.nan, salary_max=np.nan, skills=[],
                  rome_code="J1506", departement="13", commune_code="13055",
                  location_label="13 - Marseille", region="Provence-Alpes-Côte d'Azur",
                  description="Soins infirmiers en service de nuit."),
            offer("adzuna", "AZ1", salary_min=50000.0, salary_max=50000.0,
                  salary_is_estimated=True, description="Pipelines de données…"),
            offer("adzuna", "AZ2", company="Beta", company_key="beta", contract_type=None,
                  remote="yes", skills=["Python"], created_at=_utc("2026-11-21T15:00:00")),
            offer("jsearch", "JS1", skills=np.array(["Python", "Spark"]), remote="no",
                  created_at=None, updated_at=None),
        ]
    )  # fmt: skip
