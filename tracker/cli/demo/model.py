"""The demo's constants and what it plans: one half-month report as it will arrive."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from tracker.domain.milestones import MetNode
from tracker.domain.money import from_cents
from tracker.domain.period import Period
from tracker.domain.report import ReportInput, Resolution
from tracker.domain.spec import ProjectSpec

YEAR = 2026
DISTRICT = "某区"
TARGET = "350000"
SEED = 20260105
SHANGHAI = ZoneInfo("Asia/Shanghai")
#: When the campaign and its project list are registered.
LOADED_AT = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
#: When the bureau revises one delayed new start's plan.
REVISED_AT = datetime(2026, 6, 10, 10, 30, tzinfo=SHANGHAI)
LAST_EVENT_DAY = date(YEAR, 12, 28)  # the last due day of the year

LATE_SHARE = 0.09  # of a unit's half-months; about 8 % of the reports
EARLY_SHARE = 0.4  # units that have reported for the open period
LAGGING = 5  # projects investing 40–70 % of plan
DELAYED = 2  # new starts that start ≥ 2 months late
CORRECTIONS = 6


@dataclass
class PlannedReport:
    """One planned 半月报: what is true, and when it arrives."""

    spec: ProjectSpec
    period: Period
    at: datetime
    actor: str
    cents: int
    ytd_cents: int
    progress: str
    pct: int | None
    started_on: date | None = None
    completed_on: date | None = None
    problems: list[str] = field(default_factory=list)
    resolved: list[Resolution] = field(default_factory=list)
    #: a first submission that was wrong: (cents, progress, reason, corrected at)
    wrong: tuple[int, str, str, datetime] | None = None
    #: 节点 this report says were met (laid down after everything else: see demo/plans.py)
    met: list[MetNode] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def plain(self) -> bool:
        """Nothing special rides on this report, so it may go missing or be corrected."""
        return not (
            self.started_on or self.completed_on or self.problems or self.resolved or self.wrong
        )

    def as_input(self, cents: int, progress: str, with_problems: bool) -> ReportInput:
        return ReportInput(
            investment=from_cents(cents),
            progress=progress,
            progress_pct=None if self.pct is None else from_cents(self.pct * 100),
            started_on=self.started_on,
            completed_on=self.completed_on,
            problems=tuple(self.problems) if with_problems else (),
            resolved=tuple(self.resolved) if with_problems else (),
            milestones_met=tuple(self.met) if with_problems else (),
        )
