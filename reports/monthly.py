"""城市建设战役项目（半）月报表: rows grouped by the ten categories, subtotals, a total."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reports.templating import fingerprint, moment, render
from tracker.application.issuing import MonthlyData, Restatement
from tracker.application.jsonable import jsonable
from tracker.domain.figures import STATUS_LABELS
from tracker.projections.rows import ProjectRow
from tracker.projections.summary import TotalRow

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
class MonthlyReport:
    """The 月报表 as shown: ready to render to HTML or to a sheet."""

    title: str
    district: str
    year: int
    period_label: str
    unit: str | None
    zone: str
    as_of: datetime
    total: TotalRow
    groups: list[Group]
    restatements: list[Restatement]
    fingerprint: str

    @property
    def as_of_text(self) -> str:
        return moment(self.as_of, self.zone)

    @property
    def scope(self) -> str:
        return f"责任单位：{self.unit}" if self.unit else "全区"


def monthly_report(data: MonthlyData) -> MonthlyReport:
    """Group the rows; a unit's report leaves out the categories it has no project in."""
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
            lines.append(Line(number, row, progress_text(row), problems_text(data, row.code)))
        groups.append(Group(f"{ordinal}、{total.name}", total, lines))
    return MonthlyReport(
        title=f"{campaign.district}{period.year}年城市建设战役项目（半）月报表",
        district=campaign.district,
        year=period.year,
        period_label=period.label,
        unit=data.unit,
        zone=campaign.schedule.timezone,
        as_of=summary.as_of,
        total=summary.district,
        groups=groups,
        restatements=data.restatements,
        fingerprint=data_fingerprint(data),
    )


def data_fingerprint(data: MonthlyData) -> str:
    """The hash of the rows, problems and restatements; not of the moment they were read."""
    summary = jsonable(data.summary)
    del summary["as_of"]
    return fingerprint(
        {
            "summary": summary,
            "unit": data.unit,
            "problems": data.open_problems,
            "restatements": data.restatements,
        }
    )


def progress_text(row: ProjectRow) -> str:
    """形象进度 as reported, marked when the report is missing, late or back-filled."""
    text = row.progress or ""
    if row.progress_pct is not None:
        text = f"{text}（{row.progress_pct}%）" if text else f"{row.progress_pct}%"
    if row.status in MARKED:
        text = f"【{STATUS_LABELS[row.status]}】{text}"
    return text


def problems_text(data: MonthlyData, code: str) -> str:
    problems = data.open_problems.get(code, [])
    return "；".join(f"{p.problem_id}. {p.text}" for p in problems)


def monthly_html(report: MonthlyReport) -> str:
    return render("monthly.html", report=report)
