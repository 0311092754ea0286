"""Reminder events: channels, notices with their claimed keys and deliveries, inbox marks."""

from __future__ import annotations

import json

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
from tracker.projections.rows import Rows

handlers = Handlers()


@handlers.on(Channel.Added)
def channel_added(rows: Rows, event: Channel.Added) -> None:
    rows.insert(
        channels,
        id=str(event.originator_id),
        **picked(event, "unit", "kind", "target"),
        has_secret=bool(event.secret),
        active=True,
        added_at=utc_text(event.timestamp),
        added_by=event.actor,
    )


@handlers.on(Channel.Removed)
def channel_removed(rows: Rows, event: Channel.Removed) -> None:
    at = utc_text(event.timestamp)
    channel(rows, event, active=False, removed_at=at, removed_by=event.actor)


@handlers.on(Channel.Restored)
def channel_restored(rows: Rows, event: Channel.Restored) -> None:
    at, secret = utc_text(event.timestamp), bool(event.secret)
    channel(rows, event, active=True, has_secret=secret, added_at=at, added_by=event.actor)


@handlers.on(Channel.Tested)
def channel_tested(rows: Rows, event: Channel.Tested) -> None:
    channel(rows, event, tested_at=utc_text(event.timestamp), test_error=event.error)


def channel(rows: Rows, event: Channel.Event, **values: object) -> None:
    rows.update(channels, {"id": str(event.originator_id)}, **values)


@handlers.on(Notice.Raised)
def notice_raised(rows: Rows, event: Notice.Raised) -> None:
    rows.insert(
        notices,
        id=str(event.originator_id),
        unit=event.unit,
        title=event.title,
        sections=json_text(event.sections),
        channels=json_text(event.channels),
        delivered=not event.channels,
        raised_at=utc_text(event.timestamp),
        raised_by=event.actor,
    )


@handlers.on(NoticeClaim.Claimed)
def claimed(rows: Rows, event: NoticeClaim.Claimed) -> None:
    rows.insert(notice_keys, key=event.key, notice_id=event.notice_id)


@handlers.on(Notice.Attempted)
def attempted(rows: Rows, event: Notice.Attempted) -> None:
    key = {"notice_id": str(event.originator_id), "channel_id": event.channel}
    values = {"status": "sending", "error": None, "started_at": utc_text(event.timestamp)}
    found = rows.select(deliveries, **key)
    if not found:
        rows.insert(deliveries, **key, **values, attempts=1)
    else:
        rows.update(deliveries, key, **values, attempts=found[0]["attempts"] + 1)


@handlers.on(Notice.Delivered, Notice.Failed)
def outcome(rows: Rows, event: Notice.Delivered | Notice.Failed) -> None:
    ident = str(event.originator_id)
    ok = isinstance(event, Notice.Delivered)
    status, error = ("sent", None) if ok else ("failed", event.error)
    finished = utc_text(event.timestamp)
    key = {"notice_id": ident, "channel_id": event.channel}
    rows.update(deliveries, key, status=status, error=error, finished_at=finished)
    notice = rows.select(notices, id=ident)
    done = {row["channel_id"] for row in rows.select(deliveries, notice_id=ident, status="sent")}
    if notice and done >= set(json.loads(notice[0]["channels"])):
        rows.update(notices, {"id": ident}, delivered=True)


@handlers.on(Inbox.Opened)
def inbox_opened(rows: Rows, event: Inbox.Opened) -> None:
    until = utc_text(event.read_until)
    rows.insert(inbox_reads, id=str(event.originator_id), user_name=event.user, read_until=until)


@handlers.on(Inbox.Read)
def inbox_read(rows: Rows, event: Inbox.Read) -> None:
    rows.update(
        inbox_reads, {"id": str(event.originator_id)}, read_until=utc_text(event.read_until)
    )
