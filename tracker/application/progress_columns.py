"""The 附件1 file's optional 形象进度计划 columns: ``1月形象进度计划（%）`` … ``12月…``.

A file has all twelve columns or none of them; a row fills all twelve or leaves
them all empty (the project then has no 形象进度计划). Each cell is a percentage
as the report form takes it; the plan's own checks (0–100, never going down)
come with the project's other checks, each naming its month's column.
"""

from __future__ import annotations

from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.numbers import parse_percent

PROGRESS_COLUMNS = [f"{m}月形象进度计划（%）" for m in range(1, 13)]
#: each month's field (as the domain's errors name it) → its column
PROGRESS_HEADERS = {f"progress_{m}": column for m, column in enumerate(PROGRESS_COLUMNS, 1)}
HALF = "请填写全部12个月的形象进度计划，或全部留空"

Problem = tuple[str, str]  # (column, message)


def header_problems(header: list[str]) -> list[Problem]:
    """Some of the twelve columns without the others, or one of them twice."""
    present = [column for column in PROGRESS_COLUMNS if column in header]
    if not present:
        return []
    found = [(column, "缺少此列（形象进度计划须有1–12月全部12列）") for column in PROGRESS_COLUMNS]
    found = [problem for problem in found if problem[0] not in present]
    return found + [(c, "列名重复") for c in present if header.count(c) > 1]


def progress_plan(record: dict[str, str]) -> tuple[tuple[Decimal, ...], list[Problem]]:
    """A row's plan ((): none), or the problems of its cells."""
    cells = [record.get(column, "").strip() for column in PROGRESS_COLUMNS]
    if not any(cells):
        return (), []
    plan, problems = [], []
    for column, cell in zip(PROGRESS_COLUMNS, cells, strict=True):
        if not cell:
            problems.append((column, HALF))
            continue
        try:
            plan.append(parse_percent(cell, column))
        except InvalidValue as error:
            problems.append((column, error.message))
    return tuple(plan), problems
