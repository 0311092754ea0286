"""Turns events into read-model rows, one handler per event type.

Called inside the transaction that stores the events, so read models are
never behind the log and nothing is applied twice. The same handlers fold the
log into a scratch database for as-of views and rebuild the tables from zero.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import singledispatchmethod

from sqlalchemy import select, true, update
from sqlalchemy.orm import Session

from tracker.domain.campaign import Campaign
from tracker.domain.figures import ytd_plan
from tracker.domain.money import to_cents
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.proposal import Proposal
from tracker.domain.supervision import Supervision
from tracker.domain.unit import Unit
from tracker.domain.user import User
from tracker.projections import tables

F, P = tables.figures.c, tables.projects.c


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC form that sorts and compares correctly as text."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def cents_list(amounts: list[Decimal]) -> str:
    return ",".join(str(to_cents(a)) for a in amounts)


class Projector:
    """Applies domain events to the read-model tables through ``session``."""

    def __init__(self) -> None:
        self._codes: dict[str, str] = {}

    def apply(self, session: Session, events: list[object]) -> None:
        for event in events:
            self.handle(event, session)

    @singledispatchmethod
    def handle(self, event: object, session: Session) -> None:
        """Events no read model needs are ignored."""

    # -- campaigns, units, users ---------------------------------------------

    @handle.register
    def _(self, event: Campaign.Created, session: Session) -> None:
        session.execute(
            tables.campaigns.insert().values(
                year=event.year,
                district=event.district,
                target_cents=to_cents(event.target),
                due_day_1=event.due_days[0],
                due_day_2=event.due_days[1],
                timezone=event.timezone,
            )
        )

    @handle.register
    def _(self, event: Campaign.SettingsChanged, session: Session) -> None:
        settings = {"thresholds": event.thresholds, "weights": event.weights}
        session.execute(
            update(tables.campaigns)
            .where(tables.campaigns.c.year == self.campaign_year(session, event))
            .values(settings=json.dumps(settings, default=str))
        )

    @handle.register
    def _(self, event: Campaign.TargetRevised, session: Session) -> None:
        session.execute(
            update(tables.campaigns)
            .where(tables.campaigns.c.year == self.campaign_year(session, event))
            .values(target_cents=to_cents(event.target))
        )

    @handle.register
    def _(self, event: Campaign.ReportIssued, session: Session) -> None:
        session.execute(
            tables.issued_reports.insert().values(
                sha256=event.sha256,
                issued_at=utc_text(event.timestamp),
                year=Period.parse(event.period).year,
                period=event.period,
                unit=event.unit,
                as_of=utc_text(event.as_of),
                size=event.size,
                issued_by=event.actor,
            )
        )

    @handle.register
    def _(self, event: Unit.Registered, session: Session) -> None:
        session.execute(tables.units.insert().values(name=event.name))

    @handle.register
    def _(self, event: User.Added, session: Session) -> None:
        session.execute(
            tables.users.insert().values(
                name=event.name,
                id=str(event.originator_id),
                role=event.role,
                unit=event.unit,
                disabled=False,
            )
        )

    @handle.register
    def _(self, event: User.TokenIssued, session: Session) -> None:
        users = tables.users.c
        name = session.execute(
            select(users.name).where(users.id == str(event.originator_id))
        ).scalar_one()
        session.execute(tables.tokens.insert().values(token_hash=event.token_hash, user_name=name))

    @handle.register
    def _(self, event: User.Disabled, session: Session) -> None:
        session.execute(
            update(tables.users)
            .where(tables.users.c.id == str(event.originator_id))
            .values(disabled=True)
        )

    # -- the project register ----------------------------------------------

    @handle.register
    def _(self, event: Project.Registered, session: Session) -> None:
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
                status="active",
                registered_at=utc_text(event.timestamp),
            )
        )
        session.execute(
            tables.figures.insert(),
            [
                {
                    "code": spec["code"],
                    "idx": period.index,
                    "period": str(period),
                    "ytd_plan_cents": to_cents(ytd_plan(spec["monthly_plan"], period)),
                    "ytd_actual_cents": 0,
                    "versions": 0,
                }
                for period in Period.all_of(event.campaign_year)
            ],
        )

    @handle.register
    def _(self, event: Project.PlanRevised, session: Session) -> None:
        code = self.update_project(
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

    @handle.register
    def _(self, event: Project.Started, session: Session) -> None:
        self.update_project(session, event, started_on=day_text(event.started_on))

    @handle.register
    def _(self, event: Project.Completed, session: Session) -> None:
        self.update_project(
            session, event, status="completed", completed_on=day_text(event.completed_on)
        )

    @handle.register
    def _(self, event: Project.Withdrawn, session: Session) -> None:
        self.update_project(
            session, event, status="withdrawn", withdrawn_at=utc_text(event.timestamp)
        )

    # -- reports and problems -------------------------------------------------

    @handle.register
    def _(self, event: Project.ReportSubmitted, session: Session) -> None:
        self.apply_report(session, event, first=True)

    @handle.register
    def _(self, event: Project.ReportCorrected, session: Session) -> None:
        self.apply_report(session, event, first=False)

    @handle.register
    def _(self, event: Project.ProblemRaised, session: Session) -> None:
        session.execute(
            tables.problems.insert().values(
                code=self.project_code(session, event),
                problem_id=event.problem_id,
                text=event.text,
                period=event.period,
                raised_at=utc_text(event.timestamp),
                raised_by=event.actor,
            )
        )

    @handle.register
    def _(self, event: Project.ProblemResolved, session: Session) -> None:
        problems = tables.problems.c
        session.execute(
            update(tables.problems)
            .where(
                problems.code == self.project_code(session, event),
                problems.problem_id == event.problem_id,
            )
            .values(
                resolved_at=utc_text(event.timestamp),
                resolution=event.resolution,
                resolved_by=event.actor,
            )
        )

    def apply_report(self, session: Session, event: Project.ReportSubmitted, first: bool) -> None:
        """Set the period's figures and move every later 本年累计 by the difference."""
        code = self.project_code(session, event)
        index = Period.parse(event.period).index
        row = session.execute(
            select(F.period_investment_cents, F.versions, F.completed_on).where(
                F.code == code, F.idx == index
            )
        ).one()
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
        if first:
            values["received_at"] = received
        session.execute(update(tables.figures).where(F.code == code, F.idx == index).values(values))
        if delta:
            session.execute(
                update(tables.figures)
                .where(F.code == code, F.idx >= index)
                .values(ytd_actual_cents=F.ytd_actual_cents + delta)
            )
        self.index_attachments(session, code, event)
        if event.started_on:
            # As in the aggregate: a first report keeps an earlier start date.
            keep_earlier = P.started_on.is_(None) if first else true()
            session.execute(
                update(tables.projects)
                .where(P.code == code, keep_earlier)
                .values(started_on=day_text(event.started_on))
            )
        if event.completed_on:
            session.execute(
                update(tables.projects)
                .where(P.code == code)
                .values(status="completed", completed_on=day_text(event.completed_on))
            )
        elif row.completed_on:  # a correction takes back a completion reported by mistake
            session.execute(
                update(tables.projects)
                .where(P.code == code)
                .values(status="active", completed_on=None)
            )

    # -- 督办 ----------------------------------------------------------------

    @handle.register
    def _(self, event: Supervision.Issued, session: Session) -> None:
        session.execute(
            tables.supervisions.insert().values(
                id=str(event.originator_id),
                code=event.project_code,
                unit=event.unit,
                requirement=event.requirement,
                due_on=day_text(event.due_on),
                source=event.source,
                status="open",
                issued_at=utc_text(event.timestamp),
                issued_by=event.actor,
            )
        )

    @handle.register
    def _(self, event: Supervision.Answered, session: Session) -> None:
        self.update_supervision(
            session,
            event,
            status="answered",
            answer=event.answer,
            answered_at=utc_text(event.timestamp),
            answered_by=event.actor,
        )

    @handle.register
    def _(self, event: Supervision.Closed, session: Session) -> None:
        self.update_supervision(
            session, event, status="closed", closed_at=utc_text(event.timestamp), note=event.note
        )

    @handle.register
    def _(self, event: Supervision.Returned, session: Session) -> None:
        self.update_supervision(session, event, status="open", note=event.note)

    @staticmethod
    def update_supervision(session: Session, event: Supervision.Event, **values: object) -> None:
        session.execute(
            update(tables.supervisions)
            .where(tables.supervisions.c.id == str(event.originator_id))
            .values(**values)
        )

    @staticmethod
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

    # -- 申报 -----------------------------------------------------------------

    @handle.register
    def _(self, event: Proposal.Submitted, session: Session) -> None:
        spec = event.spec
        session.execute(
            tables.proposals.insert().values(
                id=str(event.originator_id),
                campaign_year=event.campaign_year,
                unit=event.unit,
                name=spec["name"],
                category=spec["category"],
                nature=spec["nature"],
                total_investment_cents=to_cents(spec["total_investment"]),
                annual_plan_cents=to_cents(spec["annual_plan"]),
                reason=event.reason,
                status="submitted",
                submitted_at=utc_text(event.timestamp),
                submitted_by=event.actor,
            )
        )

    @handle.register
    def _(self, event: Proposal.Approved, session: Session) -> None:
        self.decide_proposal(session, event, status="approved", code=event.code)

    @handle.register
    def _(self, event: Proposal.Rejected, session: Session) -> None:
        self.decide_proposal(session, event, status="rejected", decision_reason=event.reason)

    @staticmethod
    def decide_proposal(session: Session, event: Proposal.Event, **values: object) -> None:
        session.execute(
            update(tables.proposals)
            .where(tables.proposals.c.id == str(event.originator_id))
            .values(decided_at=utc_text(event.timestamp), decided_by=event.actor, **values)
        )

    # -- helpers --------------------------------------------------------------

    def project_code(self, session: Session, event: Project.Event) -> str:
        """The code of the event's project; ids come from codes, so the map never changes."""
        ident = str(event.originator_id)
        code = self._codes.get(ident)
        if code is None:
            code = str(session.execute(select(P.code).where(P.id == ident)).scalar_one())
            self._codes[ident] = code
        return code

    def update_project(self, session: Session, event: Project.Event, **values: object) -> str:
        code = self.project_code(session, event)
        session.execute(update(tables.projects).where(P.code == code).values(**values))
        return code

    @staticmethod
    def campaign_year(session: Session, event: Campaign.Event) -> int:
        from tracker.domain.base import campaign_id

        for year in session.execute(select(tables.campaigns.c.year)).scalars():
            if campaign_id(year) == event.originator_id:
                return int(year)
        raise LookupError(event.originator_id)
