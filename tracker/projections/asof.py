"""The reference for as-of reads: the log up to a moment folded afresh into a scratch database.

Pages read the bitemporal rows (``Reader.at``); this replay is what the tests compare them to.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, create_engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

from tracker.projections.projector import Projector
from tracker.projections.tables import metadata


@contextmanager
def folded(events: Iterable[object], projector: Projector) -> Iterator[Connection]:
    """A connection to in-memory read models made from ``events`` alone.

    Only the events given are applied: later corrections are not seen and
    plans are those that stood then.
    """
    scratch = create_engine("sqlite://", poolclass=StaticPool)
    try:
        metadata.create_all(scratch)
        with Session(scratch) as session:
            projector.apply(session, events)
            session.commit()
        with scratch.connect() as connection:
            yield connection
    finally:
        scratch.dispose()
