"""The plan side of the project aggregate: the investment and 形象进度 plan, and the 节点.

``PlanKeeping`` holds the commands; their events are ``Project``'s own nested classes
(``Project.PlanRevised``, ``Project.MilestonesPlanned``, ``Project.MilestoneMet``), so
their stored topics and labels are the project's. Only ``Project`` mixes it in.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from tracker.domain.milestones import MetNode, Node
from tracker.domain.period import Period
from tracker.domain.progress import normalised, progress_plan_errors
from tracker.domain.spec import plan_errors
from tracker.domain.text import check_reason

MISSING_REASON = "必须填写原因"


class PlanKeeping:
    """Revising the plan, planning the nodes, recording nodes met (mixed into ``Project``)."""

    # Provided by Project (annotations only, so nothing here shadows them): its state,
    # its events, its guard and the aggregate's trigger_event.
    total_investment: Decimal
    milestones: Any
    PlanRevised: Any
    MilestonesPlanned: Any
    MilestoneMet: Any
    check_not_withdrawn: Callable[[], None]
    trigger_event: Callable[..., None]

    def revise_plan(
        self, annual: Decimal, monthly: list[Decimal], reason: str, actor: str, progress: Any = None
    ) -> None:
        """Set a new annual and monthly plan (计划投资额是一个动态的目标) and, unless
        ``progress`` is None, a new 形象进度计划 ([] for none)."""
        self.check_not_withdrawn()
        errors = plan_errors(annual, tuple(monthly), self.total_investment)
        errors += progress_plan_errors(progress or [])
        if errors:
            raise errors[0]
        check_reason(reason, missing=MISSING_REASON)
        plan: dict[str, Any] = {"annual_plan": annual, "monthly_plan": list(monthly)}
        plan["progress_plan"] = None if progress is None else normalised(progress)
        self.trigger_event(self.PlanRevised, **plan, reason=reason.strip(), actor=actor)

    def plan_milestones(self, nodes: list[Node], reason: str, actor: str) -> None:
        """The bureau sets the nodes (节点) and their planned dates, with the reason."""
        self.check_not_withdrawn()
        planned = self.milestones.check_plan(nodes)
        check_reason(reason, missing=MISSING_REASON)
        why = reason.strip()
        self.trigger_event(self.MilestonesPlanned, milestones=planned, reason=why, actor=actor)

    def meet_milestones(
        self, met: tuple[MetNode, ...], today: date, period: Period | None, actor: str
    ) -> None:
        """Record nodes met (from a 半月报 of ``period``, or on their own)."""
        self.check_not_withdrawn()
        when = str(period) if period else None
        for node in self.milestones.check_met(met, today):
            self.trigger_event(self.MilestoneMet, **vars(node), period=when, actor=actor)
