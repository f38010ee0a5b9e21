"""The index on disk: save, memory-mapped open, versioned rebuilds, reload while searching."""

from __future__ import annotations

import threading

import numpy as np
import pandas as pd
import pytest
from search_fixtures import offers_frame

from jobmarket.search.engine import SearchEngine
from jobmarket.search.index import build_from_warehouse, build_index, build_versioned, open_index


def test_saved_index_opens_memory_mapped_and_ranks_the_same(tmp_path):
    built = build_index(offers_frame())
    built.save(tmp_path / "idx")
    opened = open_index(tmp_path / "idx")
    assert isinstance(opened.csc_data.base, np.memmap)  # mapped from disk, not read
    assert isinstance(opened.terms.base, np.memmap)
    assert not opened.csc_indices.flags.writeable
    assert opened.n_offers == 8
    assert opened.meta["offers"] == 8
    for query in ("data analyst", "chauffeur", "python développeur"):
        a = SearchEngine(built).search(query)
        b = SearchEngine(opened).search(query)
        assert a["offer_id"].tolist() == b["offer_id"].tolist()
        assert np.allclose(a["score"], b["score"])


def test_open_without_index_names_the_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="meta.json"):
        open_index(tmp_path)


def test_offers_missing_optional_columns_are_indexed():
    offers = pd.DataFrame(
        {"offer_id": [10, 11], "title": ["Boulanger", None], "description": [None, "pain"]}
    )
    engine = SearchEngine(build_index(offers))
    assert engine.search("boulangers")["offer_id"].tolist() == [10]
    assert engine.search("pain")["offer_id"].tolist() == [11]


def test_empty_offers_give_an_empty_index(tmp_path):
    empty = offers_frame().iloc[:0]
    build_index(empty).save(tmp_path / "e")
    engine = SearchEngine(open_index(tmp_path / "e"))
    assert engine.search("data").empty
    assert engine.search("").empty


def test_versioned_build_is_skipped_while_the_version_holds(tmp_path):
    calls = []

    def load(frame):
        def loader():
            calls.append(len(frame))
            return frame

        return loader

    first = build_versioned(tmp_path, "v1", load(offers_frame()))
    again = build_versioned(tmp_path, "v1", load(offers_frame()))
    assert first == again and calls == [8]
    smaller = offers_frame().query("source != 'adzuna'")
    second = build_versioned(tmp_path, "v2", load(smaller))
    assert second != first and calls == [8, 6]
    assert open_index(tmp_path).n_offers == 6
    assert open_index(tmp_path).meta["data_version"] == "v2"


def test_reload_swaps_the_index_while_searches_go_on(tmp_path):
    build_versioned(tmp_path, "v1", offers_frame)
    engine = SearchEngine.from_directory(tmp_path)
    assert 2 in engine.search("python")["offer_id"].tolist()
    errors: list[BaseException] = []
    stop = threading.Event()

    def search_forever():
        try:
            while not stop.is_set():
                engine.search("python développeur", k=5)
                engine.similar(1, k=3)
        except BaseException as error:  # noqa: BLE001 - any failure must fail the test
            errors.append(error)

    worker = threading.Thread(target=search_forever)
    worker.start()
    try:
        for version in range(5):
            without_adzuna = offers_frame().query("source != 'adzuna'")
            frame = without_adzuna if version % 2 == 0 else offers_frame()
            build_versioned(tmp_path, f"v{version + 2}", lambda f=frame: f)
            engine.reload()
    finally:
        stop.set()
        worker.join()
    assert not errors
    assert 2 not in engine.search("python")["offer_id"].tolist()  # the last build had no Adzuna


def test_warehouse_index_is_rebuilt_only_after_a_load_changed_offers(engine, tmp_path):
    from jobmarket.clean import clean
    from jobmarket.sources import demo
    from jobmarket.warehouse import load, migrate

    migrate.migrate(engine)
    offers, _ = clean(demo.generate_raw_offers(120, seed=3))
    load.load_offers(engine, offers.iloc[:80], "run-1")
    first = build_from_warehouse(engine, tmp_path)
    assert open_index(tmp_path).n_offers == 80
    assert build_from_warehouse(engine, tmp_path) == first  # nothing loaded: cache kept
    load.load_offers(engine, offers.iloc[:80], "run-2")  # the same offers: no change
    assert build_from_warehouse(engine, tmp_path) == first
    load.load_offers(engine, offers, "run-3")
    second = build_from_warehouse(engine, tmp_path)
    assert second != first
    assert open_index(tmp_path).n_offers == len(offers)


def test_counting_in_chunks_gives_the_same_index(monkeypatch):
    from jobmarket.search import counting, vectorize

    whole = build_index(offers_frame())
    monkeypatch.setattr(counting, "COUNT_CHUNK", 3)
    monkeypatch.setattr(vectorize, "ROW_BLOCK", 2)
    chunked = build_index(offers_frame())
    for query in ("data analyst", "chauffeur livreur", "python", "toulouse"):
        a, b = SearchEngine(whole).search(query), SearchEngine(chunked).search(query)
        assert a["offer_id"].tolist() == b["offer_id"].tolist()
        assert np.allclose(a["score"], b["score"], atol=1e-6)
