"""数据核查 (DESIGN §3): a project's reported figures that do not hang together.

Each rule reads the latest version of every report of the year, oldest first, and
returns what it found with the numbers and the periods of the reports behind it:

- ``mismatch``: the investment completed and the 形象进度 gained over the same span differ
  by more than the threshold (a setting, 20 points). Both are read as shares of the whole
  project, since 形象进度（%） is the whole project's: the investment as a share of 总投资,
  the progress as the points it rose. A new start's span is the year so far, from 0 %; a
  continuing project's runs from its first report of the year with a percentage (its
  progress before the year is not known) to its latest one.
- ``idle``: three reports in a row, each with investment, whose 形象进度 text and percentage
  are the same.
- ``regress``: a percentage lower than the one reported before it.
- ``overspent``: 本年累计完成 above the project's 总投资.
- ``after_completion``: reports for periods that start after the project's completion.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.domain.money import format_money
from tracker.domain.period import Period, Schedule
from tracker.domain.progress import shown
from tracker.domain.rules.ytd import ZERO, percent

IDLE_PERIODS = 3


@dataclass(frozen=True)
class Reported:
    """The latest version of one period's report."""

    period: Period
    investment: Decimal
    progress: str
    pct: Decimal | None


@dataclass(frozen=True)
class Finding:
    kind: str  # catalog.CHECK_KINDS
    periods: tuple[Period, ...]  # the reports behind it
    detail: str


def mismatch(
    reports: Sequence[Reported], new_start: bool, total: Decimal, threshold: Decimal
) -> list[Finding]:
    with_pct = [r for r in reports if r.pct is not None]
    if not total or not with_pct or (not new_start and len(with_pct) < 2):
        return []
    first, last = (None, with_pct[-1]) if new_start else (with_pct[0], with_pct[-1])
    since = first.period.index if first else 0
    base = first.pct if first and first.pct is not None else ZERO
    spent = sum(
        (r.investment for r in reports if since < r.period.index <= last.period.index), ZERO
    )
    share = percent(spent, total) or ZERO
    gain = (last.pct or ZERO) - base
    apart = abs(share - gain)
    if apart <= threshold:
        return []
    span = f"自{first.period.label}（{shown(base)}%）" if first else "本年以来（自0%）"
    detail = (
        f"{span}至{last.period.label}（{shown(last.pct or ZERO)}%），形象进度提高 {shown(gain)} 个"
        f"百分点；同期完成投资 {format_money(spent)} 万元，占总投资 {format_money(total)} 万元的 "
        f"{format_money(share)}%，相差 {format_money(apart)} 个百分点（阈值 {threshold}）"
    )
    periods = (first.period, last.period) if first else (last.period,)
    return [Finding("mismatch", periods, detail)]


def idle(reports: Sequence[Reported]) -> list[Finding]:
    """The latest run of reports with investment and the same progress, three or longer."""
    found: list[Finding] = []
    run: list[Reported] = []
    for report in reports:
        same = run and (
            report.period.index == run[-1].period.index + 1
            and (report.progress.strip(), report.pct) == (run[-1].progress.strip(), run[-1].pct)
        )
        run = [*run, report] if same else [report]
        if report.investment <= 0:
            run = []
        if len(run) >= IDLE_PERIODS:
            found = [_idle_finding(run)]
    return found


def _idle_finding(run: list[Reported]) -> Finding:
    spent = sum((r.investment for r in run), ZERO)
    pct = f"（{shown(run[0].pct)}%）" if run[0].pct is not None else ""
    text = run[0].progress.strip()
    text = text if len(text) <= 40 else text[:40] + "…"
    detail = (
        f"{run[0].period.label}至{run[-1].period.label}连续{len(run)}期形象进度均为“{text}”{pct}，"
        f"同期完成投资 {format_money(spent)} 万元"
    )
    return Finding("idle", tuple(r.period for r in run), detail)


def regress(reports: Sequence[Reported]) -> list[Finding]:
    found = []
    with_pct = [r for r in reports if r.pct is not None]
    for before, after in zip(with_pct, with_pct[1:], strict=False):
        if after.pct is not None and before.pct is not None and after.pct < before.pct:
            detail = (
                f"{before.period.label} {shown(before.pct)}% → {after.period.label} "
                f"{shown(after.pct)}%，下降 {shown(before.pct - after.pct)} 个百分点"
            )
            found.append(Finding("regress", (before.period, after.period), detail))
    return found


def overspent(reports: Sequence[Reported], total: Decimal) -> list[Finding]:
    running = ZERO
    for number, report in enumerate(reports):
        running += report.investment
        if running > total:
            ytd = sum((r.investment for r in reports), ZERO)
            detail = (
                f"本年累计完成 {format_money(ytd)} 万元，超过项目总投资 {format_money(total)} 万元"
                f"（自{report.period.label}起超过）"
            )
            periods = tuple(r.period for r in reports[number:])
            return [Finding("overspent", periods, detail)]
    return []


def after_completion(
    reports: Sequence[Reported], completed_on: date | None, schedule: Schedule
) -> list[Finding]:
    if completed_on is None:
        return []
    late = [r for r in reports if r.period.start_date(schedule) > completed_on]
    if not late:
        return []
    spent = sum((r.investment for r in late), ZERO)
    labels = "、".join(r.period.label for r in late[:4]) + ("等" if len(late) > 4 else "")
    detail = (
        f"项目已于{completed_on.isoformat()}竣工，此后仍报送{len(late)}期（{labels}），"
        f"完成投资 {format_money(spent)} 万元"
    )
    return [Finding("after_completion", tuple(r.period for r in late), detail)]


def check_project(
    reports: Sequence[Reported],
    new_start: bool,
    total: Decimal,
    completed_on: date | None,
    schedule: Schedule,
    threshold: Decimal,
) -> list[Finding]:
    """Every rule on one project's reports of the year (oldest first)."""
    return [
        *mismatch(reports, new_start, total, threshold),
        *idle(reports),
        *regress(reports),
        *overspent(reports, total),
        *after_completion(reports, completed_on, schedule),
    ]
