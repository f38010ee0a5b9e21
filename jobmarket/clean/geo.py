"""Places of offers located by coordinates only, from nearby offers of the same batch.

La Poste's communes file has no coordinates, so the only points with a known commune are the
batch's own offers that have both coordinates and a resolved INSEE code. An offer with
coordinates and no commune takes the place of the known points within `max_km`, and only
what they all agree on: the commune when they share it, else the département (and region)
when they share that, else nothing. No prefecture centroid is ever used to guess.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from jobmarket import config

EARTH_KM = 6371.0088
MAX_KM = 2.0
# Google's geocode of "France" itself, which some records carry for a named commune.
FRANCE_CENTROID = (46.227638, 2.213749)
# A known point farther than this from its département's prefecture has wrong coordinates
# (no commune of metropolitan France is that far from its prefecture; overseas ones can be).
PREFECTURE_KM = {"metro": 200.0, "overseas": 600.0}
OUT_COLUMNS = ["commune_code", "postal_code", "departement", "region"]


def unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Points on the unit sphere, so chord length is monotonic in great-circle distance."""
    phi, lam = np.radians(lat), np.radians(lon)
    return np.column_stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)])


def _chord(km: float) -> float:
    return 2.0 * np.sin(km / (2.0 * EARTH_KM))


def _agreed(values: pd.Series) -> str | None:
    """The one non-empty value of a group, or None when there are none or several."""
    distinct = values.dropna().unique()
    return distinct[0] if len(distinct) == 1 else None


def fill_from_neighbours(
    resolved: pd.DataFrame,
    lat: pd.Series,
    lon: pd.Series,
    eligible: pd.Series | None = None,
    trusted: pd.Series | None = None,
    max_km: float = MAX_KM,
) -> pd.DataFrame:
    """`resolved` (OUT_COLUMNS) with rows that have coordinates but no commune filled in.

    Args:
        resolved: commune_code, postal_code, departement, region per row (NaN when unknown).
        lat, lon: coordinates per row (NaN when absent).
        eligible: rows that may be filled (default all); the cleaner passes the rows whose
            location says nothing below the country, as the coordinates of a region or
            département label are that area's geocode, not a workplace.
        trusted: rows whose commune may serve as a reference point (default all); the
            cleaner passes the rows whose INSEE code came with the coordinates in the record,
            as JSearch gives a France-wide centroid to offers it places in a named city.
        max_km: how far a known point may be.
    """
    lat = pd.to_numeric(lat, errors="coerce").to_numpy(dtype=float)
    lon = pd.to_numeric(lon, errors="coerce").to_numpy(dtype=float)
    has_xy = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    # (0, 0) is a null island placeholder, not a place.
    has_xy &= ~((lat == 0) & (lon == 0))
    has_xy &= ~(
        np.isclose(lat, FRANCE_CENTROID[0], atol=1e-4)
        & np.isclose(lon, FRANCE_CENTROID[1], atol=1e-4)
    )
    has_commune = resolved["commune_code"].notna().to_numpy()
    todo = has_xy & ~has_commune
    if eligible is not None:
        todo &= eligible.fillna(False).to_numpy(dtype=bool)
    if not todo.any():
        return resolved
    known = has_xy & has_commune
    if trusted is not None:
        known &= trusted.fillna(False).to_numpy(dtype=bool)
    if known.any():
        known[known] = _near_prefecture(resolved.loc[known, "departement"], lat[known], lon[known])
    if not todo.any() or not known.any():
        return resolved
    points = pd.DataFrame({"lat": lat[known], "lon": lon[known]}).join(
        resolved.loc[known, OUT_COLUMNS].reset_index(drop=True)
    )
    points = points.drop_duplicates().reset_index(drop=True)
    tree = cKDTree(unit_vectors(points["lat"].to_numpy(), points["lon"].to_numpy()))
    queries = pd.DataFrame({"lat": lat[todo], "lon": lon[todo]}).drop_duplicates()
    hits = tree.query_ball_point(
        unit_vectors(queries["lat"].to_numpy(), queries["lon"].to_numpy()), _chord(max_km)
    )
    found = [_place_of(points.iloc[h]) if len(h) else (None,) * 4 for h in hits]
    table = pd.DataFrame(found, columns=OUT_COLUMNS, index=queries.index, dtype=object)
    table = pd.concat([queries, table], axis=1)
    asked = pd.DataFrame({"lat": lat[todo], "lon": lon[todo]}).merge(
        table, on=["lat", "lon"], how="left"
    )
    asked.index = resolved.index[todo]
    current = resolved.loc[todo, OUT_COLUMNS].astype(object)
    # A neighbour never overrides what the offer's own fields said.
    clash = (current["departement"].notna() & asked["departement"].notna()) & (
        current["departement"] != asked["departement"]
    )
    clash |= (current["region"].notna() & asked["region"].notna()) & (
        current["region"] != asked["region"]
    )
    asked = asked.loc[~clash, OUT_COLUMNS]
    out = resolved.astype(object).copy()
    out.loc[asked.index, OUT_COLUMNS] = current.loc[asked.index].combine_first(asked)
    return out


def _near_prefecture(departements: pd.Series, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Whether each known point lies plausibly in its département (a check, never a guess)."""
    prefectures = pd.read_csv(
        config.RESSOURCES_DIR / "departements_centroids.csv", dtype={"departement": str}
    ).set_index("departement")
    deps = departements.astype(object).to_numpy()
    ref = prefectures.reindex(deps)
    limit = np.where(
        pd.Series(deps).astype(str).str.startswith("97"),
        PREFECTURE_KM["overseas"],
        PREFECTURE_KM["metro"],
    )
    chord = np.linalg.norm(
        unit_vectors(lat, lon)
        - unit_vectors(ref["latitude"].to_numpy(), ref["longitude"].to_numpy()),
        axis=1,
    )
    # Unknown département (no prefecture row): NaN distance, not trusted.
    return chord <= 2.0 * np.sin(limit / (2.0 * EARTH_KM))


def _place_of(near: pd.DataFrame) -> tuple:
    """What all known points near one query agree on."""
    commune = _agreed(near["commune_code"])
    departement = _agreed(near["departement"])
    region = _agreed(near["region"])
    postal = _agreed(near["postal_code"]) if commune else None
    return commune, postal, departement, region
