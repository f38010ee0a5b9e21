"""Charts of the market report: small DataFrames in, matplotlib Figures out.

The aggregates come from `jobmarket.report_data` (SQL on the warehouse); this module only draws.
Figures are built with the object API (`Figure()`, no pyplot state, nothing shown by itself);
`jobmarket.report.show` turns them into the PNG images nbconvert embeds in the HTML.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

NO_DATA = "no data for this selection"
_KIND_COLOURS = {"published": "#9ecae1", "estimated": "#fdd0a2"}


def _short(labels: pd.Series, longest: int = 38) -> list[str]:
    """Labels cut to `longest` characters (skills can be whole sentences) so the axes keep room."""
    return [t if len(t) <= longest else t[: longest - 1] + "…" for t in labels.astype(str)]


def _empty(fig: Figure, ax, title: str) -> Figure:
    ax.text(0.5, 0.5, NO_DATA, ha="center", va="center", fontsize=11, color="#666666")
    ax.set_axis_off()
    ax.set_title(title)
    return fig


def bar_chart(
    data: pd.DataFrame, label: str, value: str, title: str, xlabel: str = "offers", top: int = 15
) -> Figure:
    """Horizontal bars of `value` per `label`, the largest on top (at most `top` bars)."""
    rows = data.nlargest(top, value).iloc[::-1] if not data.empty else data
    fig = Figure(figsize=(7.5, 0.35 * max(len(rows), 3) + 1.2))
    ax = fig.subplots()
    if rows.empty:
        return _empty(fig, ax, title)
    ax.barh(range(len(rows)), rows[value], color="#3b6ea8", tick_label=_short(rows[label]))
    for y, v in enumerate(rows[value]):
        ax.annotate(f"{v:,.0f}" if float(v).is_integer() else f"{v:.1%}", (v, y),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)  # fmt: skip
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def daily_chart(daily: pd.DataFrame, title: str = "New offers per day and source") -> Figure:
    """Offers per day and source (columns day, source, offers); days without offers count 0.

    Lines over a range of days; grouped bars when the data spans three days or fewer (a first
    run), where a line would be a lone dot on a year-wide axis.
    """
    fig = Figure(figsize=(8.5, 3.6))
    ax = fig.subplots()
    if daily.empty:
        return _empty(fig, ax, title)
    table = daily.assign(day=pd.to_datetime(daily["day"])).pivot_table(
        index="day", columns="source", values="offers", aggfunc="sum"
    )
    days = pd.date_range(table.index.min(), table.index.max(), freq="D")
    table = table.reindex(days).fillna(0)
    if len(days) <= 3:
        width = 0.8 / len(table.columns)
        for k, source in enumerate(table.columns):
            positions = [i + k * width for i in range(len(days))]
            ax.bar(positions, table[source], width=width, label=source)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(days))], days.strftime("%Y-%m-%d"))
    else:
        for source in table.columns:
            ax.plot(table.index, table[source], marker="o", markersize=3, label=source)
        fig.autofmt_xdate()
    ax.set_ylabel("offers")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def stacked_share_chart(
    data: pd.DataFrame, index: str, column: str, value: str, title: str
) -> Figure:
    """Horizontal 100 % bars: the share of each `column` value within each `index` value."""
    fig = Figure(figsize=(8, 0.45 * max(data[index].nunique() if not data.empty else 0, 3) + 1.4))
    ax = fig.subplots()
    if data.empty:
        return _empty(fig, ax, title)
    table = data.pivot_table(index=index, columns=column, values=value, aggfunc="sum").fillna(0)
    shares = table.div(table.sum(axis=1), axis=0)
    left = pd.Series(0.0, index=shares.index)
    for name in shares.columns:
        ax.barh(shares.index.astype(str), shares[name], left=left, label=str(name))
        left += shares[name]
    ax.set_xlim(0, 1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.set_title(title)
    ax.legend(frameon=False, fontsize=8, ncol=min(len(shares.columns), 5),
              loc="upper center", bbox_to_anchor=(0.5, -0.12))  # fmt: skip
    return fig


def salary_chart(stats: pd.DataFrame, title: str) -> Figure:
    """Box plots of yearly salaries from precomputed quantiles, published and estimated apart.

    Args:
        stats: one row per (group, kind) with columns group, kind ("published"/"estimated"),
            offers, p10, p25, p50, p75, p90 (whiskers at the 10th and 90th percentiles).
    """
    fig = Figure(figsize=(8, 0.5 * max(len(stats), 3) + 1.4))
    ax = fig.subplots()
    if stats.empty:
        return _empty(fig, ax, title)
    # Groups by median pay, lowest at the bottom; a group's published box above its estimated one.
    rank = stats.groupby("group")["p50"].max().rank(method="first")
    rows = stats.assign(_rank=stats["group"].map(rank), _published=stats["kind"] == "published")
    rows = rows.sort_values(["_rank", "_published"]).reset_index(drop=True)
    boxes = [
        {"label": f"{r.group} ({r.kind}, n={r.offers:,})", "whislo": r.p10, "q1": r.p25,
         "med": r.p50, "q3": r.p75, "whishi": r.p90, "fliers": []}
        for r in rows.itertuples()
    ]  # fmt: skip
    artists = ax.bxp(boxes, orientation="horizontal", patch_artist=True, showfliers=False)
    for box, kind in zip(artists["boxes"], rows["kind"], strict=True):
        box.set_facecolor(_KIND_COLOURS.get(kind, "#dddddd"))
    handles = [Patch(facecolor=c, edgecolor="black", label=k) for k, c in _KIND_COLOURS.items()]
    ax.legend(handles=handles, frameon=False, fontsize=8, loc="lower right")
    ax.xaxis.set_major_formatter(lambda x, _: f"{x / 1000:,.0f} k€")
    ax.set_xlabel("yearly gross salary (boxes: quartiles; whiskers: 10th-90th percentile)")
    ax.set_title(title)
    return fig


def small_multiples(
    data: pd.DataFrame, panel: str, label: str, value: str, title: str, per_panel: int = 8
) -> Figure:
    """One small horizontal bar chart per `panel` value (e.g. top skills of each job family)."""
    panels = list(dict.fromkeys(data[panel])) if not data.empty else []
    cols = 2
    rows_n = max((len(panels) + cols - 1) // cols, 1)
    fig = Figure(figsize=(10, 2.6 * rows_n + 0.6), layout="constrained")
    axes = fig.subplots(rows_n, cols, squeeze=False).ravel()
    if not panels:
        for ax in axes[1:]:
            ax.set_axis_off()
        return _empty(fig, axes[0], title)
    for ax, name in zip(axes, panels, strict=False):
        rows = data[data[panel] == name].nlargest(per_panel, value).iloc[::-1]
        ax.barh(range(len(rows)), rows[value], color="#6a9f58", tick_label=_short(rows[label], 30))
        ax.set_title(str(name), fontsize=9)
        ax.tick_params(labelsize=8)
    for ax in axes[len(panels) :]:
        ax.set_axis_off()
    fig.suptitle(title)
    return fig


def share_bars(data: pd.DataFrame, label: str, shares: list[str], title: str) -> Figure:
    """Grouped horizontal bars of several shares (0-1) per `label` value."""
    fig = Figure(figsize=(7.5, 0.6 * max(len(data), 2) + 1.4))
    ax = fig.subplots()
    if data.empty:
        return _empty(fig, ax, title)
    height = 0.8 / len(shares)
    for k, column in enumerate(shares):
        positions = [i + k * height for i in range(len(data))]
        bars = ax.barh(positions, data[column], height=height, label=column.replace("_", " "))
        ax.bar_label(bars, labels=[f"{v:.0%}" for v in data[column]], fontsize=8, padding=2)
    ax.set_yticks([i + 0.4 - height / 2 for i in range(len(data))], data[label].astype(str))
    ax.set_xlim(0, 1.1)
    ax.xaxis.set_major_formatter(lambda x, _: f"{x:.0%}")
    ax.invert_yaxis()
    ax.legend(frameon=False, fontsize=8, ncol=len(shares), loc="upper center",
              bbox_to_anchor=(0.5, -0.1))  # fmt: skip
    ax.set_title(title)
    return fig
