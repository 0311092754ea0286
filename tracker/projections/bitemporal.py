"""Rows that hold from the moment of an event until a later event supersedes them.

Every read-model row that can change carries ``valid_from`` (the recording time of
the event that made it) and ``valid_to`` (the time of the event that replaced it,
NULL while it holds). "Now" reads ``valid_to IS NULL``; "as of T" reads
``valid_from <= T < valid_to``. Nothing is updated in place except a row made at
the same instant, which no moment could have seen apart from its successor.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, select, true, update
from sqlalchemy.orm import Session


def add(session: Session, table: Table, at: str, **values: Any) -> None:
    """A new row that holds from ``at``."""
    session.execute(table.insert().values(**values, valid_from=at, valid_to=None))


def change(session: Session, table: Table, key: dict[str, Any], at: str, **values: Any) -> None:
    """Supersede the row of ``key`` that holds now by a copy with ``values``, from ``at``."""
    where = [*(table.c[name] == value for name, value in key.items()), table.c.valid_to.is_(None)]
    row = session.execute(select(table).where(*where)).mappings().one()
    if row["valid_from"] == at:  # made at this very instant: only the last of it ever held
        session.execute(update(table).where(*where).values(**values))
        return
    session.execute(update(table).where(*where).values(valid_to=at))
    session.execute(table.insert().values({**row, **values, "valid_from": at, "valid_to": None}))


def holding(session: Session, table: Table, key: dict[str, Any]) -> Any:
    """The row of ``key`` that holds now, or None."""
    where = [*(table.c[name] == value for name, value in key.items()), table.c.valid_to.is_(None)]
    return session.execute(select(table).where(*where)).mappings().first()


def holds(table: Table, moment: str | None) -> ColumnElement[bool]:
    """The rows of ``table`` that hold now (``moment`` None) or held at ``moment``."""
    if moment is None:
        return table.c.valid_to.is_(None)
    return and_(
        table.c.valid_from <= moment, or_(table.c.valid_to.is_(None), table.c.valid_to > moment)
    )


def recorded(column: Any, moment: str | None) -> ColumnElement[bool]:
    """Rows that are only ever added: those recorded by ``moment`` (all of them now)."""
    return true() if moment is None else column <= moment


def end(session: Session, table: Table, key: dict[str, Any], at: str) -> None:
    """The row of ``key`` that holds now ends at ``at`` with no successor (a thing removed)."""
    where = [*(table.c[name] == value for name, value in key.items()), table.c.valid_to.is_(None)]
    row = session.execute(select(table).where(*where)).mappings().one()
    if row["valid_from"] == at:  # made at this very instant: no moment ever saw it
        session.execute(table.delete().where(*where))
    else:
        session.execute(update(table).where(*where).values(valid_to=at))
