"""考核's running tallies (``rm_unit_tallies``), kept as the project events come.

A project adds to its unit's tally at each period of the year: due (closing after its
registration, begun by its completion), reported and counted against 未报, on time or late
by the period's deadline (of the projects registered before it, as ``rules.status`` judges
a report), its 序时进度 and the 分 reported. A withdrawn project adds nothing. A report
changes its own period's row; a change of the project's row (registered, completed, plan
revised, withdrawn) takes its whole share out and puts the new one in. The deadlines are
the campaign's due days, which never change once it is created.
"""

from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from tracker.domain.period import Period, Schedule
from tracker.projections import tables
from tracker.projections.codec import plan_steps, utc_text
from tracker.projections.rows import Row, Rows
from tracker.projections.tally_tables import TALLIED, unit_tallies

PERIODS = 24
#: the project's columns its share depends on
SHARED = ("status", "registered_at", "completed_on", "monthly_plan")
Share = dict[int, tuple[int, ...]]  # period idx → the TALLIED values
NONE = (0,) * len(TALLIED)


@lru_cache(maxsize=64)
def calendar(year: int, first: int, second: int, timezone: str) -> tuple[tuple[str, ...], ...]:
    """Each period's deadline (UTC text) and first day (ISO date), index 0 is period 1."""
    schedule, periods = Schedule((first, second), timezone), Period.all_of(year)
    closes = tuple(utc_text(period.closes_at(schedule)) for period in periods)
    return closes, tuple(period.start_date(schedule).isoformat() for period in periods)


def calendar_of(rows: Rows, year: int) -> tuple[tuple[str, ...], ...] | None:
    campaign = rows.holding(tables.campaigns, {"year": year})
    if campaign is None:
        return None
    return calendar(year, campaign["due_day_1"], campaign["due_day_2"], campaign["timezone"])


def due_run(project: Row, closes: tuple[str, ...], starts: tuple[str, ...]) -> tuple[int, int]:
    """The indexes ``first`` ≤ i < ``last`` of the periods the project is due at."""
    completed = project["completed_on"]
    last = bisect_right(starts, completed) if completed else PERIODS
    return bisect_right(closes, project["registered_at"]), last


def counts(
    index: int, run: tuple[int, int], received: str, closes: tuple[str, ...]
) -> tuple[int, int, int]:
    """(counted, on time, late) of a report at ``index``: counted against 未报 when the
    project is due then (``run``, from ``due_run``); on time or late by the deadline, of a
    project registered before it."""
    first, last = run
    if index < first:
        return 0, 0, 0
    on_time = int(received < closes[index])
    return int(index < last), on_time, 1 - on_time


def share(project: Row | None, reports: dict[int, Row], calendar: tuple) -> Share:
    """What the project adds to its unit's tally at each period."""
    if project is None or project["status"] == "withdrawn":
        return {}
    closes, starts = calendar
    run = due_run(project, closes, starts)
    plan = plan_steps(project["monthly_plan"])
    added = {}
    for index in range(PERIODS):
        due = int(run[0] <= index < run[1])
        report = reports.get(index + 1)
        if report is None:
            added[index + 1] = (1, due, 0, 0, 0, plan[index], 0)
        else:
            reported = counts(index, run, report["received_at"], closes)
            added[index + 1] = (1, due, *reported, plan[index], report["investment_cents"])
    return added


def project_changed(rows: Rows, before: Row | None, after: Row) -> None:
    """The project's row changed: its old share out of the tally, its new one in."""
    if before is not None and all(before[name] == after[name] for name in SHARED):
        return
    calendar = calendar_of(rows, after["campaign_year"])
    if calendar is None:
        return
    reports = {}
    if before is not None:  # a project just registered has reported nothing
        held = rows.holding_where(tables.period_reports, code=after["code"])
        reports = {report["idx"]: report for report in held}
    old, new = share(before, reports, calendar), share(after, reports, calendar)
    for idx in sorted(old.keys() | new.keys()):
        was, now = old.get(idx, NONE), new.get(idx, NONE)
        deltas = [b - a for a, b in zip(was, now, strict=True)]
        add(rows, after["campaign_year"], after["unit"], idx, deltas)


def reported(
    rows: Rows, project: Row | None, idx: int, before: Row | None, cents: int, received: str
) -> None:
    """A report of period ``idx`` (``before``: the one it corrects, or None): the first one
    counted and judged, any one's 分 added."""
    if project is None or project["status"] == "withdrawn":
        return
    year, unit = project["campaign_year"], project["unit"]
    if before is not None:
        add(rows, year, unit, idx, [0, 0, 0, 0, 0, 0, cents - before["investment_cents"]])
        return
    calendar = calendar_of(rows, year)
    if calendar is None:
        return
    closes, starts = calendar
    reported = counts(idx - 1, due_run(project, closes, starts), received, closes)
    add(rows, year, unit, idx, [0, 0, *reported, 0, cents])


def add(rows: Rows, year: int, unit: str, idx: int, deltas: list[int]) -> None:
    """Add ``deltas`` (the TALLIED columns) to the unit's row of period ``idx``."""
    if any(deltas):
        key = {"year": year, "unit": unit, "idx": idx}
        rows.increment(unit_tallies, key, **dict(zip(TALLIED, deltas, strict=True)))
