"""Tests of the deterministic demo generator (formats, determinism, the mess of real data)."""

from __future__ import annotations

import json
import re
import statistics

import pytest

from jobmarket.sources import demo
from jobmarket.sources.demo_vocab import OCCUPATIONS

REALDATA_KEYS = {"france_travail": "resultats", "adzuna": "results", "jsearch": "data"}


@pytest.fixture(scope="module")
def pages() -> dict[str, list[dict]]:
    return {s: list(demo.generate_pages(s, 3000, seed=42)) for s in demo.PAGE_SIZES}


@pytest.fixture(scope="module")
def records(pages) -> dict[str, list[dict]]:
    return {s: [r for p in ps for r in demo.page_records(s, p)] for s, ps in pages.items()}


@pytest.mark.parametrize("n", [0, 1, 7, 3000, 1_000_001])
def test_source_shares_sum_to_n(n):
    shares = demo.source_shares(n)
    assert set(shares) == {"france_travail", "adzuna", "jsearch"}
    assert sum(shares.values()) == n
    assert all(v >= 0 for v in shares.values())


def test_default_split():
    assert demo.source_shares(3000) == {"france_travail": 1500, "adzuna": 1050, "jsearch": 450}


def test_page_shapes_and_sizes(pages):
    ft, az, js = pages["france_travail"], pages["adzuna"], pages["jsearch"]
    assert [len(p["resultats"]) for p in ft] == [150] * 10
    assert all(set(p) == {"resultats", "filtresPossibles"} for p in ft)
    assert [len(p["results"]) for p in az] == [50] * 21
    assert all(p["count"] == 1050 and "mean" in p for p in az)
    assert [len(p["data"]) for p in js] == [10] * 45
    assert all(p["status"] == "OK" and p["parameters"]["country"] == "fr" for p in js)
    assert [p["parameters"]["page"] for p in js] == list(range(1, 46))


def test_last_page_is_partial():
    ft = list(demo.generate_pages("france_travail", 1000, seed=1))  # 500 FT offers
    assert [len(p["resultats"]) for p in ft] == [150, 150, 150, 50]


def test_same_seed_same_offers_other_seed_other_offers(pages):
    again = list(demo.generate_pages("adzuna", 3000, seed=42))
    assert json.dumps(again) == json.dumps(pages["adzuna"])
    other = list(demo.generate_pages("adzuna", 3000, seed=43))
    assert json.dumps(other) != json.dumps(pages["adzuna"])


def test_ids_unique_per_source_at_scale():
    seen: dict[str, set] = {"france_travail": set(), "adzuna": set(), "jsearch": set()}
    keys = {"france_travail": "id", "adzuna": "id", "jsearch": "job_id"}
    for offer in demo.generate_raw_offers(20_000, seed=5):
        seen[offer.source].add(offer.record[keys[offer.source]])
    assert {s: len(v) for s, v in seen.items()} == demo.source_shares(20_000)


def test_raw_offers_refs_and_count():
    offers = list(demo.generate_raw_offers(400, seed=3))
    assert len(offers) == 400
    assert offers[0].raw_ref == "france_travail/demo-3/page_0001.json#0"
    assert offers[-1].raw_ref.startswith("jsearch/demo-3/page_")
    assert all(o.fetched_at and o.fetched_at.endswith("Z") for o in offers)


def test_unknown_source_is_refused():
    with pytest.raises(ValueError, match="unknown demo source 'pole_emploi'"):
        next(demo.generate_pages("pole_emploi", 10, 1))


def test_titles_carry_gender_suffixes(records):
    titles = [r.get("intitule") or "" for r in records["france_travail"]]
    for suffix in ("(H/F)", " H/F", "F/H", "(h/f)"):
        assert any(suffix in t for t in titles), suffix
    assert any(t and "H/F" not in t.upper() and "F/H" not in t.upper() for t in titles)


def test_salary_texts_in_all_forms(records):
    texts = [r["salaire"].get("libelle", "") for r in records["france_travail"]]
    assert any(re.match(r"Mensuel de \d+,\d\d Euros", t) for t in texts)
    assert any(re.match(r"Mensuel de \d+\.\d Euros", t) for t in texts)
    assert any(re.match(r"Annuel de \d+€ à \d+€", t) for t in texts)
    assert any(t.startswith("Annuel de") and "Euros à" in t for t in texts)
    assert any(re.match(r"Horaire de \d+[.,]\d\d Euros", t) for t in texts)
    assert 0.3 < sum(not t for t in texts) / len(texts) < 0.6  # many offers state no salary


