"""Per-project rows at one period: figures, light and submission status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, select

from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.lights import Thresholds, project_light
from tracker.domain.rules.ranking import Weights
from tracker.domain.rules.status import project_status
from tracker.domain.rules.ytd import Figures
from tracker.projections import tables
from tracker.projections.codec import amounts, day, moment

F, P, C = tables.figures.c, tables.projects.c, tables.campaigns.c


@dataclass(frozen=True)
class CampaignRow:
    year: int
    district: str
    target: Decimal
    schedule: Schedule
    thresholds: Thresholds = Thresholds()
    weights: Weights = Weights()


@dataclass(frozen=True)
class ProjectRow:
    """One project at one period, as the summary, status board and 月报表 show it."""

    code: str
    name: str
    category: str
    unit: str
    nature: str
    project_status: str  # active | completed | withdrawn
    figures: Figures
    light: str
    status: str  # on_time | late | missing | pending | not_due | backfilled
    received_at: datetime | None
    changed_at: datetime | None
    versions: int
    progress: str | None
    progress_pct: Decimal | None
    planned_start: date
    started_on: date | None
    monthly_plan: tuple[Decimal, ...]


def campaign_row(connection: Connection, year: int) -> CampaignRow | None:
    row = connection.execute(select(tables.campaigns).where(C.year == year)).mappings().first()
    if row is None:
        return None
    schedule = Schedule((row["due_day_1"], row["due_day_2"]), row["timezone"])
    settings = json.loads(row["settings"]) if row["settings"] else {}
    thresholds = Thresholds(**_decimals(settings.get("thresholds", {})))
    weights = Weights(**_decimals(settings.get("weights", {})))
    target = from_cents(row["target_cents"])
    return CampaignRow(year, row["district"], target, schedule, thresholds, weights)


def _decimals(values: dict[str, object]) -> dict[str, object]:
    """Settings stored as text: months stay whole numbers, the rest exact decimals."""
    return {k: int(str(v)) if k.endswith("months") else Decimal(str(v)) for k, v in values.items()}


def project_rows(
    connection: Connection,
    period: Period,
    schedule: Schedule,
    now: datetime,
    thresholds: Thresholds,
    include_withdrawn: bool = False,
) -> list[ProjectRow]:
    """Every project of the period's campaign with its figures at ``period``."""
    query = (
        select(tables.projects, tables.figures)
        .join(tables.figures, F.code == P.code)
        .where(P.campaign_year == period.year, F.idx == period.index)
        .order_by(P.code)
    )
    if not include_withdrawn:
        query = query.where(P.status != "withdrawn")
    rows = connection.execute(query).mappings().all()
    return [_project_row(row, period, schedule, now, thresholds) for row in rows]


def project_period_rows(
    connection: Connection, code: str, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> list[ProjectRow]:
    """One project at each of the 24 periods of its campaign year."""
    query = (
        select(tables.projects, tables.figures)
        .join(tables.figures, F.code == P.code)
        .where(P.code == code)
        .order_by(F.idx)
    )
    rows = connection.execute(query).mappings().all()
    return [
        _project_row(
            row, Period.from_index(row["campaign_year"], row["idx"]), schedule, now, thresholds
        )
        for row in rows
    ]


def _project_row(
    row: Any, period: Period, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> ProjectRow:
    figures = Figures(
        annual_plan=from_cents(row["annual_plan_cents"]),
        ytd_plan=from_cents(row["ytd_plan_cents"]),
        ytd_actual=from_cents(row["ytd_actual_cents"]),
        period_investment=from_cents(row["period_investment_cents"] or 0),
    )
    planned_start = date.fromisoformat(row["planned_start"])
    started_on = day(row["started_on"])
    received = moment(row["received_at"])
    status = project_status(
        period,
        schedule,
        moment(row["registered_at"]),  # type: ignore[arg-type]
        received,
        now,
        day(row["completed_on"]),
        moment(row["withdrawn_at"]),
    )
    light = project_light(
        figures, row["nature"], planned_start, started_on, period.due_date(schedule), thresholds
    )
    return ProjectRow(
        code=row["code"],
        name=row["name"],
        category=row["category"],
        unit=row["unit"],
        nature=row["nature"],
        project_status=row["status"],
        figures=figures,
        light=light,
        status=status,
        received_at=received,
        changed_at=moment(row["changed_at"]),
        versions=row["versions"],
        progress=row["progress"],
        progress_pct=Decimal(row["progress_pct"]) if row["progress_pct"] else None,
        planned_start=planned_start,
        started_on=started_on,
        monthly_plan=amounts(row["monthly_plan"]),
    )
