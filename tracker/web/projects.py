"""Report forms (a unit's whole period, one project, a correction) and the project page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.application.projects import ReportsRejected
from tracker.domain.errors import Conflict, InvalidValue, TrackerError
from tracker.domain.period import Period
from tracker.web import tracker_app
from tracker.web.auth import may_report, roles, visible_project
from tracker.web.charts import s_curve
from tracker.web.forms import Entry, load_entry, read_entry
from tracker.web.schemas import AnswerSchema, CorrectionSchema, ReportSchema

blueprint = Blueprint("projects", __name__)


def parse_period(text: str) -> Period:
    try:
        return Period.parse(text)
    except InvalidValue:
        abort(404)


@blueprint.route("/unit/periods/<period>", methods=["GET", "POST"])
@roles("unit")
def period_form(period: str) -> Any:
    """All the unit's projects for one period on one page."""
    tracker, when = tracker_app(current_app), parse_period(period)
    rows = [r for r in tracker.summary(when).projects if r.unit == current_user.unit]
    open_codes = [r.code for r in rows if r.versions == 0 and r.status != "not_due"]
    entries = {code: Entry(code) for code in open_codes}
    status = 200
    if request.method == "POST":
        entries = {code: read_entry(request.form, request.files, code) for code in open_codes}
        filled = {code: e for code, e in entries.items() if not e.blank}
        for entry in filled.values():
            load_entry(entry, ReportSchema())
        status = submit(tracker, when, filled)
        if status == 303:
            flash(f"已报送 {len(filled)} 个项目的{when.label}")
            return redirect(url_for("pages.unit_home"), 303)
    projects = {code: tracker.project(code) for code in open_codes}
    return render_template(
        "period_form.html",
        period=when,
        rows=rows,
        entries=entries,
        projects=projects,
        problems=open_problems(tracker, open_codes),
    ), status


@blueprint.route("/projects/<code>/reports/<period>", methods=["GET", "POST"])
@roles("unit")
def report_form(code: str, period: str) -> Any:
    """One project's report for one period, also for back-filling earlier periods."""
    project, when = visible_project(code), parse_period(period)
    if not may_report(project):
        abort(403)
    tracker = tracker_app(current_app)
    if str(when) in project.reports:
        return redirect(url_for("projects.correction_form", code=code, period=period))
    entry, status = Entry(code), 200
    if request.method == "POST":
        entry = read_entry(request.form, request.files, code)
        load_entry(entry, ReportSchema())
        status = submit(tracker, when, {code: entry})
        if status == 303:
            flash(f"{project.name} {when.label}已报送")
            return redirect(url_for("projects.page", code=code), 303)
    return render_template(
        "report_form.html",
        project=project,
        period=when,
        entry=entry,
        problems=open_problems(tracker, [code]),
        correcting=False,
    ), status


@blueprint.route("/projects/<code>/reports/<period>/correct", methods=["GET", "POST"])
@roles("unit")
def correction_form(code: str, period: str) -> Any:
    project, when = visible_project(code), parse_period(period)
    if not may_report(project) or str(when) not in project.reports:
        abort(404)
    tracker = tracker_app(current_app)
    latest = project.reports[str(when)][-1]
    entry, status = Entry(code, values=typed_values(latest)), 200
    if request.method == "POST":
        entry = read_entry(request.form, request.files, code)
        load_entry(entry, CorrectionSchema())
        if entry.loaded:
            try:
                tracker.correct_report(
                    code, when, entry.loaded["report"], entry.loaded["reason"], current_user.actor
                )
                flash(f"{project.name} {when.label}已更正")
                return redirect(url_for("projects.page", code=code), 303)
            except TrackerError as error:
                entry.errors[error.field or "_schema"] = [error.message]
        status = 409 if any("他人" in m for ms in entry.errors.values() for m in ms) else 422
    return render_template(
        "report_form.html",
        project=project,
        period=when,
        entry=entry,
        problems=open_problems(tracker, [code]),
        correcting=True,
        latest=latest,
    ), status


@blueprint.get("/projects/<code>")
@roles("bureau", "viewer", "unit")
def page(code: str) -> str:
    project = visible_project(code)
    tracker = tracker_app(current_app)
    rows = tracker.project_periods(code)
    # The actual line runs to the last period that was reported or fell due.
    drawn = max(
        (i + 1 for i, r in enumerate(rows) if r.versions or r.status == "missing"), default=0
    )
    return render_template(
        "project.html",
        project=project,
        rows=rows,
        chart=s_curve([row.figures for row in rows], drawn, "project"),
        problems=tracker.problems(code),
        supervisions=tracker.supervisions(code),
        attachments=tracker.project_attachments(code),
        history=tracker.history(code),
        plan_history=tracker.plan_history(code),
        can_report=may_report(project),
        current=tracker.current_period(project.campaign_year),
    )


@blueprint.post("/supervisions/<order_id>/answer")
@roles("unit")
def answer(order_id: str) -> Any:
    tracker = tracker_app(current_app)
    order = tracker.supervision(order_id)
    visible_project(order.project_code)
    if order.unit != current_user.unit:
        abort(404)
    data = AnswerSchema().load({"answer": request.form.get("answer", "")})
    tracker.answer_supervision(order_id, data["answer"], current_user.actor)
    flash("督办答复已提交")
    return redirect(url_for("projects.page", code=order.project_code), 303)


def submit(tracker: Any, when: Period, entries: dict[str, Entry]) -> int:
    """Store the reports if every entry is valid: 303, else 422 / 409 with errors set."""
    if not entries or any(e.errors for e in entries.values()):
        if not entries:
            flash("没有填写任何项目")
        return 422
    try:
        tracker.submit_reports(
            when, {c: e.loaded["report"] for c, e in entries.items()}, current_user.actor
        )
    except ReportsRejected as rejected:
        for code, error in rejected.errors.items():
            entries[code].errors[error.field or "_schema"] = [error.message]
        return 409 if any(isinstance(e, Conflict) for e in rejected.errors.values()) else 422
    except Conflict as error:
        flash(error.message)
        return 409
    return 303


def open_problems(tracker: Any, codes: list[str]) -> dict[str, list[Any]]:
    wanted = set(codes)
    found: dict[str, list[Any]] = {code: [] for code in codes}
    for problem in tracker.problems():
        if problem.code in wanted and problem.is_open:
            found[problem.code].append(problem)
    return found


def typed_values(version: dict[str, Any]) -> dict[str, str]:
    """A stored version as the strings a form shows."""

    def text(value: Any) -> str:
        return "" if value is None else str(value)

    return {
        "investment": text(version["investment"]),
        "progress": version["progress"],
        "progress_pct": text(version["progress_pct"]),
        "started_on": text(version["started_on"]),
        "completed_on": text(version["completed_on"]),
        "reason": "",
    }
