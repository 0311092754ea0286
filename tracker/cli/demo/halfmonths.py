"""The half-month reports each unit sends: when they arrive and what they say."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from tracker.cli.demo.model import EARLY_SHARE, LATE_SHARE, LOADED_AT, PlannedReport
from tracker.cli.demo.texts import (
    DELAYED_PREPARATION,
    OFFICE_WORK,
    PREPARATION,
    STAGE_OVERRIDES,
    STAGES,
)
from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.domain.spec import ProjectSpec

if TYPE_CHECKING:
    from tracker.cli.demo.history import History


def lay_down_reports(h: History) -> None:
    """Every report each unit would send, at the time it would arrive."""
    rng = h.rng
    by_unit: dict[str, list[ProjectSpec]] = {}
    for spec in h.specs:
        by_unit.setdefault(spec.unit, []).append(spec)
    h.ytd = {s.code: 0 for s in h.specs}
    h.pct = {s.code: 0 for s in h.specs}
    done: set[str] = set()
    for period in h.periods:
        is_open = period not in h.closed
        early = sorted(rng.sample(sorted(by_unit), round(len(by_unit) * EARLY_SHARE)))
        for unit in sorted(by_unit):
            if is_open and unit not in early:
                continue  # only some units have reported so far, in the last few days
            at = h.moment(arrival(h, period, is_open), rng.randint(0, 470))
            for spec in by_unit[unit]:
                at += timedelta(minutes=rng.randint(3, 12), seconds=rng.randint(0, 59))
                if spec.code in done:
                    continue
                report = planned_report(h, spec, period, at)
                if not LOADED_AT + timedelta(hours=1) <= report.at < h.horizon:
                    continue  # not (yet) received
                h.ytd[spec.code] = report.ytd_cents
                h.pct[spec.code] = report.pct or 0
                h.reports[spec.code, period] = report
                if report.completed_on:
                    done.add(spec.code)


def arrival(h: History, period: Period, is_open: bool) -> date:
    """The day a unit's reports arrive: mostly a few days before the deadline."""
    due = period.due_date(h.schedule)
    if is_open:
        opened = period.opens_at(h.schedule).date()
        recently = h.last_day - timedelta(days=h.rng.randint(0, 4))
        return max(opened, LOADED_AT.date(), recently)
    if h.rng.random() < LATE_SHARE:
        return due + timedelta(days=h.rng.randint(1, 4))
    return due - timedelta(days=h.rng.randint(0, 4))


def planned_report(h: History, spec: ProjectSpec, period: Period, at: datetime) -> PlannedReport:
    """The project's report for ``period``, received about ``at``."""
    code = spec.code
    first, due = period.start_date(h.schedule), period.due_date(h.schedule)
    start, finish = h.start[code], h.completion[code]
    started_here = start if start and first <= start <= due else None
    completed_here = finish if finish and first <= finish <= due else None
    for day in (started_here, completed_here):
        if day and at.date() < day:  # a date is reported once it has happened
            at = datetime.combine(day, at.timetz())
    actor = h.reporters[spec.unit]
    if start and start > due:  # a new start still preparing
        text = preparing(h, spec, period)
        return PlannedReport(spec, period, at, actor, 0, h.ytd[code], text, None)
    cents, percent = figures(h, spec, period, completed_here is not None)
    text = progress(h, spec, percent, started_here, completed_here)
    return PlannedReport(
        spec,
        period,
        at,
        actor,
        cents,
        h.ytd[code] + cents,
        text,
        100 if completed_here else percent,
        started_on=started_here,
        completed_on=completed_here,
    )


def figures(h: History, spec: ProjectSpec, period: Period, completes: bool) -> tuple[int, int]:
    """This half-month's investment in 分 and the progress percent it brings."""
    code = spec.code
    month = h.plans[code][period.month - 1]
    if completes and period.half == 1:
        base = month  # the whole month's work is done by completion
    else:
        base = month // 2 if period.half == 1 else month - month // 2
    cents = base * h.factor[code] * h.rng.randint(90, 110) // 10000
    cents = min(cents, to_cents(spec.total_investment))
    percent = min(99, (h.prior[code] + h.ytd[code] + cents) * 100 // h.scale[code])
    return cents, max(percent, h.pct[code], 1)


def progress(
    h: History,
    spec: ProjectSpec,
    percent: int,
    started_here: date | None,
    completed_here: date | None,
) -> str:
    """The 形象进度 text: completion, start, or the stage reached and who is at work."""
    stages = STAGE_OVERRIDES.get(spec.code) or STAGES[spec.category]
    if completed_here:
        return f"已于{completed_here.month}月{completed_here.day}日完工，正在组织竣工验收"
    if started_here:
        return f"已于{started_here.month}月{started_here.day}日开工，{stages[0]}"
    stage = stages[min(len(stages) - 1, percent * len(stages) // 100)]
    return f"{stage}，{crew(h, spec)}"


def preparing(h: History, spec: ProjectSpec, period: Period) -> str:
    """Preparatory progress of a new start that has not started."""
    ahead = h.period_of(spec.planned_start).index - period.index
    if ahead < 0:  # past the planned start: delayed
        return DELAYED_PREPARATION[min(-ahead // 3, len(DELAYED_PREPARATION) - 1)]
    return PREPARATION[max(0, len(PREPARATION) - 1 - ahead // 3)]


def crew(h: History, spec: ProjectSpec) -> str:
    """Who is at work this half-month: about the same team, period after period."""
    if spec.category in OFFICE_WORK and spec.code not in STAGE_OVERRIDES:
        return f"项目组投入{h.rng.randint(6, 12)}人"
    size = min(300, max(20, int(spec.annual_plan) // 100))  # 万元 a year -> people
    people = size * h.rng.randint(75, 125) // 100
    machines = max(2, people // 8 + h.rng.randint(-2, 2))
    return f"现场作业人员{people}人、机械{machines}台"
