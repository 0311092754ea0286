"""Rows that hold from the moment of an event until a later event supersedes them.

Every read-model row that can change carries ``valid_from`` (the recording time of
the event that made it) and ``valid_to`` (the time of the event that replaced it,
NULL while it holds). "Now" reads ``valid_to IS NULL``; "as of T" reads
``valid_from <= T < valid_to``. Nothing is updated in place except a row made at
the same instant, which no moment could have seen apart from its successor.

The rows are written through ``rows.Rows`` (``add``, ``change``, ``end``, ``holding``):
one by one in the events' transaction, or in bulk by a rebuild (``batch.py``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Table, and_, or_, true


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
