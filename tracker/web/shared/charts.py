"""Charts as SVG drawn on the server (pygal): rows in, a string out, the same bytes every time.

Pure functions, so a PDF can draw the same chart. No script (``js=[]``, and
pygal's inline config dropped), no generated comments, no random ids: nothing
runs or is fetched, and the same rows give the same bytes.

Each chart is drawn twice, for a wide box and for a phone's (``wide`` and ``narrow``
SVGs side by side; app.css shows the one that fits). Both have a ``viewBox`` and no
width or height of their own, so each scales to its box; the narrow one has fewer,
larger labels so that, scaled down to 320 px, its text stays about 11 px high.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import pygal
from pygal.style import Style

from tracker.application.queries.summaries import TotalRow
from tracker.domain.rules.ytd import Figures

NOT_DRAWN = re.compile(r"<!--.*?-->|<script\b.*?</script>", re.DOTALL)
SERIES = ("序时进度（万元）", "累计完成（万元）")


@dataclass(frozen=True)
class Size:
    """One drawing of a chart: its viewBox width, text size and how many labels fit."""

    tag: str  # the SVG's class and the end of its id
    width: int
    label: int  # font size of labels, in viewBox units
    months: int  # an S-curve labels every ``months``-th period
    bar: int  # the height of a category in the bar chart


SIZES = (Size("wide", 640, 14, 4, 36), Size("narrow", 360, 13, 6, 34))


def _style(size: Size, **more: str) -> Style:
    return Style(
        background="white",
        plot_background="white",
        font_family="'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
        colors=("#8a94a6", "#b42318"),
        label_font_size=size.label,
        major_label_font_size=size.label,
        legend_font_size=size.label + 1,
        guide_stroke_color="#c4cad0",
        major_guide_stroke_color="#c4cad0",
        **more,
    )


def _common(size: Size) -> dict:
    return {
        "js": [],  # pygal's default tooltip script lives on the internet: never load it
        "legend_at_bottom": True,
        "legend_at_bottom_columns": 2,
        "truncate_legend": -1,  # the series' names whole, never "序时进度…"
        "truncate_label": -1,
        "disable_xml_declaration": True,
        "value_formatter": _amount,
        "margin_right": 24 if size.tag == "narrow" else 20,
    }


def s_curve(figures: Sequence[Figures], reported: int, name: str) -> str:
    """Cumulative plan (序时进度) and actual (累计完成) at periods 1 … 24.

    ``reported`` is how many periods have an actual figure to draw (the line
    stops there); ``name`` makes the SVGs' ids unique on their page.
    """
    # One label a period, shown at the first half of every other month.
    labels = [f"{(i + 1) // 2}月{'' if i % 2 else '下'}" for i in range(1, len(figures) + 1)]
    plan = [_number(f.ytd_plan) for f in figures]
    actual = [_number(f.ytd_actual) if i < reported else None for i, f in enumerate(figures)]
    drawn = []
    for size in SIZES:
        chart = pygal.Line(
            style=_style(size, stroke_width="2.5"),
            width=size.width,
            height=round(size.width * 0.5625) + (20 if size.tag == "narrow" else 0),
            show_dots=False,
            show_minor_x_labels=False,
            **_common(size),
        )
        if size.tag == "narrow":
            chart.y_labels = _ticks(max(plan + [a or 0 for a in actual], default=0), 4)
        chart.x_labels = labels
        chart.x_labels_major = labels[0 :: size.months]
        chart.add(SERIES[0], plan)
        chart.add(SERIES[1], actual)
        drawn.append(_svg(chart, name, size))
    return "".join(drawn)


def category_bars(rows: Sequence[TotalRow], name: str = "categories") -> str:
    """序时进度 against 累计完成 for each category, as horizontal bars."""
    longest = max((len(row.name) for row in rows), default=0)
    # pygal draws the first label at the bottom: reverse so the list reads top-down.
    shown = list(reversed(rows))
    drawn = []
    for size in SIZES:
        width = 900 if size.tag == "wide" else size.width
        chart = pygal.HorizontalBar(
            style=_style(size),
            width=width,
            height=90 + size.bar * len(rows),
            # pygal sizes labels for Latin letters (0.6 em); a Chinese character is 1 em.
            margin_left=20 + round(0.45 * size.label * longest),
            **{**_common(size), "legend_at_bottom_columns": 2 if size.tag == "wide" else 1},
        )
        plan = [_number(row.figures.ytd_plan) for row in shown]
        actual = [_number(row.figures.ytd_actual) for row in shown]
        if size.tag == "narrow":  # a few round amounts that do not run into each other
            chart.y_labels = _ticks(max(plan + actual, default=0), 3)
        chart.x_labels = [row.name for row in shown]
        chart.add(SERIES[0], plan)
        chart.add(SERIES[1], actual)
        drawn.append(_svg(chart, name, size))
    return "".join(drawn)


def _svg(chart: pygal.graph.graph.Graph, name: str, size: Size) -> str:
    # the id scopes pygal's inline CSS: stable, and unique per page; the wide one keeps
    # the plain name (chart-district), the phone's has its size after it
    chart.uuid = name if size.tag == "wide" else f"{name}-{size.tag}"
    svg = NOT_DRAWN.sub("", str(chart.render(is_unicode=True)))
    return svg.replace('class="pygal-chart"', f'class="pygal-chart {size.tag}"', 1)


def _ticks(top: float, most: int) -> list[float]:
    """0 and up to ``most`` round steps (1, 2, 2.5 or 5 × 10ⁿ) reaching at least ``top``."""
    if top <= 0:
        return [0.0, 1.0]
    magnitude = 10 ** max(0, math.floor(math.log10(top / most)))  # whole 万元: labels differ
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude * most >= top)
    return [step * i for i in range(math.ceil(top / step) + 1)]


def _amount(value: float) -> str:
    return f"{value:,.0f}"


def _number(amount: Decimal) -> float:
    # Drawing only: a chart needs coordinates, never money arithmetic.
    return float(amount)
