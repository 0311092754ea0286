"""Every error is mapped here: HTML for pages, the DESIGN §5 JSON shape for the API.

validation → 422 with field messages; not found → 404; conflict, damaged record → 409;
domain rule → 400; forbidden → 403; not signed in → 401.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify, render_template, request
from flask_limiter.errors import RateLimitExceeded
from flask_wtf.csrf import CSRFError
from marshmallow import ValidationError
from werkzeug.exceptions import HTTPException

from tracker.domain.errors import (
    Conflict,
    DamagedRecord,
    InvalidValue,
    NotFound,
    PermissionDenied,
    RuleViolation,
    TrackerError,
)

MESSAGES = {
    400: "请求无效",
    401: "请先登录或提供有效的令牌",
    403: "没有权限执行此操作",
    404: "找不到该页面或数据",
    405: "不支持该请求方法",
    409: "数据冲突",
    429: "请求过于频繁，请稍后再试",
    413: "上传内容过大（每次请求最多 25MB）",
    422: "提交的数据有误",
    500: "服务器内部错误，请稍后重试",
}
STATUS = {
    InvalidValue: 422,
    NotFound: 404,
    Conflict: 409,
    RuleViolation: 400,
    PermissionDenied: 403,
    DamagedRecord: 409,  # the record's events are missing or altered: see tracker audit verify
}
CODES = {
    400: "rule_violation",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    429: "too_many_requests",
    413: "too_large",
    422: "invalid",
    500: "internal",
}


Errors = dict[str, list[str]]


def status_of(error: TrackerError) -> int:
    return next((code for kind, code in STATUS.items() if isinstance(error, kind)), 400)


def refused(error: TrackerError) -> tuple[Errors, int]:
    """A domain error as field messages and the status it is answered with."""
    return {error.field or "_schema": [error.message]}, status_of(error)


def wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def error_response(status: int, message: str, fields: dict[str, list[str]] | None = None) -> Any:
    if wants_json():
        body = {
            "error": {
                "code": CODES.get(status, "error"),
                "message": message,
                "fields": fields or {},
            }
        }
        return jsonify(body), status
    page = render_template("shared/error.html", status=status, message=message, fields=fields or {})
    return page, status


def init_app(app: Flask) -> None:
    @app.errorhandler(TrackerError)
    def tracker_error(error: TrackerError) -> Any:
        fields = {error.field: [error.message]} if error.field else {}
        return error_response(status_of(error), str(error), fields)

    @app.errorhandler(ValidationError)
    def validation_error(error: ValidationError) -> Any:
        return error_response(422, MESSAGES[422], flatten(error.messages))

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Any:
        return error_response(400, "页面已过期或来源不明（CSRF 校验失败），请刷新页面后重新提交")

    @app.errorhandler(RateLimitExceeded)
    def too_many(error: RateLimitExceeded) -> Any:
        message = error.description if error.limit.error_message else MESSAGES[429]
        return error_response(429, str(message))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        status = error.code or 500
        return error_response(status, MESSAGES.get(status, error.name))

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Any:
        if app.testing:
            raise error
        app.logger.exception("unexpected error")
        return error_response(500, MESSAGES[500])


def flatten(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages as ``{"resolved.0.resolution": ["…"]}``."""
    if isinstance(messages, list):
        return {prefix or "_schema": [str(m) for m in messages]}
    flat: dict[str, list[str]] = {}
    for key, value in messages.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        flat.update(flatten(value, name))
    return flat
