"""Report forms: a unit's whole period on one page, one project's report, a correction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.application.commands.projects import ReportsRejected
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, TrackerError
from tracker.domain.period import Period
from tracker.web.common import (
    as_of_arg,
    as_of_context,
    may_report,
    page_period,
    roles,
    the_tracker,
    visible_project,
)
from tracker.web.shared.schemas import CorrectionSchema, ReportSchema
from tracker.web.unit.forms import Entry, load_entry, read_entry, typed_values


@roles("unit")
def period_form(period: str) -> Any:
    """All the unit's projects for one period on one page (as of a past moment: read-only)."""
    tracker, when, moment = the_tracker(), page_period(period), as_of_arg()
    if moment is not None:
        return period_then(when, moment)
    if (waiting := not_open(when)) is not None:
        return waiting
    rows = tracker.summaries.unit_rows(when, current_user.unit)
    open_codes = [r.code for r in rows if r.versions == 0 and r.status != "not_due"]
    entries, status = {code: Entry(code) for code in open_codes}, 200
    if request.method == "POST":
        entries = {code: read_entry(request.form, request.files, code) for code in open_codes}
        filled = {code: e for code, e in entries.items() if not e.blank}
        status = submit(when, filled, ReportSchema())
        if status == 303:
            flash(f"已报送 {len(filled)} 个项目的{when.label}")
            return redirect(url_for("unit.home"), 303)
    return render_template(
        "unit/period_form.html", period=when, rows=rows, entries=entries, **beside(open_codes, when)
    ), status


def beside(codes: list[str], when: Period) -> dict[str, Any]:
    """What a form shows beside each project: its register row, its open problems, its
    本期计划形象进度 and the nodes it may report met."""
    tracker = the_tracker()
    return {
        "projects": {code: tracker.register.project(code) for code in codes},
        "problems": tracker.problems.open_ones(codes),
        "planned": tracker.plans.planned_pcts(codes, when),
        "nodes": tracker.plans.open_milestones(codes),
    }


def not_open(when: Period) -> Any:
    """A period not yet open says so before anyone types (when it opens, when it is due);
    None for a period that is open or past."""
    schedule = the_tracker().register.campaign(when.year).schedule
    if when.opens_at(schedule) <= clock.now():
        return None
    page = render_template(
        "unit/period_not_open.html",
        period=when,
        opens=when.start_date(schedule),
        due=when.due_date(schedule),
    )
    return page, (200 if request.method == "GET" else 400)


def period_then(when: Period, moment: datetime) -> str:
    """The period's reports as they stood at ``moment``: what was sent, nothing to send."""
    return render_template(
        "unit/period_then.html",
        **as_of_context(moment),
        period=when,
        rows=the_tracker().summaries.unit_rows(when, current_user.unit, moment),
    )


@roles("unit")
def report_form(code: str, period: str) -> Any:
    """One project's report for one period, also for back-filling earlier periods."""
    project, when = own_project(code), page_period(period)
    if the_tracker().register.versions(code, str(when)):
        return redirect(url_for("unit.correction_form", code=code, period=period))
    entry, status = Entry(code), 200
    if request.method == "POST":
        entry = read_entry(request.form, request.files, code)
        status = submit(when, {code: entry}, ReportSchema())
        if status == 303:
            flash(f"{project.name} {when.label}已报送")
            return redirect(url_for("shared.project", code=code), 303)
    return form_page(project, when, entry, status)


@roles("unit")
def correction_form(code: str, period: str) -> Any:
    project, when = visible_project(code), page_period(period)
    versions = the_tracker().register.versions(code, str(when)) if may_report(project) else []
    if not versions:
        abort(404)
    entry, status = Entry(code, values=typed_values(versions[-1])), 200
    if request.method == "POST":
        entry = read_entry(request.form, request.files, code)
        status = correct(when, entry)
        if status == 303:
            flash(f"{project.name} {when.label}已更正")
            return redirect(url_for("shared.project", code=code), 303)
    return form_page(project, when, entry, status, latest=versions[-1])


def own_project(code: str) -> Any:
    """The project, if it is one of this unit's: another unit's is 403 (its existence is seen)."""
    project = visible_project(code)
    if not may_report(project):
        abort(403)
    return project


def form_page(project: Any, when: Period, entry: Entry, status: int, latest: Any = None) -> Any:
    return render_template(
        "unit/report_form.html",
        project=project,
        period=when,
        entry=entry,
        **beside([project.code], when),
        correcting=latest is not None,
        latest=latest,
    ), status


def submit(when: Period, entries: dict[str, Entry], schema: ReportSchema) -> int:
    """Store the reports if every entry is valid: 303, else 422 / 409 with errors set."""
    for entry in entries.values():
        load_entry(entry, schema)
    if not entries or any(e.errors for e in entries.values()):
        if not entries:
            flash("没有填写任何项目")
        return 422
    try:
        reports = {code: e.loaded["report"] for code, e in entries.items()}  # type: ignore[index]
        the_tracker().projects.submit_reports(when, reports, current_user.actor)
    except ReportsRejected as rejected:
        for code, error in rejected.errors.items():
            entries[code].errors[error.field or "_schema"] = [error.message]
        return 409 if any(isinstance(e, Conflict) for e in rejected.errors.values()) else 422
    except Conflict as error:
        flash(error.message)
        return 409
    return 303


def correct(when: Period, entry: Entry) -> int:
    """Store the correction if it is valid: 303, else 422 / 409 with errors set."""
    load_entry(entry, CorrectionSchema())
    if entry.loaded:
        report, reason = entry.loaded["report"], entry.loaded["reason"]
        try:
            the_tracker().projects.correct_report(
                entry.code, when, report, reason, current_user.actor
            )
            return 303
        except TrackerError as error:
            entry.errors[error.field or "_schema"] = [error.message]
    return 409 if any("他人" in m for ms in entry.errors.values() for m in ms) else 422
