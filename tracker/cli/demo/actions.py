"""What the demo does to the application: each planned action is one command at one moment."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from tracker.cli.demo.model import PlannedReport
from tracker.cli.demo.texts import PLAN_REASON
from tracker.domain.report import ReportInput

if TYPE_CHECKING:
    from tracker.application.app import TrackerApp


@dataclass(frozen=True)
class Action:
    at: datetime
    run: Callable[[TrackerApp], None]


def submit(app: TrackerApp, report: PlannedReport, data: ReportInput) -> None:
    app.projects.submit_report(report.code, report.period, data, actor=report.actor)


def correct(app: TrackerApp, report: PlannedReport, data: ReportInput, reason: str) -> None:
    app.projects.correct_report(report.code, report.period, data, reason, actor=report.actor)


def resolve(app: TrackerApp, code: str, problem_id: int, text: str) -> None:
    app.projects.resolve_problem(code, problem_id, text, "bureau")


def revise(app: TrackerApp, code: str, annual: Decimal, monthly: list[Decimal]) -> None:
    app.projects.revise_plan(code, annual, monthly, PLAN_REASON, "bureau")


def report_actions(reports: list[PlannedReport]) -> list[Action]:
    """Each report's submission, and for a wrong one its correction, in plan order."""
    actions = []
    for report in reports:
        cents, progress = report.cents, report.progress
        if report.wrong:
            cents, progress, reason, corrected_at = report.wrong
            true = report.as_input(report.cents, report.progress, with_problems=False)
            run = partial(correct, report=report, data=true, reason=reason)
            actions.append(Action(corrected_at, run))
        data = report.as_input(cents, progress, with_problems=True)
        actions.append(Action(report.at, partial(submit, report=report, data=data)))
    return actions
