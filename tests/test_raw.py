"""Tests of the write-once raw store and of reading a run back."""

from __future__ import annotations

import hashlib
import json
import logging

import pytest

from jobmarket import raw
from jobmarket.raw import RawStore
from jobmarket.sources import demo

BODY = '{"resultats": [{"id": "1A", "intitule": "Maçon (H/F)"}, {"id": "2B"}], "filtresPossibles": []}'.encode()


def _save(store: RawStore, page: int = 1, body: bytes = BODY, **kw):
    args = dict(
        query="motsCles=maçon",
        query_key="k1",
        page=page,
        params={"motsCles": "maçon"},
        status=206,
        offers=2,
    )
    args.update(kw)
    return store.save(body, **args)


def test_save_keeps_bytes_and_writes_manifest(tmp_path):
    store = RawStore(tmp_path, "france_travail", "run1")
    entry = _save(store)
    path = tmp_path / "france_travail" / "run1" / "page_0001.json"
    assert path.read_bytes() == BODY
    line = json.loads((path.parent / "manifest.jsonl").read_text(encoding="utf-8"))
    assert line == entry
    assert line["sha256"] == hashlib.sha256(BODY).hexdigest()
    assert (line["page"], line["status"], line["offers"], line["query"]) == (
        1,
        206,
        2,
        "motsCles=maçon",
    )
    assert line["fetched_at"].endswith("Z")


def test_pages_are_never_rewritten_and_resume_finds_them(tmp_path):
    store = RawStore(tmp_path, "adzuna", "run1")
    _save(store, 1)
    _save(store, 2, body=b'{"results": []}')
    with pytest.raises(FileExistsError, match="page 1"):
        _save(store, 1, body=b"other")
    again = RawStore(tmp_path, "adzuna", "run1")  # a new process on the same run
    assert again.find("k1", 2)["file"] == "page_0002.json"
    assert again.read(again.find("k1", 1)) == BODY
    assert again.find("k1", 3) is None
    assert [e["page"] for e in again.entries] == [1, 2]
    (tmp_path / "adzuna" / "run1" / "page_0003.json").write_bytes(
        b"stray"
    )  # crash before the manifest
    assert _save(again, 3)["file"] == "page_0004.json"
    assert (tmp_path / "adzuna" / "run1" / "page_0003.json").read_bytes() == b"stray"
    with pytest.raises(FileExistsError, match="never rewritten"):
        _save(again, 4, name="page_0002.json")
    with pytest.raises(FileExistsError, match="never rewritten"):
        _save(again, 5, name="manifest.jsonl")


def test_secrets_are_scrubbed_from_the_manifest(tmp_path):
    store = RawStore(tmp_path, "adzuna", "run1", secrets=["s3cr3tK3y"])
    _save(store, params={"what": "data", "note": "key s3cr3tK3y leaked"})
    text = (tmp_path / "adzuna" / "run1" / "manifest.jsonl").read_text(encoding="utf-8")
    assert "s3cr3tK3y" not in text and "***" in text


@pytest.mark.parametrize("bad", ["", "../up", ".hidden", "a/b"])
def test_invalid_run_id(tmp_path, bad):
    with pytest.raises(ValueError, match="invalid run_id"):
        RawStore(tmp_path, "adzuna", bad)


def test_iter_run_offers_reads_every_source(tmp_path):
    for source in demo.PAGE_SIZES:
        store = RawStore(tmp_path, source, "r1")
        for page_no, page in enumerate(demo.generate_pages(source, 500, seed=9), start=1):
            body = json.dumps(page, ensure_ascii=False).encode()
            n = len(demo.page_records(source, page))
            store.save(
                body, query="demo", query_key="demo", page=page_no, params={}, status=200, offers=n
            )
    offers = list(raw.iter_run_offers("r1", tmp_path))
    assert len(offers) == 500
    assert {o.source for o in offers} == {"france_travail", "adzuna", "jsearch"}
    expected = list(demo.generate_raw_offers(500, seed=9))
    assert [o.record for o in offers] == [o.record for o in expected]
    assert offers[151].raw_ref == "france_travail/r1/page_0002.json#1"
    assert all(o.fetched_at for o in offers)
    assert list(raw.iter_run_offers("other-run", tmp_path)) == []


def test_unreadable_page_is_reported_and_skipped(tmp_path, caplog):
    store = RawStore(tmp_path, "jsearch", "r1")
    store.save(
        b'{"status": "OK", "data": [{"job_id": "x"}]}',
        query="q",
        query_key="q",
        page=1,
        params={},
        status=200,
        offers=1,
    )
    store.save(
        b'{"status": "OK", "data": [',
        query="q",
        query_key="q",
        page=2,
        params={},
        status=200,
        offers=0,
    )
    with caplog.at_level(logging.WARNING):
        offers = list(raw.iter_run_offers("r1", tmp_path))
    assert [o.record["job_id"] for o in offers] == ["x"]
    assert "jsearch/r1/page_0002.json" in caplog.text
