"""城市建设战役项目（半）月报表: rows grouped by the ten categories, subtotals, a total."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reports.base import Report
from tracker.application.jsonable import jsonable
from tracker.application.queries.monthly import MonthlyData, Restatement
from tracker.application.queries.outlook import Outlooks
from tracker.application.queries.rows import ProjectRow
from tracker.application.queries.summaries import TotalRow
from tracker.domain.catalog import REPORT_STATUS

ORDINALS = "一二三四五六七八九十"
MARKED = ("missing", "late", "backfilled")  # 未报, 迟报, 补录


@dataclass(frozen=True)
class Line:
    """One project's row: its number in the table and its texts."""

    number: int
    row: ProjectRow
    progress: str
    problems: str


@dataclass(frozen=True)
class Group:
    """One of the ten categories: its subtotal and its projects."""

    label: str  # 一、城市绿化
    total: TotalRow
    lines: list[Line]


@dataclass(frozen=True)
class MonthlyReport(Report):
    """The 月报表 as shown: ready to render to HTML or to a sheet."""

    name = "monthly"

    year: int
    period_label: str
    unit: str | None
    total: TotalRow
    groups: list[Group]
    restatements: list[Restatement]
    #: the ledger's head as of ``as_of``: printed beside the fingerprint (tracker audit head --at)
    chain_head: str = ""
    #: the forecasts, for the workbook's extra columns (the PDF does not show them)
    outlook: Outlooks | None = None

    @property
    def scope(self) -> str:
        return f"责任单位：{self.unit}" if self.unit else "全区"


def monthly_report(data: MonthlyData, chain_head: str = "", past: bool = False) -> MonthlyReport:
    """Group the rows; a unit's report leaves out the categories it has no project in.

    ``past``: made as of a moment asked for (a past one, or a 签发's): it says 历史视图.
    """
    summary = data.summary
    campaign, period = summary.campaign, summary.period
    groups, number = [], 0
    for ordinal, total in zip(ORDINALS, summary.categories, strict=True):
        members = [row for row in summary.projects if row.category == total.name]
        if not members and data.unit is not None:
            continue
        lines = []
        for row in members:
            number += 1
            lines.append(Line(number, row, row_progress(row), problems_text(data, row.code)))
        groups.append(Group(f"{ordinal}、{total.name}", total, lines))
    return MonthlyReport.made(
        campaign,
        summary.as_of,
        f"{campaign.district}{period.year}年城市建设战役项目（半）月报表",
        fingerprinted(data),
        past,
        year=period.year,
        period_label=period.label,
        unit=data.unit,
        total=summary.district,
        groups=groups,
        restatements=data.restatements,
        chain_head=chain_head,
        outlook=summary.outlook,
    )


def fingerprinted(data: MonthlyData) -> dict[str, Any]:
    """The rows, problems and restatements; not the moment they were read."""
    summary = jsonable(data.summary)
    del summary["as_of"]
    # Not the forecasts: the PDF does not show them, and a report signed off before they
    # were read must still be made again byte for byte.
    del summary["outlook"]
    return {
        "summary": summary,
        "unit": data.unit,
        "problems": data.open_problems,
        "restatements": data.restatements,
    }


def progress_text(progress: str | None, pct: Decimal | None) -> str:
    """形象进度 with its percentage, as reported."""
    text = progress or ""
    if pct is not None:
        text = f"{text}（{pct}%）" if text else f"{pct}%"
    return text


def row_progress(row: ProjectRow) -> str:
    """形象进度 as reported, marked when the report is missing, late or back-filled."""
    text = progress_text(row.progress, row.progress_pct)
    if row.status in MARKED:
        text = f"【{REPORT_STATUS[row.status]}】{text}"
    return text


def problems_text(data: MonthlyData, code: str) -> str:
    problems = data.open_problems.get(code, [])
    return "；".join(f"{p.problem_id}. {p.text}" for p in problems)
