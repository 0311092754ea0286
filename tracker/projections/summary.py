"""The period summary: district, the ten categories, units and projects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from tracker.domain.catalog import CATEGORIES
from tracker.domain.figures import NO_FIGURES, Figures, Thresholds, lag_light
from tracker.domain.period import Period
from tracker.projections.rows import CampaignRow, ProjectRow


@dataclass(frozen=True)
class TotalRow:
    """Sums of the same figures over a group of projects."""

    name: str
    figures: Figures
    light: str
    projects: int


@dataclass(frozen=True)
class Summary:
    campaign: CampaignRow
    period: Period
    as_of: datetime
    district: TotalRow
    categories: list[TotalRow]
    units: list[TotalRow]
    projects: list[ProjectRow]


def summarize(
    campaign: CampaignRow,
    period: Period,
    rows: list[ProjectRow],
    thresholds: Thresholds,
    as_of: datetime,
) -> Summary:
    """Group project rows; every total is the sum of its projects' figures."""

    def total(name: str, members: Iterable[ProjectRow]) -> TotalRow:
        members = list(members)
        figures = sum((row.figures for row in members), NO_FIGURES)
        return TotalRow(name, figures, lag_light(figures.lag, thresholds), len(members))

    def grouped(key: Callable[[ProjectRow], str], names: Iterable[str]) -> list[TotalRow]:
        members: dict[str, list[ProjectRow]] = {name: [] for name in names}
        for row in rows:  # one pass, not one per group
            members[key(row)].append(row)
        return [total(name, group) for name, group in members.items()]

    return Summary(
        campaign=campaign,
        period=period,
        as_of=as_of,
        district=total(campaign.district, rows),
        categories=grouped(lambda row: row.category, CATEGORIES),
        units=grouped(lambda row: row.unit, sorted({row.unit for row in rows})),
        projects=rows,
    )
