"""The OpenAPI document, generated from the marshmallow schemas by apispec."""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import jsonify

from tracker.web.shared.schemas import (
    AnswerSchema,
    CorrectionSchema,
    ErrorSchema,
    NoteSchema,
    PlanSchema,
    ProjectSchema,
    ReportSchema,
    ReturnSchema,
    SupervisionSchema,
)

# (path, method, summary, request schema or None, roles)
# fmt: off
ENDPOINTS: list[tuple[str, str, str, Any, str]] = [
    ("/projects", "get", "项目列表（?unit=&category=）", None, "all"),
    ("/projects", "post", "登记项目", ProjectSchema, "bureau"),
    ("/projects/{code}", "get", "项目详情与当期数据（?as_of=）", None, "all"),
    ("/projects/{code}/history", "get", "项目全部事件", None, "all"),
    ("/projects/{code}/plan", "post", "调整年度及月度计划", PlanSchema, "bureau"),
    ("/projects/{code}/reports/{period}", "put", "报送半月报（已报送则 409）", ReportSchema, "unit"),  # noqa: E501
    ("/projects/{code}/reports/{period}/corrections", "post", "更正已报送的半月报", CorrectionSchema, "unit"),  # noqa: E501
    ("/periods/{period}/summary", "get", "期次汇总（?as_of=）", None, "all"),
    ("/periods/{period}/status", "get", "期次报送状态（?as_of=）", None, "all"),
    ("/supervisions/{id}/answer", "post", "答复督办", AnswerSchema, "unit"),
    ("/projects/{code}/supervisions", "post", "下达督办", SupervisionSchema, "bureau"),
    ("/reports/{period}.pdf", "get", "月报表 PDF（?unit=&as_of=；单位用户得本单位）", None, "all"),
    ("/reports/{period}.xlsx", "get", "月报表 Excel（?unit=&as_of=）", None, "all"),
    ("/supervisions/{id}/close", "post", "办结督办", NoteSchema, "bureau"),
    ("/supervisions/{id}/return", "post", "退回督办答复", ReturnSchema, "bureau"),
    ("/overdue", "get", "逾期清单（?unit=&category=&kind=&as_of=；责任单位只见本单位）", None, "all"),  # noqa: E501
    ("/ranking/{month}", "get", "月度考核排名，month 形如 2026-10（?as_of=）", None, "all"),
]
# fmt: on


@cache
def openapi() -> dict[str, Any]:
    spec = APISpec(
        title="城建战役投资追踪 API",
        version="1",
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": (
                "金额为两位小数的字符串（万元）；期次形如 2026-05-H1；时间为带时区的 ISO 8601。"
            )
        },
        servers=[{"url": "/api/v1"}],
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Error", schema=ErrorSchema)
    for path, method, summary, request, who in ENDPOINTS:
        operation: dict[str, Any] = {
            "summary": summary,
            "description": f"角色：{who}",
            "security": [{"bearer": []}],
            "parameters": [
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
                for name in ("code", "period", "id", "month")
                if "{" + name + "}" in path
            ],
            "responses": {
                "200": {"description": "成功"},
                **{
                    str(code): {
                        "description": text,
                        "content": {"application/json": {"schema": "Error"}},
                    }
                    for code, text in (
                        (401, "未认证"),
                        (403, "无权限"),
                        (404, "不存在"),
                        (409, "冲突"),
                        (422, "数据有误"),
                    )
                },
            },
        }
        if request is not None:
            operation["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": request}},
            }
        spec.path(path=path, operations={method: operation})
    return spec.to_dict()


def spec() -> Any:
    """GET /api/v1/openapi.json (no token needed)."""
    return jsonify(openapi())
