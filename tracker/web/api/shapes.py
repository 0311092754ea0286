"""What the API answers, as marshmallow schemas: only the OpenAPI document is made from them.

The views write their JSON with ``tracker.application.jsonable``; these schemas
describe those bodies field by field (every field present, nothing else), so the
fuzz test can hold every response to the document.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from tracker.domain.catalog import COMPARED, LIGHTS, OVERDUE_KINDS
from tracker.domain.report import REPORT_FIELDS
from tracker.web.errors import CODES

#: an amount in 万元 as the API writes it: never negative, always two decimals
AMOUNT = r"^[0-9]+\.[0-9]{2}$"
#: a rate, a lag or a score in percent (points): two decimals, a lag may be negative
POINTS = r"^-?[0-9]+\.[0-9]{2}$"
#: a schedule performance index: four decimals
SPI = r"^[0-9]+\.[0-9]{4}$"


def amount(nullable: bool = False) -> fields.Field:
    return fields.String(
        required=True, allow_none=nullable, metadata={"pattern": AMOUNT, "description": "万元"}
    )


def points(nullable: bool = False) -> fields.Field:
    return fields.String(required=True, allow_none=nullable, metadata={"pattern": POINTS})


def text(nullable: bool = False, **metadata: Any) -> fields.Field:
    return fields.String(required=True, allow_none=nullable, metadata=metadata)


def day(nullable: bool = False) -> fields.Field:
    return fields.Date(required=True, allow_none=nullable)


def moment(nullable: bool = False) -> fields.Field:
    return fields.DateTime(required=True, allow_none=nullable)


def whole() -> fields.Field:
    return fields.Integer(required=True)


def listed(schema: type[Schema]) -> fields.Field:
    return fields.List(fields.Nested(schema), required=True)


class ErrorDetailSchema(Schema):
    code = text(enum=sorted({*CODES.values(), "error"}))
    message = text(description="中文说明")
    fields = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={"description": "字段名 → 中文说明；与字段无关的错误为空对象"},
    )


class ErrorBodySchema(Schema):
    """Every 4xx of the API: ``{"error": {"code", "message", "fields"}}``."""

    error = fields.Nested(ErrorDetailSchema, required=True)


class ProjectOutSchema(Schema):
    """A project of the register (``tracker.application.jsonable.PROJECT_FIELDS``)."""

    code, name, category, unit, nature = text(), text(), text(), text(), text()
    scope, manager, reporter, phone = text(), text(), text(), text()
    total_investment, annual_plan = amount(), amount()
    monthly_plan = fields.List(
        fields.String(metadata={"pattern": AMOUNT}), required=True, validate=validate.Length(12, 12)
    )
    planned_start, planned_completion = day(), day()
    pilot = fields.Boolean(required=True)
    spot_check = fields.Boolean(required=True)
    status = text()
    started_on, completed_on = day(nullable=True), day(nullable=True)
    campaign_year = whole()
    national_code = text(description="项目代码（全国投资项目在线审批监管平台），未赋码为空")


class OC4IDSSchema(Schema):
    """An OC4IDS 0.9 project package; each project as the standard's project schema says."""

    uri, publishedDate, version = text(), text(), text()  # noqa: N815 (the standard's names)
    publisher = fields.Dict(required=True)
    projects = fields.List(fields.Dict(), required=True)


class FiguresSchema(Schema):
    annual_plan, ytd_plan, ytd_actual, period_investment = amount(), amount(), amount(), amount()
    completion_rate = points(nullable=True)
    schedule_ratio = points(nullable=True)
    lag = points()
    light = text(enum=list(LIGHTS))


class OutlookSchema(Schema):
    """The forecast (DESIGN §3 Forecast) of a project or a total."""

    spi = fields.String(
        required=True,
        allow_none=True,
        metadata={"pattern": SPI, "description": "累计完成 / 序时进度，4位小数；序时为0时为 null"},
    )
    forecast = fields.String(
        required=True, metadata={"pattern": AMOUNT, "description": "预计全年完成（万元）"}
    )
    required_per_period = fields.String(
        required=True,
        allow_none=True,
        metadata={"pattern": AMOUNT, "description": "剩余每期需完成（万元）；第24期为 null"},
    )


class ProjectOutlookSchema(OutlookSchema):
    planned_pct = points(nullable=True)
    physical_lag = points(nullable=True)


class ProjectFiguresSchema(FiguresSchema, ProjectOutlookSchema):
    period = text()
    status = text()


