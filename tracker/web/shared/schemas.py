"""marshmallow schemas for forms and the JSON API, with Chinese messages.

The same schemas load form posts and JSON bodies and generate the OpenAPI document.
"""

from __future__ import annotations

from typing import Any

from marshmallow import fields, post_load, validate

from tracker.domain.catalog import CATEGORIES, NATURE_LABELS, ROLES
from tracker.domain.milestones import MetNode
from tracker.domain.report import (
    MAX_PROBLEMS,
    MAX_TEXT,
    REPORT_FIELDS,
    ReportField,
    ReportInput,
    Resolution,
)
from tracker.web.shared.inputs import Day, Items, Money, Object, Percent, Text, Whole
from tracker.web.shared.plan_schemas import (
    ProgressFormSchema,
    Strict,
    met_field,
    progress_plan_field,
)


class ResolutionSchema(Strict):
    problem_id = Whole(required=True, strict=True)
    resolution = Text(
        required=True, lines=True, validate=validate.Length(1, MAX_TEXT, error="须为1–2000字")
    )


def report_field(field: ReportField) -> fields.Field:
    """The schema field of one of REPORT_FIELDS, by its kind."""
    if field.kind == "money":
        described = {"description": f'{field.label}，如 "123.45"'}
        if field.required:
            return Money(required=True, metadata=described)
        return Money(load_default=None, allow_none=True, metadata=described)
    if field.kind == "text":
        error = f"{field.label}须为{1 if field.required else 0}–{MAX_TEXT}字"
        length = validate.Length(1 if field.required else 0, MAX_TEXT, error=error)
        if field.required:
            return Text(required=True, lines=True, validate=length)
        return Text(load_default="", lines=True)
    if field.kind == "percent":
        return Percent(load_default=None, allow_none=True)
    return Day(load_default=None, allow_none=True)


