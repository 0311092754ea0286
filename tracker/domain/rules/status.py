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
    return status_at(period.closes_at(schedule), None, registered_at, received_at, now)


def status_at(
    closes: datetime,
    starts: date | None,
    registered_at: datetime,
    received_at: datetime | None,
    now: datetime,
    completed_on: date | None = None,
    withdrawn_at: datetime | None = None,
) -> str:
    """:func:`project_status` for a period that closes at ``closes`` and starts on ``starts``
    (None: finishing is not looked at), for callers that judge many projects at once."""
    due = closes > registered_at
    if received_at is not None:
        if not due:
            return "backfilled"
        return "on_time" if received_at < closes else "late"
    if starts is not None and (
        (completed_on and completed_on < starts) or (withdrawn_at and withdrawn_at < closes)
    ):
        return "not_due"  # finished before the period began, or withdrawn before its deadline
    if not due:
        return "not_due"
    return "missing" if now >= closes else "pending"


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
    return status_at(
        period.closes_at(schedule),
        period.start_date(schedule),
        registered_at,
        received_at,
        now,
        completed_on,
        withdrawn_at,
    )
