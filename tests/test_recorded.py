"""Tests of the recorded-dump reader (every shape) and of the import into the raw store."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from jobmarket import raw
from jobmarket.sources import recorded

FT = {"id": "101ABC", "intitule": "Soudeur (H/F)", "lieuTravail": {"libelle": "69 - LYON 03"}}
FT2 = {"id": "102ABC", "intitule": "Maçon", "romeCode": "F1703"}
AZ = {
    "__CLASS__": "Adzuna::API::Response::Job",
    "id": "555",
    "title": "Serveur",
    "redirect_url": "https://x",
}
AZ_PLAIN = {"id": "556", "title": "Cuisinier", "adref": "eyJ", "created": "2026-01-01T00:00:00Z"}
JS = {"job_id": "abc==", "job_title": "Data engineer", "employer_name": None}


def _dump(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode()


SHAPES = {
    "france_travail_response": (
        _dump({"resultats": [FT, FT2], "filtresPossibles": []}),
        ["france_travail"] * 2,
    ),
    "adzuna_response": (
        _dump(
            {
                "__CLASS__": "Adzuna::API::Response::JobSearchResults",
                "count": 2,
                "results": [AZ, AZ_PLAIN],
            }
        ),
        ["adzuna"] * 2,
    ),
    "jsearch_response": (_dump({"status": "OK", "request_id": "r", "data": [JS]}), ["jsearch"]),
    "bare_list_mixed": (_dump([FT, AZ, JS]), ["france_travail", "adzuna", "jsearch"]),
    "metadata_jobs_wrapper": (
        _dump({"metadata": {"api_source": "Adzuna"}, "jobs": [AZ]}),
        ["adzuna"],
    ),
    "nested_wrapper": (_dump({"run": {"data": {"offres": [FT]}}}), ["france_travail"]),
    "jsonl_offers": (
        b"\n".join(_dump(x) for x in (FT, FT, JS)) + b"\n",
        ["france_travail", "france_travail", "jsearch"],
    ),
    "jsonl_pages": (
        _dump({"resultats": [FT]}) + b"\n" + _dump({"results": [AZ]}),
        ["france_travail", "adzuna"],
    ),
    "list_of_pages": (_dump([{"resultats": [FT]}, {"data": [JS]}]), ["france_travail", "jsearch"]),
    "single_offer": (_dump(JS), ["jsearch"]),
    "utf8_bom": ("\ufeff".encode() + _dump([FT2]), ["france_travail"]),
}


@pytest.mark.parametrize("name", SHAPES)
def test_every_shape_is_read(name):
    body, sources = SHAPES[name]
    parsed = recorded.parse_bytes(body, name)
    assert parsed.error is None
    assert [s for _, s, _ in parsed.offers] == sources
    assert [i for i, _, _ in parsed.offers] == list(range(len(sources)))


@pytest.mark.parametrize(
    ("record", "source"),
    [(FT, "france_travail"), (FT2, "france_travail"), (AZ, "adzuna"), (AZ_PLAIN, "adzuna"), (JS, "jsearch"),
     ({"title": "x"}, None), ([1], None), ({"__CLASS__": "Adzuna::API::Response::JobSearchResults"}, None)],
)  # fmt: skip
def test_detect_source(record, source):
    assert recorded.detect_source(record) == source


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"resultats": [', "not JSON"),
        (b"", "empty file"),
        (b'{"metadata": {"n": 0}, "jobs": []}', "no job offer found"),
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (_dump(FT) + b"\n{broken\n", "JSON Lines broken at line 2"),
    ],
)
def test_unreadable_files_say_why(body, reason):
    parsed = recorded.parse_bytes(body, "dir/file.json")
    assert parsed.offers == []
    assert parsed.error.startswith("dir/file.json: ") and reason in parsed.error


def test_unknown_objects_are_counted():
    parsed = recorded.parse_bytes(_dump([FT, {"foo": 1}, {"bar": 2}]), "f.json")
    assert parsed.error is None and len(parsed.offers) == 1 and parsed.unknown == 2


def test_import_copies_as_received_and_run_reads_back(tmp_path):
    src = tmp_path / "recordings"
    (src / "deep" / "er").mkdir(parents=True)
    (src / "a.json").write_bytes(SHAPES["bare_list_mixed"][0])
    (src / "deep" / "er" / "pages.jsonl").write_bytes(SHAPES["jsonl_pages"][0])
    (src / "broken.json").write_bytes(b"{nope")
    (src / ".hidden.json").write_bytes(b"ignored")
    (src / "manifest.jsonl").write_bytes(SHAPES["jsonl_offers"][0])  # the store's own manifest name
    report = recorded.import_recorded(src, "imp1", tmp_path / "raw")
    assert report.files == 4
    assert report.offers == {"france_travail": 4, "adzuna": 2, "jsearch": 2}
    assert len(report.errors) == 1 and report.errors[0].startswith("broken.json: not JSON")
    copied = tmp_path / "raw" / "import" / "imp1"
    assert (copied / "deep" / "er" / "pages.jsonl").read_bytes() == SHAPES["jsonl_pages"][0]
    assert (copied / "broken.json").read_bytes() == b"{nope"
    offers = list(raw.iter_run_offers("imp1", tmp_path / "raw"))
    assert [(o.source, o.raw_ref) for o in offers] == [
        ("france_travail", "import/imp1/a.json#0"),
        ("adzuna", "import/imp1/a.json#1"),
        ("jsearch", "import/imp1/a.json#2"),
        ("france_travail", "import/imp1/deep/er/pages.jsonl#0"),
        ("adzuna", "import/imp1/deep/er/pages.jsonl#1"),
        ("france_travail", "import/imp1/recorded_manifest.jsonl#0"),
        ("france_travail", "import/imp1/recorded_manifest.jsonl#1"),
        ("jsearch", "import/imp1/recorded_manifest.jsonl#2"),
    ]
    again = recorded.import_recorded(src, "imp1", tmp_path / "raw")  # resume: nothing copied twice
    assert again.offers == report.offers
    assert len(list(raw.iter_run_offers("imp1", tmp_path / "raw"))) == 8


def test_missing_import_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        recorded.import_recorded(tmp_path / "nope", "r", tmp_path)


@pytest.mark.realdata
def test_realdata_accounts_for_every_distinct_offer(realdata_dir, tmp_path):
    report = recorded.import_recorded(realdata_dir, "real", tmp_path)
    assert report.errors == []
    expected = {"france_travail": 2570, "adzuna": 3511, "jsearch": 186}
    assert dict(report.distinct) == expected
    ids = defaultdict(set)
    for offer in raw.iter_run_offers("real", tmp_path):
        ids[offer.source].add(str(offer.record[recorded.ID_FIELDS[offer.source]]))
    assert {s: len(v) for s, v in ids.items()} == expected
    assert sum(1 for _ in recorded.iter_recorded(realdata_dir)) == sum(report.offers.values())
