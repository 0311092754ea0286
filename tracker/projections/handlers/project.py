"""Project events: the register row, each period's report as it stands, every version, problems."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import Any

from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.report import Standing, after_report
from tracker.projections import tables
from tracker.projections.codec import (
    cents_list,
    day,
    day_text,
    id_text,
    json_text,
    report_columns,
    utc_text,
)
from tracker.projections.handlers import Handlers, tallies
from tracker.projections.rows import Row, Rows

handlers = Handlers()
#: project id → code; ids are made from codes (uuid5), so the map never changes
_codes: dict[str, str] = {}


def project_code(rows: Rows, event: Project.Event) -> str:
    """The code of the event's project."""
    code = known_code(rows, id_text(event.originator_id))
    if code is None:
        raise LookupError(f"no project has the id {event.originator_id}")
    return code


def known_code(rows: Rows, ident: str) -> str | None:
    """The code of the project of that id, or None if there is none."""
    code = _codes.get(ident)
    if code is None:
        found = rows.holding_where(tables.projects, id=ident)
        if not found:
            return None
        code = _codes[ident] = str(found[0]["code"])
    return code


def update_project(rows: Rows, event: Project.Event, **values: object) -> str:
    """A new version of the project's register row, holding from the event."""
    code, at = project_code(rows, event), utc_text(event.timestamp)
    before = rows.holding(tables.projects, {"code": code})
    rows.change(tables.projects, {"code": code}, at, **values)
    if any(name in values for name in tallies.SHARED):
        after = rows.holding(tables.projects, {"code": code})
        tallies.project_changed(rows, before, after)  # type: ignore[arg-type]
    return code


