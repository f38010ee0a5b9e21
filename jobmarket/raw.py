"""The write-once raw store: API pages as received under `data/raw/<source>/<run_id>/`."""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from jobmarket import config

log = logging.getLogger(__name__)


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


MANIFEST = "manifest.jsonl"
IMPORT_SOURCE = "import"  # folder of recorded files copied as received (source detected per offer)
_OFFER_LISTS = {"france_travail": "resultats", "adzuna": "results", "jsearch": "data"}


def utc_now() -> str:
    """The current UTC time as ISO-8601 with a Z."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _scrub(text: str, secrets: tuple[str, ...]) -> str:
    for secret in secrets:
        text = text.replace(secret, "***")
    return text


class RawStore:
    """The pages of one source and one run under `<root>/<source>/<run_id>/`, written once.

    Each body is saved exactly as received (bytes) in its own file, and one manifest line
    says what it is. A (query, page) already saved is found again with `find`, so a rerun of
    the same run_id resumes instead of fetching again.
    """

    def __init__(
        self, root: Path, source: str, run_id: str, secrets: tuple[str, ...] | list[str] = ()
    ):
        if not run_id or "/" in run_id or run_id.startswith("."):
            raise ValueError(f"invalid run_id {run_id!r}")
        self.source, self.run_id = source, run_id
        self.dir = Path(root) / source / run_id
        self._secrets = tuple(s for s in secrets if s)
        self._entries = self._read_manifest()
        self._by_key = {(e["query_key"], e["page"]): e for e in self._entries if "query_key" in e}

    def _read_manifest(self) -> list[dict[str, Any]]:
        path = self.dir / MANIFEST
        if not path.exists():
            return []
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]

    @property
    def entries(self) -> list[dict[str, Any]]:
        """Manifest lines, in the order pages were saved."""
        return list(self._entries)

    def find(self, query_key: str, page: int) -> dict[str, Any] | None:
        """The manifest entry of a page already saved for this query, if any."""
        return self._by_key.get((query_key, page))

    def read(self, entry: dict[str, Any]) -> bytes:
        """The body of a saved page, as received."""
        return (self.dir / entry["file"]).read_bytes()

    def save(
        self, body: bytes, *, query: str, query_key: str, page: int, params: dict[str, Any],
        status: int, offers: int, fetched_at: str | None = None, name: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """Write one body under a new file name and append its manifest line.

        Args:
            body: the response body exactly as received.
            query: a readable label of the search; query_key: its canonical form (resume key).
            params: request parameters WITHOUT secrets (scrubbed again before writing).
            name: file name inside the run folder (default page_NNNN.json, numbered in order).
        """
        if self.find(query_key, page):
            raise FileExistsError(
                f"{self.source}/{self.run_id}: page {page} of {query!r} already saved"
            )
        if name is None:
            number = len(self._entries) + 1
            # A page written just before a crash has no manifest line: keep it, take the next name.
            while (self.dir / f"page_{number:04d}.json").exists():
                number += 1
            name = f"page_{number:04d}.json"
        target = self.dir / name
        if target.exists() or name == MANIFEST:
            raise FileExistsError(f"raw file {target} exists; raw files are never rewritten")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        tmp.write_bytes(body)
        tmp.replace(target)  # a page is either complete or absent, even after a crash
        entry = {
            "file": name, "query": query, "query_key": query_key, "page": page, "params": params,
            "status": status, "offers": offers, "fetched_at": fetched_at or utc_now(),
            "sha256": hashlib.sha256(body).hexdigest(), "bytes": len(body), **(extra or {}),
        }  # fmt: skip
        line = _scrub(json.dumps(entry, ensure_ascii=False, default=str), self._secrets)
        with (self.dir / MANIFEST).open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")
        entry = json.loads(line)
        self._entries.append(entry)
        self._by_key[(query_key, page)] = entry
        return entry


def run_sources(run_id: str, raw_root: Path | None = None) -> list[str]:
    """Sources (and the import folder) holding pages of this run."""
    root = Path(raw_root or config.RAW_DIR)
    names = [*config.SOURCES, IMPORT_SOURCE]
    return [s for s in names if (root / s / run_id / MANIFEST).exists()]


def iter_run_offers(run_id: str, raw_root: Path | None = None) -> Iterator[RawOffer]:
    """Every offer of every page of a run, all sources, from the raw store only.

    raw_ref is "<source>/<run_id>/<file>#<index in the page>"; imported files keep their
    relative path ("import/<run_id>/<path>#<index>") and each offer's source is detected.
    Unreadable pages are logged by name with the reason and skipped.
    """
    from jobmarket.sources import recorded  # the reader of imported files depends on RawOffer

    root = Path(raw_root or config.RAW_DIR)
    for source in run_sources(run_id, root):
        store = RawStore(root, source, run_id)
        for entry in store.entries:
            if entry.get("status") == 204 or entry.get("bytes") == 0:
                continue  # "no content" answers hold no offer
            if entry.get("error"):
                log.warning("skipping %s/%s/%s: %s", source, run_id, entry["file"], entry["error"])
                continue
            ref = f"{source}/{run_id}/{entry['file']}"
            fetched_at = (
                entry.get("fetched_at") if source != IMPORT_SOURCE else entry.get("recorded_at")
            )
            if source == IMPORT_SOURCE:
                found = recorded.parse_bytes(store.read(entry), entry["file"])
                if found.error:
                    log.warning("skipping %s: %s", ref, found.error)
                for index, offer_source, record in found.offers:
                    yield RawOffer(offer_source, record, f"{ref}#{index}", fetched_at)
                continue
            try:
                records = json.loads(store.read(entry)).get(_OFFER_LISTS[source]) or []
            except (ValueError, AttributeError) as exc:
                log.warning("skipping unreadable page %s: %s", ref, exc)
                continue
            for index, record in enumerate(records):
                yield RawOffer(source, record, f"{ref}#{index}", fetched_at)
