"""The SQL steps of a load, each on the load's cursor inside its single transaction.

Dimensions are upserted from small staging tables and their ids mapped back client-side;
facts go through a staging table and one INSERT ... ON CONFLICT merge; detail rows of new
offers are copied straight into their tables (nothing to merge), changed ones merged.
"""

from __future__ import annotations

import io

import numpy as np
import pandas as pd

from jobmarket.warehouse.copy import copy_frame

DETAIL_TABLES = {1: "france_travail_offers", 2: "adzuna_offers", 3: "jsearch_offers"}
FACT_COLUMNS = [
    "id", "source_id", "external_id", "company_id", "location_id", "contract_type", "full_time",
    "remote", "salary_min", "salary_max", "salary_is_estimated", "salary_flag", "rome_code",
    "created_at", "updated_at", "duplicate_group", "duplicate_confidence", "content_hash",
]  # fmt: skip
DETAIL_COLUMNS = [
    "offer_id", "title", "title_clean", "description", "description_is_snippet", "url",
    "location_label", "contract_raw", "salary_raw", "experience", "sector", "raw_ref",
    "fetched_at", "text_hash",
]  # fmt: skip
# Ids merged by every slice of the load: the rows whose French vector may need computing.
_MERGED = "CREATE TEMP TABLE IF NOT EXISTS stage_merged (id bigint) ON COMMIT DROP"
LOCATION_COLUMNS = [
    "location_key", "location_label", "commune_code", "postal_code", "departement", "region",
    "country", "latitude", "longitude",
]  # fmt: skip


def read_frame(cursor, query: str, dtypes: dict[str, str]) -> pd.DataFrame:
    """Result of `query` (no NULLs) through COPY TO: far faster than fetchall for a million rows."""
    buffer = io.BytesIO()
    cursor.copy_expert(f"COPY ({query}) TO STDOUT WITH (FORMAT csv)", buffer)
    buffer.seek(0)
    if not buffer.getbuffer().nbytes:
        return pd.DataFrame({n: pd.Series(dtype=t) for n, t in dtypes.items()})
    return pd.read_csv(buffer, names=list(dtypes), dtype=dtypes, na_filter=False)


def existing_offers(cursor, source_ids: list[int]) -> pd.DataFrame:
    """id, content hash and status of the warehouse's offers of these sources."""
    ids = ",".join(str(int(s)) for s in source_ids) or "NULL"
    query = (
        "SELECT source_id, external_id, id, content_hash, status = 'active'"
        f" FROM job_offers WHERE source_id IN ({ids})"
    )
    # Nullable Int64/boolean so that a left merge keeps 64-bit hashes exact (no float NaN).
    dtypes = {"source_id": "int16", "external_id": "string[pyarrow]", "id": "Int64",
              "old_hash": "Int64", "was_active": "string"}  # fmt: skip
    frame = read_frame(cursor, query, dtypes)
    frame["was_active"] = (frame["was_active"] == "t").astype("boolean")
    return frame


def reserve_ids(cursor, n: int) -> np.ndarray:
    """`n` fresh job_offers ids from its identity sequence (so details can be copied directly)."""
    if n == 0:
        return np.empty(0, dtype="int64")
    query = (
        f"SELECT nextval(pg_get_serial_sequence('job_offers', 'id')) FROM generate_series(1, {n})"
    )
    return read_frame(cursor, query, {"id": "int64"})["id"].to_numpy()


def upsert_keys(cursor, table: str, key: str, frame: pd.DataFrame) -> pd.Series:
    """Insert the missing rows of a dimension and return its ids by key."""
    if frame.empty:
        return pd.Series(dtype="int64")
    stage = f"stage_{table}"
    columns = ", ".join(frame.columns)
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS {stage} ON COMMIT DROP AS"
        f" SELECT {columns} FROM {table} LIMIT 0; TRUNCATE {stage}"
    )
    copy_frame(cursor, stage, frame)
    cursor.execute(
        f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage}"
        f" ON CONFLICT ({key}) DO NOTHING"
    )
    ids = read_frame(
        cursor, f"SELECT t.{key}, t.id FROM {table} t JOIN {stage} s USING ({key})",
        {key: "string[pyarrow]", "id": "int64"},
    )  # fmt: skip
    return ids.set_index(key)["id"]


def merge_facts(cursor, facts: pd.DataFrame) -> None:
    """Staging COPY, then one INSERT ... ON CONFLICT merge of new and changed offers."""
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS stage_offers (LIKE job_offers INCLUDING DEFAULTS)"
        " ON COMMIT DROP; TRUNCATE stage_offers"
    )
    copy_frame(cursor, "stage_offers", facts[FACT_COLUMNS])
    cursor.execute("ANALYZE stage_offers")
    columns = ", ".join(FACT_COLUMNS)
    updates = ", ".join(
        f"{c} = EXCLUDED.{c}" for c in FACT_COLUMNS if c not in ("id", "source_id", "external_id")
    )
    cursor.execute(
        f"INSERT INTO job_offers AS o ({columns}, status, first_seen_at, last_seen_at)"
        f" SELECT {columns}, 'active', now(), now() FROM stage_offers"
        f" ON CONFLICT (source_id, external_id) DO UPDATE SET {updates},"
        " status = 'active', deactivated_at = NULL, last_seen_at = now()"
    )
    cursor.execute(f"{_MERGED}; INSERT INTO stage_merged SELECT id FROM stage_offers")


