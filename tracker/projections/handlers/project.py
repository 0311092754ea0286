"""Project events: the register row, the 24 figure rows, report versions, problems, files."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.report import Standing, after_report
from tracker.domain.rules.ytd import ytd_plan
from tracker.projections import tables
from tracker.projections.codec import (
    cents_list,
    day,
    day_text,
    json_text,
    report_columns,
    utc_text,
)
from tracker.projections.handlers import Handlers

F, P, V = tables.figures.c, tables.projects.c, tables.report_versions.c
handlers = Handlers()
#: project id → code; ids are made from codes (uuid5), so the map never changes
_codes: dict[str, str] = {}


def project_code(session: Session, event: Project.Event) -> str:
    """The code of the event's project."""
    ident = str(event.originator_id)
    code = _codes.get(ident)
    if code is None:
        code = str(session.execute(select(P.code).where(P.id == ident)).scalar_one())
        _codes[ident] = code
    return code


def update_project(session: Session, event: Project.Event, **values: object) -> str:
    code = project_code(session, event)
    session.execute(update(tables.projects).where(P.code == code).values(**values))
    return code


@handlers.on(Project.Registered)
def registered(session: Session, event: Project.Registered) -> None:
    spec = event.spec
    session.execute(
        tables.projects.insert().values(
            code=spec["code"],
            id=str(event.originator_id),
            campaign_year=event.campaign_year,
            name=spec["name"],
            category=spec["category"],
            unit=spec["unit"],
            nature=spec["nature"],
            total_investment_cents=to_cents(spec["total_investment"]),
            annual_plan_cents=to_cents(spec["annual_plan"]),
            monthly_plan=cents_list(spec["monthly_plan"]),
            planned_start=day_text(spec["planned_start"]),
            planned_completion=day_text(spec["planned_completion"]),
            **{key: spec.get(key) or "" for key in ("scope", "manager", "reporter", "phone")},
            remark=spec.get("remark") or "",
            pilot=bool(spec.get("pilot")),
            spot_check=False,
            status="active",
            registered_at=utc_text(event.timestamp),
            registered_by=event.actor,
        )
    )
    session.execute(tables.figures.insert(), plan_rows(spec["code"], event.campaign_year, spec))


def plan_rows(code: str, year: int, plan: dict) -> list[dict[str, object]]:
    return [
        {
            "code": code,
            "idx": period.index,
            "period": str(period),
            "ytd_plan_cents": to_cents(ytd_plan(plan["monthly_plan"], period)),
            "ytd_actual_cents": 0,
            "versions": 0,
        }
        for period in Period.all_of(year)
    ]


@handlers.on(Project.PlanRevised)
def plan_revised(session: Session, event: Project.PlanRevised) -> None:
    code = update_project(
        session,
        event,
        annual_plan_cents=to_cents(event.annual_plan),
        monthly_plan=cents_list(event.monthly_plan),
    )
    year = session.execute(select(P.campaign_year).where(P.code == code)).scalar_one()
    for period in Period.all_of(year):
        session.execute(
            update(tables.figures)
            .where(F.code == code, F.idx == period.index)
            .values(ytd_plan_cents=to_cents(ytd_plan(event.monthly_plan, period)))
        )


@handlers.on(Project.ContactsAssigned)
def contacts_assigned(session: Session, event: Project.ContactsAssigned) -> None:
    update_project(
        session, event, manager=event.manager, reporter=event.reporter, phone=event.phone
    )


@handlers.on(Project.FlagsSet)
def flags_set(session: Session, event: Project.FlagsSet) -> None:
    update_project(session, event, pilot=event.pilot, spot_check=event.spot_check)


@handlers.on(Project.Started)
def started(session: Session, event: Project.Started) -> None:
    update_project(session, event, started_on=day_text(event.started_on))


@handlers.on(Project.Completed)
def completed(session: Session, event: Project.Completed) -> None:
    update_project(session, event, status="completed", completed_on=day_text(event.completed_on))


