"""copy_frame: what goes in comes back out of PostgreSQL, NULLs and escapes included."""

from __future__ import annotations

import numpy as np
import pandas as pd
from sqlalchemy import text

from jobmarket.warehouse.copy import copy_frame, copy_text


def test_copy_round_trips_text_numbers_booleans_and_timestamps(engine):
    frame = pd.DataFrame(
        {
            "t": pd.array(["tab\there", "", None, "back\\slash\nnew line\r", "é ✓ 😀"], dtype="string[pyarrow]"),
            "n": [1.5, np.nan, 40000.0, -0.25, 1e9],
            "b": pd.array([True, None, False, True, False], dtype="boolean"),
            "d": pd.to_datetime(["2026-11-28T10:00:00.123456Z", None, "1999-12-31T23:59:59Z",
                                 "2026-01-01T00:00:00Z", "2026-06-01T12:00:00Z"], utc=True, format="ISO8601"),
            "i": np.array([1, 2, 3, 4, 5], dtype="int64"),
        }
    )  # fmt: skip
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cur:
            cur.execute("CREATE TABLE c (t text, n numeric, b boolean, d timestamptz, i bigint)")
            assert copy_frame(cur, "c", frame, chunk_rows=2) == 5  # several chunks, one COPY
        raw.commit()
    finally:
        raw.close()
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT t, n::float8, b, d FROM c ORDER BY i")).all()
    texts, numbers, bools, dates = (list(col) for col in zip(*rows, strict=True))
    assert texts == ["tab\there", "", None, "back\\slash\nnew line\r", "é ✓ 😀"]
    assert numbers == [1.5, None, 40000.0, -0.25, 1e9]
    assert bools == [True, None, False, True, False]
    expected = [None if pd.isna(d) else d.to_pydatetime() for d in frame["d"]]
    assert dates == expected


def test_copy_text_of_an_empty_frame_is_empty():
    assert copy_text(pd.DataFrame({"a": []})) == ""
