"""What goes wrong in the demo year: missing reports, problems and their fate, corrections."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from tracker.cli.demo.actions import Action, resolve
from tracker.cli.demo.model import CORRECTIONS, PlannedReport
from tracker.cli.demo.texts import CORRECTION_REASONS, LAND_PROBLEM, PROBLEMS
from tracker.domain.money import to_cents
from tracker.domain.report import Resolution

if TYPE_CHECKING:
    from tracker.cli.demo.history import History

#: a planned report, the problem it raises (text, resolution) and how it ends
Raised = tuple[PlannedReport, tuple[str, str], str]


def leave_some_missing(h: History) -> None:
    """About three missing in the latest closed period, two or three older ones."""
    if not h.closed:
        return
    latest = h.closed[-1]
    plain = [r for r in h.ordered() if r.period in h.closed and r.plain]
    recent = [r for r in plain if r.period == latest]
    older = [r for r in plain if 3 <= r.period.index < latest.index]
    gone = h.rng.sample(recent, min(3, len(recent)))
    gone += h.rng.sample(older, min(h.rng.randint(2, 3), len(older)))
    for report in gone:
        del h.reports[report.code, report.period]


def raise_problems(h: History) -> None:
    """About ten problems; most resolved 1–3 periods later, some still open."""
    texts = list(PROBLEMS[1:])
    h.rng.shuffle(texts)
    raised = held_up(h) + troubles(h, texts)
    next_id: dict[str, int] = {}
    for report, (text, resolution), fate in sorted(
        raised, key=lambda item: (item[0].code, item[0].period)
    ):
        problem_id = next_id[report.code] = next_id.get(report.code, 0) + 1
        report.problems.append(text)
        settle(h, report, problem_id, resolution, fate)


def held_up(h: History) -> list[Raised]:
    """The land problem that holds each delayed new start back."""
    raised: list[Raised] = []
    for code in h.delayed:
        planned = h.period_of(h.spec(code).planned_start)
        candidates = [r for r in h.of(code) if r.period >= planned and r.period in h.closed]
        if candidates:
            raised.append((candidates[0], LAND_PROBLEM, "start"))
    return raised


def troubles(h: History, texts: list[tuple[str, str]]) -> list[Raised]:
    """Problems of the lagging projects and of three others, each with its fate."""
    fates = ["report"] * 3 + ["bureau"] * 3 + ["open"] * 2
    h.rng.shuffle(fates)
    others = [code for code in h.long_running if code not in h.lagging]
    codes = h.lagging + sorted(h.rng.sample(others, 3))
    raised: list[Raised] = []
    for code, fate in zip(codes, fates, strict=True):
        candidates = [r for r in h.of(code) if r.plain and r.period in h.closed and r.pct]
        if candidates:
            raised.append((h.rng.choice(candidates), texts.pop(), fate))
    return raised


def settle(h: History, raised: PlannedReport, problem_id: int, text: str, fate: str) -> None:
    """Resolve in a later report (on starting, or 1–3 periods on), by the bureau, or never."""
    later = [r for r in h.of(raised.code) if r.period > raised.period]
    if fate == "start":
        later = [r for r in later if r.started_on]
        if later:
            later[0].resolved.append(Resolution(problem_id, text))
        return
    if fate == "open":
        return
    periods = h.rng.randint(1, 3)
    if fate == "report":
        fitting = [r for r in later if r.period.index - raised.period.index >= periods]
        if fitting and fitting[0].period.index - raised.period.index <= 4:
            fitting[0].resolved.append(Resolution(problem_id, text))
            return
    day = raised.at.date() + timedelta(days=15 * periods + h.rng.randint(0, 4))
    while day.weekday() >= 5:
        day += timedelta(days=1)
    at = h.moment(day, 60 + h.rng.randint(0, 420))
    if at < h.horizon:
        run = partial(resolve, code=raised.code, problem_id=problem_id, text=text)
        h.extra.append(Action(at, run))


def make_corrections(h: History) -> None:
    """A handful of reports corrected a few days later, with the reason."""
    rng = h.rng
    reasons = rng.sample(CORRECTION_REASONS, CORRECTIONS)
    candidates = [r for r in h.ordered() if r.plain and r.period in h.closed and r.cents > 0]
    rng.shuffle(candidates)
    used: set[str] = set()
    for report in candidates:
        if not reasons:
            break
        if report.code in used:
            continue
        reason, kind = reasons[-1]
        if kind == "ytd" and report.ytd_cents == report.cents:
            continue
        day = report.at.date() + timedelta(days=rng.randint(2, 6))
        at = h.moment(day, rng.randint(0, 540))
        if at >= h.horizon:
            continue
        reasons.pop()
        used.add(report.code)
        cents, progress = mistaken(report, kind, rng.randint(10, 40))
        report.wrong = (cents, progress, reason, at)


def mistaken(report: PlannedReport, kind: str, error: int) -> tuple[int, str]:
    """What the first submission said, ``error`` percent off (see CORRECTION_REASONS)."""
    if kind == "add":
        return report.cents * 100 // (100 + error), report.progress
    if kind == "cut":
        cut = min(report.cents * (100 + error) // 100, to_cents(report.spec.total_investment))
        return cut, report.progress
    if kind == "ytd":
        return report.ytd_cents, report.progress
    return report.cents, "同上期"
