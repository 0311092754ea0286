"""The city's 月报表: its districts' signed-off figures, by district, then category, then project.

Drawn by the 月报表's own parts (the report head, the tables' macros, the figure columns and
the workbook's layout) from the packages the districts sent: every figure as they signed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reports import xlsx
from reports.base import Report
from reports.monthly import progress_text
from reports.monthly_sheet import COLUMNS, figure_cells, total_cells
from tracker.application.queries.city import CityView, DistrictGroup, figures_of
from tracker.application.queries.summaries import TotalRow
from tracker.domain.catalog import NATURE_LABELS
from tracker.domain.rules.ytd import Figures

STANDING = {"reported": "已报", "late": "迟报", "missing": "未报", "pending": "待报"}


@dataclass(frozen=True)
class Line:
    number: int
    name: str
    unit: str
    nature: str
    figures: Figures
    light: str
    progress: str


@dataclass(frozen=True)
class Category:
    label: str
    total: TotalRow
    lines: list[Line]


@dataclass(frozen=True)
class District:
    label: str  # 甲区（已报，签发 …）
    total: TotalRow
    categories: list[Category]


@dataclass(frozen=True)
class CityReport(Report):
    name = "city"

    year: int
    period_label: str
    total: TotalRow
    districts: list[District]
    missing: list[str]  # districts without a package for the period
    #: the city's own ledger head as of ``as_of``, printed as the district 月报表 prints its own
    chain_head: str = ""


def city_report(view: CityView, groups: list[DistrictGroup]) -> CityReport:
    campaign, number, districts = view.campaign, 0, []
    status = {row.district: row.status for row in view.districts}
    for group in groups:
        categories = []
        for category in group.categories:
            lines = []
            for row in category.lines:
                number += 1
                lines.append(line(number, row))
            categories.append(Category(category.label, category.total, lines))
        name = group.total.name
        label = f"{name}（{STANDING[status[name]]}，第{group.package.version}版）"
        districts.append(District(label, group.total, categories))
    missing = [row.district for row in view.districts if row.latest is None]
    source = {"packages": [g.package.sha256 for g in groups], "missing": missing}
    return CityReport.made(
        campaign,
        max((g.package.received_at for g in groups), default=view.deadline),
        f"{campaign.district}{view.period.year}年城市建设战役项目（半）月报表（各区县汇总）",
        source,
        year=view.period.year,
        period_label=view.period.label,
        total=view.total,
        districts=districts,
        missing=missing,
    )


def line(number: int, row: dict[str, Any]) -> Line:
    pct = Decimal(row["progress_pct"]) if row["progress_pct"] is not None else None
    nature = NATURE_LABELS.get(row["nature"], row["nature"])
    progress = progress_text(row["progress"], pct)
    return Line(number, row["name"], row["unit"], nature, figures_of(row), row["light"], progress)


def city_xlsx(report: CityReport) -> bytes:
    """The same table as a workbook (the 月报表's columns; 存在问题 stays empty)."""
    book = xlsx.Book(report.as_of)
    notes = [f"{report.period_label}　{report.stamp}　金额单位：万元"]
    label = f"全市合计（{report.total.projects}个项目）"
    rows = [xlsx.Row("total", total_cells(label, report.total))]
    for district in report.districts:
        rows.append(xlsx.Row("total", total_cells(district.label, district.total)))
        for category in district.categories:
            label = f"{category.label}　小计（{category.total.projects}个）"
            rows.append(xlsx.Row("subtotal", total_cells(label, category.total)))
            rows += [xlsx.Row(None, cells(item)) for item in category.lines]
    book.sheet("汇总月报表", report.title, notes, COLUMNS, rows, merge_label=4)
    return book.save()


def cells(item: Line) -> list[object]:
    figures = figure_cells(item.figures, item.light)
    return [item.number, item.name, item.unit, item.nature, *figures, item.progress, None]
