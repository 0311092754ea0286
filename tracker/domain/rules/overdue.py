"""The overdue list's rules (DESIGN §3): when each kind is due, its light, the 督办 it suggests.

The kinds' Chinese names are ``catalog.OVERDUE_KINDS``.
"""

from __future__ import annotations

import math
from datetime import date, datetime, timedelta

from tracker.domain.period import add_months
from tracker.domain.rules.lights import Thresholds, lag_light, start_light
from tracker.domain.rules.ytd import Figures

STALE_PROBLEM = timedelta(days=30)
VERY_STALE_PROBLEM = timedelta(days=90)
SUPERVISION_RED_AFTER = timedelta(days=7)

#: the requirement a 督办 issued from an item of each kind starts with
REQUIREMENTS: dict[str, str] = {
    "missing_report": "请于期限内补报未报送的半月报，并说明未按时报送的原因。",
    "lagging": "项目投资滞后于序时进度，请说明原因并提出赶超措施。",
    "late_start": "项目未按期开工，请说明原因并明确开工时间。",
    "late_completion": "项目已过计划竣工日期，请说明进展并明确竣工时间。",
    "stale_problem": "问题久拖未决，请说明解决进展并限期解决。",
    "supervision_overdue": "督办事项逾期未答复，请立即答复。",
    "milestone_late": "项目节点已过计划日期仍未完成，请说明原因并明确完成时间。",
}


def missing_light(periods_missing: int) -> str:
    """One period missing is yellow; more than one is red."""
    return "red" if periods_missing > 1 else "yellow"


def lagging_light(figures: Figures, thresholds: Thresholds) -> str:
    """The lag's light; a project without a plan this year never lags."""
    return lag_light(figures.lag, thresholds) if figures.annual_plan else "green"


def lagging_from(thresholds: Thresholds) -> int:
    """The least lag in hundredths of a point that is not green (``lag_light``: yellow from
    the yellow threshold up): a walk over many periods compares integers only."""
    return math.ceil(thresholds.yellow * 100)


def late_start_light(planned_start: date, today: date, thresholds: Thresholds) -> str:
    """A new start that has not started, judged on ``today``."""
    return start_light(planned_start, None, today, thresholds)


def late_completion_light(planned: date, today: date, thresholds: Thresholds) -> str | None:
    """None before the planned completion; yellow after it, red some months after."""
    if planned >= today:
        return None
    return "red" if today >= add_months(planned, thresholds.start_red_months) else "yellow"


def stale_problem_light(raised_at: datetime, now: datetime) -> str | None:
    """None for a problem open 30 days or less; yellow after that, red after 90."""
    age = now - raised_at
    if age <= STALE_PROBLEM:
        return None
    return "red" if age > VERY_STALE_PROBLEM else "yellow"


def supervision_overdue(status: str, due_on: date, today: date) -> bool:
    """Not answered by its deadline (a returned order counts as unanswered)."""
    return status == "open" and today > due_on


def supervision_light(due_on: date, today: date) -> str:
    return "red" if today - due_on > SUPERVISION_RED_AFTER else "yellow"


def milestone_light(planned_on: date, today: date, thresholds: Thresholds) -> str | None:
    """节点逾期: None until the node is more than ``milestone_yellow_days`` late (0: from the
    first day after its planned date); yellow up to ``milestone_red_days``, red beyond."""
    late = (today - planned_on).days
    if late <= thresholds.milestone_yellow_days:
        return None
    return "red" if late > thresholds.milestone_red_days else "yellow"


def review_order(light: str, since: date | datetime, code: str, kind: str) -> tuple:
    """How the list is sorted: reddest first, then oldest."""
    return ({"red": 0, "yellow": 1, "green": 2}[light], str(since), code, kind)
