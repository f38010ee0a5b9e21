"""A bubble map of offers per département, drawn from geometry the project owns.

The outline of metropolitan France and Corsica is a hand-written polygon of about sixty
points (coarse, ~20 km); each département is placed at its prefecture
(`ressources/departements_centroids.csv`). Nothing is downloaded: the report must open
offline and render on a machine without a GIS stack.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from matplotlib.figure import Figure

from jobmarket import config

CENTROIDS_CSV = config.RESSOURCES_DIR / "departements_centroids.csv"
OVERSEAS = ("971", "972", "973", "974", "976")

# (longitude, latitude), clockwise from Dunkerque.
METROPOLE_OUTLINE = (
    (2.54, 51.09), (3.10, 50.78), (4.15, 50.28), (4.83, 50.14), (4.95, 49.80), (5.78, 49.55),
    (6.36, 49.47), (7.00, 49.15), (8.20, 48.97), (7.80, 48.50), (7.55, 47.60), (7.00, 47.45),
    (6.45, 47.00), (6.10, 46.60), (6.15, 46.20), (6.80, 46.39), (6.90, 45.95), (7.10, 45.45),
    (6.70, 44.90), (6.90, 44.40), (7.60, 44.10), (7.53, 43.78), (7.00, 43.55), (6.60, 43.20),
    (5.90, 43.10), (5.35, 43.30), (4.80, 43.40), (4.20, 43.45), (3.50, 43.28), (3.05, 42.90),
    (3.15, 42.45), (2.50, 42.35), (1.75, 42.50), (0.70, 42.85), (-0.30, 42.80), (-1.40, 43.05),
    (-1.78, 43.37), (-1.45, 43.60), (-1.25, 44.60), (-1.06, 45.57), (-1.20, 46.00),
    (-1.78, 46.50), (-2.20, 47.00), (-2.55, 47.30), (-3.10, 47.50), (-4.35, 47.80),
    (-4.75, 48.05), (-4.78, 48.40), (-4.60, 48.65), (-3.50, 48.85), (-2.70, 48.55),
    (-2.00, 48.65), (-1.55, 48.65), (-1.60, 49.20), (-1.95, 49.72), (-1.25, 49.70),
    (-1.10, 49.35), (-0.20, 49.30), (0.20, 49.45), (0.55, 49.85), (1.40, 50.07), (1.60, 50.50),
    (1.85, 50.95), (2.54, 51.09),
)  # fmt: skip
CORSICA_OUTLINE = (
    (9.40, 43.00), (9.55, 42.60), (9.55, 42.10), (9.25, 41.38), (8.80, 41.60), (8.60, 41.90),
    (8.55, 42.35), (8.70, 42.60), (9.30, 42.70), (9.40, 43.00),
)  # fmt: skip


def load_centroids(path: Path = CENTROIDS_CSV) -> pd.DataFrame:
    """The département table: departement (code as text), name, prefecture, latitude, longitude."""
    return pd.read_csv(path, dtype={"departement": str})


def departement_map(counts: pd.DataFrame, centroids: pd.DataFrame, title: str = "") -> Figure:
    """Bubbles sized by offers per département over the outline of France; overseas listed apart.

    Args:
        counts: one row per département with columns `departement` and `offers`.
        centroids: the table of `load_centroids()`.
        title: the figure title.
    """
    data = centroids.merge(counts[["departement", "offers"]], on="departement", how="inner")
    data = data[data["offers"] > 0]
    metro = data[~data["departement"].isin(OVERSEAS)]
    overseas = data[data["departement"].isin(OVERSEAS)]

    fig = Figure(figsize=(7.5, 7.5))
    ax = fig.subplots()
    for outline in (METROPOLE_OUTLINE, CORSICA_OUTLINE):
        lon, lat = zip(*outline, strict=True)
        ax.fill(lon, lat, facecolor="#eef1f5", edgecolor="#8a94a6", linewidth=0.8)
    if not metro.empty:
        biggest = float(metro["offers"].max())
        sizes = 8 + 1500 * metro["offers"] / biggest  # marker area proportional to offers
        points = ax.scatter(
            metro["longitude"], metro["latitude"], s=sizes, c=metro["offers"],
            cmap="viridis", alpha=0.75, edgecolors="white", linewidths=0.5,
        )  # fmt: skip
        fig.colorbar(points, ax=ax, shrink=0.6, label="offers")
        labelled: list[tuple[float, float]] = []
        for row in metro.nlargest(8, "offers").itertuples():
            # Skip a name next to one already written (Paris and its inner suburbs).
            if any(
                abs(row.longitude - x) < 1.2 and abs(row.latitude - y) < 0.5 for x, y in labelled
            ):
                continue
            labelled.append((row.longitude, row.latitude))
            ax.annotate(f"{row.name} ({int(row.offers):,})", (row.longitude, row.latitude),
                        fontsize=7, xytext=(6, 6), textcoords="offset points")  # fmt: skip
    if not overseas.empty:
        lines = [f"{r.name}: {int(r.offers):,}" for r in overseas.itertuples()]
        ax.text(-5.0, 41.6, "Overseas\n" + "\n".join(lines), fontsize=8, va="bottom",
                bbox={"facecolor": "white", "edgecolor": "#8a94a6"})  # fmt: skip
    ax.set_xlim(-5.3, 9.9)
    ax.set_ylim(41.2, 51.3)
    # Equirectangular view with the aspect of mid-France so shapes are not stretched.
    ax.set_aspect(1 / math.cos(math.radians(46.5)))
    ax.set_axis_off()
    ax.set_title(title)
    return fig
