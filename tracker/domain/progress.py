"""The 形象进度计划: twelve cumulative month-end percentages, part of a project's plan.

A project's plan holds, beside the twelve monthly amounts, where its physical
progress should stand at the end of each month (cumulative, so never going down,
0–100 with one decimal at most). A project may have none: the tuple is empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.period import Period

TENTH = Decimal("0.1")
HUNDRED = Decimal(100)
#: the form fields (and the 附件1 columns' fields) of the twelve months
PROGRESS_MONTHS = tuple(f"progress_{m}" for m in range(1, 13))


def progress_plan_errors(plan: Sequence[Decimal]) -> list[InvalidValue]:
    """Every problem with a progress plan, each naming the month's field (none: no plan)."""
    if not plan:
        return []
    if len(plan) != 12:
        return [InvalidValue("形象进度计划必须是12个月的累计百分比", "progress_plan")]
    found: list[InvalidValue] = []
    for month, pct in enumerate(plan, 1):
        if not 0 <= pct <= HUNDRED:
            found.append(InvalidValue("形象进度计划须在0到100之间", f"progress_{month}"))
        elif pct != pct.quantize(TENTH):
            found.append(InvalidValue("形象进度计划最多保留1位小数", f"progress_{month}"))
    if found:
        return found
    for month in range(2, 13):
        before, now = plan[month - 2], plan[month - 1]
        if now < before:
            message = (
                f"{month}月累计形象进度计划 {shown(now)}% 低于{month - 1}月的 {shown(before)}%，"
                "累计进度须逐月不减"
            )
            found.append(InvalidValue(message, f"progress_{month}"))
    return found


def normalised(plan: Sequence[Decimal]) -> list[Decimal]:
    """The plan as it is stored: each percentage with one decimal (45 and 45.0 are one plan)."""
    return [Decimal(pct).quantize(TENTH) for pct in plan]


def planned_pct(plan: Sequence[Decimal], period: Period) -> Decimal | None:
    """计划形象进度 at a period: the month's end at H2; at H1 halfway from the month before
    (0 before January), rounded half up to 0.1. None without a plan."""
    if not plan:
        return None
    end = Decimal(plan[period.month - 1])
    if period.half == 2:
        return end.quantize(TENTH)
    before = Decimal(plan[period.month - 2]) if period.month > 1 else Decimal(0)
    return ((before + end) / 2).quantize(TENTH, rounding=ROUND_HALF_UP)


def shown(pct: Decimal) -> str:
    """A percentage as pages print it: 45, 45.5 (no trailing .0)."""
    text = format(Decimal(pct).quantize(TENTH), "f")
    return text[:-2] if text.endswith(".0") else text
