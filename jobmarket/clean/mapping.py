"""Per-source field mapping: API records become one staging frame with the same columns.

One list comprehension per field over the records of a source (no per-row DataFrame work);
the values stay as received, later modules normalise them column by column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa

STAGING_COLUMNS = [
    "external_id", "title", "company", "description", "description_is_snippet", "loc_label",
    "loc_commune", "loc_postal", "loc_city", "loc_dep", "loc_dep_name", "loc_region_name", "country",
    "latitude", "longitude", "contract_code", "contract_label", "contract_nature", "time_label",
    "remote_flag", "salary_text", "salary_lo", "salary_hi", "salary_period", "salary_currency",
    "salary_is_estimated", "experience", "competences", "rome_code", "appellation", "sector",
    "created_raw", "updated_raw", "created_epoch", "posted_relative", "url",
]  # fmt: skip
FRANCE_TRAVAIL_OFFER_URL = "https://candidat.francetravail.fr/offres/recherche/detail/{}"
_COUNTRY_NAMES = {
    "france": "FR", "us": "US", "usa": "US", "united states": "US", "deutschland": "DE",
    "allemagne": "DE", "uk": "GB", "united kingdom": "GB", "royaume-uni": "GB", "luxembourg": "LU",
    "suisse": "CH", "belgique": "BE", "monaco": "MC", "principaute de monaco": "MC", "canada": "CA",
    "quebec": "CA", "espagne": "ES", "italie": "IT", "pays-bas": "NL", "nederland": "NL",
}  # fmt: skip
_ADZUNA_DOMAINS = {
    "fr": "FR",
    "de": "DE",
    "com": "US",
    "co.uk": "GB",
    "nl": "NL",
    "be": "BE",
    "ch": "CH",
}


def _columns(records: Sequence[Any], keys: Sequence[str]) -> dict[str, list[Any]]:
    """Top-level values of `keys`, one list per key (None where missing; records are dicts).

    Each record is read once for all its keys: with a million records, reading them once per
    key costs a cache miss per (record, key).
    """
    if not records:
        return {key: [] for key in keys}
    rows = [tuple(map(r.get, keys)) for r in records]
    return dict(zip(keys, map(list, zip(*rows, strict=True)), strict=True))


def _get(columns: dict[str, list[Any]], *path: str) -> list[Any]:
    """Values at a nested path of prefetched columns, None where a level is missing."""
    return _nested(columns[path[0]], *path[1:])


def _nested(values: list[Any], *path: str) -> list[Any]:
    """Values at a nested path under each value, None where a level is not an object."""
    for key in path:
        values = [v.get(key) if type(v) is dict else None for v in values]
    return values


def _text(values: list[Any]) -> list[str | None]:
    """Scalars as text; None, empty strings, objects and lists as None."""
    return [
        v
        if type(v) is str and v
        else None
        if v is None or v == "" or isinstance(v, dict | list)
        else str(v)
        for v in values
    ]


def _col(values: list[Any], dtype: Any = "str") -> pd.Series:
    texts = _text(values)
    if dtype == "str":
        # Arrow builds the column from str/None directly; pandas' own path first checks
        # and converts each value in Python (three times slower for a million rows).
        try:
            array = pa.array(texts, type=pa.large_string())
        except (pa.ArrowException, UnicodeError):  # e.g. lone surrogates: pandas' way
            return pd.Series(texts, dtype="str")
        return pd.Series(pd.arrays.ArrowStringArray(array), dtype="str")
    return pd.Series(texts, dtype=dtype)


_FRANCE_TRAVAIL_KEYS = tuple(
    "appellationlibelle competences dateActualisation dateCreation description "
    "dureeTravailLibelle dureeTravailLibelleConverti entreprise experienceLibelle id "
    "intitule lieuTravail natureContrat origineOffre pays romeCode salaire "
    "secteurActiviteLibelle typeContrat typeContratLibelle".split()
)
_ADZUNA_KEYS = tuple(
    "category company contract_time contract_type created description id latitude "
    "location longitude redirect_url salary_is_predicted salary_max salary_min title".split()
)
_JSEARCH_KEYS = tuple(
    "employer_company_type employer_name job_apply_link job_city job_country "
    "job_description job_employment_type job_employment_types job_google_link job_id "
    "job_is_remote job_latitude job_location job_longitude job_max_salary job_min_salary "
    "job_naics_name job_posted_at job_posted_at_datetime_utc job_posted_at_timestamp "
    "job_required_experience job_salary job_salary_currency job_salary_period job_state "
    "job_title".split()
)


def _country_code(name: str | None) -> str | None:
    if not name:
        return None
    key = name.strip().lower().replace("é", "e")
    return _COUNTRY_NAMES.get(key, name.upper() if len(name) == 2 else None)


_FT_CODED = re.compile(r"^\s*(\d{2,3}|2[AB])\s*-\s*(.*?)\s*$")
_FT_FOREIGN = re.compile(
    r"(?i)^(luxembourg|suisse|belgique|principauté de monaco|monaco|québec|canada|allemagne|espagne|italie)"
)


def _france_travail_place(label: str | None, pays: str | None) -> tuple[str | None, ...]:
    """(département code, city, region-only label, country) of a `lieuTravail.libelle`."""
    if not label:
        return None, None, None, _country_code(pays) or "FR"
    coded = _FT_CODED.match(label)
    if coded:
        return coded.group(1), coded.group(2) or None, None, _country_code(pays) or "FR"
    foreign = _FT_FOREIGN.match(label)
    if foreign:
        return None, None, None, _country_code(foreign.group(1))
    region = label if label.strip().lower() != "france" else None
    return None, None, region, _country_code(pays) or "FR"


def france_travail(records: Sequence[dict]) -> pd.DataFrame:
    """Staging columns of France Travail "Offres d'emploi v2" records."""
    fields = _columns(records, _FRANCE_TRAVAIL_KEYS)
    places = _get(fields, "lieuTravail")
    labels = _text(_nested(places, "libelle"))
    pays = _text(_get(fields, "pays"))
    # Place labels repeat: each distinct (label, pays) is read once.
    table = {key: _france_travail_place(*key) for key in set(zip(labels, pays, strict=True))}
    parsed = pd.DataFrame(
        [table[key] for key in zip(labels, pays, strict=True)],
        columns=["dep", "city", "region", "country"],
        dtype="str",
    )
    label = pd.Series(labels, dtype="str")
    ids = _text(_get(fields, "id"))
    return pd.DataFrame({
        "external_id": ids,
        "title": _col(_get(fields, "intitule")),
        "company": _col(_get(fields, "entreprise", "nom")),
        "description": _col(_get(fields, "description"), object),
        "description_is_snippet": False,
        "loc_label": label,
        "loc_commune": _col(_nested(places, "commune")),
        "loc_postal": _col(_nested(places, "codePostal")),
        "loc_city": parsed["city"],
        "loc_dep": parsed["dep"],
        "loc_region_name": parsed["region"],
        "country": parsed["country"],
        "latitude": _nested(places, "latitude"),
        "longitude": _nested(places, "longitude"),
        "contract_code": _col(_get(fields, "typeContrat")),
        "contract_label": _col(_get(fields, "typeContratLibelle")),
        "contract_nature": _col(_get(fields, "natureContrat")),
        "time_label": _col([c or d for c, d in zip(_get(fields, "dureeTravailLibelleConverti"), _get(fields, "dureeTravailLibelle"), strict=True)]),
        "salary_text": _col([s.get("libelle") or s.get("commentaire") if isinstance(s, dict) else None for s in _get(fields, "salaire")]),
        "experience": _col(_get(fields, "experienceLibelle")),
        "competences": [[c.get("libelle") for c in cs if isinstance(c, dict) and c.get("libelle")] if isinstance(cs, list) else [] for cs in _get(fields, "competences")],
        "rome_code": _col(_get(fields, "romeCode")),
        "appellation": _col(_get(fields, "appellationlibelle")),
        "sector": _col(_get(fields, "secteurActiviteLibelle")),
        "created_raw": _col(_get(fields, "dateCreation")),
        "updated_raw": _col(_get(fields, "dateActualisation")),
        "url": _col([u or (FRANCE_TRAVAIL_OFFER_URL.format(i) if i else None) for u, i in zip(_get(fields, "origineOffre", "urlOrigine"), ids, strict=True)]),
    })  # fmt: skip


def adzuna(records: Sequence[dict]) -> pd.DataFrame:
    """Staging columns of Adzuna search results."""
    fields = _columns(records, _ADZUNA_KEYS)
    areas = [a if isinstance(a, list) else [] for a in _get(fields, "location", "area")]
    display = _text(_get(fields, "location", "display_name"))
    urls = _text(_get(fields, "redirect_url"))
    domains = [
        _ADZUNA_DOMAINS.get(u.split("/")[2].removeprefix("www.adzuna."), None)
        if u and u.count("/") >= 2
        else None
        for u in urls
    ]
    country = [_country_code(a[0]) if a else d for a, d in zip(areas, domains, strict=True)]
    cities = [
        "|".join([*reversed(a[3:]), *(d.split(",") if d else [])]) or None
        for a, d in zip(areas, display, strict=True)
    ]
    return pd.DataFrame({
        "external_id": _text(_get(fields, "id")),
        "title": _col(_get(fields, "title")),
        "company": _col(_get(fields, "company", "display_name")),
        "description": _col(_get(fields, "description"), object),
        "description_is_snippet": True,
        "loc_label": pd.Series(display, dtype="str"),
        "loc_city": pd.Series(cities, dtype="str"),
        "loc_dep_name": pd.Series([a[2] if len(a) > 2 else None for a in areas], dtype="str"),
        "loc_region_name": pd.Series([a[1] if len(a) > 1 else None for a in areas], dtype="str"),
        "country": pd.Series(country, dtype="str"),
        "latitude": _get(fields, "latitude"),
        "longitude": _get(fields, "longitude"),
        "contract_code": _col(_get(fields, "contract_type")),
        "time_label": _col(_get(fields, "contract_time")),
        "salary_lo": _get(fields, "salary_min"),
        "salary_hi": _get(fields, "salary_max"),
        "salary_currency": pd.Series(["EUR" if c in ("FR", "DE", "NL", "BE") else ("USD" if c == "US" else "GBP" if c == "GB" else None) for c in country], dtype="str"),
        "salary_is_estimated": [str(p) in ("1", "True", "true") for p in _get(fields, "salary_is_predicted")],
        "sector": _col([c if c != "Unknown" else None for c in _get(fields, "category", "label")]),
        "created_raw": _col(_get(fields, "created")),
        "updated_raw": _col(_get(fields, "created")),
        "url": pd.Series(urls, dtype="str"),
    })  # fmt: skip


def _jsearch_types(fields: dict[str, list[Any]]) -> list[str | None]:
    """Employment types of JSearch records as one text ("FULLTIME CONTRACTOR")."""
    out = []
    for many, one in zip(
        _get(fields, "job_employment_types"), _get(fields, "job_employment_type"), strict=True
    ):
        parts = [str(x) for x in many] if isinstance(many, list) else []
        out.append(" ".join([*parts, str(one)] if one else parts) or None)
    return out


def jsearch(records: Sequence[dict]) -> pd.DataFrame:
    """Staging columns of JSearch results."""
    fields = _columns(records, _JSEARCH_KEYS)
    city, state, country = (
        _get(fields, "job_city"),
        _get(fields, "job_state"),
        _get(fields, "job_country"),
    )
    location = _text(_get(fields, "job_location"))
    labels = [
        lo or ", ".join(str(x) for x in (c, s, k) if x) or None
        for lo, c, s, k in zip(location, city, state, country, strict=True)
    ]
    types = _jsearch_types(fields)
    experience = _get(fields, "job_required_experience", "required_experience_in_months")
    return pd.DataFrame({
        "external_id": _text(_get(fields, "job_id")),
        "title": _col(_get(fields, "job_title")),
        "company": _col(_get(fields, "employer_name")),
        "description": _col(_get(fields, "job_description"), object),
        "description_is_snippet": False,
        "loc_label": pd.Series(labels, dtype="str"),
        "loc_city": _col(city),
        "loc_region_name": _col([s or (lo if not c else None) for s, lo, c in zip(state, location, city, strict=True)]),
        "country": pd.Series([_country_code(c) for c in _text(country)], dtype="str"),
        "latitude": _get(fields, "job_latitude"),
        "longitude": _get(fields, "job_longitude"),
        "contract_code": pd.Series(types, dtype="str"),
        "contract_label": _col(_get(fields, "job_employment_type")),
        "time_label": pd.Series(types, dtype="str"),
        "remote_flag": pd.Series(_get(fields, "job_is_remote"), dtype="boolean"),
        "salary_text": _col(_get(fields, "job_salary")),
        "salary_lo": _get(fields, "job_min_salary"),
        "salary_hi": _get(fields, "job_max_salary"),
        "salary_period": _col(_get(fields, "job_salary_period")),
        "salary_currency": _col(_get(fields, "job_salary_currency")),
        "experience": _col([f"{m} mois" if m else None for m in experience]),
        "sector": _col([n or t for n, t in zip(_get(fields, "job_naics_name"), _get(fields, "employer_company_type"), strict=True)]),
        "created_raw": _col(_get(fields, "job_posted_at_datetime_utc")),
        "updated_raw": _col(_get(fields, "job_posted_at_datetime_utc")),
        "created_epoch": _get(fields, "job_posted_at_timestamp"),
        "posted_relative": _col(_get(fields, "job_posted_at")),
        "url": _col([a or g for a, g in zip(_get(fields, "job_apply_link"), _get(fields, "job_google_link"), strict=True)]),
    })  # fmt: skip


MAPPERS: dict[str, Callable[[Sequence[dict]], pd.DataFrame]] = {
    "france_travail": france_travail,
    "adzuna": adzuna,
    "jsearch": jsearch,
}


def staging_frame(source: str, records: Sequence[dict]) -> pd.DataFrame:
    """Every staging column for the records of one source (missing ones as empty)."""
    frame = MAPPERS[source](records) if records else pd.DataFrame(index=range(0))
    for column in STAGING_COLUMNS:
        if column not in frame:
            frame[column] = None
    frame = frame[STAGING_COLUMNS]
    numeric = ["latitude", "longitude", "salary_lo", "salary_hi", "created_epoch"]
    frame[numeric] = frame[numeric].apply(pd.to_numeric, errors="coerce").astype("float64")
    text = [
        c
        for c in STAGING_COLUMNS
        if c not in numeric
        and c
        not in (
            "competences",
            "remote_flag",
            "description",
            "description_is_snippet",
            "salary_is_estimated",
        )
    ]
    frame[text] = frame[text].astype("str")
    frame["competences"] = [v if type(v) is list else () for v in frame["competences"].tolist()]
    frame["remote_flag"] = frame["remote_flag"].astype("boolean")
    frame["description_is_snippet"] = frame["description_is_snippet"].astype(bool)
    frame["salary_is_estimated"] = frame["salary_is_estimated"].fillna(False).astype(bool)
    return frame
