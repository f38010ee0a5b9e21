"""Snapshots within a source and links between sources."""

from __future__ import annotations

import pandas as pd

from jobmarket.clean.dedup import latest_snapshots, link_duplicates


def _row(
    source, id_, title, company="acme", commune="69383", dep="69", label="Lyon", contract="other"
):
    return {"source": source, "external_id": id_, "title_clean": title, "company_key": company,
            "commune_code": commune, "departement": dep, "location_label": label, "contract_type": contract}  # fmt: skip


def test_latest_snapshot_by_update_then_fetch_then_order():
    t = pd.to_datetime
    frame = pd.DataFrame({
        "source": ["ft", "ft", "ft", "az", "az"], "external_id": ["1", "1", "1", "9", "9"],
        "updated_at": t(["2024-01-02", "2024-01-03", "2024-01-01", None, None], utc=True),
        "fetched_at": t(["2024-02-01", "2024-01-01", "2024-03-01", "2024-01-01", "2024-01-01"], utc=True),
        "raw_ref": ["a", "b", "c", "d", "e"],
    })  # fmt: skip
    assert latest_snapshots(frame)["raw_ref"].tolist() == ["b", "e"]


def test_cross_source_duplicates_are_linked_not_merged():
    frame = pd.DataFrame([
        _row("france_travail", "1", "Data Engineer"),
        _row("adzuna", "7", "Data engineer"),
        _row("jsearch", "x", "Data Engineer"),
        _row("adzuna", "8", "Comptable"),  # same company and place, another job
        _row("france_travail", "2", "Data Engineer", company="other"),  # another company
        _row("adzuna", "9", "Data Engineer", commune=None, dep="75", label="Paris"),  # another place
    ])  # fmt: skip
    out = link_duplicates(frame)
    assert len(out) == len(frame)
    groups = out["duplicate_group"].tolist()
    assert groups[:3] == ["adzuna:7"] * 3
    assert all(pd.isna(g) for g in groups[3:])
    assert out["duplicate_confidence"].iloc[:3].tolist() == [1.0, 1.0, 1.0]


def test_unsure_titles_are_not_linked_and_same_source_never_links():
    frame = pd.DataFrame([
        _row("france_travail", "1", "Data Engineer"),
        _row("adzuna", "7", "Data Analyst"),
        _row("france_travail", "2", "Data Engineer"),
    ])  # fmt: skip
    assert link_duplicates(frame)["duplicate_group"].isna().all()


def test_department_only_match_weighs_less():
    frame = pd.DataFrame([
        _row("france_travail", "1", "Data Engineer", commune=None),
        _row("adzuna", "7", "Data Engineer", commune=None),
    ])  # fmt: skip
    out = link_duplicates(frame)
    assert out["duplicate_confidence"].tolist() == [0.97, 0.97]


def test_real_data_has_some_cross_source_groups(realdata_dir):
    from jobmarket.clean import clean
    from jobmarket.sources.recorded import iter_recorded

    raw = [
        o for s in ("france_travail", "adzuna", "jsearch") for o in iter_recorded(realdata_dir / s)
    ]
    offers, _ = clean(raw)
    linked = offers[offers["duplicate_group"].notna()]
    assert linked.groupby("duplicate_group")["source"].nunique().ge(2).all()
    assert linked["url"].notna().all()


def test_conflicting_contracts_and_extra_words_are_not_linked():
    frame = pd.DataFrame([
        _row("france_travail", "1", "Data Analyst", contract="CDI"),
        _row("adzuna", "7", "Data Analyst", contract="stage"),
        _row("jsearch", "x", "Stagiaire Data Analyst Direction Commerciale"),
    ])  # fmt: skip
    assert link_duplicates(frame)["duplicate_group"].isna().all()
