"""A project's 节点 (milestones): an ordered list of named steps with planned dates.

The bureau plans them (the usual sequence is offered, with dates drawn from the
planned start and completion) and changes them with a reason; the unit reports a
node met, with its date, in a 半月报 or on its own. A node past its planned date
and not met is 节点逾期 on the overdue list.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from tracker.domain.dates import check_day
from tracker.domain.errors import InvalidValue
from tracker.domain.text import clean_text

#: the usual sequence of a construction project's nodes, in order
DEFAULT_NODES = (
    "立项/可研批复", "用地预审", "规划许可", "施工许可", "开工", "主体完工", "竣工验收",
)  # fmt: skip
#: days before the planned start each preparatory node is usually due
BEFORE_START = {"立项/可研批复": 150, "用地预审": 110, "规划许可": 70, "施工许可": 20}
MAX_NODES = 20
MAX_NAME = 20


@dataclass(frozen=True)
class Node:
    """A node as planned: its name and the day it should be met."""

    name: str
    planned_on: date


@dataclass(frozen=True)
class MetNode:
    """A node reported met, and on which day."""

    name: str
    met_on: date


def suggested_nodes(planned_start: date, planned_completion: date) -> list[Node]:
    """The usual sequence, dated from the project's planned start and completion:
    approvals some months before the start, 主体完工 three quarters of the way."""
    span = max((planned_completion - planned_start).days, 0)
    dates = {name: planned_start - timedelta(days=days) for name, days in BEFORE_START.items()}
    dates.update(
        {
            "开工": planned_start,
            "主体完工": planned_start + timedelta(days=span * 3 // 4),
            "竣工验收": planned_completion,
        }
    )
    return [Node(name, dates[name]) for name in DEFAULT_NODES]


class Milestones(dict[str, dict[str, Any]]):
    """The project's nodes by name, in planned order, each with when it was met (or None)."""

    def planned(self, nodes: Sequence[dict[str, Any]]) -> None:
        """A new plan: its nodes in its order; a node kept by name keeps being met."""
        before = dict(self)
        self.clear()
        for position, node in enumerate(nodes, 1):
            met = before.get(node["name"], {})
            self[node["name"]] = {
                "name": node["name"],
                "planned_on": node["planned_on"],
                "position": position,
                "met_on": met.get("met_on"),
                "met_at": met.get("met_at"),
                "met_by": met.get("met_by"),
            }

    def met(self, name: str, met_on: date, at: datetime, by: str) -> None:
        self[name].update(met_on=met_on, met_at=at, met_by=by)

    def check_plan(self, nodes: Sequence[Node]) -> list[dict[str, Any]]:
        """The nodes as the event carries them, or InvalidValue naming what is wrong."""
        if len(nodes) > MAX_NODES:
            raise InvalidValue(f"节点最多{MAX_NODES}个", "milestones")
        seen: set[str] = set()
        planned = []
        for node in nodes:
            name = node.name.strip()
            if not name:
                raise InvalidValue("节点名称不能为空", "milestones")
            if len(name) > MAX_NAME:
                message = f"节点名称“{name[:MAX_NAME]}…”过长（最多{MAX_NAME}字）"
                raise InvalidValue(message, "milestones")
            clean_text(name, "milestones")
            if name in seen:
                raise InvalidValue(f"节点“{name}”重复", "milestones")
            check_day(node.planned_on, "milestones")
            seen.add(name)
            planned.append({"name": name, "planned_on": node.planned_on})
        return planned

    def check_met(self, reported: Sequence[MetNode], today: date) -> list[MetNode]:
        """The nodes to record as met; one already met on the same day is not recorded again."""
        names = [item.name.strip() for item in reported]
        if len(set(names)) != len(names):
            raise InvalidValue("同一节点不能重复填报", "milestones_met")
        found = []
        for item, name in zip(reported, names, strict=True):
            node = self.get(name)
            if node is None:
                message = f"节点“{name[:MAX_NAME]}”不在本项目的节点计划中"
                raise InvalidValue(message, "milestones_met")
            check_day(item.met_on, "milestones_met")
            if item.met_on > today:
                raise InvalidValue(f"节点“{name}”的达成日期不能晚于今天", "milestones_met")
            if node["met_on"] == item.met_on:
                continue
            if node["met_on"] is not None:
                done = node["met_on"].isoformat()
                raise InvalidValue(f"节点“{name}”已于{done}达成", "milestones_met")
            found.append(MetNode(name, item.met_on))
        return found
