"""Charts drawn on the server as SVG (pygal), so pages and PDFs need no script or CDN."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import pygal
from pygal.style import Style

from tracker.projections.rows import ProjectRow

STYLE = Style(
    background="white",
    plot_background="white",
    font_family="'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif",
    colors=("#8a94a6", "#b42318"),
    label_font_size=11,
    legend_font_size=12,
)


def cumulative_chart(rows: Sequence[ProjectRow], now: datetime) -> str:
    """Cumulative plan (序时进度) against actual (累计完成) by period, as inline SVG."""
    chart = pygal.Line(
        js=[],  # pygal's default tooltip script lives on the internet: never load it
        style=STYLE,
        width=720,
        height=300,
        show_dots=False,
        legend_at_bottom=True,
        x_label_rotation=0,
        show_minor_x_labels=False,
        disable_xml_declaration=True,
        value_formatter=lambda v: f"{v:,.2f}",
    )
    labels = [f"{row_period(i)}" for i in range(1, len(rows) + 1)]
    chart.x_labels = labels
    chart.x_labels_major = labels[1::4]
    chart.add("序时进度（万元）", [_number(r.figures.ytd_plan) for r in rows])
    reported = [r for r in rows if r.versions or r.status in ("missing", "late", "on_time")]
    last = max((i for i, r in enumerate(rows) if r in reported), default=-1)
    chart.add(
        "累计完成（万元）",
        [_number(r.figures.ytd_actual) if i <= last else None for i, r in enumerate(rows)],
    )
    return str(chart.render(is_unicode=True))


def row_period(index: int) -> str:
    return f"{(index + 1) // 2}月{'上' if index % 2 else '下'}"


def _number(amount: object) -> float:
    # Drawing only: a chart needs coordinates, never money arithmetic.
    return float(amount)  # type: ignore[arg-type]