def write_details(cursor, source_id: int, new: pd.DataFrame, changed: pd.DataFrame) -> None:
    """COPY new offers' text straight into the detail table; merge changed ones.

    The French vector of a changed row is kept when its text hash is unchanged and reset
    (to be recomputed by `compute_fts`) when the text changed.
    """
    table = DETAIL_TABLES[source_id]
    columns = DETAIL_COLUMNS + (["appellation"] if source_id == 1 else [])
    copy_frame(cursor, table, new[columns])
    if changed.empty:
        return
    cursor.execute(
        f"CREATE TEMP TABLE IF NOT EXISTS stage_{table} (LIKE {table}) ON COMMIT DROP;"
        f" TRUNCATE stage_{table}"
    )
    copy_frame(cursor, f"stage_{table}", changed[columns])
    names = ", ".join(columns)
    updates = ", ".join(f"{c} = EXCLUDED.{c}" for c in columns if c != "offer_id")
    cursor.execute(
        f"INSERT INTO {table} AS t ({names}) SELECT {names} FROM stage_{table}"
        f" ON CONFLICT (offer_id) DO UPDATE SET {updates},"
        " fts = CASE WHEN t.text_hash = EXCLUDED.text_hash THEN t.fts END"
    )


def write_skills(cursor, offer_skills: pd.DataFrame) -> None:
    """Replace the skills of the merged offers (new ones have none yet)."""
    cursor.execute(
        "DELETE FROM offer_skills USING stage_offers s WHERE offer_skills.offer_id = s.id"
    )
    copy_frame(cursor, "offer_skills", offer_skills[["offer_id", "skill_id"]])


def touch(cursor, ids: np.ndarray) -> None:
    """Unchanged offers: only last_seen_at moves (a HOT update, no trigger, no text rewritten)."""
    if len(ids) == 0:
        return
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS stage_seen (id bigint) ON COMMIT DROP; TRUNCATE stage_seen"
    )
    copy_frame(cursor, "stage_seen", pd.DataFrame({"id": ids}), chunk_rows=500_000)
    cursor.execute("ANALYZE stage_seen")
    cursor.execute(
        "UPDATE job_offers o SET last_seen_at = now() FROM stage_seen s WHERE o.id = s.id"
    )


def deactivate_absent(cursor, source_id: int, kept: pd.DataFrame) -> int:
    """Full refresh: the source's active offers not seen in this load become inactive.

    Offers quarantined in this run (`kept`: source_id, external_id) exist at the source and
    stay as they were. A withdrawn France Travail offer loses its description (licence).
    """
    cursor.execute(
        "CREATE TEMP TABLE IF NOT EXISTS stage_kept (source_id smallint, external_id text) ON COMMIT DROP"
    )
    cursor.execute("TRUNCATE stage_kept")
    copy_frame(cursor, "stage_kept", kept[["source_id", "external_id"]])
    cursor.execute(
        "CREATE TEMP TABLE stage_gone ON COMMIT DROP AS"
        " WITH gone AS (UPDATE job_offers o SET status = 'inactive', deactivated_at = now()"
        "  WHERE o.source_id = %s AND o.status = 'active' AND o.last_seen_at < now()"
        "  AND NOT EXISTS (SELECT 1 FROM stage_kept k"
        "   WHERE k.source_id = o.source_id AND k.external_id = o.external_id)"
        "  RETURNING o.id) SELECT id FROM gone",
        (source_id,),
    )
    gone = cursor.rowcount
    if source_id == 1:
        cursor.execute(
            "UPDATE france_travail_offers d SET description = NULL, text_hash = NULL,"
            " fts = offer_fts(d.title, NULL) FROM stage_gone g WHERE d.offer_id = g.id"
        )
    cursor.execute("DROP TABLE stage_gone")
    return gone


def compute_fts(cursor) -> None:
    """French vectors of the merged rows whose text is new or changed (fts IS NULL), only."""
    cursor.execute(f"{_MERGED}; ANALYZE stage_merged")
    for table in DETAIL_TABLES.values():
        cursor.execute(
            f"UPDATE {table} t SET fts = offer_fts(t.title, t.description)"
            " FROM stage_merged s WHERE t.offer_id = s.id AND t.fts IS NULL"
        )


def store_quarantine(cursor, run_id: str, rows: pd.DataFrame) -> None:
    """Replace this run's quarantined rows (a re-run of the same run_id does not pile up)."""
    cursor.execute("DELETE FROM quarantine WHERE run_id = %s", (run_id,))
    if rows.empty:
        return
    frame = rows.assign(run_id=run_id)[
        ["run_id", "stage", "source", "external_id", "raw_ref", "field", "reason", "raw"]
    ]
    text = frame.astype("string[pyarrow]").apply(
        lambda c: c.str.replace("\x00", "\\u0000", regex=False)
    )
    copy_frame(cursor, "quarantine", text)
