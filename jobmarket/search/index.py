"""The search index: build it from offers, save it as .npy arrays, open it memory-mapped.

An index is a folder of plain numpy arrays (the weighted TF-IDF matrix in both CSC and CSR
form, the sorted vocabulary, the idf, the filter columns) plus `meta.json`. Opening maps
the arrays with `np.load(mmap_mode="r")`: nothing is refitted or copied, so opening takes
milliseconds at any size and the pages are shared between processes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from jobmarket import config
from jobmarket.search import columns, vectorize

FORMAT_VERSION = 1
_MATRIX_ARRAYS = ("csc_data", "csc_indices", "csc_indptr", "csr_data", "csr_indices", "csr_indptr")
_ARRAYS = (*_MATRIX_ARRAYS, "offer_ids", "id_order", "terms", "idf", *columns.ARRAY_NAMES)


@dataclass
class SearchIndex:
    """Arrays of one index version; `arrays` may be memory-mapped (read-only)."""

    arrays: dict[str, np.ndarray]
    meta: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.__dict__["arrays"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def n_offers(self) -> int:
        return int(self.arrays["offer_ids"].shape[0])

    def term_columns(self, terms: list[str]) -> np.ndarray:
        """Columns of the terms present in the vocabulary (unknown terms are skipped)."""
        if not terms or self.terms.shape[0] == 0:
            return np.zeros(0, dtype=np.int64)
        keys = np.array([t.encode("utf-8") for t in terms], dtype=self.terms.dtype)
        found = np.array([len(t.encode("utf-8")) <= self.terms.dtype.itemsize for t in terms])
        positions = np.searchsorted(self.terms, keys).clip(0, self.terms.shape[0] - 1)
        hit = found & (self.terms[positions] == keys)
        return positions[hit].astype(np.int64)

    def row_of(self, offer_id: int) -> int | None:
        """Row of an offer id, or None when the index does not hold it."""
        order = self.id_order
        pos = int(np.searchsorted(self.offer_ids[order], offer_id))
        if pos < order.shape[0] and int(self.offer_ids[order[pos]]) == int(offer_id):
            return int(order[pos])
        return None

    def save(self, directory: Path | str) -> Path:
        """Write every array as `<name>.npy` and `meta.json` into `directory`."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            np.save(directory / f"{name}.npy", np.asarray(self.arrays[name]), allow_pickle=False)
        (directory / "meta.json").write_text(
            json.dumps(self.meta, indent=2, default=str), encoding="utf-8"
        )
        return directory


def build_index(offers: pd.DataFrame) -> SearchIndex:
    """Build an index of `offers` (the columns of `warehouse.queries.offers_for_index`)."""
    offers = offers.reset_index(drop=True)
    matrix, vocabulary, idf = vectorize.weighted_matrix(vectorize.field_texts(offers))
    csc = matrix.tocsc()
    offer_ids = offers["offer_id"].to_numpy(dtype=np.int64)
    arrays = {
        "csr_data": matrix.data.astype(np.float32, copy=False),
        "csr_indices": matrix.indices.astype(np.int32, copy=False),
        "csr_indptr": matrix.indptr.astype(np.int64, copy=False),
        "csc_data": csc.data.astype(np.float32, copy=False),
        "csc_indices": csc.indices.astype(np.int32, copy=False),
        "csc_indptr": csc.indptr.astype(np.int64, copy=False),
        "offer_ids": offer_ids,
        "id_order": np.argsort(offer_ids, kind="stable"),
        "terms": np.array([t.encode("utf-8") for t in vocabulary], dtype="S"),
        "idf": idf,
        **columns.filter_arrays(offers),
    }
    if arrays["terms"].dtype.itemsize == 0:  # an empty vocabulary still needs a width
        arrays["terms"] = arrays["terms"].astype("S1")
    meta = {
        "format": FORMAT_VERSION,
        "offers": len(offers),
        "terms": int(len(vocabulary)),
        "field_weights": dict(vectorize.FIELD_WEIGHTS),
        "built_at": pd.Timestamp.now(tz="UTC").isoformat(),
    }
    return SearchIndex(arrays, meta)


def open_index(directory: Path | str) -> SearchIndex:
    """Open a saved index memory-mapped (follows `CURRENT` in a versioned index folder)."""
    directory = Path(directory)
    pointer = directory / "CURRENT"
    if pointer.exists():
        directory = directory / pointer.read_text(encoding="utf-8").strip()
    meta_path = directory / "meta.json"
    if not meta_path.exists():
        raise FileNotFoundError(f"no search index in {directory} (meta.json missing)")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    arrays = {name: _load(directory / f"{name}.npy") for name in _ARRAYS}
    return SearchIndex(arrays, meta)


def _load(path: Path) -> np.ndarray:
    try:
        # A plain ndarray view of the map: slicing a np.memmap costs a subclass round trip.
        return np.asarray(np.load(path, mmap_mode="r", allow_pickle=False))
    except ValueError:  # numpy cannot map an empty array; it costs nothing to read
        return np.load(path, allow_pickle=False)


def build_from_warehouse(engine, directory: Path | str | None = None) -> Path:
    """Rebuild the index from the warehouse when its data version changed; return its folder."""
    from jobmarket.warehouse import queries  # the warehouse is only needed here

    version = str(queries.data_version(engine))
    return build_versioned(
        directory or config.INDEX_DIR, version, lambda: queries.offers_for_index(engine)
    )


def build_versioned(
    directory: Path | str, version: str, load_offers: Callable[[], pd.DataFrame]
) -> Path:
    """Build the index of `load_offers()` under `directory` unless `version` is already current.

    Each build goes to its own `v-<hash>` subfolder and `CURRENT` is then replaced
    atomically, so an engine with the previous version open keeps working and
    `SearchEngine.reload()` picks up the new one. `load_offers` is only called to rebuild.
    """
    root = Path(directory)
    slug = "v-" + hashlib.sha1(version.encode("utf-8")).hexdigest()[:16]
    pointer = root / "CURRENT"
    if pointer.exists() and pointer.read_text(encoding="utf-8").strip() == slug:
        if (root / slug / "meta.json").exists():
            return root / slug
    index = build_index(load_offers())
    index.meta["data_version"] = version
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=_mkdir(root)))
    index.save(staging)
    shutil.rmtree(root / slug, ignore_errors=True)
    staging.rename(root / slug)
    tmp_pointer = root / f".CURRENT.{os.getpid()}"
    tmp_pointer.write_text(slug, encoding="utf-8")
    os.replace(tmp_pointer, pointer)
    _prune(root, keep={slug})
    return root / slug


def _mkdir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _prune(root: Path, keep: set[str], keep_latest: int = 2) -> None:
    """Remove old versions but the newest few (open memory maps survive deletion anyway)."""
    versions = sorted(root.glob("v-*"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in versions[keep_latest:]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
