"""考核 of the units, month by month, from every project at both periods of a month."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from tracker.application.queries.grid import Member, members
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import known_campaign
from tracker.domain.money import from_cents
from tracker.domain.rules.ranking import RankingRow, UnitMonth, rank_units, scored_on


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
            found = members(view, year, schedule, view.now)
        today = view.now.astimezone(schedule.zone).date()
        return [
            rank_units(
                unit_months(found, month),
                scored_on(year, month, schedule, today),
                campaign.weights,
                campaign.thresholds,
            )
            for month in months
        ]


def unit_months(found: list[Member], month: int) -> list[UnitMonth]:
    """What the 考核 formula needs of each unit for ``month``: every project's status at
    both its periods, the 序时进度 and 本年累计 at the second, and the new starts."""
    first, second = 2 * month - 2, 2 * month - 1  # indexes of H1 and H2
    units: dict[str, list[Member]] = {}
    for member in found:
        units.setdefault(member.unit, []).append(member)
    return [
        UnitMonth(
            unit,
            tuple(m.statuses[i] for i in (first, second) for m in group),
            from_cents(sum(m.plan[second] for m in group)),
            from_cents(sum(m.actual[second] for m in group)),
            tuple((m.planned_start, m.started_on) for m in group if m.nature == "new_start"),
        )
        for unit, group in sorted(units.items())
    ]
