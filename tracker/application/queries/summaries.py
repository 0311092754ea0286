"""Plan versus actual at a period: district, the ten categories, units and projects."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select

from tracker.application.queries.outlook import Outlooks, outlooks_of
from tracker.application.queries.reader import Reader, View
from tracker.application.queries.register import known_campaign
from tracker.application.queries.rows import (
    CampaignRow,
    ProjectRow,
    project_period_rows,
    project_rows,
)
from tracker.application.queries.series import curves
from tracker.application.queries.standing import Standings, standings
from tracker.application.queries.totals import TotalRow, Totals, totals
from tracker.domain.catalog import CATEGORIES
from tracker.domain.errors import NotFound
from tracker.domain.period import Period, campaign_period
from tracker.domain.rules.lights import Thresholds, lag_light
from tracker.domain.rules.ytd import NO_FIGURES, Figures
from tracker.projections import tables

P = tables.projects.c


@dataclass(frozen=True)
class Summary:
    campaign: CampaignRow
    period: Period
    as_of: datetime
    district: TotalRow
    categories: list[TotalRow]
    units: list[TotalRow]
    projects: list[ProjectRow]
    outlook: Outlooks | None = None  # the forecasts (DESIGN §3 Forecast), read with the rows


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


@dataclass(frozen=True)
class Overview:
    """The dashboard's period: the summed figures and what each project's judgement counts."""

    campaign: CampaignRow
    period: Period
    as_of: datetime
    totals: Totals
    standings: Standings

    @property
    def district(self) -> TotalRow:
        return self.totals.district

    @property
    def categories(self) -> list[TotalRow]:
        return self.totals.categories

    @property
    def units(self) -> list[TotalRow]:
        return self.totals.units

    @property
    def outlook(self) -> Standings:
        """The forecasts of the district, each category and unit (as ``Summary.outlook``)."""
        return self.standings


class Summaries:
    """Summaries and per-project figures, each optionally as of a past moment."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def summary(self, period: Period, as_of: datetime | None = None) -> Summary:
        """District, categories, units and projects at ``period``."""
        with self.read.at(as_of) as view:
            return summary_at(view, period, view.now)

    def totals(self, period: Period, as_of: datetime | None = None) -> Totals:
        """The district's, categories' and units' figures at ``period``, without project rows."""
        with self.read.at(as_of) as view:
            return totals(view, known_campaign(view, period.year), period)

    def overview(self, period: Period, as_of: datetime | None = None) -> Overview:
        """The dashboard at ``period``: totals in the database, each project judged once."""
        with self.read.at(as_of) as view:
            campaign = known_campaign(view, period.year)
            today = view.now.astimezone(campaign.schedule.zone).date()
            return Overview(campaign, period, view.now, *standings(view, campaign, period, today))

    def unit_rows(
        self, period: Period, unit: str, as_of: datetime | None = None
    ) -> list[ProjectRow]:
        """One unit's project rows at ``period`` (a summary's rows of that unit, read alone)."""
        with self.read.at(as_of) as view:
            c = known_campaign(view, period.year)
            return project_rows(view, period, c.schedule, view.now, c.thresholds, unit=unit)

    def period_status(self, period: Period, as_of: datetime | None = None) -> list[ProjectRow]:
        """Each project's submission status for the period (rows carry ``status``)."""
        return self.summary(period, as_of).projects

    def summaries(self, year: int, as_of: datetime | None = None) -> list[Summary]:
        """The summary at each of the year's 24 periods, read at once (one connection)."""
        with self.read.at(as_of) as view:
            return [summary_at(view, p, view.now) for p in Period.all_of(year)]

    def rows_by_period(
        self, year: int, as_of: datetime | None = None
    ) -> list[tuple[Period, list[ProjectRow]]]:
        """Every project's row at each of the year's 24 periods (one connection): the
        ``projects`` of ``summaries``, without the groups' sums and forecasts."""
        with self.read.at(as_of) as view:
            campaign = known_campaign(view, year)
            return [
                (p, project_rows(view, p, campaign.schedule, view.now, campaign.thresholds))
                for p in Period.all_of(year)
            ]

    def curves(self, year: int, as_of: datetime | None = None) -> dict[str, list[Figures]]:
        """The district's (key ``""``) and each category's figures at periods 1 … 24, summed
        in the database: the S-curves without 24 summaries of every project."""
        with self.read.at(as_of) as view:
            known_campaign(view, year)
            return curves(view, year)

    def project_periods(self, code: str, as_of: datetime | None = None) -> list[ProjectRow]:
        """The project's figures, light and status at each of the 24 periods."""
        with self.read.at(as_of) as view:
            query = select(P.campaign_year).where(P.code == code, view.holds(tables.projects))
            year = view.connection.execute(query).scalar()
            if year is None:
                raise NotFound(f"项目“{code}”不存在（或在所选时刻尚未登记）")
            campaign = known_campaign(view, year)
            return project_period_rows(view, code, campaign.schedule, view.now, campaign.thresholds)

    def current_period(self, year: int, now: datetime | None = None) -> Period:
        """The open period, or the campaign's first or last one outside its year."""
        with self.read.at() as view:
            schedule = known_campaign(view, year).schedule
        return campaign_period(year, now or view.now, schedule)


def summary_at(view: View, period: Period, now: datetime) -> Summary:
    campaign = known_campaign(view, period.year)
    rows = project_rows(view, period, campaign.schedule, now, campaign.thresholds)
    return with_outlook(view, summarize(campaign, period, rows, campaign.thresholds, now))


def with_outlook(view: View, summary: Summary) -> Summary:
    """The summary with its forecasts, read through the same view."""
    return replace(summary, outlook=outlooks_of(view, summary))
