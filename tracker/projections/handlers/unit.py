"""Unit events: the list of responsible units."""

from __future__ import annotations

from tracker.domain.unit import Unit
from tracker.projections import tables
from tracker.projections.codec import utc_text
from tracker.projections.handlers import Handlers
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(Unit.Registered)
def registered(rows: Rows, event: Unit.Registered) -> None:
    rows.insert(tables.units, name=event.name, valid_from=utc_text(event.timestamp))
