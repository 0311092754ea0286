"""Per-project rows at one period: figures, light and submission status."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from tracker.domain.money import from_cents
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.lights import Thresholds, judged_figures, project_light
from tracker.domain.rules.ranking import Weights
from tracker.domain.rules.reminders import ReminderRules
from tracker.domain.rules.status import project_status
from tracker.domain.rules.ytd import Figures, ytd_plan_cents
from tracker.projections import tables
from tracker.projections.codec import day, moment

if TYPE_CHECKING:
    from tracker.application.queries.reader import View

P, C, R = tables.projects.c, tables.campaigns.c, tables.period_reports.c
#: what a project row takes of its period's report (its own columns take the others)
REPORTED = (
    R.idx,
    R.investment_cents,
    R.received_at,
    R.changed_at,
    R.versions,
    R.progress,
    R.progress_pct,
)


@dataclass(frozen=True)
class CampaignRow:
    year: int
    district: str
    target: Decimal
    schedule: Schedule
    thresholds: Thresholds = Thresholds()
    weights: Weights = Weights()
    reminders: ReminderRules = ReminderRules()
    level: str = "district"  # city: rolls up the districts' data packages


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
    plan_cents: tuple[int, ...]  # the twelve monthly amounts in 分

    @property
    def monthly_plan(self) -> tuple[Decimal, ...]:
        return tuple(from_cents(cents) for cents in self.plan_cents)


def campaign_row(view: View, year: int) -> CampaignRow | None:
    query = select(tables.campaigns).where(C.year == year, view.holds(tables.campaigns))
    row = view.connection.execute(query).mappings().first()
    if row is None:
        return None
    schedule = Schedule((row["due_day_1"], row["due_day_2"]), row["timezone"])
    settings = json.loads(row["settings"]) if row["settings"] else {}
    thresholds = Thresholds(**_decimals(settings.get("thresholds", {})))
    weights = Weights(**_decimals(settings.get("weights", {})))
    target = from_cents(row["target_cents"])
    reminders = json.loads(row["reminders"]) if row["reminders"] else {}
    rules = ReminderRules(tuple(reminders.get("days_before", (3, 1))), reminders.get("hour", 9))
    level = row["level"] or "district"
    return CampaignRow(year, row["district"], target, schedule, thresholds, weights, rules, level)


def _decimals(values: dict[str, object]) -> dict[str, object]:
    """Settings stored as text: months and days stay whole numbers, the rest exact decimals."""
    whole = ("months", "days")
    return {k: int(str(v)) if k.endswith(whole) else Decimal(str(v)) for k, v in values.items()}


def project_rows(
    view: View,
    period: Period,
    schedule: Schedule,
    now: datetime,
    thresholds: Thresholds,
    include_withdrawn: bool = False,
    unit: str | None = None,
) -> list[ProjectRow]:
    """Every project of the period's campaign (or of one ``unit``) with its figures at ``period``.

    Three plain reads (projects, the period's reports, the sums up to it),
    joined by code here: each is one pass over its rows, however many projects.
    """
    reports = tables.period_reports
    sums = select(R.code, func.sum(R.investment_cents)).where(R.idx <= period.index)
    here = select(R.code, *REPORTED).where(R.idx == period.index, view.holds(reports))
    query = select(tables.projects).where(
        P.campaign_year == period.year, view.holds(tables.projects)
    )
    if unit is not None:  # one unit's: its reports only, not every project's
        query = query.where(P.unit == unit)
        codes = select(P.code).where(P.unit == unit, view.holds(tables.projects))
        sums, here = sums.where(R.code.in_(codes)), here.where(R.code.in_(codes))
    sums = sums.where(view.holds(reports)).group_by(R.code)
    ytd = dict(view.connection.execute(sums).all())
    reported = {row["code"]: row for row in view.connection.execute(here).mappings()}
    if not include_withdrawn:
        query = query.where(P.status != "withdrawn")
    rows = []
    for project in view.connection.execute(query.order_by(P.code)).mappings():
        report = reported.get(project["code"], {})
        row = {**project, **{c.name: report.get(c.name) for c in REPORTED}}
        rows.append({**row, "ytd_actual_cents": ytd.get(project["code"], 0)})
    return [_project_row(row, period, schedule, now, thresholds) for row in rows]


def project_period_rows(
    view: View, code: str, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> list[ProjectRow]:
    """One project at each of the 24 periods of its campaign year."""
    project = (
        view.connection.execute(
            select(tables.projects).where(P.code == code, view.holds(tables.projects))
        )
        .mappings()
        .first()
    )
    if project is None:
        return []
    query = select(*REPORTED).where(R.code == code, view.holds(tables.period_reports))
    reported = {row["idx"]: row for row in view.connection.execute(query).mappings()}
    rows, ytd = [], 0
    for period in Period.all_of(project["campaign_year"]):
        report = reported.get(period.index, {})
        ytd += report.get("investment_cents") or 0
        row = {**project, **{c.name: report.get(c.name) for c in REPORTED}, "ytd_actual_cents": ytd}
        rows.append(_project_row(row, period, schedule, now, thresholds))
    return rows


def _project_row(
    row: Any, period: Period, schedule: Schedule, now: datetime, thresholds: Thresholds
) -> ProjectRow:
    plan_cents = tuple(int(cents) for cents in row["monthly_plan"].split(","))
    figures = Figures(
        annual_plan=from_cents(row["annual_plan_cents"]),
        ytd_plan=from_cents(ytd_plan_cents(plan_cents, period)),
        ytd_actual=from_cents(row["ytd_actual_cents"] or 0),
        period_investment=from_cents(row["investment_cents"] or 0),
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
    # an open period awaiting its report is judged against the previous deadline's plan
    before = ytd_plan_cents(plan_cents, period.previous()) if period.index > 1 else 0
    light = project_light(
        judged_figures(figures, status, from_cents(before)),
        row["nature"],
        planned_start,
        started_on,
        period.due_date(schedule),
        thresholds,
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
        versions=row["versions"] or 0,
        progress=row["progress"],
        progress_pct=Decimal(row["progress_pct"]) if row["progress_pct"] else None,
        planned_start=planned_start,
        started_on=started_on,
        plan_cents=plan_cents,
    )
