"""Report files every role may download: the 月报表, the ranking, a project's 专项档案."""

from __future__ import annotations

from typing import Any

from flask import request

import reports
from tracker.domain.period import Period
from tracker.web.common import as_of_arg, page_period, roles, the_tracker, the_user, visible_project
from tracker.web.shared import jobs
from tracker.web.shared.files import sent

ALL = ("bureau", "viewer", "unit")


def report_unit() -> str | None:
    """A unit user always gets its own unit's 月报表; others choose (default: the district)."""
    user = the_user()
    return user.unit if user.role == "unit" else (request.args.get("unit") or None)


def send(data: bytes, fmt: str, name: str) -> Any:
    """A report file as a download named ``name`` plus its format's extension."""
    kind = reports.MEDIA_TYPES[fmt]
    return sent(data, kind, as_attachment=True, download_name=f"{name}.{fmt}")


def monthly_name(period: Period, unit: str | None) -> str:
    district = the_tracker().register.campaign(period.year).district
    return f"{unit or district}{period.year}年第{period.index}期城市建设战役项目月报表"


def monthly(period: Period, fmt: str) -> Any:
    """The 月报表 of ``period`` as of the address's moment, for the user's unit or the one asked."""
    unit = report_unit()
    data = reports.render_report(
        the_tracker(), period, reports.check_format(fmt), unit, as_of_arg()
    )
    return send(data, fmt, monthly_name(period, unit))


@roles(*ALL)
def monthly_report(period: str, fmt: str) -> Any:
    """A big 月报表, or one as of a moment, is made in the background (``jobs``)."""
    chosen = page_period(period)
    job = jobs.runner().ask(chosen, reports.check_format(fmt), report_unit(), as_of_arg())
    return monthly(chosen, fmt) if job is None else jobs.waited(job)


@roles(*ALL)
def ranking_report(year: int, month: int, fmt: str) -> Any:
    data = reports.render_ranking(
        the_tracker(), year, month, reports.check_format(fmt), as_of_arg()
    )
    return send(data, fmt, f"{year}年{month}月责任单位考核排名")


@roles(*ALL)
def archive(code: str) -> Any:
    project = visible_project(code)
    data = reports.render_archive(the_tracker(), code, as_of_arg())
    return send(data, "pdf", f"{project.code}{project.name}专项档案")
