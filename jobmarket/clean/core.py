"""The cleaning step: raw offers in, (unified offer table, quarantine) out.

Order matters for speed: ids and dates first, then the latest snapshot per id, and only
then the costly text, place, salary and skill work on the rows that remain.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import pandas as pd

from jobmarket.clean import contracts, dates, dedup, mapping, places, salary, skills, text
from jobmarket.clean.validate import quarantine_frame, raw_json, schema_failures
from jobmarket.raw import RawOffer

REMOTE = "remote"
OFFER_COLUMNS = [
    "source", "external_id", "title", "title_clean", "company", "company_key", "description",
    "description_is_snippet", "location_label", "commune_code", "postal_code", "departement",
    "region", "latitude", "longitude", "country", "contract_type", "contract_raw", "full_time",
    "remote", "salary_min", "salary_max", "salary_raw", "salary_is_estimated", "salary_flag",
    "experience", "skills", "rome_code", "appellation", "sector", "created_at", "updated_at",
    "url", "fetched_at", "raw_ref", "duplicate_group", "duplicate_confidence",
]  # fmt: skip


def _split(raw_offers: Iterable[RawOffer]) -> tuple[pd.DataFrame, list, list[dict]]:
    """Staging frame of every usable record, the records themselves, and early quarantine rows."""
    by_source: dict[str, tuple[list, list, list]] = {}
    rejected = []
    for offer in raw_offers:
        if offer.source not in mapping.MAPPERS or not isinstance(offer.record, dict):
            reason = (
                "unknown source"
                if offer.source not in mapping.MAPPERS
                else "record is not a JSON object"
            )
            rejected.append(
                {
                    "source": offer.source,
                    "raw_ref": offer.raw_ref,
                    "field": "record",
                    "reason": reason,
                    "raw": raw_json(offer.record),
                }
            )
            continue
        records, refs, fetched = by_source.setdefault(offer.source, ([], [], []))
        records.append(offer.record)
        refs.append(offer.raw_ref)
        fetched.append(offer.fetched_at)
    frames, all_records = [], []
    for source, (records, refs, fetched) in by_source.items():
        frame = mapping.staging_frame(source, records)
        frame.insert(0, "source", source)
        frame["raw_ref"] = pd.Series(refs, dtype="str")
        frame["fetched_raw"] = pd.Series(fetched, dtype="str")
        frames.append(frame)
        all_records.extend(records)
    staging = (
        pd.concat(frames, ignore_index=True)
        if frames
        else mapping.staging_frame("adzuna", []).assign(source=None, raw_ref=None, fetched_raw=None)
    )
    return staging, all_records, rejected


def _reject(
    frame: pd.DataFrame, mask: pd.Series, records: list, field: str, reason: str
) -> list[dict]:
    rows = frame[mask]
    return [
        {
            "source": s,
            "external_id": e,
            "raw_ref": r,
            "field": field,
            "reason": reason,
            "raw": raw_json(records[i]),
        }
        for i, s, e, r in zip(
            rows.index, rows["source"], rows["external_id"], rows["raw_ref"], strict=True
        )
    ]


def _dates(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """created_at, updated_at, fetched_at (UTC) and the mask of rows with an unreadable date."""
    fetched, bad_fetched = dates.to_utc(frame["fetched_raw"])
    created, bad_created = dates.to_utc(frame["created_raw"])
    updated, bad_updated = dates.to_utc(frame["updated_raw"])
    if frame["created_epoch"].notna().any():
        created = created.fillna(dates.epoch_to_utc(frame["created_epoch"]))
    relative = created.isna() & frame["posted_relative"].notna()
    if relative.any():  # only JSearch's undated records: the column is mostly empty
        created = created.fillna(
            dates.relative_to(frame["posted_relative"][relative], fetched[relative])
        )
    out = frame.assign(created_at=created, updated_at=updated.fillna(created), fetched_at=fetched)
    return out, pd.DataFrame(
        {"created_at": bad_created, "updated_at": bad_updated, "fetched_at": bad_fetched}
    )


def _normalise(frame: pd.DataFrame, ref: places.Referential) -> pd.DataFrame:
    """Unified columns of the deduplicated rows."""
    out = pd.DataFrame(index=frame.index)
    for column in ["source", "external_id", "title", "company", "latitude", "longitude", "country", "experience",
                   "rome_code", "appellation", "sector", "created_at", "updated_at", "url", "fetched_at",
                   "raw_ref", "description_is_snippet", "salary_is_estimated"]:  # fmt: skip
        out[column] = frame[column]
    out["title_clean"] = text.clean_title(frame["title"])
    out["company_key"] = text.company_key(frame["company"])
    out["description"] = text.plain_text(frame["description"])
    out["location_label"] = frame["loc_label"]
    out = out.join(places.resolve_places(frame, ref))
    out["contract_raw"] = frame["contract_label"].fillna(frame["contract_code"])
    out["contract_type"] = contracts.contract_type(
        frame["contract_code"], frame["contract_label"], frame["contract_nature"], frame["title"]
    )
    out["full_time"] = contracts.full_time(frame["time_label"])
    out["skills"], remote_found = _phrases(frame, out["description"])
    out["remote"] = contracts.remote(frame["remote_flag"], remote_found)
    out = out.join(_salaries(frame))
    return out


def _phrases(frame: pd.DataFrame, descriptions: pd.Series) -> tuple[pd.Series, list[set[str]]]:
    """Skills (competences, title and description) and remote labels, one scan per text."""
    tags = {f"{REMOTE}={label}": label for label in set(contracts.REMOTE_PHRASES.values())}
    matcher = skills.build_matcher(
        tuple((form, f"{REMOTE}={label}") for form, label in contracts.REMOTE_PHRASES.items())
    )
    in_text = skills.scan(descriptions.tolist(), matcher)
    titles = frame["title"].astype(object).where(frame["title"].notna(), None).tolist()
    distinct = pd.unique(pd.Series([t for t in titles if t is not None], dtype=object))
    by_title = dict(zip(distinct, skills.scan(distinct, matcher), strict=True))
    remote_tags, no_tags = frozenset(tags), frozenset()
    found_skills, found_remote = [], []
    for hits, title, competences in zip(in_text, titles, frame["competences"], strict=True):
        extra = by_title.get(title)
        if extra:
            hits |= extra  # `hits` is this offer's own set; the title's set is shared
        if hits.isdisjoint(remote_tags):
            found_remote.append(no_tags)
        else:
            remote = hits & remote_tags
            hits -= remote
            found_remote.append({tags[t] for t in remote})
        if competences:
            hits.update(competences)
        found_skills.append(sorted(hits))
    return pd.Series(found_skills, index=frame.index, dtype=object), found_remote


def _salaries(frame: pd.DataFrame) -> pd.DataFrame:
    """salary_min/max/flag/raw from the text when given, else from the numbers."""
    from_text = salary.salaries_from_text(frame["salary_text"])
    from_numbers = salary.salaries_from_numbers(
        frame["salary_lo"], frame["salary_hi"], frame["salary_period"], frame["salary_currency"]
    )
    use_numbers = frame["salary_lo"].notna() | frame["salary_hi"].notna()
    out = from_text.mask(use_numbers, from_numbers)
    lo = frame["salary_lo"].map("{:g}".format, na_action="ignore").astype("str")
    hi = frame["salary_hi"].map("{:g}".format, na_action="ignore").astype("str")
    numbers_raw = (lo + " - " + hi).where(lo != hi, lo).fillna(lo).fillna(hi)
    out["salary_raw"] = frame["salary_text"].fillna(numbers_raw)
    return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: with a million raw records alive, each of its
    full passes walks them all while the step allocates millions of short-lived lists."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clean(
    raw_offers: Iterable[RawOffer], communes: pd.DataFrame | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Clean raw offers into (offers, quarantine) as docs/architecture.md defines them.

    Args:
        raw_offers: offers as received (any order; snapshots of one id may repeat).
        communes: La Poste communes table (`places.load_communes()`); None loads it when
            available, an empty DataFrame disables commune resolution.
    """
    with _gc_paused():
        return _clean(raw_offers, communes)


