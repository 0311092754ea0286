"""Turns events into read-model rows, one handler per event type.

Called inside the transaction that stores the events, so read models are
never behind the log and nothing is applied twice.
"""

from __future__ import annotations

from functools import singledispatchmethod

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.domain.campaign import Campaign
from tracker.domain.money import to_cents
from tracker.domain.project import Project
from tracker.domain.unit import Unit
from tracker.domain.user import User
from tracker.projections import tables


class Projector:
    """Applies domain events to the read-model tables through ``session``."""

    def apply(self, session: Session, events: list[object]) -> None:
        for event in events:
            self.handle(event, session)

    @singledispatchmethod
    def handle(self, event: object, session: Session) -> None:
        """Events no read model needs are ignored."""

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
                status="active",
                registered_at=event.timestamp.isoformat(),
            )
        )

    @handle.register
    def _(self, event: Project.PlanRevised, session: Session) -> None:
        self.update_project(session, event, annual_plan_cents=to_cents(event.annual_plan))

    @handle.register
    def _(self, event: Project.Completed, session: Session) -> None:
        self.update_project(session, event, status="completed")

    @handle.register
    def _(self, event: Project.Withdrawn, session: Session) -> None:
        self.update_project(session, event, status="withdrawn")

    @handle.register
    def _(self, event: Project.ReportSubmitted, session: Session) -> None:
        if event.completed_on:
            self.update_project(session, event, status="completed")

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
        session.execute(
            tables.tokens.insert().values(
                token_hash=event.token_hash, user_name=self.user_name(session, event)
            )
        )

    @handle.register
    def _(self, event: User.Disabled, session: Session) -> None:
        session.execute(
            update(tables.users)
            .where(tables.users.c.id == str(event.originator_id))
            .values(disabled=True)
        )

    @handle.register
    def _(self, event: Campaign.Created, session: Session) -> None:
        """Campaigns are few and read from the log directly."""

    @staticmethod
    def update_project(session: Session, event: Project.Event, **values: object) -> None:
        session.execute(
            update(tables.projects)
            .where(tables.projects.c.id == str(event.originator_id))
            .values(**values)
        )

    @staticmethod
    def user_name(session: Session, event: User.Event) -> str:
        users = tables.users
        query = select(users.c.name).where(users.c.id == str(event.originator_id))
        return str(session.execute(query).scalar_one())
