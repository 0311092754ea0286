"""考核 of the units, month by month, from counts and sums by unit and period.

The formula (``rules.ranking``) needs of each unit's month how many of its reports were on
time, late or missing at both periods, its 序时进度 and 本年累计 at the second, and its
new starts. The projects, read once, give the reports that were due (a contiguous run of
periods for each: closing after its registration, starting by its completion), the plans
and the new starts. The period reports are counted and summed in the database by unit and
period — on time or late by their period's deadline, as ``rules.status.status_at`` judges
a report — so a unit's year is 24 rows, whatever its number of projects.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import (
    Select,
    and_,
    case,
    func,
    or_,
    select,
)

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.totals import listed, plan_steps
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.ranking import RankingRow, UnitMonth, rank_units, scored_on
from tracker.projections import tables
from tracker.projections.codec import day, utc_text

P, R = tables.projects.c, tables.period_reports.c
PERIODS = 24


@dataclass
class UnitYear:
    """One unit's counts and sums at each period (list index 0 is period 1), in 分."""

    on_time: list[int] = field(default_factory=lambda: [0] * PERIODS)
    late: list[int] = field(default_factory=lambda: [0] * PERIODS)
    missing: list[int] = field(default_factory=lambda: [0] * PERIODS)  # due, unreported, closed
    plan: list[int] = field(default_factory=lambda: [0] * PERIODS)
    reported: list[int] = field(default_factory=lambda: [0] * PERIODS)  # 分 at each period
    starts: list[tuple[date, date | None]] = field(default_factory=list)

    def month(self, unit: str, month: int) -> UnitMonth:
        first, second = 2 * month - 2, 2 * month - 1
        return UnitMonth(
            unit,
            self.on_time[first] + self.on_time[second],
            self.late[first] + self.late[second],
            self.missing[first] + self.missing[second],
            from_cents(self.plan[second]),
            from_cents(sum(self.reported[: second + 1])),
            tuple(self.starts),
        )


class Rankings:
    """The monthly ranking of units."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def month(self, year: int, month: int, as_of: datetime | None = None) -> list[RankingRow]:
        """Units scored for one month, best first, the last flagged 末位."""
        return self.months(year, [month], as_of)[0]

    def months(
        self, year: int, months: Sequence[int], as_of: datetime | None = None
    ) -> list[list[RankingRow]]:
        """The ranking of each of ``months``, from one read of the projects and reports."""
        with self.read.at(as_of) as view:
            campaign = known_campaign(view, year)
            schedule = campaign.schedule
            units = unit_years(view, year, schedule, view.now)
        today = view.now.astimezone(schedule.zone).date()
        return [
            rank_units(
                [units[unit].month(unit, month) for unit in sorted(units)],
                scored_on(year, month, schedule, today),
                campaign.weights,
                campaign.thresholds,
            )
            for month in months
        ]


def unit_years(view: View, year: int, schedule: Schedule, now: datetime) -> dict[str, UnitYear]:
    """Every unit with a project (not withdrawn) in the campaign, across the year."""
    periods = Period.all_of(year)
    closes = [utc_text(p.closes_at(schedule)) for p in periods]
    starts = [p.start_date(schedule).isoformat() for p in periods]
    closed = sum(1 for p in periods if p.closes_at(schedule) <= now)
    units: dict[str, UnitYear] = defaultdict(UnitYear)
    plans: dict[str, list[tuple[int, ...]]] = defaultdict(list)  # each project's 序时进度
    projects = select(P.unit, P.nature, P.monthly_plan, P.registered_at, P.completed_on)
    projects = projects.add_columns(P.planned_start, P.started_on).where(*listed(view, year))
    for unit, nature, monthly, registered, completed, planned, started in view.connection.execute(
        projects
    ).all():
        found = units[unit]
        plans[unit].append(plan_steps(monthly))
        if nature == "new_start":
            found.starts.append((date.fromisoformat(planned), day(started)))
        # due: closing after the registration, not starting after the completion (a run)
        first = bisect_right(closes, registered)
        last = bisect_right(starts, completed) if completed else PERIODS  # starts <= completed
        for index in range(first, min(last, closed)):
            found.missing[index] += 1  # less those reported, below
    for unit, steps in plans.items():
        units[unit].plan = [sum(column) for column in zip(*steps, strict=True)]
    for unit, idx, cents, on_time, late, counted in view.connection.execute(
        unit_reports(view, year, closes, starts, closed)
    ).all():
        found, index = units[unit], idx - 1
        found.reported[index] += cents
        found.on_time[index] += on_time
        found.late[index] += late
        found.missing[index] -= counted  # due and reported: not missing
    return units


def unit_reports(
    view: View, year: int, closes: list[str], starts: list[str], closed: int
) -> Select:
    """By unit and period: the 分 reported, the reports on time and late by the period's
    deadline (``closes``; due: the project registered before it) and how many of those count
    against 未报 (a closed period the project had not completed before it began)."""
    deadline = case(dict(enumerate(closes, start=1)), value=R.idx)
    began = case(dict(enumerate(starts, start=1)), value=R.idx)
    due = P.registered_at < deadline
    not_done = or_(P.completed_on.is_(None), P.completed_on >= began)
    counted = (
        func.sum(R.investment_cents),
        func.sum(case((and_(due, R.received_at < deadline), 1), else_=0)),
        func.sum(case((and_(due, R.received_at >= deadline), 1), else_=0)),
        func.sum(case((and_(due, R.idx <= closed, not_done), 1), else_=0)),
    )
    return (
        select(P.unit, R.idx, *counted)
        .join_from(tables.projects, tables.period_reports, R.code == P.code)
        .where(*listed(view, year), view.holds(tables.period_reports))
        .group_by(P.unit, R.idx)
    )
