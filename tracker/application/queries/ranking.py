"""考核 of the units, month by month, from the projects' rows at both periods of a month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.application.queries.reader import Reader
from tracker.application.queries.register import known_campaign
from tracker.application.queries.rows import ProjectRow, project_rows
from tracker.domain.period import Period
from tracker.domain.rules.ranking import RankingRow, UnitMonth, rank_units, scored_on
from tracker.domain.rules.ytd import ZERO


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
        """The ranking of each of ``months``, read at once (one fold when as of)."""
        with self.read.at(as_of) as view:
            campaign = known_campaign(view, year)
            schedule, thresholds = campaign.schedule, campaign.thresholds
            halves = {
                month: [
                    project_rows(view, Period(year, month, half), schedule, view.now, thresholds)
                    for half in (1, 2)
                ]
                for month in months
            }
        today = view.now.astimezone(schedule.zone).date()
        return [
            rank_units(
                unit_months(*halves[month]),
                scored_on(year, month, schedule, today),
                campaign.weights,
                thresholds,
            )
            for month in months
        ]


def unit_months(first: list[ProjectRow], second: list[ProjectRow]) -> list[UnitMonth]:
    """What the 考核 formula needs of each unit, from its projects' rows at H1 and H2."""
    units = sorted({row.unit for row in second})
    both: dict[str, list[ProjectRow]] = {unit: [] for unit in units}
    end: dict[str, list[ProjectRow]] = {unit: [] for unit in units}
    for row in first + second:
        both.get(row.unit, []).append(row)
    for row in second:
        end[row.unit].append(row)
    return [
        UnitMonth(
            unit,
            tuple(row.status for row in both[unit]),
            sum((row.figures.ytd_plan for row in end[unit]), start=ZERO),
            sum((row.figures.ytd_actual for row in end[unit]), start=ZERO),
            tuple((r.planned_start, r.started_on) for r in end[unit] if r.nature == "new_start"),
        )
        for unit in units
    ]
