"""Market charts as inline PNG images: DataFrames in, an HTML `<img>` string out.

Matplotlib is imported inside the functions so opening the page does not pay for it;
figures are built with `matplotlib.figure.Figure` (no pyplot state shared between visitors).
"""

from __future__ import annotations

import base64
import html
import io

import pandas as pd

from jobmarket.dashboard.render import message_html


def _figure(width: float = 7.0, height: float = 3.0):
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=90, layout="constrained")


def figure_html(fig, title: str, css_class: str) -> str:
    """A figure as a base64 PNG `<img>` with an escaped title."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    label = html.escape(title)
    return (
        f'<figure class="{css_class}"><figcaption><b>{label}</b></figcaption>'
        f'<img alt="{label}" src="data:image/png;base64,{data}"/></figure>'
    )


def offers_per_day_html(by_day: pd.DataFrame) -> str:
    """Bar chart of offers published per day (`day`, `offers`)."""
    if by_day.empty:
        return message_html("Aucune offre publiée pour ces filtres.", "empty")
    fig = _figure()
    ax = fig.add_subplot()
    ax.bar(pd.to_datetime(by_day["day"]), by_day["offers"], color="#3b6ea5")
    ax.set_ylabel("offres")
    fig.autofmt_xdate()
    return figure_html(fig, "Offres publiées par jour", "jm-chart-days")


def top_skills_html(skills: pd.DataFrame) -> str:
    """Horizontal bars of the most requested skills (`skill`, `offers`)."""
    if skills.empty:
        return message_html("Aucune compétence listée pour ces filtres.", "empty")
    fig = _figure(height=0.25 * len(skills) + 1)
    ax = fig.add_subplot()
    ordered = skills.iloc[::-1]
    ax.barh(ordered["skill"].astype(str), ordered["offers"], color="#5a9e6f")
    ax.set_xlabel("offres")
    return figure_html(fig, "Compétences les plus demandées", "jm-chart-skills")


def salary_distribution_html(salary: pd.DataFrame, bin_width: int) -> str:
    """Histogram of yearly salaries from pre-binned counts (`salary` bin start, `offers`)."""
    if salary.empty:
        return message_html("Aucun salaire indiqué pour ces filtres.", "empty")
    fig = _figure()
    ax = fig.add_subplot()
    ax.bar(
        salary["salary"] / 1000,
        salary["offers"],
        width=bin_width / 1000,
        align="edge",
        color="#c07a2c",
    )
    ax.set_xlabel("salaire annuel (k€, milieu de fourchette)")
    ax.set_ylabel("offres")
    return figure_html(fig, "Distribution des salaires", "jm-chart-salary")
