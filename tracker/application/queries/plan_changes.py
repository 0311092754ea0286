"""What the plans' events changed, for the change log: the 形象进度计划 and the 节点."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tracker.application.queries.changes import Change, State, describe
from tracker.domain.progress import shown
from tracker.domain.project import Project


def pct_text(pct: Decimal | None) -> str | None:
    return None if pct is None else f"{shown(pct)}%"


def progress_changes(state: State, plan: Sequence[Decimal] | None) -> list[Change]:
    """The months of the 形象进度计划 a revision changed (None: it kept the plan)."""
    if plan is None:
        return []
    before = list(state.get("progress_plan") or [None] * 12)
    after = list(plan) or [None] * 12
    state["progress_plan"] = list(plan)
    return [
        (f"{month}月形象进度计划（%）", pct_text(old), pct_text(new))
        for month, (old, new) in enumerate(zip(before, after, strict=True), 1)
        if old != new
    ]


@describe.register
def _(event: Project.MilestonesPlanned, state: State) -> list[Change]:
    before: dict[str, str] = state.get("milestones", {})
    after = {node["name"]: node["planned_on"].isoformat() for node in event.milestones}
    state["milestones"] = after
    found: list[Change] = [
        (f"节点“{name}”计划日期", before.get(name), day)
        for name, day in after.items()
        if before.get(name) != day
    ]
    removed = [name for name in before if name not in after]
    return found + [(f"节点“{name}”", before[name], "（删除）") for name in removed]


@describe.register
def _(event: Project.MilestoneMet, state: State) -> list[Change]:
    return [(f"节点“{event.name}”", "未达成", f"{event.met_on.isoformat()} 达成")]
