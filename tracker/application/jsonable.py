"""The JSON shapes shared by the CLI's --json and the HTTP API (DESIGN §5).

Money travels as strings with two decimals, dates as ISO, times ISO with offset.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.money import format_money
from tracker.domain.project import Project


def jsonable(value: Any) -> Any:
    """Turn rows, dataclasses, Decimals and dates into plain JSON values."""
    if isinstance(value, Decimal):
        return format_money(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def project_json(project: Project) -> dict[str, Any]:
    """A project as ``GET /api/v1/projects/{code}`` returns it (figures come later)."""
    return jsonable(
        {
            "code": project.code,
            "name": project.name,
            "category": project.category,
            "unit": project.unit,
            "nature": project.nature,
            "scope": project.scope,
            "manager": project.manager,
            "reporter": project.reporter,
            "phone": project.phone,
            "total_investment": project.total_investment,
            "annual_plan": project.annual_plan,
            "monthly_plan": project.monthly_plan,
            "planned_start": project.planned_start,
            "planned_completion": project.planned_completion,
            "pilot": project.pilot,
            "spot_check": project.spot_check,
            "status": project.status,
            "started_on": project.started_on,
            "completed_on": project.completed_on,
            "campaign_year": project.campaign_year,
        }
    )
