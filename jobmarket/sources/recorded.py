"""Reader of recorded API dumps in any shape, and their import into the raw store.

Accepted shapes: raw response objects (France Travail `resultats`, Adzuna `results`, JSearch
`data`), bare lists, JSON Lines (also in files named .json, one offer or one page per line),
and wrappers such as `{"metadata": ..., "jobs": [...]}`, in any sub-folder. Each offer's source
is recognised from its own fields, not from the path. A file that cannot be read is reported by
name with the reason; it is never skipped silently.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from jobmarket import config
from jobmarket.raw import IMPORT_SOURCE, MANIFEST, RawOffer, RawStore

log = logging.getLogger(__name__)

ID_FIELDS = {"france_travail": "id", "adzuna": "id", "jsearch": "job_id"}
# Wrapper keys tried first, in order; any other list of offers is found by searching the object.
_LIST_KEYS = ("resultats", "results", "data", "jobs", "offres", "offers", "items", "hits")
_MAX_DEPTH = 4


class Parsed(NamedTuple):
    """Offers found in one file: (index in the file, source, record), plus any problem."""

    offers: list[tuple[int, str, dict[str, Any]]]
    error: str | None
    unknown: int  # objects found in an offer list whose source could not be recognised


def detect_source(record: Any) -> str | None:
    """The API an offer object comes from, judged by its fields (None when not an offer)."""
    if not isinstance(record, dict):
        return None
    if "job_id" in record or "job_title" in record or "employer_name" in record:
        return "jsearch"
    if "intitule" in record or "romeCode" in record or "lieuTravail" in record:
        return "france_travail"
    if record.get("__CLASS__") == "Adzuna::API::Response::Job" or "redirect_url" in record:
        return "adzuna"
    if "adref" in record or ("salary_is_predicted" in record and "title" in record):
        return "adzuna"
    return None


def _offer_lists(obj: Any, depth: int = 0) -> Iterator[list[Any]]:
    """Lists of offers inside a decoded document (the document itself when it is one offer)."""
    if depth > _MAX_DEPTH:
        return
    if isinstance(obj, list):
        if any(detect_source(x) for x in obj[:50]):
            yield obj
        else:  # a list of pages or of wrappers
            for item in obj:
                yield from _offer_lists(item, depth + 1)
    elif isinstance(obj, dict):
        if detect_source(obj):
            yield [obj]
            return
        keys = [k for k in _LIST_KEYS if k in obj] + [k for k in obj if k not in _LIST_KEYS]
        for key in keys:
            if isinstance(obj[key], list | dict):
                yield from _offer_lists(obj[key], depth + 1)


def _decode(text: str) -> list[Any]:
    """The JSON documents of a text: one document, or one per line (JSON Lines)."""
    try:
        return [json.loads(text)]
    except json.JSONDecodeError as whole_error:
        docs = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    if len(docs) == 0:
                        raise ValueError(
                            f"not JSON ({whole_error}) nor JSON Lines (line {number}: {exc})"
                        ) from None
                    raise ValueError(f"JSON Lines broken at line {number}: {exc}") from None
        return docs


def parse_bytes(body: bytes, name: str = "<bytes>") -> Parsed:
    """Offers of one recorded file's bytes, each with its source; errors say why."""
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Parsed([], f"{name}: not UTF-8 text ({exc})", 0)
    if not text.strip():
        return Parsed([], f"{name}: empty file", 0)
    try:
        docs = _decode(text)
    except ValueError as exc:
        return Parsed([], f"{name}: {exc}", 0)
    offers, unknown = [], 0
    for doc in docs:
        for items in _offer_lists(doc):
            for item in items:
                source = detect_source(item)
                if source:
                    offers.append((len(offers), source, item))
                else:
                    unknown += 1
    error = None if offers else f"{name}: no job offer found (top level {type(docs[0]).__name__})"
    return Parsed(offers, error, unknown)


def recorded_files(import_dir: Path) -> list[Path]:
    """Files under a folder of recordings, sorted, hidden files and folders left out."""
    root = Path(import_dir)
    if not root.is_dir():
        raise FileNotFoundError(f"import folder {root} does not exist")
    return sorted(
        p
        for p in root.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


class ImportReport(NamedTuple):
    """What an import copied: offers per source, and the files that could not be read."""

    files: int
    offers: Counter
    distinct: Counter
    errors: list[str]
    unknown: int
    ids: dict[str, set]  # distinct offer ids per source


def import_recorded(import_dir: Path, run_id: str, raw_root: Path | None = None) -> ImportReport:
    """Copy every recorded file as received into `<raw_root>/import/<run_id>/` and count its offers.

    Rerunning the same run_id keeps files already copied (resume). Unreadable files are copied
    too (the raw store keeps what was received) with their error in the manifest.
    """
    root = Path(import_dir)
    store = RawStore(Path(raw_root or config.RAW_DIR), IMPORT_SOURCE, run_id)
    offers, ids, errors, unknown = Counter(), {s: set() for s in ID_FIELDS}, [], 0
    paths = recorded_files(root)
    for path in paths:
        rel = path.relative_to(root).as_posix()
        # A recorded file may not take the store's own manifest name.
        stored = f"recorded_{rel}" if rel == MANIFEST else rel
        body = path.read_bytes()
        parsed = parse_bytes(body, rel)
        if parsed.error:
            errors.append(parsed.error)
            log.warning("cannot read recorded file %s", parsed.error)
        unknown += parsed.unknown
        for _, source, record in parsed.offers:
            offers[source] += 1
            ids[source].add(str(record.get(ID_FIELDS[source])))
        if not store.find(stored, 1):
            counts = Counter(source for _, source, _ in parsed.offers)
            store.save(
                body, query=rel, query_key=stored, page=1, params={"path": rel}, status=200,
                offers=len(parsed.offers), name=stored, extra={"by_source": dict(counts), "error": parsed.error},
            )  # fmt: skip
    distinct = Counter({s: len(v) for s, v in ids.items() if v})
    return ImportReport(len(paths), offers, distinct, errors, unknown, ids)


def iter_recorded(import_dir: Path) -> Iterator[RawOffer]:
    """Offers of a folder of recordings read in place (raw_ref is the relative path#index)."""
    root = Path(import_dir)
    for path in recorded_files(root):
        rel = path.relative_to(root).as_posix()
        parsed = parse_bytes(path.read_bytes(), rel)
        if parsed.error:
            log.warning("cannot read recorded file %s", parsed.error)
        for index, source, record in parsed.offers:
            yield RawOffer(source, record, f"{rel}#{index}", None)
