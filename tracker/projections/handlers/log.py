"""变更记录's index: every event the change log shows, with its unit and project code.

Called for every event after its own handler, so the rows it reads (a project's
code and unit, an order's, a proposal's) already hold the event's effect.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tracker.projections import tables
from tracker.projections.codec import utc_text
from tracker.projections.log_tables import log_index

#: events the change log leaves out: the reminders' traffic and reading one's messages
QUIET = ("Notice.", "NoticeClaim.", "Inbox.", "Channel.Tested")
#: the read model that tells the unit (and project code) of each aggregate's events
WHERE = {
    "Project": (tables.projects, "code"),
    "Supervision": (tables.supervisions, "code"),
    "Proposal": (tables.proposals, "code"),
}


def indexed(session: Session, event: Any) -> None:
    kind = type(event).__qualname__
    if kind.startswith(QUIET):
        return
    unit, code = place(session, event, kind)
    session.execute(
        log_index.insert().values(
            originator_id=str(event.originator_id),
            version=event.originator_version,
            at=utc_text(event.timestamp),
            kind=kind,
            actor=getattr(event, "actor", "") or "",
            unit=unit,
            code=code,
        )
    )


def place(session: Session, event: Any, kind: str) -> tuple[str | None, str | None]:
    """The unit and project code the change log files the event under."""
    found = WHERE.get(kind.split(".")[0])
    if found is not None:
        table, code = found
        query = select(table.c.unit, table.c[code]).where(table.c.id == str(event.originator_id))
        if "valid_to" in table.c:
            query = query.where(table.c.valid_to.is_(None))
        row = session.execute(query.limit(1)).first()
        return (row[0], row[1]) if row is not None else (None, None)
    if kind == "User.Added":
        return event.unit, None
    if kind == "Unit.Registered":
        return event.name, None
    earlier = select(log_index.c.unit, log_index.c.code).where(
        log_index.c.originator_id == str(event.originator_id)
    )
    row = session.execute(earlier.order_by(log_index.c.seq.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else (None, None)
