"""marshmallow schemas for forms and the JSON API, with Chinese messages.

The same schemas load form posts and JSON bodies and generate the OpenAPI document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, post_load, validate

from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_money
from tracker.domain.report import MAX_PROBLEMS, MAX_TEXT, ReportInput, Resolution

COMMON = {"required": "此项必填", "null": "不能为空"}


class Text(fields.String):
    default_error_messages = {**COMMON, "invalid": "必须是文本"}


class Day(fields.Date):
    default_error_messages = {**COMMON, "invalid": "日期格式应为 YYYY-MM-DD，且须是真实存在的日期"}


class Whole(fields.Integer):
    default_error_messages = {**COMMON, "invalid": "必须是整数"}


class Items(fields.List):
    default_error_messages = {**COMMON, "invalid": "必须是列表"}


class Object(fields.Nested):
    default_error_messages = {**COMMON, "type": "必须是对象"}


class Money(fields.Field):
    """万元 as a string (``"1234.50"``) or an exact JSON number; two decimals at most."""

    default_error_messages = COMMON

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        try:
            return parse_money(value if not isinstance(value, float) else str(value))
        except InvalidValue as error:
            raise ValidationError(error.message) from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value.quantize(Decimal("0.01")))


class Percent(fields.Field):
    default_error_messages = COMMON

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Decimal | None:
        if value in ("", None):
            return None
        try:
            number = Decimal(str(value).strip().rstrip("%"))
        except ArithmeticError:
            raise ValidationError("必须是0到100之间的数字") from None
        if not number.is_finite() or not 0 <= number <= 100:
            raise ValidationError("必须是0到100之间的数字")
        return number.quantize(Decimal("0.1"))


class Strict(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": "未知字段", "type": "请求体必须是 JSON 对象"}


class ResolutionSchema(Strict):
    problem_id = Whole(required=True, strict=True)
    resolution = Text(required=True, validate=validate.Length(1, MAX_TEXT, error="须为1–2000字"))


class ReportSchema(Strict):
    """One project's 半月报: PUT /api/v1/projects/{code}/reports/{period}."""

    investment = Money(required=True, metadata={"description": '本期完成投资（万元），如 "123.45"'})
    progress = Text(
        required=True, validate=validate.Length(1, MAX_TEXT, error="形象进度须为1–2000字")
    )
    progress_pct = Percent(load_default=None, allow_none=True)
    started_on = Day(load_default=None, allow_none=True)
    completed_on = Day(load_default=None, allow_none=True)
    problems = Items(
        Text(validate=validate.Length(1, MAX_TEXT, error="每个问题须为1–2000字")),
        load_default=list,
        validate=validate.Length(max=MAX_PROBLEMS, error=f"一次最多{MAX_PROBLEMS}个问题"),
    )
    resolved = Items(Object(ResolutionSchema), load_default=list)

    @post_load
    def to_input(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        data["report"] = ReportInput(
            investment=data["investment"],
            progress=data["progress"],
            progress_pct=data["progress_pct"],
            started_on=data["started_on"],
            completed_on=data["completed_on"],
            problems=tuple(data["problems"]),
            resolved=tuple(Resolution(r["problem_id"], r["resolution"]) for r in data["resolved"]),
        )
        return data


class CorrectionSchema(ReportSchema):
    reason = Text(required=True, validate=validate.Length(1, 500, error="原因须为1–500字"))


class AnswerSchema(Strict):
    answer = Text(required=True, validate=validate.Length(1, 2000, error="答复须为1–2000字"))


class PlanSchema(Strict):
    annual_plan = Money(required=True)
    monthly_plan = Items(
        Money(), required=True, validate=validate.Length(12, 12, error="须为12个月")
    )
    reason = Text(required=True, validate=validate.Length(1, 500, error="原因须为1–500字"))


class ProjectSchema(Strict):
    """POST /api/v1/projects: register one project (bureau)."""

    campaign_year = Whole(required=True, strict=True)
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
    scope = Text(load_default="", validate=validate.Length(max=500))
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


class ErrorSchema(Schema):
    """The error body of every 4xx: ``{"error": {...}}``."""

    code = fields.String()
    message = fields.String(metadata={"description": "中文说明"})
    fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()))


class SupervisionSchema(Strict):
    """POST /api/v1/projects/{code}/supervisions: issue a 督办 (bureau)."""

    requirement = Text(
        required=True, validate=validate.Length(1, 2000, error="督办要求须为1–2000字")
    )
    due_on = Day(required=True)
    source = Text(load_default=None, allow_none=True, validate=validate.Length(max=40))


class NoteSchema(Strict):
    note = Text(load_default="", validate=validate.Length(max=2000, error="意见最多2000字"))


class ReturnSchema(Strict):
    note = Text(required=True, validate=validate.Length(1, 2000, error="退回意见须为1–2000字"))
