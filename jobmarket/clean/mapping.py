"""Per-source field mapping: API records become one staging frame with the same columns.

One list comprehension per field over the records of a source (no per-row DataFrame work);
the values stay as received, later modules normalise them column by column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import Any

import pandas as pd

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


def _get(records: Sequence[Any], *path: str) -> list[Any]:
    """Values at a nested path, None where a level is missing or not an object."""
    values: list[Any] = list(map(dict.get, records, repeat(path[0])))  # records are dicts
    for key in path[1:]:
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
    return pd.Series(_text(values), dtype=dtype)


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
    places = _get(records, "lieuTravail")
    labels = _text(_get(places, "libelle"))
    pays = _text(_get(records, "pays"))
    # Place labels repeat: each distinct (label, pays) is read once.
    table = {key: _france_travail_place(*key) for key in set(zip(labels, pays, strict=True))}
    parsed = pd.DataFrame(
        [table[key] for key in zip(labels, pays, strict=True)],
        columns=["dep", "city", "region", "country"],
        dtype="str",
    )
    label = pd.Series(labels, dtype="str")
    ids = _text(_get(records, "id"))
    return pd.DataFrame({
        "external_id": ids,
        "title": _col(_get(records, "intitule")),
        "company": _col(_get(records, "entreprise", "nom")),
        "description": _col(_get(records, "description"), object),
        "description_is_snippet": False,
        "loc_label": label,
        "loc_commune": _col(_get(places, "commune")),
        "loc_postal": _col(_get(places, "codePostal")),
        "loc_city": parsed["city"],
        "loc_dep": parsed["dep"],
        "loc_region_name": parsed["region"],
        "country": parsed["country"],
        "latitude": _get(places, "latitude"),
        "longitude": _get(places, "longitude"),
        "contract_code": _col(_get(records, "typeContrat")),
        "contract_label": _col(_get(records, "typeContratLibelle")),
        "contract_nature": _col(_get(records, "natureContrat")),
        "time_label": _col([c or d for c, d in zip(_get(records, "dureeTravailLibelleConverti"), _get(records, "dureeTravailLibelle"), strict=True)]),
        "salary_text": _col([s.get("libelle") or s.get("commentaire") if isinstance(s, dict) else None for s in _get(records, "salaire")]),
        "experience": _col(_get(records, "experienceLibelle")),
        "competences": [[c.get("libelle") for c in cs if isinstance(c, dict) and c.get("libelle")] if isinstance(cs, list) else [] for cs in _get(records, "competences")],
        "rome_code": _col(_get(records, "romeCode")),
        "appellation": _col(_get(records, "appellationlibelle")),
        "sector": _col(_get(records, "secteurActiviteLibelle")),
        "created_raw": _col(_get(records, "dateCreation")),
        "updated_raw": _col(_get(records, "dateActualisation")),
        "url": _col([u or (FRANCE_TRAVAIL_OFFER_URL.format(i) if i else None) for u, i in zip(_get(records, "origineOffre", "urlOrigine"), ids, strict=True)]),
    })  # fmt: skip


def adzuna(records: Sequence[dict]) -> pd.DataFrame:
    """Staging columns of Adzuna search results."""
    areas = [a if isinstance(a, list) else [] for a in _get(records, "location", "area")]
    display = _text(_get(records, "location", "display_name"))
    urls = _text(_get(records, "redirect_url"))
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
        "external_id": _text(_get(records, "id")),
        "title": _col(_get(records, "title")),
        "company": _col(_get(records, "company", "display_name")),
        "description": _col(_get(records, "description"), object),
        "description_is_snippet": True,
        "loc_label": pd.Series(display, dtype="str"),
        "loc_city": pd.Series(cities, dtype="str"),
        "loc_dep_name": pd.Series([a[2] if len(a) > 2 else None for a in areas], dtype="str"),
        "loc_region_name": pd.Series([a[1] if len(a) > 1 else None for a in areas], dtype="str"),
        "country": pd.Series(country, dtype="str"),
        "latitude": _get(records, "latitude"),
        "longitude": _get(records, "longitude"),
        "contract_code": _col(_get(records, "contract_type")),
        "time_label": _col(_get(records, "contract_time")),
        "salary_lo": _get(records, "salary_min"),
        "salary_hi": _get(records, "salary_max"),
        "salary_currency": pd.Series(["EUR" if c in ("FR", "DE", "NL", "BE") else ("USD" if c == "US" else "GBP" if c == "GB" else None) for c in country], dtype="str"),
        "salary_is_estimated": [str(p) in ("1", "True", "true") for p in _get(records, "salary_is_predicted")],
        "sector": _col([c if c != "Unknown" else None for c in _get(records, "category", "label")]),
        "created_raw": _col(_get(records, "created")),
        "updated_raw": _col(_get(records, "created")),
        "url": pd.Series(urls, dtype="str"),
    })  # fmt: skip


def _jsearch_types(records: Sequence[dict]) -> list[str | None]:
    """Employment types of JSearch records as one text ("FULLTIME CONTRACTOR")."""
    out = []
    for many, one in zip(
        _get(records, "job_employment_types"), _get(records, "job_employment_type"), strict=True
    ):
        parts = [str(x) for x in many] if isinstance(many, list) else []
        out.append(" ".join([*parts, str(one)] if one else parts) or None)
    return out


def jsearch(records: Sequence[dict]) -> pd.DataFrame:
    """Staging columns of JSearch results."""
    city, state, country = (
        _get(records, "job_city"),
        _get(records, "job_state"),
        _get(records, "job_country"),
    )
    location = _text(_get(records, "job_location"))
    labels = [
        lo or ", ".join(str(x) for x in (c, s, k) if x) or None
        for lo, c, s, k in zip(location, city, state, country, strict=True)
    ]
    types = _jsearch_types(records)
    experience = _get(records, "job_required_experience", "required_experience_in_months")
    return pd.DataFrame({
        "external_id": _text(_get(records, "job_id")),
        "title": _col(_get(records, "job_title")),
        "company": _col(_get(records, "employer_name")),
        "description": _col(_get(records, "job_description"), object),
        "description_is_snippet": False,
        "loc_label": pd.Series(labels, dtype="str"),
        "loc_city": _col(city),
        "loc_region_name": _col([s or (lo if not c else None) for s, lo, c in zip(state, location, city, strict=True)]),
        "country": pd.Series([_country_code(c) for c in _text(country)], dtype="str"),
        "latitude": _get(records, "job_latitude"),
        "longitude": _get(records, "job_longitude"),
        "contract_code": pd.Series(types, dtype="str"),
        "contract_label": _col(_get(records, "job_employment_type")),
        "time_label": pd.Series(types, dtype="str"),
        "remote_flag": pd.Series(_get(records, "job_is_remote"), dtype="boolean"),
        "salary_text": _col(_get(records, "job_salary")),
        "salary_lo": _get(records, "job_min_salary"),
        "salary_hi": _get(records, "job_max_salary"),
        "salary_period": _col(_get(records, "job_salary_period")),
        "salary_currency": _col(_get(records, "job_salary_currency")),
        "experience": _col([f"{m} mois" if m else None for m in experience]),
        "sector": _col([n or t for n, t in zip(_get(records, "job_naics_name"), _get(records, "employer_company_type"), strict=True)]),
        "created_raw": _col(_get(records, "job_posted_at_datetime_utc")),
        "updated_raw": _col(_get(records, "job_posted_at_datetime_utc")),
        "created_epoch": _get(records, "job_posted_at_timestamp"),
        "posted_relative": _col(_get(records, "job_posted_at")),
        "url": _col([a or g for a, g in zip(_get(records, "job_apply_link"), _get(records, "job_google_link"), strict=True)]),
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
