"""变更记录's index: every event the change log shows, with its unit and project code.

Called for every event after its own handler, so the rows it reads (a project's
code and unit, an order's, a proposal's) already hold the event's effect.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tracker.projections import tables
from tracker.projections.codec import id_text, utc_text
from tracker.projections.handlers.project import known_code
from tracker.projections.rows import Rows

#: events the change log leaves out: the reminders' traffic and reading one's messages
QUIET = ("Notice.", "NoticeClaim.", "Inbox.", "Channel.Tested")
#: the read model that tells the unit (and project code) of each aggregate's events
WHERE = {"Supervision": tables.supervisions, "Proposal": tables.proposals}


def indexed(rows: Rows, event: Any) -> None:
    named = kind_of(type(event))
    if named is None:
        return
    kind, aggregate = named
    ident = id_text(event.originator_id)
    unit, code = place(rows, event, kind, aggregate, ident)
    rows.log(
        originator_id=ident,
        version=event.originator_version,
        at=utc_text(event.timestamp),
        kind=kind,
        actor=getattr(event, "actor", "") or "",
        unit=unit,
        code=code,
    )


@cache
def kind_of(event_class: type) -> tuple[str, str] | None:
    """The change log's kind of an event class and its aggregate's name; None: left out."""
    kind = event_class.__qualname__
    return None if kind.startswith(QUIET) else (kind, kind[: kind.index(".")])


def place(
    rows: Rows, event: Any, kind: str, aggregate: str, ident: str
) -> tuple[str | None, str | None]:
    """The unit and project code the change log files the event (of aggregate ``ident``) under."""
    if aggregate == "Project":
        project = known_code(rows, ident)
        row = rows.holding(tables.projects, {"code": project}) if project else None
        return (row["unit"], row["code"]) if row is not None else (None, None)
    if aggregate in WHERE:
        row = rows.holding(WHERE[aggregate], {"id": ident})
        return (row["unit"], row["code"]) if row is not None else (None, None)
    if kind == "User.Added":
        return event.unit, None
    if kind == "Unit.Registered":
        return event.name, None
    return rows.last_logged(ident) or (None, None)
