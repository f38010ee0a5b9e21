"""The write-once raw store: API pages as received under `data/raw/<source>/<run_id>/`."""

from __future__ import annotations

from typing import Any, NamedTuple


class RawOffer(NamedTuple):
    """One offer as received, with where it came from.

    Attributes:
        source: "france_travail", "adzuna" or "jsearch".
        record: the offer's JSON object exactly as the API (or the recorded file) gave it.
        raw_ref: file and position of the record, e.g. "france_travail/20261128T180000Z/page_0001.json#17".
        fetched_at: ISO-8601 UTC time the page was received (None when unknown, e.g. old dumps).
    """

    source: str
    record: dict[str, Any]
    raw_ref: str
    fetched_at: str | None = None