class ReportSchema(Strict.from_dict({f.name: report_field(f) for f in REPORT_FIELDS})):  # type: ignore[misc]
    """One project's 半月报: PUT /api/v1/projects/{code}/reports/{period}."""

    problems = Items(
        Text(lines=True, validate=validate.Length(1, MAX_TEXT, error="每个问题须为1–2000字")),
        load_default=list,
        validate=validate.Length(max=MAX_PROBLEMS, error=f"一次最多{MAX_PROBLEMS}个问题"),
    )
    resolved = Items(Object(ResolutionSchema), load_default=list)
    milestones_met = met_field()

    @post_load
    def to_input(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data["report"] = ReportInput(
            **{field.name: data[field.name] for field in REPORT_FIELDS},
            problems=tuple(data["problems"]),
            resolved=tuple(Resolution(r["problem_id"], r["resolution"]) for r in data["resolved"]),
            milestones_met=tuple(MetNode(m["name"], m["met_on"]) for m in data["milestones_met"]),
        )
        return data


class CorrectionSchema(ReportSchema):
    reason = Text(
        required=True, lines=True, validate=validate.Length(1, 500, error="原因须为1–500字")
    )


class AnswerSchema(Strict):
    answer = Text(
        required=True, lines=True, validate=validate.Length(1, 2000, error="答复须为1–2000字")
    )


class PlanSchema(Strict):
    annual_plan = Money(required=True)
    monthly_plan = Items(
        Money(), required=True, validate=validate.Length(12, 12, error="须为12个月")
    )
    progress_plan = progress_plan_field(keep=True)
    reason = Text(
        required=True, lines=True, validate=validate.Length(1, 500, error="原因须为1–500字")
    )


class ProjectSchema(Strict):
    """POST /api/v1/projects: register one project (bureau)."""

    campaign_year = Whole(
        required=True, strict=True, validate=validate.Range(2000, 2100, error="须在2000到2100之间")
    )
    code = Text(required=True, validate=validate.Length(1, 40))
    name = Text(required=True, validate=validate.Length(1, 100))
    category = Text(required=True)
    unit = Text(required=True, validate=validate.Length(1, 60))
    nature = Text(
        required=True,
        validate=validate.OneOf(
            ["continuing", "new_start"], error="只能是 continuing 或 new_start"
        ),
    )
    scope = Text(load_default="", lines=True, validate=validate.Length(max=500))
    total_investment = Money(required=True)
    annual_plan = Money(required=True)
    monthly_plan = Items(
        Money(), required=True, validate=validate.Length(12, 12, error="须为12个月")
    )
    planned_start = Day(required=True)
    planned_completion = Day(required=True)
    manager = Text(load_default="", validate=validate.Length(max=40))
    reporter = Text(load_default="", validate=validate.Length(max=40))
    phone = Text(load_default="", validate=validate.Length(max=40))
    pilot = fields.Boolean(load_default=False, error_messages={"invalid": "只能是 true 或 false"})
    national_code = Text(load_default="", validate=validate.Length(max=30))  # 项目代码
    progress_plan = progress_plan_field(keep=False)


class SupervisionSchema(Strict):
    """POST /api/v1/projects/{code}/supervisions: issue a 督办 (bureau)."""

    requirement = Text(
        required=True, lines=True, validate=validate.Length(1, 2000, error="督办要求须为1–2000字")
    )
    due_on = Day(required=True)
    source = Text(load_default=None, allow_none=True, validate=validate.Length(max=40))


class NoteSchema(Strict):
    note = Text(
        load_default="", lines=True, validate=validate.Length(max=2000, error="意见最多2000字")
    )


class ReturnSchema(Strict):
    note = Text(
        required=True, lines=True, validate=validate.Length(1, 2000, error="退回意见须为1–2000字")
    )


# -- the bureau's register, proposals and users (admin pages) ------------------

MONTHS = tuple(f"month_{m}" for m in range(1, 13))
#: the 附件1 fields a register form asks for, in the order it shows them
SPEC_FIELDS = (
    "code", "name", "category", "unit", "nature", "scope", "total_investment", "annual_plan",
    *MONTHS, "planned_start", "planned_completion", "manager", "reporter", "phone", "remark",
)  # fmt: skip


def _text(limit: int, required: bool = False, lines: bool = False) -> Text:
    error = f"最多{limit}字" if not required else f"须为1–{limit}字"
    if required:
        return Text(required=True, lines=lines, validate=validate.Length(1, limit, error=error))
    return Text(load_default="", lines=lines, validate=validate.Length(max=limit, error=error))


class MonthlyFormSchema(Strict.from_dict({m: Money(required=True) for m in MONTHS})):  # type: ignore[misc]
    """A form's twelve ``month_1`` … ``month_12`` amounts, loaded as ``monthly_plan``."""

    annual_plan = Money(required=True)

    @post_load
    def collect_months(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data["monthly_plan"] = tuple(data.pop(m) for m in MONTHS)
        return data


class PlanFormSchema(MonthlyFormSchema, ProgressFormSchema):
    """Revise a project's annual, monthly and 形象进度 plan (bureau), with the reason."""

    reason = _text(500, required=True, lines=True)


class ProjectFieldsSchema(MonthlyFormSchema):
    """The 附件1 fields a form asks for, apart from the code and the unit."""

    name = _text(100, required=True)
    category = Text(required=True, validate=validate.OneOf(CATEGORIES, error="请选择十大类别之一"))
    nature = Text(
        required=True,
        validate=validate.OneOf(list(NATURE_LABELS), error="请选择“在建”或“新开工”"),
    )
    scope = _text(500, lines=True)
    total_investment = Money(required=True)
    planned_start = Day(required=True)
    planned_completion = Day(required=True)
    manager = _text(40)
    reporter = _text(40)
    phone = _text(40)
    pilot = fields.Boolean(load_default=False, error_messages={"invalid": "只能是“是”或“否”"})
    remark = _text(500, lines=True)


class RegisterFormSchema(ProjectFieldsSchema, ProgressFormSchema):
    """Register one project (bureau), with its 形象进度计划 if it has one."""

    code = _text(40, required=True)
    unit = _text(60, required=True)
    national_code = _text(30)  # 项目代码, optional


class ProposalFormSchema(ProjectFieldsSchema):
    """A unit's proposal of a new project, with its 申报理由."""

    reason = _text(500, required=True, lines=True)


class ReasonSchema(Strict):
    """Withdraw a project, reject a proposal, disable a user: a reason is required."""

    reason = _text(500, required=True, lines=True)


class ContactsSchema(Strict):
    manager = _text(40)
    reporter = _text(40)
    phone = _text(40)


class FlagsSchema(Strict):
    pilot = fields.Boolean(load_default=False)
    spot_check = fields.Boolean(load_default=False)


class ApproveSchema(Strict):
    code = _text(40, required=True)


class UserFormSchema(Strict):
    name = _text(40, required=True)
    role = Text(required=True, validate=validate.OneOf(list(ROLES), error="请选择角色"))
    unit = Text(load_default=None, allow_none=True, validate=validate.Length(max=60))
    display_name = Text(
        load_default="", validate=validate.Length(max=20, error="姓名过长（最多20字）")
    )
