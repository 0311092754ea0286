"""A project's 形象进度计划 and 节点, now or as they stood at a past moment."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from tracker.application.queries.reader import Reader, View
from tracker.domain.milestones import Node, suggested_nodes
from tracker.domain.period import Period
from tracker.domain.progress import planned_pct
from tracker.projections.codec import day, moment
from tracker.projections.plan_tables import milestones, progress_plans

G, M = progress_plans.c, milestones.c


@dataclass(frozen=True)
class MilestoneRow:
    """One node of a project's plan, and whether (and when) it was met."""

    code: str
    name: str
    position: int
    planned_on: date
    met_on: date | None
    met_period: str | None  # the 半月报 that reported it; None: reported on its own
    met_at: datetime | None  # when that was recorded
    met_by: str | None

    def days_late(self, today: date) -> int:
        """Days past its planned date while not met (0 when met or not yet due)."""
        if self.met_on is not None:
            return 0
        return max(0, (today - self.planned_on).days)

    def state(self, today: date) -> str:
        """met | late | ahead (still to come)."""
        if self.met_on is not None:
            return "met"
        return "late" if today > self.planned_on else "ahead"


class Plans:
    """Questions about the plans beyond the money: 形象进度计划 and 节点."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def progress_plan(self, code: str, as_of: datetime | None = None) -> tuple[Decimal, ...]:
        """The twelve cumulative month-end percentages (empty: the project has none)."""
        with self.read.at(as_of) as view:
            return progress_plan_of(view, [code]).get(code, ())

    def planned_pcts(
        self, codes: Iterable[str], period: Period, as_of: datetime | None = None
    ) -> dict[str, Decimal]:
        """计划形象进度 at ``period`` of those projects that have a plan."""
        with self.read.at(as_of) as view:
            plans = progress_plan_of(view, list(codes))
        found = {code: planned_pct(plan, period) for code, plan in plans.items()}
        return {code: pct for code, pct in found.items() if pct is not None}

    def progress_plans(self, as_of: datetime | None = None) -> dict[str, tuple[Decimal, ...]]:
        """Every project's 形象进度计划 (those that have one), by code."""
        with self.read.at(as_of) as view:
            return progress_plan_of(view)

    def codes_with_milestones(self, as_of: datetime | None = None) -> set[str]:
        """The projects that have 节点 (as of a moment: then)."""
        with self.read.at(as_of) as view:
            found = select(M.code.distinct()).where(view.holds(milestones))
            return set(view.connection.execute(found).scalars())

    def milestones(self, code: str, as_of: datetime | None = None) -> list[MilestoneRow]:
        """The project's nodes in planned order, as they stood at ``as_of``."""
        with self.read.at(as_of) as view:
            return milestone_rows(view, [code])

    def open_milestones(self, codes: Iterable[str]) -> dict[str, list[MilestoneRow]]:
        """Each project's nodes not yet met (for the report forms), by code."""
        found: dict[str, list[MilestoneRow]] = {code: [] for code in codes}
        with self.read.at() as view:
            for row in milestone_rows(view, list(found)):
                if row.met_on is None:
                    found[row.code].append(row)
        return found


def progress_plan_of(view: View, codes: list[str] | None = None) -> dict[str, tuple[Decimal, ...]]:
    """Each project's 形象进度计划 (those of ``codes``, or every project's), by code."""
    query = select(G.code, G.plan).where(view.holds(progress_plans))
    if codes is not None:
        query = query.where(G.code.in_(codes))
    return {
        code: tuple(Decimal(pct) for pct in plan.split(",")) if plan else ()
        for code, plan in view.connection.execute(query).all()
    }


def milestone_rows(view: View, codes: list[str] | None = None) -> list[MilestoneRow]:
    """The nodes of those projects (or of all), by code then planned order."""
    query = select(milestones).where(view.holds(milestones))
    if codes is not None:
        query = query.where(M.code.in_(codes))
    rows = view.connection.execute(query.order_by(M.code, M.position)).mappings()
    return [
        MilestoneRow(
            code=row["code"],
            name=row["name"],
            position=row["position"],
            planned_on=date.fromisoformat(row["planned_on"]),
            met_on=day(row["met_on"]),
            met_period=row["met_period"],
            met_at=moment(row["met_at"]),
            met_by=row["met_by"],
        )
        for row in rows
    ]


def offered_nodes(rows: list[MilestoneRow], start: date, completion: date) -> list[Node]:
    """What the bureau's node form starts from: the plan there is, else the usual sequence."""
    if rows:
        return [Node(row.name, row.planned_on) for row in rows]
    return suggested_nodes(start, completion)
