"""Reading and writing the processed parquet files (the edges of the cleaning step)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from jobmarket import config
from jobmarket.clean.validate import QUARANTINE_COLUMNS


def write_offers(offers: pd.DataFrame, path: Path | None = None) -> Path:
    """Write the unified offer table as parquet (folders created as needed)."""
    path = Path(path or config.OFFERS_PARQUET)
    path.parent.mkdir(parents=True, exist_ok=True)
    offers.to_parquet(path, index=False)
    return path


def write_quarantine(quarantine: pd.DataFrame, path: Path | None = None) -> Path:
    """Write the quarantine rows as parquet."""
    path = Path(path or config.QUARANTINE_PARQUET)
    path.parent.mkdir(parents=True, exist_ok=True)
    quarantine[QUARANTINE_COLUMNS].to_parquet(path, index=False)
    return path


def read_offers(path: Path | None = None) -> pd.DataFrame:
    """The unified offer table; `skills` back as Python lists of str."""
    offers = pd.read_parquet(path or config.OFFERS_PARQUET)
    offers["skills"] = offers["skills"].map(lambda v: [] if v is None else [str(s) for s in v])
    return offers


def read_quarantine(path: Path | None = None) -> pd.DataFrame:
    """The quarantine rows."""
    return pd.read_parquet(path or config.QUARANTINE_PARQUET)
