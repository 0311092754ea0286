"""The OpenAPI document, generated from the marshmallow schemas by apispec.

Request bodies come from ``tracker.web.shared.schemas`` (the schemas that load
them), answers from ``shapes``; every operation lists the statuses it can give.
``tests/web/api/test_openapi_fuzz.py`` holds the API to this document.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify
from marshmallow import Schema, fields

from tracker.domain.catalog import CATEGORIES, OVERDUE_KINDS
from tracker.web.api import shapes
from tracker.web.shared.inputs import Money, Percent
from tracker.web.shared.plan_schemas import MilestonesSchema
from tracker.web.shared.schemas import (
    AnswerSchema,
    CorrectionSchema,
    NoteSchema,
    PlanSchema,
    ProjectSchema,
    ReportSchema,
    ReturnSchema,
    SupervisionSchema,
)

#: money as a client should send it: 万元, below 1e12, at most two decimals (the canonical
#: subset of tracker.domain.money's grammar, which also takes commas grouping thousands)
MONEY = r"^[0-9]{1,12}(\.[0-9]{1,2})?$"
#: a percentage (tracker.domain.numbers.parse_percent): 0 to 100, one decimal at most
PERCENT = r"^(100(\.0)?|[0-9]{1,2}(\.[0-9])?)$"
PDF, XLSX = "application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONEY_TEXT = '金额为字符串（万元，最多两位小数，如 "1234.50"）'

PATH_PARAMETERS: dict[str, dict[str, Any]] = {
    "code": {"type": "string", "pattern": r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,39}$",
             "example": "CJ2026-004"},
    "period": {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])-H[12]$",
               "example": "2026-05-H1"},
    "month": {"type": "string", "pattern": r"^[0-9]{4}-(0[1-9]|1[0-2])$", "example": "2026-05"},
    "id": {"type": "string", "format": "uuid"},
    "key": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
}  # fmt: skip
QUERY_PARAMETERS: dict[str, tuple[str, dict[str, Any]]] = {
    "as_of": (
        "历史视图的时刻（ISO 8601；不带时区按部署时区），不能晚于现在",
        {"type": "string", "format": "date-time", "example": "2026-05-01T00:00:00+08:00"},
    ),
    "from": (
        "基线对比的起始时刻（ISO 8601），必填；常用上次签发的数据截至时刻",
        {"type": "string", "format": "date-time", "example": "2026-11-16T10:00:00+08:00"},
    ),
    "to": (
        "基线对比的结束时刻（ISO 8601），缺省为现在",
        {"type": "string", "format": "date-time", "example": "2026-11-17T10:00:00+08:00"},
    ),
    "unit": ("责任单位名称（单位用户总是只得本单位）", {"type": "string"}),
    "category": (f"十大类别之一：{'、'.join(CATEGORIES)}", {"type": "string"}),
    "kind": ("逾期类型", {"type": "string", "enum": list(OVERDUE_KINDS)}),
}
ERRORS = {
    400: "违反业务规则",
    401: "未认证（缺少或无效的令牌）",
    403: "无权限",
    404: "不存在（项目、督办或该年度战役），或不属于本单位",
    409: "冲突（已报送，或他人同时修改）",
    413: "请求体过大",
    422: "数据有误（fields 指明字段）",
    429: "请求过于频繁",
}


class Operation(NamedTuple):
    path: str
    method: str
    summary: str
    body: type[Schema] | None
    who: str
    status: int
    answer: Schema | str | tuple[str, ...]  # a schema, or a file's media types
    query: tuple[str, ...] = ()
    #: may answer 202 with the state of the background job making it (a big file)
    accepted: bool = False


ALL, TIME = "bureau, viewer, unit", ("as_of",)
BIG = (
    "{}（单位用户得本单位）；项目多的报表在后台生成：稍候未成则 202，"
    "Location 为任务地址，完成后从其 file 下载"
)
# fmt: off
ENDPOINTS: list[Operation] = [
    Operation("/projects", "get", "项目列表", None, ALL, 200,
              shapes.ProjectOutSchema(many=True), ("unit", "category", "as_of")),
    Operation("/projects", "post", "登记项目", ProjectSchema, "bureau", 201,
              shapes.ProjectOutSchema()),
    Operation("/projects/{code}", "get", "项目详情与当期数据", None, ALL, 200,
              shapes.ProjectDetailSchema(), TIME),
    Operation("/projects/{code}/history", "get", "项目全部事件（as_of：截至该时刻的事件）", None,
              ALL, 200, shapes.EventSchema(many=True), TIME),
    Operation("/projects/{code}/plan", "post", "调整年度及月度计划", PlanSchema, "bureau", 200,
              shapes.ProjectOutSchema()),
    Operation("/projects/{code}/milestones", "get", "项目节点及达成情况（as_of：当时的节点）", None,
              ALL, 200, shapes.MilestonesOutSchema(), TIME),
    Operation("/projects/{code}/milestones", "post", "调整项目节点计划（按顺序，须说明原因）",
              MilestonesSchema, "bureau", 200, shapes.MilestonesOutSchema()),
    Operation("/projects/{code}/reports/{period}", "put", "报送半月报（已报送则 409）",
              ReportSchema, "unit", 201, shapes.VersionsSchema()),
    Operation("/projects/{code}/reports/{period}/corrections", "post", "更正已报送的半月报",
              CorrectionSchema, "unit", 201, shapes.VersionsSchema()),
    Operation("/periods/{period}/summary", "get", "期次汇总（单位用户只见本单位）", None, ALL, 200,
              shapes.SummarySchema(), TIME),
    Operation("/periods/{period}/status", "get", "期次报送状态", None, ALL, 200,
              shapes.StatusRowSchema(many=True), TIME),
    Operation("/periods/{period}/compare", "get", "基线对比：两个时刻之间该期数据的变化",
              None, ALL, 200, shapes.ComparisonSchema(), ("from", "to")),
    Operation("/supervisions/{id}/answer", "post", "答复督办", AnswerSchema, "unit", 200,
              shapes.AnsweredSchema()),
    Operation("/projects/{code}/supervisions", "post", "下达督办", SupervisionSchema, "bureau", 201,
              shapes.OrderSchema()),
    Operation("/reports/{period}.pdf", "get", BIG.format("月报表 PDF"), None, ALL, 200,
              PDF, ("unit", "as_of"), accepted=True),
    Operation("/reports/{period}.xlsx", "get", BIG.format("月报表 Excel"), None, ALL, 200,
              XLSX, ("unit", "as_of"), accepted=True),
    Operation("/reports/jobs/{key}", "get", "后台生成的报表或数据包：进度，完成后 file 为文件地址",
              None, ALL, 200, shapes.ReportJobSchema()),
    Operation("/reports/jobs/{key}/file", "get", "后台生成完成的文件（未完成为 404）",
              None, ALL, 200, (PDF, XLSX, "application/json")),
    Operation("/supervisions/{id}/close", "post", "办结督办", NoteSchema, "bureau", 200,
              shapes.OrderSchema()),
    Operation("/supervisions/{id}/return", "post", "退回督办答复", ReturnSchema, "bureau", 200,
              shapes.OrderSchema()),
    Operation("/overdue", "get", "逾期清单（责任单位只见本单位）", None, ALL, 200,
              shapes.OverdueSchema(), ("unit", "category", "kind", "as_of")),
    Operation("/ranking/{month}", "get", "月度考核排名，month 形如 2026-10", None, ALL, 200,
              shapes.RankingSchema(), TIME),
    Operation("/oc4ids.json", "get",
              "OC4IDS 0.9 项目数据包（开放数据，全部项目）；项目多时在后台生成：稍候未成则 202，"
              "Location 为任务地址", None, "bureau, viewer", 200,
              shapes.OC4IDSSchema(), TIME, accepted=True),
]
# fmt: on


def typed(self: Any, field: fields.Field, **kwargs: Any) -> dict[str, Any]:
    """apispec attribute function: money and percentages travel as patterned strings."""
    if isinstance(field, Money):
        return {"type": "string", "pattern": MONEY, "example": "1234.50"}
    if isinstance(field, Percent):
        return {"type": "string", "pattern": PERCENT, "example": "35"}
    return {}


def error_statuses(operation: Operation) -> list[int]:
    """The 4xx an operation can answer, from what it reads and who may call it."""
    path, writes = operation.path, operation.body is not None
    statuses = {401, 404, 429}  # 404: the project, the order or the campaign of that year
    if writes or "{period}" in path or "{month}" in path or operation.query:
        statuses.add(422)
    if writes:
        statuses |= {400, 409, 413}
    if operation.who != ALL:
        statuses.add(403)
    return sorted(statuses)


def parameters(operation: Operation) -> list[dict[str, Any]]:
    path = [
        {"name": name, "in": "path", "required": True, "schema": schema}
        for name, schema in PATH_PARAMETERS.items()
        if "{" + name + "}" in operation.path
    ]
    query = [
        {"name": name, "in": "query", "required": False, "description": text, "schema": schema}
        for name, (text, schema) in QUERY_PARAMETERS.items()
        if name in operation.query
    ]
    return path + query


def success(operation: Operation) -> dict[str, Any]:
    if isinstance(operation.answer, str | tuple):  # a file, of one of these media types
        binary = {"schema": {"type": "string", "format": "binary"}}
        kinds = (operation.answer,) if isinstance(operation.answer, str) else operation.answer
        return {"description": "文件（附件下载）", "content": dict.fromkeys(kinds, binary)}
    text = "已创建" if operation.status == 201 else "成功"
    return {"description": text, "content": {"application/json": {"schema": operation.answer}}}


#: a big file being made: the job's state, and where to ask again
ACCEPTED = {
    "description": "后台生成中（Location：任务地址）",
    "headers": {"Location": {"schema": {"type": "string"}}},
    "content": {"application/json": {"schema": "ReportJob"}},
}


def described(operation: Operation) -> dict[str, Any]:
    error = {"application/json": {"schema": "Error"}}
    described: dict[str, Any] = {
        "summary": operation.summary,
        "description": f"角色：{operation.who}",
        "security": [{"bearer": []}],
        "parameters": parameters(operation),
        "responses": {
            str(operation.status): success(operation),
            **({"202": ACCEPTED} if operation.accepted else {}),
            **{
                str(code): {"description": ERRORS[code], "content": error}
                for code in error_statuses(operation)
            },
        },
    }
    if operation.body is not None:
        described["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": operation.body}},
        }
    return described


@cache
def openapi() -> dict[str, Any]:
    plugin = MarshmallowPlugin()
    spec = APISpec(
        title="城建战役投资追踪 API",
        version="1",
        openapi_version="3.0.3",
        plugins=[plugin],
        info={"description": f"{MONEY_TEXT}；期次形如 2026-05-H1；时间为带时区的 ISO 8601。"},
        servers=[{"url": "/api/v1"}],
    )
    assert plugin.converter is not None
    plugin.converter.add_attribute_function(typed)
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=shapes.ErrorBodySchema)
    spec.components.schema("ReportJob", schema=shapes.ReportJobSchema)
    for operation in ENDPOINTS:
        spec.path(path=operation.path, operations={operation.method: described(operation)})
    return spec.to_dict()


def spec() -> Any:
    """GET /api/v1/openapi.json (no token needed)."""
    return jsonify(openapi())