def test_arrondissements_and_places(records):
    labels = {r["lieuTravail"]["libelle"] for r in records["france_travail"]}
    assert any(re.fullmatch(r"75 - PARIS \d\d", lab) for lab in labels)
    assert any(re.fullmatch(r"69 - Lyon \de Arrondissement", lab) for lab in labels)
    assert any(
        lab.startswith("13 - MARSEILLE ") or lab.startswith("13 - Marseille ") for lab in labels
    )
    assert "France" in labels
    communes = {r["lieuTravail"].get("commune") for r in records["france_travail"]}
    assert any(c and c.startswith("751") for c in communes)
    displays = {r["location"]["display_name"] for r in records["adzuna"]}
    assert any(d.endswith("Arrondissement, Paris") for d in displays)


def test_missing_companies_html_and_snippets(records):
    ft = records["france_travail"]
    assert 0.05 < sum("nom" not in r["entreprise"] for r in ft) / len(ft) < 0.3
    assert any("<p>" in r["description"] and "<li>" in r["description"] for r in ft)
    assert any(r["employer_name"] is None for r in records["jsearch"])
    snippets = [r["description"] for r in records["adzuna"]]
    assert all(s.endswith("…") and 400 < len(s) < 560 for s in snippets)
    assert any(r["salary_is_predicted"] == "1" for r in records["adzuna"])


def test_realistic_description_lengths(records):
    for source, key in (("france_travail", "description"), ("jsearch", "job_description")):
        median = statistics.median(len(r[key]) for r in records[source])
        assert 2000 < median < 3200, (source, median)


def test_jsearch_relative_dates_sometimes_only(records):
    js = records["jsearch"]
    assert all(r["job_posted_at"].startswith("il y a") for r in js)
    nulls = sum(r["job_posted_at_datetime_utc"] is None for r in js)
    assert 0 < nulls < len(js)
    assert all(r["job_country"] == "FR" for r in js)


def test_broken_records_for_quarantine():
    offers = list(demo.generate_raw_offers(20_000, seed=42))
    ft_broken = [o for o in offers if o.source == "france_travail" and not o.record.get("intitule")]
    az_broken = [o for o in offers if o.source == "adzuna" and "title" not in o.record]
    js_broken = [o for o in offers if o.source == "jsearch" and not o.record["job_title"]]
    assert ft_broken and az_broken and js_broken
    assert len(ft_broken) + len(az_broken) + len(js_broken) < 0.01 * len(offers)


def _norm(title: str) -> str:
    return re.sub(r"\s*[-(]?\s*[HFhf]/[HFhf]\)?\s*$", "", title).strip().lower()


def test_same_offer_in_two_sources(records):
    ft = {
        (_norm(r["intitule"]), r["entreprise"].get("nom"), r["lieuTravail"].get("codePostal"))
        for r in records["france_travail"]
        if r.get("intitule")
    }
    from jobmarket.sources.demo_records import PLACES  # postal code of the Adzuna coordinates

    by_coord = {(p.lat, p.lon): p.postal for p in PLACES}
    matches = [
        r
        for r in records["adzuna"]
        if r.get("title")
        and (
            _norm(r["title"]),
            r["company"].get("display_name"),
            by_coord.get((r.get("latitude"), r.get("longitude"))),
        )
        in ft
    ]
    assert len(matches) >= 20  # about 5 % of 1,050


def test_titles_match_rome_code(records):
    by_rome = {o.rome: o for o in OCCUPATIONS}
    for r in records["france_travail"]:
        occ = by_rome[r["romeCode"]]
        assert r["appellationlibelle"] == occ.appellation
        if r.get("intitule"):
            assert _norm(r["intitule"]) in {t.lower() for t in occ.titles}


@pytest.mark.realdata
def test_field_names_exist_in_real_data(records, realdata_dir):
    """Every field the generator writes is a field real recorded offers carry."""
    real_keys: dict[str, set] = {s: set() for s in REALDATA_KEYS}
    for path in realdata_dir.rglob("*"):
        if path.is_file() and path.parent.name in real_keys:
            text = path.read_text(encoding="utf-8")
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                data = [json.loads(line) for line in text.splitlines() if line.strip()]
            if isinstance(data, dict):
                data = next(
                    (
                        v
                        for v in data.values()
                        if isinstance(v, list) and v and isinstance(v[0], dict)
                    ),
                    [],
                )
            for item in data:
                real_keys[path.parent.name].update(item)
    for source, recs in records.items():
        demo_keys = set().union(*(r.keys() for r in recs))
        assert demo_keys <= real_keys[source], (source, demo_keys - real_keys[source])
