"""考核 of the units, month by month, from the running tallies by unit and period.

The formula (``rules.ranking``) needs of each unit's month how many of its reports were on
time, late or missing at both periods, its 序时进度 and 本年累计 at the second, and its
new starts. The tallies (``rm_unit_tallies``, kept as the events come by
``projections.handlers.tallies``) hold by unit and period the projects due, those reported,
on time or late by the period's deadline (as ``rules.status.status_at`` judges a report),
the plans and the 分 reported, so a unit's year is 24 rows, whatever its number of
projects; only 未报 waits for the period to close, which the read tells. The new starts
come from the projects.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.totals import listed
from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.ranking import RankingRow, UnitMonth, rank_units, scored_on
from tracker.projections import tables
from tracker.projections.codec import day
from tracker.projections.tally_tables import TALLIED, unit_tallies

P, T = tables.projects.c, unit_tallies.c
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
    """Every unit with a project (not withdrawn) in the campaign, across the year: its tally
    rows (``rm_unit_tallies``) as the view sees them, 未报 once a period closed."""
    closed = sum(1 for p in Period.all_of(year) if p.closes_at(schedule) <= now)
    units: dict[str, UnitYear] = defaultdict(UnitYear)
    tallied = select(T.unit, T.idx, *(T[name] for name in TALLIED)).where(
        T.year == year, view.holds(unit_tallies)
    )
    for unit, idx, projects, due, counted, on_time, late, plan, cents in view.connection.execute(
        tallied
    ):
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
