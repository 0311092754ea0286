"""Reminder events: channels, notices with their claimed keys and deliveries, inbox marks."""

from __future__ import annotations

import json

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tracker.domain.channel import Channel
from tracker.domain.notice import Inbox, Notice, NoticeClaim
from tracker.projections.codec import json_text, utc_text
from tracker.projections.handlers import Handlers, picked
from tracker.projections.notice_tables import (
    channels,
    deliveries,
    inbox_reads,
    notice_keys,
    notices,
)

handlers = Handlers()


@handlers.on(Channel.Added)
def channel_added(session: Session, event: Channel.Added) -> None:
    session.execute(
        channels.insert().values(
            id=str(event.originator_id),
            **picked(event, "unit", "kind", "target"),
            has_secret=bool(event.secret),
            active=True,
            added_at=utc_text(event.timestamp),
            added_by=event.actor,
        )
    )


@handlers.on(Channel.Removed)
def channel_removed(session: Session, event: Channel.Removed) -> None:
    at = utc_text(event.timestamp)
    channel(session, event, active=False, removed_at=at, removed_by=event.actor)


@handlers.on(Channel.Restored)
def channel_restored(session: Session, event: Channel.Restored) -> None:
    at, secret = utc_text(event.timestamp), bool(event.secret)
    channel(session, event, active=True, has_secret=secret, added_at=at, added_by=event.actor)


@handlers.on(Channel.Tested)
def channel_tested(session: Session, event: Channel.Tested) -> None:
    channel(session, event, tested_at=utc_text(event.timestamp), test_error=event.error)


def channel(session: Session, event: Channel.Event, **values: object) -> None:
    where = channels.c.id == str(event.originator_id)
    session.execute(update(channels).where(where).values(**values))


@handlers.on(Notice.Raised)
def notice_raised(session: Session, event: Notice.Raised) -> None:
    session.execute(
        notices.insert().values(
            id=str(event.originator_id),
            unit=event.unit,
            title=event.title,
            sections=json_text(event.sections),
            channels=json_text(event.channels),
            delivered=not event.channels,
            raised_at=utc_text(event.timestamp),
            raised_by=event.actor,
        )
    )


@handlers.on(NoticeClaim.Claimed)
def claimed(session: Session, event: NoticeClaim.Claimed) -> None:
    session.execute(notice_keys.insert().values(key=event.key, notice_id=event.notice_id))


@handlers.on(Notice.Attempted)
def attempted(session: Session, event: Notice.Attempted) -> None:
    key = {"notice_id": str(event.originator_id), "channel_id": event.channel}
    values = {"status": "sending", "error": None, "started_at": utc_text(event.timestamp)}
    where = [deliveries.c[name] == value for name, value in key.items()]
    found = session.execute(select(deliveries.c.attempts).where(*where)).scalar()
    if found is None:
        session.execute(deliveries.insert().values(**key, **values, attempts=1))
    else:
        session.execute(update(deliveries).where(*where).values(**values, attempts=found + 1))


@handlers.on(Notice.Delivered, Notice.Failed)
def outcome(session: Session, event: Notice.Delivered | Notice.Failed) -> None:
    ident = str(event.originator_id)
    where = [deliveries.c.notice_id == ident, deliveries.c.channel_id == event.channel]
    ok = isinstance(event, Notice.Delivered)
    status, error = ("sent", None) if ok else ("failed", event.error)
    finished = utc_text(event.timestamp)
    session.execute(
        update(deliveries).where(*where).values(status=status, error=error, finished_at=finished)
    )
    sent = select(deliveries.c.channel_id).where(
        deliveries.c.notice_id == ident, deliveries.c.status == "sent"
    )
    row = session.execute(select(notices.c.channels).where(notices.c.id == ident)).scalar()
    done = set(session.execute(sent).scalars())
    if row is not None and done >= set(json.loads(row)):
        session.execute(update(notices).where(notices.c.id == ident).values(delivered=True))


@handlers.on(Inbox.Opened)
def inbox_opened(session: Session, event: Inbox.Opened) -> None:
    until = utc_text(event.read_until)
    ident = str(event.originator_id)
    session.execute(inbox_reads.insert().values(id=ident, user_name=event.user, read_until=until))


@handlers.on(Inbox.Read)
def inbox_read(session: Session, event: Inbox.Read) -> None:
    where = inbox_reads.c.id == str(event.originator_id)
    session.execute(update(inbox_reads).where(where).values(read_until=utc_text(event.read_until)))
