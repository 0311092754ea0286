"""Project events: the register row, each period's report as it stands, every version, problems."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.report import Standing, after_report
from tracker.projections import tables
from tracker.projections.bitemporal import add, change, holding
from tracker.projections.codec import (
    cents_list,
    day,
    day_text,
    json_text,
    report_columns,
    utc_text,
)
from tracker.projections.handlers import Handlers

P = tables.projects.c
handlers = Handlers()
#: project id → code; ids are made from codes (uuid5), so the map never changes
_codes: dict[str, str] = {}


def project_code(session: Session, event: Project.Event) -> str:
    """The code of the event's project."""
    ident = str(event.originator_id)
    code = _codes.get(ident)
    if code is None:
        code = str(session.execute(select(P.code).where(P.id == ident).limit(1)).scalar_one())
        _codes[ident] = code
    return code


def update_project(session: Session, event: Project.Event, **values: object) -> str:
    """A new version of the project's register row, holding from the event."""
    code = project_code(session, event)
    change(session, tables.projects, {"code": code}, utc_text(event.timestamp), **values)
    return code


@handlers.on(Project.Registered)
def registered(session: Session, event: Project.Registered) -> None:
    spec = event.spec
    add(
        session,
        tables.projects,
        utc_text(event.timestamp),
        code=spec["code"],
        id=str(event.originator_id),
        campaign_year=event.campaign_year,
        **{key: spec[key] for key in ("name", "category", "unit", "nature")},
        total_investment_cents=to_cents(spec["total_investment"]),
        annual_plan_cents=to_cents(spec["annual_plan"]),
        monthly_plan=cents_list(spec["monthly_plan"]),
        planned_start=day_text(spec["planned_start"]),
        planned_completion=day_text(spec["planned_completion"]),
        **{key: spec.get(key) or "" for key in ("scope", "manager", "reporter", "phone")},
        remark=spec.get("remark") or "",
        national_code=spec.get("national_code") or "",
        pilot=bool(spec.get("pilot")),
        spot_check=False,
        status="active",
        registered_at=utc_text(event.timestamp),
        registered_by=event.actor,
    )
    plan = spec.get("progress_plan")
    plans.progress_plan_set(session, spec["code"], utc_text(event.timestamp), plan)


@handlers.on(Project.PlanRevised)
def plan_revised(session: Session, event: Project.PlanRevised) -> None:
    annual, monthly = to_cents(event.annual_plan), cents_list(event.monthly_plan)
    code = update_project(session, event, annual_plan_cents=annual, monthly_plan=monthly)
    if event.progress_plan is not None:  # None: this revision kept the 形象进度计划
        plans.progress_plan_set(session, code, utc_text(event.timestamp), event.progress_plan)


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
    """The period's report as it now stands, the version itself, its files, the project's dates."""
    code, at = project_code(session, event), utc_text(event.timestamp)
    key = {"code": code, "idx": Period.parse(event.period).index}
    before = holding(session, tables.period_reports, key)
    correction = isinstance(event, Project.ReportCorrected)
    received = utc_text(event.received_at)
    values = {
        "investment_cents": to_cents(event.investment),
        "changed_at": received,
        "progress": event.progress,
        "progress_pct": str(event.progress_pct) if event.progress_pct is not None else None,
        "completed_on": day_text(event.completed_on),
    }
    if before is None:
        first = {"period": event.period, "received_at": received, "versions": 1}
        add(session, tables.period_reports, at, **key, **first, **values)
    else:
        change(session, tables.period_reports, key, at, versions=before["versions"] + 1, **values)
    number = 1 if before is None else before["versions"] + 1
    add_version(session, code, number, event, correction)
    index_attachments(session, code, event)
    claimed = day(before["completed_on"]) if before else None
    stand(session, code, claimed, event, correction)


def add_version(
    session: Session, code: str, number: int, event: Project.ReportSubmitted, correction: bool
) -> None:
    session.execute(
        tables.report_versions.insert().values(
            code=code,
            period=event.period,
            version=number,
            valid_from=utc_text(event.timestamp),
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
    row = holding(session, tables.projects, {"code": code})
    before = Standing(row["status"], day(row["started_on"]), day(row["completed_on"]))
    after = after_report(before, claimed, event.started_on, event.completed_on, correction)
    if after != before:
        update_project(
            session,
            event,
            status=after.status,
            started_on=day_text(after.started_on),
            completed_on=day_text(after.completed_on),
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
                    **{key: item[key] for key in ("name", "media_type", "kind", "size")},
                    added_at=utc_text(event.timestamp),
                    added_by=event.actor,
                )
            )


@handlers.on(Project.ProblemRaised)
def problem_raised(session: Session, event: Project.ProblemRaised) -> None:
    add(
        session,
        tables.problems,
        utc_text(event.timestamp),
        code=project_code(session, event),
        problem_id=event.problem_id,
        text=event.text,
        period=event.period,
        raised_at=utc_text(event.timestamp),
        raised_by=event.actor,
    )


@handlers.on(Project.ProblemResolved)
def problem_resolved(session: Session, event: Project.ProblemResolved) -> None:
    at = utc_text(event.timestamp)
    key = {"code": project_code(session, event), "problem_id": event.problem_id}
    resolved = {"resolved_at": at, "resolution": event.resolution, "resolved_by": event.actor}
    change(session, tables.problems, key, at, **resolved)


# The plans' handlers (形象进度计划, 节点) live in a module of their own, imported last since
# it takes ``project_code`` from here; their handlers are this module's too.
from tracker.projections.handlers import plans  # noqa: E402

handlers.update(plans.handlers)
