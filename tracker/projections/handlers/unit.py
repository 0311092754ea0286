"""Unit events: the list of responsible units."""

from __future__ import annotations

from sqlalchemy.orm import Session

from tracker.domain.unit import Unit
from tracker.projections import tables
from tracker.projections.codec import utc_text
from tracker.projections.handlers import Handlers

handlers = Handlers()


@handlers.on(Unit.Registered)
def registered(session: Session, event: Unit.Registered) -> None:
    session.execute(
        tables.units.insert().values(name=event.name, valid_from=utc_text(event.timestamp))
    )
