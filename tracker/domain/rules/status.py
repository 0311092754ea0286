"""A project's 半月报 status at one period (DESIGN §3 Periods and Who must report)."""

from __future__ import annotations

from datetime import date, datetime

from tracker.domain.period import Period, Schedule


def report_status(
    period: Period,
    schedule: Schedule,
    registered_at: datetime,
    received_at: datetime | None,
    now: datetime,
) -> str:
    """on_time, late, missing, pending (not yet due), not_due, or backfilled (补录).

    A period whose deadline passed before the project was registered is not
    due; a report for it is back-filled history, neither on time nor late.
    """
    closes = period.closes_at(schedule)
    due = closes > registered_at
    if received_at is not None:
        if not due:
            return "backfilled"
        return "on_time" if received_at < closes else "late"
    if not due:
        return "not_due"
    return "missing" if now >= closes else "pending"


def finished_before(
    period: Period,
    schedule: Schedule,
    completed_on: date | None,
    withdrawn_at: datetime | None,
) -> bool:
    """Completed before the period began, or withdrawn before its deadline: nothing is due."""
    if completed_on and completed_on < period.start_date(schedule):
        return True
    return bool(withdrawn_at and withdrawn_at < period.closes_at(schedule))


def project_status(
    period: Period,
    schedule: Schedule,
    registered_at: datetime,
    received_at: datetime | None,
    now: datetime,
    completed_on: date | None = None,
    withdrawn_at: datetime | None = None,
) -> str:
    """The status of a project's report, with nothing due once it finished or left."""
    status = report_status(period, schedule, registered_at, received_at, now)
    if received_at is None and finished_before(period, schedule, completed_on, withdrawn_at):
        return "not_due"
    return status
