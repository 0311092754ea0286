"""The JSON shapes shared by the CLI's --json and the HTTP API (DESIGN §5).

Money travels as strings with two decimals, dates as ISO, times ISO with offset.
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.application.queries.compare import Comparison
from tracker.application.queries.plans import MilestoneRow
from tracker.application.queries.register import ProjectInfo
from tracker.application.queries.summaries import Summary, TotalRow
from tracker.domain.money import format_money
from tracker.domain.rules.forecast import Outlook
from tracker.domain.rules.ytd import Figures

#: what the API and ``tracker projects --json`` tell of a project (DESIGN §5)
PROJECT_FIELDS = (
    "code", "name", "category", "unit", "nature", "scope", "manager", "reporter", "phone",
    "total_investment", "annual_plan", "monthly_plan", "planned_start", "planned_completion",
    "pilot", "spot_check", "status", "started_on", "completed_on", "campaign_year",
    "national_code",
)  # fmt: skip


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


def project_json(project: ProjectInfo) -> dict[str, Any]:
    """A project as ``GET /api/v1/projects/{code}`` returns it (figures come later)."""
    shown = {field: getattr(project, field) for field in PROJECT_FIELDS}
    return jsonable({**shown, "monthly_plan": list(project.monthly_plan)})


def figures_json(figures: Figures, light: str) -> dict[str, Any]:
    """The figure fields of DESIGN §5; rates and lag in percent, as strings."""
    return jsonable(
        {
            "annual_plan": figures.annual_plan,
            "ytd_plan": figures.ytd_plan,
            "ytd_actual": figures.ytd_actual,
            "period_investment": figures.period_investment,
            "completion_rate": figures.completion_rate,
            "schedule_ratio": figures.schedule_ratio,
            "lag": figures.lag,
            "light": light,
        }
    )


def outlook_json(outlook: Outlook | None, project: bool = False) -> dict[str, Any]:
    """The forecast's fields (DESIGN §5): spi with four decimals, money and points with two."""
    outlook = outlook or NO_OUTLOOK
    shown = {
        "spi": None if outlook.spi is None else str(outlook.spi),
        "forecast": jsonable(outlook.forecast),
        "required_per_period": jsonable(outlook.required_per_period),
    }
    if project:
        shown["planned_pct"] = jsonable(outlook.planned_pct)
        shown["physical_lag"] = jsonable(outlook.physical_lag)
    return shown


def summary_json(summary: Summary) -> dict[str, Any]:
    """``GET /api/v1/periods/{period}/summary``."""
    found = summary.outlook

    def total(row: TotalRow, outlook: Outlook | None) -> dict[str, Any]:
        shown = {"name": row.name, "projects": row.projects}
        return {**shown, **figures_json(row.figures, row.light), **outlook_json(outlook)}

    def grouped(rows: list[TotalRow], key: str) -> list[dict[str, Any]]:
        outlooks: dict[str, Outlook] = getattr(found, key) if found else {}
        return [total(row, outlooks.get(row.name)) for row in rows]

    return {
        "period": str(summary.period),
        "label": summary.period.label,
        "as_of": summary.as_of.isoformat(),
        "district": total(summary.district, found.district if found else None),
        "categories": grouped(summary.categories, "categories"),
        "units": grouped(summary.units, "units"),
        "projects": [
            {
                "code": row.code,
                "name": row.name,
                "category": row.category,
                "unit": row.unit,
                "nature": row.nature,
                **figures_json(row.figures, row.light),
                "status": row.status,
                "received_at": jsonable(row.received_at),
                "progress": row.progress,
                "progress_pct": jsonable(row.progress_pct),
                **outlook_json(found.projects.get(row.code) if found else None, project=True),
            }
            for row in summary.projects
        ],
    }


def milestones_json(code: str, rows: list[MilestoneRow]) -> dict[str, Any]:
    """``GET|POST /api/v1/projects/{code}/milestones``: the nodes in order, met or not."""
    fields = ("name", "planned_on", "met_on", "met_period")
    shown = [jsonable({key: getattr(row, key) for key in fields}) for row in rows]
    return {"project": code, "milestones": shown}


#: what a row without a forecast read shows (never on a summary made by the queries)
NO_OUTLOOK = Outlook(spi=None, forecast=Decimal("0.00"), required_per_period=None)


#: a change as ``/periods/{period}/compare`` and ``tracker compare --json`` write it
CHANGE_FIELDS = ("code", "name", "unit", "field", "before", "after", "actor", "at", "reason")


def comparison_json(found: Comparison, unit: str | None = None) -> dict[str, Any]:
    """基线对比 as JSON: money as strings; only ``unit``'s projects when one is given."""
    changes = [c for c in found.changes if unit is None or c.unit == unit]
    return {
        "period": str(found.period),
        "from": jsonable(found.start),
        "to": jsonable(found.end),
        "changes": [{key: jsonable(getattr(c, key)) for key in CHANGE_FIELDS} for c in changes],
    }
