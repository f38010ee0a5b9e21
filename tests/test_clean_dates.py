"""Dates: ISO strings, epoch seconds and JSearch's relative French dates."""

from __future__ import annotations

import pandas as pd

from jobmarket.clean.dates import epoch_to_utc, relative_to, to_utc


def test_iso_strings_to_utc_and_unreadable_ones_reported():
    values = pd.Series(
        [
            "2024-11-28T10:39:57.000Z",
            "2025-06-05T17:21:12+02:00",
            "2026-03-07T09:16:59Z",
            "hier",
            None,
        ],
        dtype="str",
    )
    out, bad = to_utc(values)
    assert str(out.dtype) == "datetime64[us, UTC]"
    assert out.iloc[1] == pd.Timestamp("2025-06-05T15:21:12Z")
    assert bad.tolist() == [False, False, False, True, False]


def test_epoch_seconds():
    assert epoch_to_utc(pd.Series([1659052800, None])).iloc[0] == pd.Timestamp(
        "2022-07-29T00:00:00Z"
    )


def test_relative_french_and_english_texts_count_back_from_fetch_time():
    fetched = pd.Series(pd.to_datetime(["2024-09-10T12:00:00Z"] * 5, utc=True)).astype(
        "datetime64[us, UTC]"
    )
    texts = pd.Series(
        ["il y a 6 jours", "il y a 16 heures", "3 days ago", "il y a 1 jour", "bientôt"],
        dtype="str",
    )
    out = relative_to(texts, fetched)
    assert out.iloc[0] == pd.Timestamp("2024-09-04T12:00:00Z")
    assert out.iloc[1] == pd.Timestamp("2024-09-09T20:00:00Z")
    assert out.iloc[2] == pd.Timestamp("2024-09-07T12:00:00Z")
    assert out.iloc[3] == pd.Timestamp("2024-09-09T12:00:00Z")
    assert pd.isna(out.iloc[4])


def test_relative_date_without_fetch_time_stays_empty():
    out = relative_to(
        pd.Series(["il y a 6 jours"], dtype="str"), pd.Series([pd.NaT], dtype="datetime64[us, UTC]")
    )
    assert pd.isna(out.iloc[0])
