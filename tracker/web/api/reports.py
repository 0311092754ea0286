"""半月报 through the API: submit, correct, and the 月报表 files."""

from __future__ import annotations

from typing import Any

from flask import abort, jsonify

from tracker.web.api.body import body, versions_json
from tracker.web.common import period_arg, roles, the_tracker, the_user, visible_project
from tracker.web.shared.downloads import monthly
from tracker.web.shared.schemas import CorrectionSchema, ReportSchema

ALL = ("bureau", "viewer", "unit")


@roles("unit")
def submit(code: str, period: str) -> Any:
    if visible_project(code).unit != the_user().unit:
        abort(404)
    when, data, tracker = period_arg(period), body(ReportSchema()), the_tracker()
    tracker.projects.submit_report(code, when, data["report"], the_user().actor)
    return jsonify(versions_json(code, str(when), tracker.register.versions(code, str(when)))), 201


@roles("unit")
def correct(code: str, period: str) -> Any:
    visible_project(code)
    when, data, tracker = period_arg(period), body(CorrectionSchema()), the_tracker()
    tracker.projects.correct_report(code, when, data["report"], data["reason"], the_user().actor)
    return jsonify(versions_json(code, str(when), tracker.register.versions(code, str(when)))), 201


@roles(*ALL)
def monthly_report(period: str, fmt: str) -> Any:
    """The 月报表 as PDF or XLSX; a unit user always gets its own unit's."""
    return monthly(period_arg(period), fmt)
