"""Cleaning: raw offers of the three APIs into one unified table plus a quarantine.

`clean(raw_offers, communes=None) -> (offers, quarantine)`; see docs/data_dictionary.md.
"""

from jobmarket.clean.core import OFFER_COLUMNS, clean, counts_by_source
from jobmarket.clean.io import read_offers, read_quarantine, write_offers, write_quarantine
from jobmarket.clean.places import load_communes
from jobmarket.clean.validate import QUARANTINE_COLUMNS, check_invariants

__all__ = [
    "OFFER_COLUMNS",
    "QUARANTINE_COLUMNS",
    "check_invariants",
    "clean",
    "counts_by_source",
    "load_communes",
    "read_offers",
    "read_quarantine",
    "write_offers",
    "write_quarantine",
]
