"""Load the unified offer table into the star schema: one locked, all-or-nothing transaction.

Rows the database would reject are quarantined first (`validate`). Under the advisory load
lock, the warehouse's hashes are read and each offer classed as new, changed or unchanged:
new and changed ones are merged (`merge`), unchanged ones only get `last_seen_at`. Offers
go through in slices, the next slice validated by a helper thread while the server merges
this one. Any failure rolls the whole load back, leaving the database exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import psycopg2
from psycopg2.extras import Json
from sqlalchemy import Engine

from jobmarket.warehouse import frames, merge
from jobmarket.warehouse.lock import acquire_load_lock, release_load_lock
from jobmarket.warehouse.prepare import SOURCE_IDS, prepare_offers
from jobmarket.warehouse.validate import validate_offers

SLICE_ROWS = 100_000
COUNT_KEYS = ("loaded", "inserted", "updated", "unchanged", "deactivated", "quarantined")


@dataclass
class LoadResult:
    """What a load did: per-source counts, the rows it quarantined, seconds per stage."""

    run_id: str
    load_id: int
    counts: dict[str, dict[str, int]]
    quarantine: pd.DataFrame = field(repr=False)
    seconds: dict[str, float]

    @property
    def loaded(self) -> dict[str, int]:
        """Offers of each source present in the warehouse from this load."""
        return {source: c["loaded"] for source, c in self.counts.items()}

    def step_facts(self, database: str, active_offers: int) -> dict:
        """The "load" step of the run log: safe database URL, loaded/quarantined per source."""
        counts = {
            s: {"loaded": c["loaded"], "quarantined": c["quarantined"]}
            for s, c in self.counts.items()
        }
        return {"database": database, "counts": counts, "active_offers": active_offers}

    @property
    def changed(self) -> bool:
        """Whether any offer was inserted, updated or deactivated."""
        keys = ("inserted", "updated", "deactivated")
        return any(c[k] for c in self.counts.values() for k in keys)


def load_offers(
    engine: Engine,
    offers: pd.DataFrame,
    run_id: str,
    full_refresh_sources: Iterable[str] = (),
    quarantine: pd.DataFrame | None = None,
    lock_timeout: float = 600.0,
    slice_rows: int = SLICE_ROWS,
) -> LoadResult:
    """Load `offers` (the unified table) and store the run's quarantine; see the module doc.

    Args:
        full_refresh_sources: sources whose complete listing this is: their active offers
            absent from `offers` become inactive.
        quarantine: the cleaner's quarantined rows, stored beside the load's own.
        lock_timeout: seconds to wait for another load before raising `LoadLockTimeout`.
        slice_rows: offers merged per step; the next slice is validated meanwhile.
    """
    refresh = sorted(set(full_refresh_sources))
    unknown = [s for s in refresh if s not in SOURCE_IDS]
    if unknown:
        raise ValueError(f"full_refresh_sources names unknown source(s) {unknown}")
    seconds: dict[str, float] = {}
    stage = _stopwatch(seconds)
    missing = [c for c in ("source", "external_id") if c not in offers.columns]
    if missing:
        raise ValueError(f"offer table lacks the key column(s) {missing}")
    offers = offers.reset_index(drop=True)
    # Repeats are found over the whole batch, so that no two slices carry the same key.
    repeated = offers.duplicated(["source", "external_id"], keep="last").to_numpy()
    starts = range(0, max(len(offers), 1), slice_rows)

    def prepared(start: int) -> tuple[pd.DataFrame, pd.DataFrame]:
        end = start + slice_rows
        with stage("validate"):
            typed, rejected = validate_offers(offers.iloc[start:end], repeated[start:end])
            return prepare_offers(typed), rejected

    # A helper thread validates the next slice while the server works on this one.
    with ThreadPoolExecutor(max_workers=1) as pool:
        slices = _prefetch(pool, prepared, starts)
        raw = engine.raw_connection()
        try:
            raw.autocommit = True
            with raw.cursor() as cur, stage("lock"):
                _abort_when_client_dies(cur)
                acquire_load_lock(cur, lock_timeout)
            raw.autocommit = False
            with raw.cursor() as cur:
                cur.execute("SELECT set_config('jobmarket.run_id', %s, true)", (run_id,))
                cur.execute(
                    "INSERT INTO load_runs (run_id, full_refresh_sources) VALUES (%s, %s)"
                    " RETURNING id",
                    (run_id, refresh),
                )
                load_id = cur.fetchone()[0]
                sources = (
                    set(offers["source"].unique()) | set(refresh) if len(offers) else set(refresh)
                )
                counts, rejected = _load(cur, slices, sources, quarantine, run_id, refresh, stage)
                cur.execute(
                    "UPDATE load_runs SET finished_at = clock_timestamp(), counts = %s,"
                    " seconds = %s WHERE id = %s",
                    (Json(counts), Json(seconds), load_id),
                )
            with stage("commit"):
                raw.commit()
        except BaseException:
            raw.rollback()
            raise
        finally:
            raw.autocommit = True
            with raw.cursor() as cur:
                release_load_lock(cur)
            raw.close()
    return LoadResult(run_id, load_id, counts, rejected, seconds)


def _prefetch(pool, work, items) -> Iterator:
    """Results of `work` over `items`, the next one computed in `pool` while this one is used."""
    items = list(items)
    pending = pool.submit(work, items[0])
    for item in items[1:]:
        result = pending.result()
        pending = pool.submit(work, item)
        yield result
    yield pending.result()


def _abort_when_client_dies(cur) -> None:
    """Have the server end this session within a second of the loader's death (PostgreSQL 14+),
    even in a long statement, so a killed load releases its lock and rolls back promptly."""
    try:
        cur.execute("SET client_connection_check_interval = 1000")
    except psycopg2.Error:  # older server: the rollback still happens, only later
        pass


def _load(cur, slices, sources, quarantine, run_id, refresh, stage):
    with stage("diff"):
        known = merge.existing_offers(
            cur, sorted(SOURCE_IDS[s] for s in sources if s in SOURCE_IDS)
        )
    parts, rejected_parts = [], []
    while True:
        with stage("wait_validate"):
            item = next(slices, None)
        if item is None:
            break
        prepared, rejected = item
        parts.append(_load_slice(cur, prepared, known, stage))
        rejected_parts.append(rejected)
    rejected = pd.concat(rejected_parts, ignore_index=True)
    deactivated = {}
    with stage("deactivate"):
        kept = frames.quarantined_keys(rejected, quarantine)
        for source in refresh:
            deactivated[source] = merge.deactivate_absent(cur, SOURCE_IDS[source], kept)
    with stage("fts"):
        merge.compute_fts(cur)
    with stage("quarantine"):
        merge.store_quarantine(cur, run_id, frames.quarantine_rows(quarantine, rejected))
    rows = pd.DataFrame({"source": np.concatenate([p[0] for p in parts])})
    new, same = (np.concatenate([p[i] for p in parts]) for i in (1, 2))
    return frames.counts(rows, new, same, rejected, deactivated), rejected


def _load_slice(cur, prepared: pd.DataFrame, known: pd.DataFrame, stage):
    """Merge one slice of validated offers; returns its sources and new/unchanged masks."""
    with stage("diff"):
        # Merge the keys only (a left merge keeps order): the text columns are never copied.
        keys = prepared[["source_id", "external_id"]]
        found = keys.merge(known, on=["source_id", "external_id"], how="left")
        new = found["id"].isna().to_numpy(dtype=bool)
        same_hash = found["old_hash"].eq(prepared["content_hash"].to_numpy()).fillna(False)
        active = found["was_active"].fillna(False).to_numpy(dtype=bool)
        same = same_hash.to_numpy(dtype=bool) & active
        ids = found["id"].to_numpy(dtype="int64", na_value=0)
        ids[new] = merge.reserve_ids(cur, int(new.sum()))
        rows = prepared.assign(id=ids)
        todo = rows[~same] if same.any() else rows
    with stage("dimensions"):
        todo = frames.with_dimension_ids(cur, todo)
    with stage("facts"):
        merge.merge_facts(cur, todo)
    with stage("details"):
        details = todo.rename(columns={"id": "offer_id"})
        is_new = new[~same]
        for source_id in merge.DETAIL_TABLES:
            mine = (details["source_id"] == source_id).to_numpy()
            merge.write_details(cur, source_id, details[mine & is_new], details[mine & ~is_new])
    with stage("skills"):
        merge.write_skills(cur, frames.offer_skills(cur, todo))
    with stage("touch"):
        merge.touch(cur, rows.loc[same, "id"].to_numpy())
    return prepared["source"].to_numpy(dtype=object), new, same


def _stopwatch(seconds: dict[str, float]):
    @contextmanager
    def stage(name: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            seconds[name] = round(seconds.get(name, 0.0) + time.perf_counter() - started, 4)

    return stage
