"""Plan-versus-actual queries, each optionally as of a past moment."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, select

from tracker.application.readmodels import ReadModels
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.domain.period import Period, open_period
from tracker.projections import tables
from tracker.projections.overdue import OverdueItem, overdue_items
from tracker.projections.problems import ProblemRow, problem_rows
from tracker.projections.ranking import RankingRow, rank_units
from tracker.projections.rows import (
    CampaignRow,
    ProjectRow,
    campaign_row,
    project_period_rows,
    project_rows,
)
from tracker.projections.summary import Summary, summarize
from tracker.projections.supervision_rows import SupervisionRow, supervision_rows


class Reporting(ReadModels):
    """Summary, status board, overdue list, ranking and problems."""

    def summary(self, period: Period, as_of: datetime | None = None) -> Summary:
        """District, categories, units and projects at ``period``."""
        now = as_of or clock.now()
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, period.year)
            rows = project_rows(connection, period, campaign.schedule, now, campaign.thresholds)
        return summarize(campaign, period, rows, campaign.thresholds, now)

    def period_status(self, period: Period, as_of: datetime | None = None) -> list[ProjectRow]:
        """Each project's submission status for the period (rows carry ``status``)."""
        return self.summary(period, as_of).projects

    def overdue(self, year: int, as_of: datetime | None = None) -> list[OverdueItem]:
        now = as_of or clock.now()
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, year)
            return overdue_items(connection, year, campaign.schedule, now, campaign.thresholds)

    def ranking(self, year: int, month: int, as_of: datetime | None = None) -> list[RankingRow]:
        """Units scored for one month, best first, the last flagged 末位."""
        return self.rankings(year, [month], as_of)[0]

    def rankings(
        self, year: int, months: Sequence[int], as_of: datetime | None = None
    ) -> list[list[RankingRow]]:
        """The ranking of each of ``months``, read at once (one fold when as of)."""
        now = as_of or clock.now()
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, year)
            schedule = campaign.schedule
            halves = {
                month: [
                    project_rows(
                        connection, Period(year, month, half), schedule, now, campaign.thresholds
                    )
                    for half in (1, 2)
                ]
                for month in months
            }
        today = now.astimezone(schedule.zone).date()
        return [
            # Figures are as of the month's last due date (or today, mid-month).
            rank_units(
                *halves[month],
                min(Period(year, month, 2).due_date(schedule), today),
                campaign.weights,
                campaign.thresholds,
            )
            for month in months
        ]

    def summaries(self, year: int, as_of: datetime | None = None) -> list[Summary]:
        """The summary at each of the year's 24 periods, read at once (one fold when as of)."""
        now = as_of or clock.now()
        periods = Period.all_of(year)
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, year)
            rows = [
                project_rows(connection, p, campaign.schedule, now, campaign.thresholds)
                for p in periods
            ]
        return [
            summarize(campaign, p, r, campaign.thresholds, now)
            for p, r in zip(periods, rows, strict=True)
        ]

    def project_periods(self, code: str, as_of: datetime | None = None) -> list[ProjectRow]:
        """The project's figures, light and status at each of the 24 periods."""
        now = as_of or clock.now()
        year = self.project(code).campaign_year
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, year)
            return project_period_rows(
                connection, code, campaign.schedule, now, campaign.thresholds
            )

    def attachment_projects(self, sha256: str) -> set[str]:
        """Codes of the projects a stored file belongs to."""
        a = tables.attachments.c
        with self.engine.connect() as connection:
            return set(connection.execute(select(a.code).where(a.sha256 == sha256)).scalars())

    def project_attachments(self, code: str) -> list[dict[str, object]]:
        a = tables.attachments.c
        query = select(tables.attachments).where(a.code == code).order_by(a.added_at)
        with self.engine.connect() as connection:
            return [dict(row) for row in connection.execute(query).mappings()]

    def supervisions(
        self, code: str | None = None, unit: str | None = None, as_of: datetime | None = None
    ) -> list[SupervisionRow]:
        with self.reading(as_of) as connection:
            return supervision_rows(connection, code, unit)

    def problems(self, code: str | None = None, as_of: datetime | None = None) -> list[ProblemRow]:
        with self.reading(as_of) as connection:
            return problem_rows(connection, code)

    def current_period(self, year: int, now: datetime | None = None) -> Period:
        """The open period, or the campaign's last one once the year is over."""
        schedule = self.campaign(year).schedule
        period = open_period(now or clock.now(), schedule)
        return min(max(period, Period(year, 1, 1)), Period(year, 12, 2))

    @staticmethod
    def _campaign(connection: Connection, year: int) -> CampaignRow:
        found = campaign_row(connection, year)
        if found is None:
            raise NotFound(f"{year} 年度战役不存在（或在所选时刻尚未创建）")
        return found
