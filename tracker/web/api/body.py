"""Reading JSON bodies exactly (numbers as decimals) and writing the API's JSON shapes."""

from __future__ import annotations

import json
from typing import Any

from flask import request
from marshmallow import Schema

from tracker.application.jsonable import jsonable
from tracker.application.queries.register import ReportVersion
from tracker.application.queries.supervisions import Step, SupervisionRow
from tracker.domain.errors import InvalidValue
from tracker.web.shared.inputs import json_number


def body(schema: Schema) -> dict[str, Any]:
    """The JSON body loaded by ``schema``; numbers are read as exact decimals that keep
    their text. NaN and Infinity are not JSON; nesting too deep for the parser is refused."""
    try:
        data = json.loads(
            request.get_data(as_text=True) or "null",
            parse_float=json_number,
            parse_constant=not_json,
        )
    except RecursionError:
        raise InvalidValue("请求体嵌套过深", "body") from None
    except ValueError:
        raise InvalidValue("请求体不是有效的 JSON", "body") from None
    if not isinstance(data, dict):
        raise InvalidValue("请求体必须是 JSON 对象", "body")
    return schema.load(data)


def not_json(constant: str) -> Any:
    raise ValueError(f"{constant} is not JSON")


def versions_json(code: str, period: str, versions: list[ReportVersion]) -> dict[str, Any]:
    """A period's report with every version, oldest first."""
    shown = [
        {
            **version.values,
            "attachments": list(version.attachments),
            "received_at": version.received_at,
            "actor": version.actor,
            "reason": version.reason,
        }
        for version in versions
    ]
    return jsonable({"project": code, "period": period, "versions": shown})


def order_json(order: SupervisionRow, steps: list[Step]) -> dict[str, Any]:
    """A 督办 order with where it stands and every step after it was issued."""
    return jsonable(
        {
            "id": order.id,
            "project": order.code,
            "unit": order.unit,
            "requirement": order.requirement,
            "due_on": order.due_on,
            "status": order.status,
            "steps": [vars(step) for step in steps],
        }
    )
