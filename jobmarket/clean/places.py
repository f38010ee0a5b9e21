"""Places: communes referential (La Poste), départements → régions, and resolution of offers.

Resolution runs once per distinct combination of raw location fields and is mapped back,
so a million offers cost as much as their few thousand distinct places. Nothing is guessed:
an ambiguous or unknown name keeps its raw label and empty codes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from jobmarket import config
from jobmarket.clean import geo
from jobmarket.clean.text import place_key

# Whole cities whose La Poste rows exist only per arrondissement.
_WHOLE_CITIES = {"PARIS": ("75056", "75"), "LYON": ("69123", "69"), "MARSEILLE": ("13055", "13")}
_ARRONDISSEMENT = re.compile(
    r"^(?:(PARIS|LYON|MARSEILLE) )?0?(\d{1,2})(?: ?(?:E|ER|EME|RE))?(?: ARRONDISSEMENT)?(?: (PARIS|LYON|MARSEILLE))?$"
)
# La Poste names are already keys ("ST ANDRE D HUIRIAT"); only other spellings need place_key.
_PLAIN = re.compile(r"^(?!.*\bSAINTE?\b)[A-Z0-9]+(?: [A-Z0-9]+)*$")
_COUNTRIES = {"FRANCE", "DOM TOM"}
KEY_COLUMNS = [
    "loc_commune",
    "loc_postal",
    "loc_city",
    "loc_dep",
    "loc_dep_name",
    "loc_region_name",
    "country",
]
OUT_COLUMNS = ["commune_code", "postal_code", "departement", "region"]


def communes_csv_path() -> Path | None:
    """The communes file: the project's `ressources/` copy first, then ../shared, else None."""
    for path in (
        config.RESSOURCES_DIR / "communes_cp.csv",
        config.SHARED_DATA_DIR / "ressources" / "communes_cp.csv",
    ):
        if path.exists():
            return path
    return None


def load_communes(path: Path | None = None) -> pd.DataFrame | None:
    """La Poste's postal-code base as commune_code, name, postal_code, acheminement, ligne_5.

    Columns are taken by position; `;` or `,` separated; Latin-1 (the historical file) or UTF-8.
    """
    path = path or communes_csv_path()
    if path is None:
        return None
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    sep = ";" if text.split("\n", 1)[0].count(";") >= 2 else ","
    frame = pd.read_csv(io.StringIO(text), sep=sep, dtype="str", keep_default_na=False)
    names = ["commune_code", "name", "postal_code", "acheminement", "ligne_5"]
    frame = frame.iloc[:, : len(names)]
    frame.columns = names[: frame.shape[1]]
    if "ligne_5" not in frame:
        frame["ligne_5"] = ""
    return frame


@lru_cache(maxsize=1)
def load_departements() -> pd.DataFrame:
    """The project's départements table: code, name, region_code, region_name."""
    path = config.RESSOURCES_DIR / "departements.csv"
    return pd.read_csv(path, sep=";", dtype="str", keep_default_na=False)


def departement_of_commune(code: str) -> str:
    """Département of an INSEE commune code (3 characters overseas)."""
    return code[:3] if code.startswith("97") else code[:2]


def departement_of_postal(postal: str) -> str:
    """Département of a postal code (Corsica split at 20200: 2A below, 2B above)."""
    if postal.startswith("20"):
        return "2A" if postal < "20200" else "2B"
    return postal[:3] if postal.startswith("97") else postal[:2]


@dataclass
class Referential:
    """Lookup tables built once from the communes and départements tables."""

    dep_region: dict[str, str]
    dep_by_name: dict[str, str]
    region_by_name: dict[str, str]
    by_dep_name: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    by_name: dict[str, set[str]] = field(default_factory=dict)
    alias_by_dep_name: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    postals: dict[str, set[str]] = field(default_factory=dict)
    by_postal: dict[str, set[str]] = field(default_factory=dict)
    has_communes: bool = False


def build_referential(communes: pd.DataFrame | None) -> Referential:
    """Dictionaries for resolution; without communes only départements and regions resolve."""
    deps = load_departements()
    ref = Referential(
        dep_region=dict(zip(deps["code"], deps["region_name"], strict=True)),
        dep_by_name=_departement_names(deps),
        region_by_name={place_key(r): r for r in deps["region_name"] if r},
    )
    ref.region_by_name["CENTRE"] = "Centre-Val de Loire"  # Adzuna's name of the region
    for name, (code, dep) in _WHOLE_CITIES.items():
        ref.by_dep_name[(dep, name)] = {code}
        ref.by_name[name] = {code}
    if communes is None or communes.empty:
        return ref
    ref.has_communes = True
    codes = communes["commune_code"].tolist()
    keys = [n if _PLAIN.match(n) else place_key(n) for n in communes["name"].tolist()]
    postal_codes, aliases = communes["postal_code"].tolist(), communes["ligne_5"].tolist()
    for code, key, postal, alias in zip(codes, keys, postal_codes, aliases, strict=True):
        dep = departement_of_commune(code)
        ref.by_dep_name.setdefault((dep, key), set()).add(code)
        ref.by_name.setdefault(key, set()).add(code)
        ref.postals.setdefault(code, set()).add(postal)
        ref.by_postal.setdefault(postal, set()).add(code)
        if alias:
            alias = alias if _PLAIN.match(alias) else place_key(alias)
            ref.alias_by_dep_name.setdefault((dep, alias), set()).add(code)
    return ref


