"""User events: who may sign in, and which token hash belongs to whom (never a secret)."""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tracker.domain.user import User
from tracker.projections import tables
from tracker.projections.handlers import Handlers, picked

U = tables.users.c
handlers = Handlers()


@handlers.on(User.Added)
def added(session: Session, event: User.Added) -> None:
    session.execute(
        tables.users.insert().values(
            id=str(event.originator_id),
            **picked(event, "name", "role", "unit"),
            display_name="",
            disabled=False,
            generation=0,
        )
    )


@handlers.on(User.TokenIssued)
def token_issued(session: Session, event: User.TokenIssued) -> None:
    """The new token replaces the user's earlier one."""
    name = session.execute(select(U.name).where(U.id == str(event.originator_id))).scalar_one()
    session.execute(delete(tables.tokens).where(tables.tokens.c.user_name == name))
    session.execute(tables.tokens.insert().values(token_hash=event.token_hash, user_name=name))


@handlers.on(User.PasswordChanged, User.SignedOut)
def sessions_ended(session: Session, event: User.Event) -> None:
    """Sessions signed in before this are over: the user's generation moves on."""
    ident = U.id == str(event.originator_id)
    session.execute(update(tables.users).where(ident).values(generation=U.generation + 1))


@handlers.on(User.Named)
def named(session: Session, event: User.Named) -> None:
    session.execute(
        update(tables.users)
        .where(U.id == str(event.originator_id))
        .values(display_name=event.display_name)
    )


@handlers.on(User.Disabled)
def disabled(session: Session, event: User.Disabled) -> None:
    session.execute(
        update(tables.users).where(U.id == str(event.originator_id)).values(disabled=True)
    )
