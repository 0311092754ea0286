"""The plan of the demo year: who lags, who starts late, and every action in time order.

Everything is decided here and in the modules of the steps it calls, with one
seeded ``random.Random`` whose calls always come in the same order, so the
same horizon always gives the same history.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from functools import partial

from tracker.cli.demo import halfmonths, mishaps, plans, signoffs
from tracker.cli.demo.actions import Action, report_actions, revise
from tracker.cli.demo.model import (
    DELAYED,
    LAGGING,
    LAST_EVENT_DAY,
    REVISED_AT,
    SEED,
    YEAR,
    PlannedReport,
)
from tracker.domain.money import from_cents, to_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.spec import ProjectSpec


class History:
    """Plans every report and bureau action of the demo year, deterministically."""

    def __init__(
        self,
        specs: list[ProjectSpec],
        reporters: dict[str, str],
        schedule: Schedule,
        horizon: datetime,
    ) -> None:
        self.rng = random.Random(SEED)
        self.specs = sorted(specs, key=lambda s: s.code)
        self.reporters = reporters
        self.schedule = schedule
        self.horizon = horizon
        #: the last day anything happens: today, in the campaign's time zone
        self.last_day = (horizon - timedelta(microseconds=1)).astimezone(schedule.zone).date()
        self.periods = [p for p in Period.all_of(YEAR) if p.opens_at(schedule) <= horizon]
        self.closed = [p for p in self.periods if p.closes_at(schedule) <= horizon]
        self.plans = {s.code: [to_cents(m) for m in s.monthly_plan] for s in self.specs}
        self.reports: dict[tuple[str, Period], PlannedReport] = {}
        self.extra: list[Action] = []
        # The traits of the projects, chosen first (choose_traits).
        self.delayed: list[str] = []
        self.long_running: list[str] = []
        self.lagging: list[str] = []
        self.factor: dict[str, int] = {}
        self.start: dict[str, date | None] = {}
        self.completion: dict[str, date | None] = {}
        self.prior: dict[str, int] = {}
        self.scale: dict[str, int] = {}
        # Each project's 本年累计 (分) and progress percent, as reports are laid down.
        self.ytd: dict[str, int] = {}
        self.pct: dict[str, int] = {}

    # -- the plan ------------------------------------------------------------

    def actions(self) -> list[Action]:
        self.choose_traits()
        self.revise_plan()
        halfmonths.lay_down_reports(self)
        mishaps.leave_some_missing(self)
        mishaps.raise_problems(self)
        mishaps.make_corrections(self)
        signoffs.sign_off_twice(self)
        plans.lay_down(self)  # draws nothing: the history above stays what it was
        return report_actions(self.ordered()) + self.extra

    def choose_traits(self) -> None:
        """Who lags, which new starts start late, when each starts and completes."""
        rng = self.rng
        pool = [
            s.code
            for s in self.specs
            if s.nature == "new_start"
            and s.planned_start <= date(YEAR, 6, 30)
            and s.planned_completion.year > YEAR
        ]
        self.delayed = sorted(rng.sample(pool, DELAYED))
        # Lagging projects, and those with problems, run past the year: a project
        # that completes on time neither lags badly nor leaves problems open.
        self.long_running = [
            s.code
            for s in self.specs
            if s.planned_completion.year > YEAR and s.code not in self.delayed
        ]
        self.lagging = sorted(rng.sample(self.long_running, LAGGING))
        for spec in self.specs:
            self.choose_course(spec)

    def choose_course(self, spec: ProjectSpec) -> None:
        """One project's pace, start, completion and what it had done before the year."""
        code = spec.code
        lagging = code in self.lagging
        self.factor[code] = self.rng.randint(40, 70) if lagging else self.rng.randint(85, 115)
        self.start[code] = self.start_of(spec)
        finish = spec.planned_completion
        self.completion[code] = finish if finish.year == YEAR and finish <= LAST_EVENT_DAY else None
        total, annual = to_cents(spec.total_investment), to_cents(spec.annual_plan)
        if spec.nature == "new_start":
            self.prior[code] = 0
        elif self.completion[code]:
            self.prior[code] = total - annual
        else:
            self.prior[code] = (total - annual) * self.rng.randint(30, 70) // 100
        # The amount that makes 100 %: the rest of the project, or all of it.
        self.scale[code] = self.prior[code] + annual if self.completion[code] else total

    def start_of(self, spec: ProjectSpec) -> date | None:
        """When a new start starts: about as planned, or (the delayed ones) months late."""
        if spec.nature != "new_start":
            return None
        if spec.code in self.delayed:
            # The first starts two months late; the second is still held up by
            # land acquisition at the end of the year (未按期开工 on the overdue list).
            low, high = (62, 80) if spec.code == self.delayed[0] else (400, 430)
            return spec.planned_start + timedelta(days=self.rng.randint(low, high))
        planned = self.period_of(spec.planned_start)
        day = spec.planned_start + timedelta(days=self.rng.randint(-2, 3))
        first = max(planned.start_date(self.schedule), spec.planned_start.replace(day=1))
        last = planned.due_date(self.schedule)
        return min(max(day, first), last)

    def revise_plan(self) -> None:
        """In June the bureau cuts the first delayed new start's plan to fit its late start."""
        if REVISED_AT >= self.horizon:
            return
        code = self.delayed[0]
        old = self.plans[code]
        kept = sum(old[:5])
        annual = max(sum(old) * self.rng.randint(55, 70) // 100, kept + 1200)
        first = max(6, self.start[code].month)  # type: ignore[union-attr]
        weights = [old[m - 1] or 1 for m in range(first, 13)]
        rest = annual - kept
        months = [rest * w // sum(weights) for w in weights]
        months[-1] += rest - sum(months)
        new = old[:5] + [0] * (first - 6) + months
        assert sum(new) == annual and len(new) == 12
        self.plans[code] = new
        monthly = [from_cents(c) for c in new]
        run = partial(revise, code=code, annual=from_cents(annual), monthly=monthly)
        self.extra.append(Action(REVISED_AT, run))

    # -- helpers ----------------------------------------------------------------

    def moment(self, day: date, minutes: int) -> datetime:
        """``minutes`` after 09:00 Shanghai time on ``day``."""
        return datetime.combine(day, time(9, 0), tzinfo=self.schedule.zone) + timedelta(
            minutes=minutes
        )

    def period_of(self, day: date) -> Period:
        """The period whose figures cover ``day``."""
        for period in Period.all_of(YEAR):
            if period.start_date(self.schedule) <= day <= period.due_date(self.schedule):
                return period
        raise ValueError(day)

    def spec(self, code: str) -> ProjectSpec:
        return next(s for s in self.specs if s.code == code)

    def ordered(self) -> list[PlannedReport]:
        return [self.reports[key] for key in sorted(self.reports, key=lambda k: (k[1], k[0]))]

    def of(self, code: str) -> list[PlannedReport]:
        return sorted((r for r in self.reports.values() if r.code == code), key=lambda r: r.period)
