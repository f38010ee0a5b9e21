"""validate_offers and prepare_offers: pure checks, keys and hashes (no database)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from warehouse_fixtures import offer, offers_table, small_market

from jobmarket.warehouse.prepare import location_keys, prepare_offers
from jobmarket.warehouse.validate import validate_offers


@pytest.mark.parametrize(
    ("values", "field", "reason"),
    [
        ({"title": "a\x00b"}, "title", "NUL byte"),
        ({"company": "C" * 301}, "company", "longer than 300"),
        ({"departement": "975000"}, "departement", "longer than 5"),
        ({"salary_min": -5.0}, "salary_min", "out of range"),
        ({"salary_max": np.inf}, "salary_max", "not a finite number"),
        ({"salary_min": "beaucoup"}, "salary_min", "not a number"),
        ({"longitude": 181.0}, "longitude", "out of range"),
        ({"full_time": "peut-être"}, "full_time", "not a boolean"),
        ({"skills": ["ok", "bad\x00"]}, "skills", "NUL byte in a skill"),
        ({"title": "   "}, "title", "missing"),
        ({"source": "indeed"}, "source", "unknown source"),
    ],
)
def test_each_kind_of_bad_row_is_quarantined_with_field_and_reason(values, field, reason):
    rows = [offer("adzuna", "ok"), {**offer("adzuna", "bad"), **values}]
    frame = pd.DataFrame(rows)
    typed, quarantined = validate_offers(frame)
    assert list(typed["external_id"]) == ["ok"]
    assert quarantined.loc[0, "field"] == field
    assert reason in quarantined.loc[0, "reason"]
    assert quarantined.loc[0, "stage"] == "load"
    assert json.loads(quarantined.loc[0, "raw"])["external_id"] == "bad"


def test_missing_key_column_is_a_clear_error():
    with pytest.raises(ValueError, match="external_id"):
        validate_offers(pd.DataFrame({"source": ["adzuna"]}))


def test_repeated_key_keeps_the_last_row():
    frame = offers_table([offer("adzuna", "A", title="old"), offer("adzuna", "A", title="new")])
    typed, quarantined = validate_offers(frame)
    assert list(typed["title"]) == ["new"]
    assert "repeated" in quarantined.loc[0, "reason"]


def test_types_follow_the_schema_and_missing_columns_become_null():
    frame = small_market().drop(columns=["salary_flag", "appellation"])
    frame["postal_code"] = [75015, 69003, 13001, 75015, 75015, None]  # ints from a careless reader
    typed, quarantined = validate_offers(frame)
    assert quarantined.empty and len(typed) == len(frame)
    assert typed["salary_flag"].isna().all() and typed["appellation"].isna().all()
    assert typed.loc[0, "postal_code"] == "75015"
    assert str(typed["created_at"].dtype) == "datetime64[us, UTC]"
    assert typed.loc[5, "skills"] == ["Python", "Spark"]


def test_content_hash_ignores_where_and_when_fetched_but_sees_any_content_change():
    base = prepare_offers(validate_offers(small_market())[0])
    moved = small_market().assign(
        raw_ref="other/run#9", fetched_at=pd.Timestamp("2030-01-01", tz="UTC")
    )
    assert (prepare_offers(validate_offers(moved)[0])["content_hash"] == base["content_hash"]).all()
    for column, value in [("salary_max", 99999.0), ("skills", ["Rust"]), ("description", "autre")]:
        changed = small_market()
        changed.at[1, column] = value
        hashes = prepare_offers(validate_offers(changed)[0])["content_hash"]
        assert (hashes != base["content_hash"]).tolist() == [
            False,
            True,
            False,
            False,
            False,
            False,
        ]
    text_changed = small_market()
    text_changed.at[1, "salary_max"] = 99999.0
    assert (
        prepare_offers(validate_offers(text_changed)[0])["text_hash"] == base["text_hash"]
    ).all()


def test_location_key_prefers_the_commune_then_departement_then_label():
    frame = pd.DataFrame(
        {"commune_code": ["75115", None, None, None], "departement": ["75", "69", None, None],
         "location_label": ["Paris", "Lyon ", "Remote, US", None],
         "country": ["France", "France", "United States", None]}
    ).astype("string[pyarrow]")  # fmt: skip
    assert location_keys(frame).tolist() == [
        "c:75115",
        "d:69|lyon",
        "l:remote, us|united states",
        pd.NA,
    ]
