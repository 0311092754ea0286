"""考核 of the units, month by month, from the running tallies by unit and period.

The formula (``rules.ranking``) needs of each unit's month how many of its reports were on
time, late or missing at both periods, its 序时进度 and 本年累计 at the second, and its
new starts. The tallies (``rm_unit_tallies``, kept as the events come by
``projections.handlers.tallies``) hold by unit and period the projects due, those reported,
on time or late by the period's deadline (as ``rules.status.status_at`` judges a report),
the plans and the 分 reported, so a unit's year now is 24 rows, whatever its number of
projects; only 未报 waits for the period to close, which the read tells. The tallies are
kept as they are now only: as of a past moment the same rows are summed from the projects
and the period reports that held then (their history is kept), by the same rules. The new
starts come from the projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import add

from sqlalchemy import Select, and_, case, func, or_, select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.totals import listed
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.ranking import RankingRow, UnitMonth, rank_units, scored_on
from tracker.projections import tables
from tracker.projections.codec import day
from tracker.projections.handlers import tallies
from tracker.projections.tally_tables import TALLIED, unit_tallies

P, R, T = tables.projects.c, tables.period_reports.c, unit_tallies.c
#: where the reports' counts (counted, on time, late) and their 分 sit in a tally row
COUNTED, REPORTED = TALLIED.index("counted"), TALLIED.index("reported_cents")
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
    """Every unit with a project (not withdrawn) in the campaign, across the year, from its
    tally by period (now: ``rm_unit_tallies``; as of a past moment: summed from the projects
    and the period reports that held then), 未报 once a period closed."""
    closed = sum(1 for p in Period.all_of(year) if p.closes_at(schedule) <= now)
    units: dict[str, UnitYear] = defaultdict(UnitYear)
    rows = tallied(view, year) if view.moment is None else summed(view, year, schedule)
    for unit, idx, projects, due, counted, on_time, late, plan, cents in rows:
        if not projects:  # every project of the unit withdrawn
            continue
        found, index = units[unit], idx - 1
        found.missing[index] = due - counted if idx <= closed else 0
        found.on_time[index], found.late[index] = on_time, late
        found.plan[index], found.reported[index] = plan, cents
    starts = select(P.unit, P.planned_start, P.started_on).where(
        *listed(view, year), P.nature == "new_start"
    )
    for unit, planned, started in view.connection.execute(starts):
        units[unit].starts.append((date.fromisoformat(planned), day(started)))
    return units


def tallied(view: View, year: int) -> Iterable[Sequence]:
    """The tally rows as they are now: unit, idx and the TALLIED columns."""
    query = select(T.unit, T.idx, *(T[name] for name in TALLIED)).where(T.year == year)
    return view.connection.execute(query).all()


def summed(view: View, year: int, schedule: Schedule) -> Iterable[Sequence]:
    """The tally rows as they stood at the view's moment, by the rules that keep them
    (``handlers.tallies``): the projects' shares without reports, then the reports counted
    and summed in the database by unit and period."""
    calendar = tallies.calendar(year, *schedule.due_days, schedule.timezone)
    sums: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0] * len(TALLIED))
    projects = select(P.unit, P.status, P.registered_at, P.completed_on, P.monthly_plan)
    for project in view.connection.execute(projects.where(*listed(view, year))).mappings():
        for idx, values in tallies.share(project, {}, calendar).items():
            row = sums[project["unit"], idx]
            row[:] = map(add, row, values)
    for unit, idx, cents, on_time, late, counted in view.connection.execute(
        unit_reports(view, year, *calendar)
    ):
        row = sums[unit, idx]
        row[COUNTED : COUNTED + 3] = counted, on_time, late  # of the reports: none counted yet
        row[REPORTED] = cents
    return [(unit, idx, *values) for (unit, idx), values in sums.items()]


def unit_reports(view: View, year: int, closes: Sequence[str], starts: Sequence[str]) -> Select:
    """By unit and period: the 分 reported, the reports on time and late by the period's
    deadline (``closes``; of the projects registered before it) and those of projects due
    then (registered before the deadline, not completed before the period began)."""
    deadline = case(dict(enumerate(closes, start=1)), value=R.idx)
    began = case(dict(enumerate(starts, start=1)), value=R.idx)
    due = P.registered_at < deadline
    not_done = or_(P.completed_on.is_(None), P.completed_on >= began)
    counted = (
        func.sum(R.investment_cents),
        func.sum(case((and_(due, R.received_at < deadline), 1), else_=0)),
        func.sum(case((and_(due, R.received_at >= deadline), 1), else_=0)),
        func.sum(case((and_(due, not_done), 1), else_=0)),
    )
    return (
        select(P.unit, R.idx, *counted)
        .join_from(tables.projects, tables.period_reports, R.code == P.code)
        .where(*listed(view, year), view.holds(tables.period_reports))
        .group_by(P.unit, R.idx)
    )
