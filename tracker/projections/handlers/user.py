"""User events: who may sign in, and which token hash belongs to whom (never a secret)."""

from __future__ import annotations

from tracker.domain.user import User
from tracker.projections import tables
from tracker.projections.handlers import Handlers, picked
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(User.Added)
def added(rows: Rows, event: User.Added) -> None:
    rows.insert(
        tables.users,
        id=str(event.originator_id),
        **picked(event, "name", "role", "unit"),
        display_name="",
        disabled=False,
        generation=0,
    )


@handlers.on(User.TokenIssued)
def token_issued(rows: Rows, event: User.TokenIssued) -> None:
    """The new token replaces the user's earlier one."""
    (user,) = rows.select(tables.users, id=str(event.originator_id))
    rows.delete(tables.tokens, user_name=user["name"])
    rows.insert(tables.tokens, token_hash=event.token_hash, user_name=user["name"])


@handlers.on(User.PasswordChanged, User.SignedOut)
def sessions_ended(rows: Rows, event: User.Event) -> None:
    """Sessions signed in before this are over: the user's generation moves on."""
    ident = {"id": str(event.originator_id)}
    for user in rows.select(tables.users, **ident):
        rows.update(tables.users, ident, generation=user["generation"] + 1)


@handlers.on(User.Named)
def named(rows: Rows, event: User.Named) -> None:
    rows.update(tables.users, {"id": str(event.originator_id)}, display_name=event.display_name)


@handlers.on(User.Disabled)
def disabled(rows: Rows, event: User.Disabled) -> None:
    rows.update(tables.users, {"id": str(event.originator_id)}, disabled=True)