def _clean(
    raw_offers: Iterable[RawOffer], communes: pd.DataFrame | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    staging, records, rejected = _split(raw_offers)
    staging = staging.reset_index(drop=True)
    no_id = staging["external_id"].isna() | (staging["external_id"].str.strip() == "")
    if no_id.any():
        rejected += _reject(staging, no_id, records, "external_id", "missing id")
        staging = staging[~no_id]
    staging, bad_dates = _dates(staging)
    staging = dedup.latest_snapshots(staging)
    bad_dates = bad_dates.loc[staging.index]
    bad_any = bad_dates.any(axis=1)
    first_bad = bad_dates[bad_any].idxmax(axis=1)
    for field in first_bad.unique():
        mask = staging.index.isin(first_bad.index[first_bad == field])
        rejected += _reject(
            staging, mask, records, field, f"unreadable {field.removesuffix('_at')} date"
        )
    no_title = text.clean_title(staging["title"]).isna() & ~bad_any
    rejected += _reject(staging, no_title, records, "title", "missing title")
    if (bad_any | no_title).any():
        staging = staging[~(bad_any | no_title)]
    ref = places.build_referential(places.load_communes() if communes is None else communes)
    offers = _normalise(staging, ref)
    failures = schema_failures(offers)
    for field, group in failures.groupby("field"):
        for reason, part in group.groupby("reason"):
            rejected += _reject(staging, staging.index.isin(part["index"]), records, field, reason)
    if len(failures):
        offers = offers.drop(index=failures["index"].to_numpy())
    offers = dedup.link_duplicates(offers)
    offers = offers[OFFER_COLUMNS].reset_index(drop=True)
    quarantine = quarantine_frame(rejected).assign(stage="clean")
    return offers, quarantine


def counts_by_source(offers: pd.DataFrame, quarantine: pd.DataFrame) -> dict[str, dict[str, int]]:
    """{source: {"cleaned": n, "quarantined": n}} with distinct ids counted once."""
    cleaned = offers.groupby("source").size()
    quarantined = (
        quarantine.drop_duplicates(["source", "external_id", "raw_ref"]).groupby("source").size()
    )
    sources = sorted(set(cleaned.index) | set(quarantined.index))
    return {
        s: {"cleaned": int(cleaned.get(s, 0)), "quarantined": int(quarantined.get(s, 0))}
        for s in sources
    }
