"""What every aggregate shares: event times from the one clock, ids from natural keys."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from tracker.domain.clock import clock
from tracker.domain.errors import NotFound

# Natural keys give stable ids, so two racing registrations of the same
# project collide in the event store instead of making two projects.
NAMESPACE = UUID("6f0c1d2e-51a4-4b7e-9a57-3f1f0b8a2c26")


def campaign_id(year: int) -> UUID:
    return uuid5(NAMESPACE, f"campaign:{year}")


def project_id(code: str) -> UUID:
    return uuid5(NAMESPACE, f"project:{code.strip().upper()}")


def unit_id(name: str) -> UUID:
    return uuid5(NAMESPACE, f"unit:{name.strip()}")


def user_id(name: str) -> UUID:
    return uuid5(NAMESPACE, f"user:{name.strip().lower()}")


def known_id(ident: str | UUID, missing: str) -> UUID:
    """An id given as text (from an address), or NotFound with ``missing`` for what is not one."""
    if isinstance(ident, UUID):
        return ident
    try:
        return UUID(str(ident))
    except ValueError:
        raise NotFound(missing) from None


class TrackerAggregate(Aggregate):
    """Base aggregate whose events take their time from the tracker's clock.

    Every event carries ``actor``: the user name that caused it (the command line: its operator).
    """

    class Event(Aggregate.Event):
        actor: str

        @staticmethod
        def create_timestamp() -> datetime:
            return clock.now()

    class Created(Event, Aggregate.Created):
        pass