def _departement_names(deps: pd.DataFrame) -> dict[str, str]:
    """Keys of département names, with France Travail's inverted forms ("RHIN BAS", "PARIS DEPT")."""
    names = {}
    for name, code in zip(deps["name"], deps["code"], strict=True):
        key = place_key(name)
        names[key] = code
        names[f"{key} DEPT"] = code
        names[f"SUR LE DEPARTEMENT {code}"] = code
        head, _, rest = key.partition(" ")
        if head in {"HAUTE", "HAUTES", "HAUT", "BAS", "BASSE"} and rest:
            names[f"{rest} {head}"] = code
        if key.startswith("LA "):
            names[key[3:]] = code
    return names


def _name_keys(ref: Referential, candidates: str) -> list[str]:
    """Keys of the candidate commune names (département, region and country names left out),
    arrondissements rewritten as La Poste spells them."""
    keys = [place_key(c) for c in candidates.split("|") if c.strip()]
    # A département's name is no commune, unless a commune bears it too (Paris).
    keys = [
        k
        for k in keys
        if k in ref.by_name
        or (k not in ref.dep_by_name and k not in ref.region_by_name and k not in _COUNTRIES)
    ]
    city = next((k for k in keys if k in _WHOLE_CITIES), None)
    out = []
    for key in keys:
        match = _ARRONDISSEMENT.match(key)
        town = match and (match.group(1) or match.group(3) or city)
        out.append(f"{town} {int(match.group(2)):02d}" if match and town else key)
    return out


def _find_commune(ref: Referential, keys: list[str], dep: str | None) -> str | None:
    """The one commune the names designate (in `dep` when known), or None when ambiguous."""
    for key in keys:
        if dep:
            hits = ref.by_dep_name.get((dep, key)) or ref.alias_by_dep_name.get((dep, key))
        else:
            hits = ref.by_name.get(key)
        if hits and len(hits) == 1:
            return next(iter(hits))
    return None


def _resolve_one(ref: Referential, commune, postal, city, dep, dep_name, region_name, country):
    """(commune_code, postal_code, departement, region) of one distinct raw place."""
    if country not in (None, "FR"):
        return None, None, None, None
    dep = dep or (departement_of_commune(commune) if commune else None)
    if not dep and dep_name:
        dep = ref.dep_by_name.get(place_key(dep_name))
    if not dep and postal:
        hits = ref.by_postal.get(postal, ())
        deps = {departement_of_commune(c) for c in hits} or {departement_of_postal(postal)}
        dep = deps.pop() if len(deps) == 1 else None
    if dep and dep not in ref.dep_region:
        dep = None
    if not commune and city:
        commune = _find_commune(ref, _name_keys(ref, city), dep)
        dep = dep or (departement_of_commune(commune) if commune else None)
    if commune and not postal:
        codes = ref.postals.get(commune, ())
        postal = next(iter(codes)) if len(codes) == 1 else None
    region = ref.dep_region.get(dep) if dep else None
    if not region and region_name:
        region = ref.region_by_name.get(place_key(region_name))
    return commune, postal, dep, region or None


def resolve_places(frame: pd.DataFrame, ref: Referential) -> pd.DataFrame:
    """commune_code, postal_code, departement and region for each row of the staging frame.

    Rows with coordinates and no commune then take the place of the batch's known offers
    nearby (`geo.fill_from_neighbours`)."""
    keys = frame[KEY_COLUMNS].astype(object).where(frame[KEY_COLUMNS].notna(), None)
    distinct = keys.drop_duplicates()
    resolved = [_resolve_one(ref, *row) for row in distinct.itertuples(index=False, name=None)]
    table = pd.DataFrame(resolved, columns=OUT_COLUMNS, index=distinct.index, dtype=object)
    table = pd.concat([distinct, table], axis=1)
    merged = keys.merge(table, on=KEY_COLUMNS, how="left")
    merged.index = frame.index
    merged = geo.fill_from_neighbours(
        merged[OUT_COLUMNS],
        frame["latitude"],
        frame["longitude"],
        eligible=country_only(frame),
        trusted=frame["loc_commune"].notna(),
    )
    return merged[OUT_COLUMNS].astype("str")


def country_only(frame: pd.DataFrame) -> pd.Series:
    """Whether each staging row's raw location names France at most (or nothing)."""
    country = frame["country"].astype(object)
    cities = frame["loc_city"].astype(object)
    keys = {c: place_key(c) in _COUNTRIES or not place_key(c) for c in pd.unique(cities.dropna())}
    others = ["loc_commune", "loc_postal", "loc_dep", "loc_dep_name", "loc_region_name"]
    return (
        (country.isna() | (country == "FR"))
        & frame[others].isna().all(axis=1)
        & (cities.isna() | cities.map(keys).eq(True))
    )


def names_commune(frame: pd.DataFrame, ref: Referential) -> pd.Series:
    """Whether each staging row's raw location names a commune (not only a département or region)."""
    cities = frame["loc_city"].astype(object)
    distinct = pd.unique(cities.dropna())
    named = {c: bool(_name_keys(ref, c)) for c in distinct}
    return frame["loc_commune"].notna() | cities.map(named).fillna(False).astype(bool)