class ProjectDetailSchema(ProjectOutSchema):
    figures = fields.Nested(ProjectFiguresSchema, metadata={"description": "当期数据"})
    progress_plan = fields.List(
        fields.String(metadata={"pattern": POINTS}),
        required=True,
        metadata={"description": "1–12月末累计形象进度计划（%）；未设为 []"},
    )


class EventSchema(Schema):
    time = moment()
    actor, kind = text(), text()
    data = fields.Dict(required=True)
    reason = text(nullable=True)


def version_field(kind: str, required: bool) -> fields.Field:
    if kind == "money":
        return amount(nullable=not required)
    if kind == "text":
        return text()
    if kind == "percent":
        return points(nullable=True)
    return day(nullable=True)


class VersionSchema(
    Schema.from_dict({f.name: version_field(f.kind, f.required) for f in REPORT_FIELDS})  # type: ignore[misc]
):
    attachments = fields.List(fields.Dict(), required=True)
    received_at = moment()
    actor = text()
    reason = text(nullable=True)


class VersionsSchema(Schema):
    project, period = text(), text()
    versions = listed(VersionSchema)


class TotalSchema(FiguresSchema, OutlookSchema):
    name = text()
    projects = whole()


class SummaryRowSchema(FiguresSchema, ProjectOutlookSchema):
    code, name, category, unit, nature, status = text(), text(), text(), text(), text(), text()
    received_at = moment(nullable=True)
    progress = text(nullable=True)
    progress_pct = points(nullable=True)


class SummarySchema(Schema):
    period, label = text(), text()
    as_of = moment()
    district = fields.Nested(TotalSchema, required=True)
    categories, units = listed(TotalSchema), listed(TotalSchema)
    projects = listed(SummaryRowSchema)


class ChangeSchema(Schema):
    code, name, unit = text(), text(), text()
    field = text(enum=list(COMPARED), description="所比较的数据项")
    before = text(nullable=True, description="起始时刻的值（金额为万元字符串；null 为尚未登记）")
    after = text(nullable=True, description="结束时刻的值")
    actor = text(nullable=True, description="最后改动者；null 为无人操作")
    at = moment(nullable=True)
    reason = text(nullable=True)


class ComparisonSchema(Schema):
    period = text()
    from_ = fields.DateTime(required=True, data_key="from")
    to = moment()
    changes = listed(ChangeSchema)


class StatusRowSchema(Schema):
    code, name, unit, status = text(), text(), text(), text()
    received_at = moment(nullable=True)
    versions = whole()


class OverdueItemSchema(Schema):
    project, label, name, unit, category, detail = text(), text(), text(), text(), text(), text()
    kind = text(enum=list(OVERDUE_KINDS))
    light = text(nullable=True)
    since = text(description="日期或带时区的时刻")


class OverdueSchema(Schema):
    as_of = moment()
    items = listed(OverdueItemSchema)


class ScoreSchema(Schema):
    unit = text()
    on_time_score, progress_score = points(nullable=True), points(nullable=True)
    start_score, total = points(nullable=True), points(nullable=True)
    rank = whole()
    last = fields.Boolean(required=True)


class RankingSchema(Schema):
    month = text()
    as_of = moment()
    units = listed(ScoreSchema)


class StepSchema(Schema):
    actor, step, text = text(), text(), text(nullable=True)
    time = moment()


class OrderSchema(Schema):
    id = fields.UUID(required=True)
    project, unit, requirement, status = text(), text(), text(), text()
    due_on = day()
    steps = listed(StepSchema)


class AnsweredSchema(Schema):
    id = fields.UUID(required=True)
    status = text()


class MilestoneOutSchema(Schema):
    name = text()
    planned_on = day()
    met_on = day(nullable=True)
    met_period = text(nullable=True, description="报告达成的半月报期次；单独报告为 null")


class MilestonesOutSchema(Schema):
    """A project's 节点 in their planned order."""

    project = text()
    milestones = listed(MilestoneOutSchema)


class ReportJobSchema(Schema):
    """A file made in the background (a 月报表, or the OC4IDS package): 202 while it is made,
    then its file's address."""

    key = text(pattern="^[0-9a-f]{64}$", description="报表的数据指纹：相同数据与时刻即同一文件")
    status = text(enum=["queued", "running", "done", "failed"])
    state = text(description="状态的中文说明")
    stage = text(nullable=True, description="读取数据 | 排版 | 生成文件")
    percent = fields.Integer(required=True, validate=validate.Range(0, 100))
    projects = whole()
    error = text(nullable=True, description="生成失败的原因（失败时）")
    file = text(nullable=True, description="生成完成后的文件地址（/api/v1/reports/jobs/…/file）")
    size = fields.Integer(required=True, allow_none=True, metadata={"description": "字节数"})
