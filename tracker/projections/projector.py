"""Turns events into read-model rows: it only dispatches, the handlers per aggregate write.

Called inside the transaction that stores the events, so read models are
never behind the log and nothing is applied twice. The same handlers fold the
log into a scratch database (the reference for as-of reads) and rebuild the tables.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from tracker.projections.handlers import (
    Handler,
    campaign,
    log,
    notice,
    package,
    project,
    proposal,
    supervision,
    unit,
    user,
)
from tracker.projections.rows import Rows, SqlRows


class Projector:
    """Applies domain events to the read-model tables through ``session``."""

    def __init__(self) -> None:
        self.handlers: dict[type, Handler] = {}
        for module in (campaign, unit, user, project, supervision, proposal, notice, package):
            self.handlers.update(module.handlers)

    def apply(self, session: Session | Connection, events: Iterable[object]) -> int:
        """Apply ``events`` in order (those no read model needs pass); returns how many."""
        rows = SqlRows(session)
        count = self.fold(rows, events)
        rows.flush()
        return count

    def fold(self, rows: Rows, events: Iterable[object]) -> int:
        """Apply ``events`` to ``rows`` (live or a rebuild's batch); returns how many."""
        count = 0
        for event in events:
            handler = self.handlers.get(type(event))
            if handler is not None:
                handler(rows, event)
            log.indexed(rows, event)  # 变更记录's index, after the rows it reads
            count += 1
        return count
