"""The 月报表 as a workbook: the same rows as the PDF, numbers as numbers."""

from __future__ import annotations

from reports import xlsx
from reports.monthly import Line, MonthlyReport
from reports.templating import moment
from tracker.application.queries.monthly import Restatement
from tracker.application.queries.summaries import TotalRow
from tracker.domain.catalog import LIGHTS, NATURE_LABELS
from tracker.domain.rules.forecast import Outlook
from tracker.domain.rules.ytd import Figures

COLUMNS = (
    xlsx.Column("序号", "integer"),
    xlsx.Column("项目名称", wrap=30),
    xlsx.Column("责任单位", wrap=20),
    xlsx.Column("建设性质"),
    xlsx.Column("年度计划投资（万元）", "money"),
    xlsx.Column("本期完成投资（万元）", "money"),
    xlsx.Column("本年累计完成（万元）", "money"),
    xlsx.Column("年度完成率", "percent"),
    xlsx.Column("序时进度（万元）", "money"),
    xlsx.Column("亮灯"),
    xlsx.Column("形象进度", wrap=40),
    xlsx.Column("存在问题", wrap=40),
)
#: the forecast (DESIGN §3 Forecast), after the columns the PDF has: the PDF's layout is kept
OUTLOOK_COLUMNS = (
    xlsx.Column("SPI（累计/序时）", "ratio"),
    xlsx.Column("预计全年完成（万元）", "money"),
    xlsx.Column("剩余每期需完成（万元）", "money"),
    xlsx.Column("本期计划形象进度（%）", "points"),
    xlsx.Column("形象进度滞后（百分点）", "points"),
)
RESTATEMENT_COLUMNS = (
    xlsx.Column("期次", wrap=20),
    xlsx.Column("项目名称", wrap=30),
    xlsx.Column("责任单位", wrap=20),
    xlsx.Column("签发时本期完成（万元）", "money"),
    xlsx.Column("更正后本期完成（万元）", "money"),
    xlsx.Column("差额（万元）", "money"),
    xlsx.Column("更正原因", wrap=40),
    xlsx.Column("更正时间"),
)


def monthly_xlsx(report: MonthlyReport) -> bytes:
    """The same table as a workbook: numbers as numbers, frozen header, subtotals, a total."""
    book = xlsx.Book(report.as_of)
    notes = [f"{report.period_label}　{report.scope}　{report.stamp}　金额单位：万元"]
    out = report.outlook
    projects, categories = (out.projects, out.categories) if out else ({}, {})
    label = f"合计（{report.total.projects}个项目）"
    total = total_cells(label, report.total) + outlook_cells(out.district if out else None)
    rows: list[xlsx.Row] = [xlsx.Row("total", total)]
    for group in report.groups:
        label = f"{group.label}　小计（{group.total.projects}个）"
        subtotal = total_cells(label, group.total) + outlook_cells(categories.get(group.total.name))
        rows.append(xlsx.Row("subtotal", subtotal))
        rows.extend(
            xlsx.Row(None, line_cells(line) + outlook_cells(projects.get(line.row.code)))
            for line in group.lines
        )
    book.sheet("月报表", report.title, notes, (*COLUMNS, *OUTLOOK_COLUMNS), rows, merge_label=4)
    if report.restatements:
        book.sheet(
            "前期更正",
            f"{report.title}　前期数据更正",
            notes,
            RESTATEMENT_COLUMNS,
            [xlsx.Row(None, restatement_cells(r, report.zone)) for r in report.restatements],
        )
    return book.save()


def total_cells(label: str, total: TotalRow) -> list[object]:
    return [label, None, None, None, *figure_cells(total.figures, total.light), None, None]


def line_cells(line: Line) -> list[object]:
    row = line.row
    nature = NATURE_LABELS.get(row.nature, row.nature)
    return [
        line.number,
        row.name,
        row.unit,
        nature,
        *figure_cells(row.figures, row.light),
        line.progress,
        line.problems,
    ]


def figure_cells(f: Figures, light: str) -> list[object]:
    """The six figure columns, the same for a project, a subtotal and the total."""
    return [
        f.annual_plan,
        f.period_investment,
        f.ytd_actual,
        f.completion_rate,
        f.ytd_plan,
        LIGHTS[light],
    ]


def outlook_cells(outlook: Outlook | None) -> list[object]:
    """The forecast's five columns (a total has no 形象进度 of its own)."""
    if outlook is None:
        return [None] * len(OUTLOOK_COLUMNS)
    return [
        outlook.spi,
        outlook.forecast,
        outlook.required_per_period,
        outlook.planned_pct,
        outlook.physical_lag,
    ]


def restatement_cells(r: Restatement, zone: str) -> list[object]:
    return [
        r.period.label,
        r.name,
        r.unit,
        r.before,
        r.after,
        r.difference,
        "；".join(r.reasons),
        moment(r.changed_at, zone),
    ]
