"""半月报 through the API: submit, correct, and the 月报表 files."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app, jsonify, url_for
from marshmallow import ValidationError

import reports
from tracker.application.report_jobs import Job
from tracker.domain.errors import TrackerError
from tracker.web.api.body import body, versions_json
from tracker.web.common import (
    as_of_arg,
    period_arg,
    roles,
    the_tracker,
    the_user,
    visible_project,
)
from tracker.web.shared import jobs
from tracker.web.shared.downloads import monthly, report_unit
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
    """The 月报表 as PDF or XLSX; a unit user always gets its own unit's.

    One of more projects than TRACKER_REPORT_THRESHOLD is made in the background, as from
    the page: ready within TRACKER_REPORT_WAIT, the file; else 202 with the job's state and
    its address (``Location``), asked again until its ``file`` is there. A failed job is
    started again. A small report as of a moment is made at once, as it always was.
    """
    when = period_arg(period)
    job = jobs.runner().ask(
        when, reports.check_format(fmt), report_unit(), as_of_arg(), past_too=False
    )
    return monthly(when, fmt) if job is None else answered(job)


def answered(job: Job) -> Any:
    """A background job's answer: started again if it failed, waited for a moment
    (TRACKER_REPORT_WAIT), then its file if done, else 202."""
    runner = jobs.runner()
    if job.status == "failed":
        job = runner.restart(job.key)
    job = runner.wait(job.key, current_app.extensions["tracker_settings"].report_wait)
    return jobs.file_response(job) if job.status == "done" else accepted(job)


def accepted(job: Job) -> Any:
    """202: the file is being made; where to ask how far it is."""
    where = {"Location": url_for("api.report_job", key=job.key)}
    return jsonify(jobs.job_json(job, "api.report_job_file")), 202, where


@roles(*ALL)
def report_job(key: str) -> Any:
    """A background job's state (a 月报表, 逾期及督办清单 or OC4IDS package): ``file`` is its
    address once it is done."""
    return jsonify(jobs.job_json(jobs.visible_job(key), "api.report_job_file"))


@roles(*ALL)
def report_job_file(key: str) -> Any:
    """The finished file of a background job (404 until it is done)."""
    return jobs.file_response(jobs.visible_job(key))
