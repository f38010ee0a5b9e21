"""Bulk COPY of DataFrames into PostgreSQL (text format, from memory).

`copy_text` turns a typed frame into COPY text with vectorised string operations;
`copy_frame` streams it chunk by chunk through one `COPY ... FROM STDIN`. A helper thread
prepares the next chunk while the server parses the current one, so the client's
serialisation overlaps the server's work instead of adding to it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import reduce

import numpy as np
import pandas as pd

NULL = "\\N"
_ESCAPES = (("\\", "\\\\"), ("\t", "\\t"), ("\n", "\\n"), ("\r", "\\r"))


def copy_text(frame: pd.DataFrame) -> str:
    """The rows of `frame` in COPY text format (tab-separated, `\\N` for NULL), one per line."""
    if frame.empty:
        return ""
    columns = [_column_text(frame[c]) for c in frame.columns]
    lines = reduce(lambda left, right: left + "\t" + right, columns)
    return "\n".join(lines.tolist()) + "\n"


def _column_text(values: pd.Series) -> pd.Series:
    dtype = values.dtype
    if isinstance(dtype, pd.DatetimeTZDtype):
        text = values.dt.tz_convert("UTC").dt.strftime("%Y-%m-%d %H:%M:%S.%f+00")
    elif pd.api.types.is_bool_dtype(dtype):
        text = values.map({True: "t", False: "f"}, na_action="ignore")
    elif pd.api.types.is_float_dtype(dtype):
        text = values.astype("object").where(np.isfinite(values.astype("float64")))
        text = text.map(repr, na_action="ignore")
    elif pd.api.types.is_integer_dtype(dtype):
        text = values.astype("string")
    else:
        text = values.astype("string[pyarrow]")
        for raw, escaped in _ESCAPES:
            text = text.str.replace(raw, escaped, regex=False)
    return text.astype("string[pyarrow]").fillna(NULL)


class _Stream(io.RawIOBase):
    """A read-only file over an iterator of byte chunks (what copy_expert wants)."""

    def __init__(self, chunks: Iterator[bytes]):
        self._chunks = chunks
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._buffer:
            chunk = next(self._chunks, None)
            if chunk is None:
                return b""
            self._buffer = chunk
        size = len(self._buffer) if size is None or size < 0 else size
        out, self._buffer = self._buffer[:size], self._buffer[size:]
        return out


def _prefetched(frame: pd.DataFrame, chunk_rows: int) -> Iterator[bytes]:
    """Encoded chunks, the next one built in a helper thread while this one is sent."""
    starts = range(0, len(frame), chunk_rows)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        for start in starts:
            job = pool.submit(lambda s=start: copy_text(frame.iloc[s : s + chunk_rows]).encode())
            if pending is not None:
                yield pending.result()
            pending = job
        if pending is not None:
            yield pending.result()


def copy_frame(cursor, table: str, frame: pd.DataFrame, chunk_rows: int = 20_000) -> int:
    """COPY `frame` (its columns named as the table's) into `table`; returns the row count."""
    if frame.empty:
        return 0
    columns = ", ".join(f'"{c}"' for c in frame.columns)
    stream = _Stream(_prefetched(frame, chunk_rows))
    cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", stream, size=1 << 20)
    return len(frame)
