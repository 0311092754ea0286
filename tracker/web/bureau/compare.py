"""基线对比: a period's figures at two moments, every change with who, when and why."""

from __future__ import annotations

from datetime import datetime

from flask import render_template, url_for

from tracker.application.queries.issued import IssuedReport, earlier
from tracker.domain.catalog import COMPARED, compared_value
from tracker.domain.period import Period
from tracker.web.common import local_time, moment_arg, page_period, roles, the_tracker

READERS = ("bureau", "viewer")
SECONDS = "%Y-%m-%dT%H:%M:%S"  # a datetime-local input with step="1"


@roles(*READERS)
def compare(period: str) -> str:
    tracker, when = the_tracker(), page_period(period)
    start, end = moment_arg("from"), moment_arg("to")
    found = tracker.compare.between(when, start, end) if start else None
    issued = tracker.issued.reports(when.year, when)
    return render_template(
        "bureau/compare.html",
        period=when,
        found=found,
        from_text=local_time(start, SECONDS) if start else "",
        to_text=local_time(end, SECONDS) if end else "",
        issued=issued[::-1],
        COMPARED=COMPARED,
        shown=compared_value,
    )


def exact(moment: datetime) -> str:
    """A moment in a link, to the microsecond: a sign-off's data moment is compared exactly."""
    return moment.isoformat()


def since_sign_off(period: Period, report: IssuedReport, to: datetime | None = None) -> str:
    """The comparison from ``report``'s data moment to ``to`` (default now)."""
    return url_for(
        "bureau.compare", period=str(period), **{"from": exact(report.as_of)},
        to=exact(to) if to else None,
    )  # fmt: skip


def with_previous(reports: list[IssuedReport], report: IssuedReport) -> str | None:
    """与上次签发相比: from the sign-off before ``report`` to ``report``, if there was one."""
    before = earlier(reports, report)
    return since_sign_off(report.period, before, report.as_of) if before else None
