"""Report definitions: the 月报表 and the other reports as PDF (WeasyPrint) and XLSX.

Each report is a model built from query rows, a Jinja template and a CSS
file; the functions here fetch the rows from the application and return the
file's bytes. The web layer calls them:

- ``render_report(app, period, fmt, unit=None, as_of=None)`` – the 月报表
- ``render_overdue(app, year, fmt, as_of=None)`` – the overdue / 督办 list
- ``render_ranking(app, year, month, fmt, as_of=None)`` – the monthly ranking
- ``render_archive(app, code, as_of=None)`` – a project's archive record (PDF only)
- ``render_city(app, period, fmt)`` – a city's 月报表 of its districts' packages
- ``issue_report(app, period, unit, actor)`` – 签发: make the PDF now, keep it, record it

``fmt`` is ``"pdf"`` or ``"xlsx"``; ``MEDIA_TYPES[fmt]`` is its Content-Type.
The same data and the same ``as_of`` give the same bytes. A report asked for as of a
moment prints "数据截至 …（历史视图）" under its title, except the 月报表 PDF as of a sign-off's
moment: that is the 签发件 re-made, and it prints "数据截至 …" as the signed file does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from tracker.domain.clock import clock
from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp
    from tracker.application.queries.issued import IssuedReport

FORMATS = ("pdf", "xlsx")
MEDIA_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",  # the OC4IDS package a background job makes
}


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InvalidValue(f"不支持的报表格式“{fmt}”，只能是 pdf 或 xlsx")
    return fmt


def render_report(
    app: TrackerApp,
    period: Period,
    fmt: str,
    unit: str | None = None,
    as_of: datetime | None = None,
    past: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """城市建设战役项目（半）月报表 for the district, or for one unit.

    ``past``: whether it says （历史视图）; by default when ``as_of`` is given, except for
    the PDF as of a sign-off's moment, which is the 签发件 re-made. ``progress`` hears each
    stage as it begins: 读取数据, 排版 (PDF only), 生成文件.
    """
    from reports.monthly import monthly_report
    from reports.monthly_sheet import monthly_xlsx

    check_format(fmt)
    step = progress or (lambda stage: None)
    step("读取数据")
    data = app.monthly.data(period, unit, as_of)
    if past is None:
        past = as_of is not None and not (fmt == "pdf" and signed_off_at(app, period, unit, as_of))
    if fmt == "xlsx":
        step("生成文件")
        return monthly_xlsx(monthly_report(data, past=past))
    # The ledger's head as of the moment the rows stood: re-made as of then, the same bytes.
    return monthly_report(data, app.audit.head(data.summary.as_of).link, past).pdf(step)


def issue_report(app: TrackerApp, period: Period, unit: str | None, actor: str) -> IssuedReport:
    """签发: make the period's 月报表 PDF as of now, keep the file and record its sha256.

    The PDF prints the chain head as of now; the sign-off records the same head. It says
    "数据截至 …" without "（历史视图）": it is the report of its moment, and re-made as of that
    moment (a sign-off's moment) it says the same, so it is the same file.
    """
    as_of = clock.now()
    chain_head = app.audit.head(as_of).link
    pdf = render_report(app, period, "pdf", unit, as_of, past=False)
    return app.sign_offs.issue(period, unit, as_of, pdf, actor, chain_head)


def signed_off_at(app: TrackerApp, period: Period, unit: str | None, as_of: datetime) -> bool:
    """Whether the 月报表 of ``period`` (of ``unit``, or the district) was signed off as of
    ``as_of``."""
    return any(r.unit == unit and r.as_of == as_of for r in app.issued.reports(period.year, period))


def render_city(app: TrackerApp, period: Period, fmt: str) -> bytes:
    """The city's 月报表 (a city's campaign): its districts' latest packages of ``period``."""
    from reports.city import city_report, city_xlsx

    check_format(fmt)
    report = city_report(*app.city_packages.monthly(period.year, period))
    if fmt == "xlsx":
        return city_xlsx(report)
    return replace(report, chain_head=app.audit.head(report.as_of).link).pdf()


def render_overdue(
    app: TrackerApp,
    year: int,
    fmt: str,
    as_of: datetime | None = None,
    past: bool | None = None,
    progress: Callable[[str], None] | None = None,
) -> bytes:
    """The overdue list with the 督办 orders of the year's projects.

    ``past``: whether it says （历史视图）; by default when ``as_of`` is given. ``progress``
    hears each stage as it begins: 读取数据, 排版 (PDF only), 生成文件.
    """
    from reports.overdue import overdue_report, overdue_xlsx

    check_format(fmt)
    step = progress or (lambda stage: None)
    step("读取数据")
    names = {row.code: row.name for row in app.register.projects(year)}
    report = overdue_report(
        app.register.campaign(year),
        as_of or clock.now(),
        app.overdue.items(year, as_of),
        app.orders.rows(as_of=as_of),
        names,
        past=as_of is not None if past is None else past,
    )
    if fmt == "xlsx":
        step("生成文件")
        return overdue_xlsx(report)
    return report.pdf(step)


def render_ranking(
    app: TrackerApp, year: int, month: int, fmt: str, as_of: datetime | None = None
) -> bytes:
    """The units' 考核 ranking for one month, with the weights that stood at ``as_of``."""
    from reports.ranking import ranking_report, ranking_xlsx

    check_format(fmt)
    if not 1 <= month <= 12:
        raise InvalidValue(f"月份“{month}”不存在")
    campaign = app.register.campaign(year, as_of)
    rows = app.rankings.month(year, month, as_of)
    report = ranking_report(campaign, month, as_of or clock.now(), rows, past=as_of is not None)
    return ranking_xlsx(report) if fmt == "xlsx" else report.pdf()


def render_archive(app: TrackerApp, code: str, as_of: datetime | None = None) -> bytes:
    """A project's 专项档案 as PDF, as it stood at ``as_of``."""
    from reports.archive import archive_report

    return archive_report(app.archive.data(code, as_of), past=as_of is not None).pdf()