@handlers.on(Project.Registered)
def registered(rows: Rows, event: Project.Registered) -> None:
    spec = event.spec
    _codes[id_text(event.originator_id)] = spec["code"]  # ids are made from codes: never changes
    rows.add(
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
    made = rows.holding(tables.projects, {"code": spec["code"]})
    tallies.project_changed(rows, None, made)  # type: ignore[arg-type]
    plan = spec.get("progress_plan")
    plans.progress_plan_set(rows, spec["code"], utc_text(event.timestamp), plan)


@handlers.on(Project.PlanRevised)
def plan_revised(rows: Rows, event: Project.PlanRevised) -> None:
    annual, monthly = to_cents(event.annual_plan), cents_list(event.monthly_plan)
    code = update_project(rows, event, annual_plan_cents=annual, monthly_plan=monthly)
    if event.progress_plan is not None:  # None: this revision kept the 形象进度计划
        plans.progress_plan_set(rows, code, utc_text(event.timestamp), event.progress_plan)


@handlers.on(Project.ContactsAssigned)
def contacts_assigned(rows: Rows, event: Project.ContactsAssigned) -> None:
    update_project(rows, event, manager=event.manager, reporter=event.reporter, phone=event.phone)


@handlers.on(Project.FlagsSet)
def flags_set(rows: Rows, event: Project.FlagsSet) -> None:
    update_project(rows, event, pilot=event.pilot, spot_check=event.spot_check)


@handlers.on(Project.Started)
def started(rows: Rows, event: Project.Started) -> None:
    update_project(rows, event, started_on=day_text(event.started_on))


@handlers.on(Project.Completed)
def completed(rows: Rows, event: Project.Completed) -> None:
    update_project(rows, event, status="completed", completed_on=day_text(event.completed_on))


@handlers.on(Project.Withdrawn)
def withdrawn(rows: Rows, event: Project.Withdrawn) -> None:
    code, at = project_code(rows, event), utc_text(event.timestamp)
    project = rows.holding(tables.projects, {"code": code})
    for reported in rows.holding_where(tables.period_reports, code=code):  # out of the sums
        add_to_sums(rows, project, reported["idx"], at, -reported["investment_cents"])
    update_project(rows, event, status="withdrawn", withdrawn_at=at)


def add_to_sums(rows: Rows, project: Row | None, idx: int, at: str, cents: int) -> None:
    """Add ``cents`` to the category's 本期完成 at period ``idx`` (``category_sums``)."""
    if not cents or project is None or project["status"] == "withdrawn":
        return
    key = {"year": project["campaign_year"], "category": project["category"], "idx": idx}
    held = rows.holding(tables.category_sums, key)
    if held is None:
        rows.add(tables.category_sums, at, **key, investment_cents=cents)
    else:
        total = held["investment_cents"] + cents
        rows.change(tables.category_sums, key, at, investment_cents=total)


@handlers.on(Project.ReportSubmitted, Project.ReportCorrected)
def report(rows: Rows, event: Project.ReportSubmitted) -> None:
    """The period's report as it now stands, the version itself, its files, the project's dates."""
    code, at = project_code(rows, event), utc_text(event.timestamp)
    key = {"code": code, "idx": period_index(event.period)}
    before = rows.holding(tables.period_reports, key)
    correction = isinstance(event, Project.ReportCorrected)
    number = 1 if before is None else before["versions"] + 1
    version = add_version(rows, code, number, event, at, correction)
    # the period's report as it stands: the latest version's figures, as that version wrote them
    values = {name: version[name] for name in STANDING}
    values["changed_at"] = received = version["received_at"]
    if before is None:
        first = {"period": event.period, "received_at": received, "versions": 1}
        rows.add(tables.period_reports, at, **key, **first, **values)
    else:
        rows.change(tables.period_reports, key, at, versions=number, **values)
    project = rows.holding(tables.projects, {"code": code})
    was = before["investment_cents"] if before else 0
    add_to_sums(rows, project, key["idx"], at, values["investment_cents"] - was)
    tallies.reported(rows, project, key["idx"], before, values["investment_cents"], received)
    index_attachments(rows, code, event, at)
    claimed = day(before["completed_on"]) if before else None
    stand(rows, project, claimed, event, correction)


#: the columns of ``rm_period_reports`` that are the latest version's (``rm_report_versions``)
STANDING = ("investment_cents", "progress", "progress_pct", "completed_on")


@lru_cache(maxsize=256)
def period_index(period: str) -> int:
    """第N期's N of a period's text."""
    return Period.parse(period).index


def add_version(
    rows: Rows, code: str, number: int, event: Project.ReportSubmitted, at: str, correction: bool
) -> dict[str, Any]:
    """The report's version, added to ``rm_report_versions``; its columns."""
    version = report_columns(vars(event))
    version.update(
        code=code,
        period=event.period,
        version=number,
        valid_from=at,
        attachments=json_text(list(event.attachments)) if event.attachments else "[]",
        received_at=utc_text(event.received_at),
        actor=event.actor,
        reason=event.reason if correction else None,  # type: ignore[attr-defined]
    )
    rows.insert(tables.report_versions, **version)
    return version


def stand(
    rows: Rows,
    project: Row,
    claimed: date | None,
    event: Project.ReportSubmitted,
    correction: bool,
) -> None:
    """The project's status and dates after the report, by the domain's own rule."""
    before = Standing(project["status"], day(project["started_on"]), day(project["completed_on"]))
    after = after_report(before, claimed, event.started_on, event.completed_on, correction)
    if after != before:
        update_project(
            rows,
            event,
            status=after.status,
            started_on=day_text(after.started_on),
            completed_on=day_text(after.completed_on),
        )


def index_attachments(rows: Rows, code: str, event: Project.ReportSubmitted, at: str) -> None:
    for item in event.attachments:
        key = {"sha256": item["sha256"], "code": code, "period": event.period}
        if not rows.select(tables.attachments, **key):
            rows.insert(
                tables.attachments,
                **key,
                **{name: item[name] for name in ("name", "media_type", "kind", "size")},
                added_at=at,
                added_by=event.actor,
            )


@handlers.on(Project.ProblemRaised)
def problem_raised(rows: Rows, event: Project.ProblemRaised) -> None:
    rows.add(
        tables.problems,
        utc_text(event.timestamp),
        code=project_code(rows, event),
        problem_id=event.problem_id,
        text=event.text,
        period=event.period,
        raised_at=utc_text(event.timestamp),
        raised_by=event.actor,
    )


@handlers.on(Project.ProblemResolved)
def problem_resolved(rows: Rows, event: Project.ProblemResolved) -> None:
    at = utc_text(event.timestamp)
    key = {"code": project_code(rows, event), "problem_id": event.problem_id}
    resolved = {"resolved_at": at, "resolution": event.resolution, "resolved_by": event.actor}
    rows.change(tables.problems, key, at, **resolved)


# The plans' handlers (形象进度计划, 节点) live in a module of their own, imported last since
# it takes ``project_code`` from here; their handlers are this module's too.
from tracker.projections.handlers import plans  # noqa: E402

handlers.update(plans.handlers)