@handlers.on(Project.Withdrawn)
def withdrawn(session: Session, event: Project.Withdrawn) -> None:
    update_project(session, event, status="withdrawn", withdrawn_at=utc_text(event.timestamp))


@handlers.on(Project.ReportSubmitted, Project.ReportCorrected)
def report(session: Session, event: Project.ReportSubmitted) -> None:
    """Set the period's figures, move every later 本年累计 by the difference, keep the version."""
    code = project_code(session, event)
    index = Period.parse(event.period).index
    row = session.execute(
        select(F.period_investment_cents, F.versions, F.completed_on).where(
            F.code == code, F.idx == index
        )
    ).one()
    correction = isinstance(event, Project.ReportCorrected)
    new = to_cents(event.investment)
    delta = new - (row.period_investment_cents or 0)
    received = utc_text(event.received_at)
    values: dict[str, object] = {
        "period_investment_cents": new,
        "changed_at": received,
        "versions": row.versions + 1,
        "progress": event.progress,
        "progress_pct": str(event.progress_pct) if event.progress_pct is not None else None,
        "completed_on": day_text(event.completed_on),
    }
    if not correction:
        values["received_at"] = received
    session.execute(update(tables.figures).where(F.code == code, F.idx == index).values(values))
    if delta:
        session.execute(
            update(tables.figures)
            .where(F.code == code, F.idx >= index)
            .values(ytd_actual_cents=F.ytd_actual_cents + delta)
        )
    add_version(session, code, row.versions + 1, event, correction)
    index_attachments(session, code, event)
    stand(session, code, day(row.completed_on), event, correction)


def add_version(
    session: Session, code: str, number: int, event: Project.ReportSubmitted, correction: bool
) -> None:
    session.execute(
        tables.report_versions.insert().values(
            code=code,
            period=event.period,
            version=number,
            **report_columns(vars(event)),
            attachments=json_text(list(event.attachments)),
            received_at=utc_text(event.received_at),
            actor=event.actor,
            reason=event.reason if correction else None,  # type: ignore[attr-defined]
        )
    )


def stand(
    session: Session,
    code: str,
    claimed: date | None,
    event: Project.ReportSubmitted,
    correction: bool,
) -> None:
    """The project's status and dates after the report, by the domain's own rule."""
    row = session.execute(
        select(P.status, P.started_on, P.completed_on).where(P.code == code)
    ).one()
    before = Standing(row.status, day(row.started_on), day(row.completed_on))
    after = after_report(before, claimed, event.started_on, event.completed_on, correction)
    if after != before:
        session.execute(
            update(tables.projects)
            .where(P.code == code)
            .values(
                status=after.status,
                started_on=day_text(after.started_on),
                completed_on=day_text(after.completed_on),
            )
        )


def index_attachments(session: Session, code: str, event: Project.ReportSubmitted) -> None:
    a = tables.attachments.c
    for item in event.attachments:
        known = select(a.sha256).where(
            a.sha256 == item["sha256"], a.code == code, a.period == event.period
        )
        if session.execute(known).first() is None:
            session.execute(
                tables.attachments.insert().values(
                    sha256=item["sha256"],
                    code=code,
                    period=event.period,
                    name=item["name"],
                    media_type=item["media_type"],
                    kind=item["kind"],
                    size=item["size"],
                    added_at=utc_text(event.timestamp),
                    added_by=event.actor,
                )
            )


@handlers.on(Project.ProblemRaised)
def problem_raised(session: Session, event: Project.ProblemRaised) -> None:
    session.execute(
        tables.problems.insert().values(
            code=project_code(session, event),
            problem_id=event.problem_id,
            text=event.text,
            period=event.period,
            raised_at=utc_text(event.timestamp),
            raised_by=event.actor,
        )
    )


@handlers.on(Project.ProblemResolved)
def problem_resolved(session: Session, event: Project.ProblemResolved) -> None:
    q = tables.problems.c
    session.execute(
        update(tables.problems)
        .where(q.code == project_code(session, event), q.problem_id == event.problem_id)
        .values(
            resolved_at=utc_text(event.timestamp),
            resolution=event.resolution,
            resolved_by=event.actor,
        )
    )
