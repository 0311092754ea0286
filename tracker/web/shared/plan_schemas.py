"""The schemas of the plans beyond the money: the 形象进度计划 and the 节点.

``schemas`` builds on them (a report's ``milestones_met``, a plan's ``progress_plan``,
the register and revision forms' twelve percentages).
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from tracker.domain.milestones import MAX_NAME, MAX_NODES, Node
from tracker.domain.progress import PROGRESS_MONTHS
from tracker.web.shared.inputs import Day, Items, Object, Percent, Text


class Strict(Schema):
    """A body or form with no field but those named: an unknown one is refused."""

    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "未知字段", "type": "请求体必须是 JSON 对象"}


def node_name() -> Text:
    return Text(
        required=True, validate=validate.Length(1, MAX_NAME, error=f"节点名称须为1–{MAX_NAME}字")
    )


class MetSchema(Strict):
    """A node met: its name in the project's node plan and the day it was met."""

    name = node_name()
    met_on = Day(required=True)


class NodeSchema(Strict):
    """A node as the bureau plans it."""

    name = node_name()
    planned_on = Day(required=True)


def met_field() -> fields.Field:
    """A report's ``milestones_met``: the nodes it says were met."""
    too_many = f"一次最多{MAX_NODES}个节点"
    return Items(
        Object(MetSchema),
        load_default=list,
        validate=validate.Length(max=MAX_NODES, error=too_many),
        metadata={"description": "本期达成的节点：[{name, met_on}]"},
    )


class MilestonesSchema(Strict):
    """POST /api/v1/projects/{code}/milestones: the project's nodes in order (bureau)."""

    milestones = Items(
        Object(NodeSchema),
        required=True,
        validate=validate.Length(max=MAX_NODES, error=f"节点最多{MAX_NODES}个"),
    )
    reason = Text(
        required=True, lines=True, validate=validate.Length(1, 500, error="原因须为1–500字")
    )

    @post_load
    def to_nodes(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data["nodes"] = [Node(n["name"], n["planned_on"]) for n in data["milestones"]]
        return data


def twelve_or_none(plan: list[Any]) -> None:
    """A 形象进度计划 is twelve percentages, or none at all."""
    if len(plan) not in (0, 12) or any(pct is None for pct in plan):
        raise ValidationError("形象进度计划须为12个月的累计百分比（或不填）")


def progress_plan_field(keep: bool) -> fields.Field:
    """The 形象进度计划 in a JSON body; absent, ``keep`` (a revision) keeps the plan there is."""
    text = "1–12月末累计形象进度计划（%），逐月不减；[] 为不设" + ("；不填则不变" if keep else "")
    described = {"validate": twelve_or_none, "metadata": {"description": text}}
    if keep:
        return Items(Percent(), load_default=None, allow_none=True, **described)
    return Items(Percent(), load_default=list, **described)


PERCENTS = {m: Percent(load_default=None) for m in PROGRESS_MONTHS}


class ProgressFormSchema(Strict.from_dict(PERCENTS)):  # type: ignore[misc]
    """A form's twelve ``progress_1`` … ``progress_12`` percentages, loaded as ``progress_plan``:
    all twelve, or none (no 形象进度计划)."""

    @post_load
    def collect_progress(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        plan = [data.pop(m) for m in PROGRESS_MONTHS]
        if any(pct is None for pct in plan) and any(pct is not None for pct in plan):
            raise ValidationError("请填写全部12个月的形象进度计划，或全部留空", "progress_plan")
        data["progress_plan"] = tuple(pct for pct in plan if pct is not None)
        return data


class MeetFormSchema(MetSchema):
    """A unit reports one node met, on its own (not in a 半月报)."""


#: the bureau's node form: up to MAX_NODES rows of a name and a planned day
NODE_ROWS = tuple((f"node_name_{i}", f"node_date_{i}") for i in range(1, MAX_NODES + 1))
NAMED = {"load_default": "", "validate": validate.Length(max=MAX_NAME, error=f"最多{MAX_NAME}字")}
NODE_FIELDS = {
    **{name: Text(**NAMED) for name, _ in NODE_ROWS},
    **{day: Day(load_default=None) for _, day in NODE_ROWS},
}


class MilestoneFormSchema(Strict.from_dict(NODE_FIELDS)):  # type: ignore[misc]
    """The bureau's node plan from its form: its rows in order (empty ones left out), a reason."""

    reason = Text(
        required=True, lines=True, validate=validate.Length(1, 500, error="原因须为1–500字")
    )

    @post_load
    def collect_nodes(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        nodes = []
        for name_field, day_field in NODE_ROWS:
            name, day = data.pop(name_field).strip(), data.pop(day_field)
            if name and day is None:
                raise ValidationError(f"请填写节点“{name}”的计划日期", day_field)
            if day is not None and not name:
                raise ValidationError("请填写节点名称", name_field)
            if name:
                nodes.append(Node(name, day))
        data["nodes"] = nodes
        return data
