"""Charts as SVG drawn on the server (pygal): rows in, a string out, the same bytes every time.

Pure functions, so a PDF can draw the same chart. No script (``js=[]``, and
pygal's inline config dropped), no generated comments, no random ids: nothing
runs or is fetched, and the same rows give the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

import pygal
from pygal.style import Style

from tracker.application.queries.summaries import TotalRow
from tracker.domain.rules.ytd import Figures

LABEL_SIZE = 14
BIG = Style(
    background="white",
    plot_background="white",
    font_family="'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    colors=("#8a94a6", "#b42318"),
    label_font_size=LABEL_SIZE,
    major_label_font_size=LABEL_SIZE,
    legend_font_size=LABEL_SIZE + 1,
    guide_stroke_color="#c4cad0",
    major_guide_stroke_color="#c4cad0",
)
LINES = Style(**{**BIG.to_dict(), "stroke_width": "2.5"})

NOT_DRAWN = re.compile(r"<!--.*?-->|<script\b.*?</script>", re.DOTALL)


def s_curve(figures: Sequence[Figures], reported: int, name: str) -> str:
    """Cumulative plan (序时进度) and actual (累计完成) at periods 1 … 24.

    ``reported`` is how many periods have an actual figure to draw (the line
    stops there); ``name`` makes the SVG's id unique on its page.
    """
    chart = pygal.Line(
        js=[],  # pygal's default tooltip script lives on the internet: never load it
        style=LINES,
        width=640,
        height=360,
        show_dots=False,
        legend_at_bottom=True,
        show_minor_x_labels=False,
        truncate_label=-1,
        disable_xml_declaration=True,
        value_formatter=_amount,
    )
    # One label a period, shown at the first half of every other month.
    labels = [f"{(i + 1) // 2}月{'' if i % 2 else '下'}" for i in range(1, len(figures) + 1)]
    chart.x_labels = labels
    chart.x_labels_major = labels[0::4]
    chart.add("序时进度（万元）", [_number(f.ytd_plan) for f in figures])
    chart.add(
        "累计完成（万元）",
        [_number(f.ytd_actual) if i < reported else None for i, f in enumerate(figures)],
    )
    return _svg(chart, name)


def category_bars(rows: Sequence[TotalRow], name: str = "categories") -> str:
    """序时进度 against 累计完成 for each category, as horizontal bars."""
    longest = max((len(row.name) for row in rows), default=0)
    chart = pygal.HorizontalBar(
        js=[],
        style=BIG,
        width=900,
        height=80 + 36 * len(rows),
        legend_at_bottom=True,
        disable_xml_declaration=True,
        value_formatter=_amount,
        truncate_label=-1,  # category names whole, never "城市规划…"
        # pygal sizes labels for Latin letters (0.6 em); a Chinese character is 1 em.
        margin_left=20 + round(0.45 * LABEL_SIZE * longest),
    )
    # pygal draws the first label at the bottom: reverse so the list reads top-down.
    shown = list(reversed(rows))
    chart.x_labels = [row.name for row in shown]
    chart.add("序时进度（万元）", [_number(row.figures.ytd_plan) for row in shown])
    chart.add("累计完成（万元）", [_number(row.figures.ytd_actual) for row in shown])
    return _svg(chart, name)


def _svg(chart: pygal.graph.graph.Graph, name: str) -> str:
    chart.uuid = name  # the id scopes pygal's inline CSS: stable, and unique per page
    return NOT_DRAWN.sub("", str(chart.render(is_unicode=True)))


def _amount(value: float) -> str:
    return f"{value:,.0f}"


def _number(amount: Decimal) -> float:
    # Drawing only: a chart needs coordinates, never money arithmetic.
    return float(amount)
