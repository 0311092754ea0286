"""Report files: the 月报表 (district or one unit), overdue list, ranking, archive; 签发."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user

import reports
from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period
from tracker.web import tracker_app
from tracker.web.auth import roles, the_user, visible_project
from tracker.web.pages import campaign_year

blueprint = Blueprint("downloads", __name__)
ALL = ("bureau", "viewer", "unit")


def as_of() -> datetime | None:
    from tracker.web.bureau_args import as_of_arg

    return as_of_arg()


def period_of(text: str) -> Period:
    try:
        return Period.parse(text)
    except InvalidValue:
        abort(404)


def report_unit() -> str | None:
    """A unit user always gets its own unit's 月报表; others choose (default: the district)."""
    user = the_user()
    return user.unit if user.role == "unit" else (request.args.get("unit") or None)


def send(data: bytes, fmt: str, name: str) -> Any:
    response = send_file(
        io.BytesIO(data),
        mimetype=reports.MEDIA_TYPES[fmt],
        as_attachment=True,
        download_name=f"{name}.{fmt}",
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def monthly_name(period: Period, unit: str | None) -> str:
    district = tracker_app(current_app).campaign(period.year).district
    return f"{unit or district}{period.year}年第{period.index}期城市建设战役项目月报表"


@blueprint.get("/reports/<period>.<fmt>")
@roles(*ALL)
def monthly(period: str, fmt: str) -> Any:
    when, unit = period_of(period), report_unit()
    data = reports.render_report(
        tracker_app(current_app), when, reports.check_format(fmt), unit, as_of()
    )
    return send(data, fmt, monthly_name(when, unit))


@blueprint.get("/reports/overdue.<fmt>")
@roles("bureau", "viewer")
def overdue(fmt: str) -> Any:
    year = campaign_year()
    data = reports.render_overdue(
        tracker_app(current_app), year, reports.check_format(fmt), as_of()
    )
    return send(data, fmt, f"{year}年逾期及督办清单")


@blueprint.get("/reports/ranking/<int:year>-<int:month>.<fmt>")
@roles(*ALL)
def ranking(year: int, month: int, fmt: str) -> Any:
    data = reports.render_ranking(
        tracker_app(current_app), year, month, reports.check_format(fmt), as_of()
    )
    return send(data, fmt, f"{year}年{month}月责任单位考核排名")


@blueprint.get("/projects/<code>/archive.pdf")
@roles(*ALL)
def archive(code: str) -> Any:
    project = visible_project(code)
    data = reports.render_archive(tracker_app(current_app), code, as_of())
    return send(data, "pdf", f"{project.code}{project.name}专项档案")


@blueprint.get("/bureau/reports")
@roles("bureau", "viewer")
def issued() -> str:
    tracker = tracker_app(current_app)
    year = campaign_year()
    current = tracker.current_period(year)
    closed = [p for p in Period.all_of(year) if p < current][::-1]
    return render_template(
        "issued.html",
        year=year,
        issued=tracker.issued_reports(year)[::-1],
        closed=closed,
        units=sorted({row["unit"] for row in tracker.list_projects(year=year)}),
    )


@blueprint.post("/bureau/reports/<period>/issue")
@roles("bureau")
def issue(period: str) -> Any:
    when = period_of(period)
    unit = request.form.get("unit") or None
    done = reports.issue_report(tracker_app(current_app), when, unit, current_user.actor)
    flash(f"已签发{unit or '全区'}{when.label}月报表，SHA-256 {done.sha256[:16]}…")
    return redirect(url_for("downloads.issued"), 303)


@blueprint.get("/bureau/reports/files/<sha256>.pdf")
@roles("bureau", "viewer")
def issued_file(sha256: str) -> Any:
    tracker = tracker_app(current_app)
    found = next((r for r in tracker.issued_reports(campaign_year()) if r.sha256 == sha256), None)
    if found is None:
        abort(404)
    return send(
        tracker.issued_file(sha256), "pdf", f"{monthly_name(found.period, found.unit)}（签发件）"
    )
