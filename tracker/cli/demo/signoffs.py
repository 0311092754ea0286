"""签发 in the demo: the last closed period signed off, two reports corrected, signed off again.

So the 签发 list has entries, and "与上次签发相比" has the corrections to show.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING

from tracker.cli.demo.actions import Action
from tracker.domain.period import Period

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp
    from tracker.cli.demo.history import History

#: why a report is corrected after the period was signed off
AFTER_SIGN_OFF = "签发后核对监理月报，本期完成投资填报有误，予以更正"
#: how many of the period's reports are corrected between the two sign-offs
CORRECTED = 2


def issue(app: TrackerApp, period: Period) -> None:
    import reports  # rendering the PDF is the reports package's work

    reports.issue_report(app, period, None, "bureau")


def working_day_after(day: date) -> date:
    day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def sign_off_twice(h: History) -> None:
    """Sign off the last closed period the next working day; correct two of its reports that
    afternoon; sign it off again the working day after."""
    if not h.closed:
        return
    period = h.closed[-1]
    first_day = working_day_after(period.due_date(h.schedule))
    first, corrected = h.moment(first_day, 60), h.moment(first_day, 360)
    second = h.moment(working_day_after(first_day), 60)
    if first >= h.horizon:
        return
    h.extra.append(Action(first, partial(issue, period=period)))
    if second >= h.horizon:
        return
    candidates = [
        r for r in h.ordered() if r.period == period and r.plain and r.cents > 0 and r.at < first
    ]
    for report in sorted(candidates, key=lambda r: r.code)[-CORRECTED:]:
        report.wrong = (report.cents * 100 // 112, report.progress, AFTER_SIGN_OFF, corrected)
    h.extra.append(Action(second, partial(issue, period=period)))
