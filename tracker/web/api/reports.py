"""半月报 through the API: submit, correct, and the 月报表 files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import jsonify
from marshmallow import ValidationError

from tracker.domain.errors import TrackerError
from tracker.web.api.body import body, versions_json
from tracker.web.common import period_arg, roles, the_tracker, the_user, visible_project
from tracker.web.shared.downloads import monthly
from tracker.web.shared.schemas import CorrectionSchema, ReportSchema

ALL = ("bureau", "viewer", "unit")
T = TypeVar("T")


@roles("unit")
def submit(code: str, period: str) -> Any:
    """The first report of a period; the reply is the version stored (no second read).

    The command checks the project is this unit's (404 if not) on the one load it makes.
    """
    when, data = own_input(code, lambda: (period_arg(period), body(ReportSchema())))
    user = the_user()
    stored = the_tracker().projects.submit_report(code, when, data["report"], user.actor, user.unit)
    return jsonify(versions_json(code, str(when), [stored])), 201


def own_input(code: str, read: Callable[[], T]) -> T:
    """What ``read`` takes from the request; if it refuses, another unit's project is 404 first."""
    try:
        return read()
    except (ValidationError, TrackerError):
        visible_project(code)  # whatever the body, a project the unit may not see is not there
        raise


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
