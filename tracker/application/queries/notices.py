"""Notices and channels as rows: the inbox, its unread count, what was sent and how it went.

No row carries a channel's secret; robots' and webhooks' keys in addresses are cut short.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import func, select

from tracker.application.queries.reader import Reader, View
from tracker.domain.catalog import CHANNEL_KINDS, DELIVERY_STATUS, notice_rule
from tracker.domain.errors import NotFound
from tracker.domain.rules.reminders import MAX_ATTEMPTS
from tracker.projections.codec import moment
from tracker.projections.notice_tables import channels, deliveries, inbox_reads, notices

N, D, C = notices.c, deliveries.c, channels.c
BUREAU = "建设局"
SHORT = 8  # characters of a channel's id that name it on the command line


@dataclass(frozen=True)
class SectionRow:
    rule: str
    heading: str
    intro: str
    lines: tuple[str, ...]
    link: str
    action: str

    @property
    def label(self) -> str:
        return notice_rule(self.rule)


@dataclass(frozen=True)
class DeliveryRow:
    """A notice on one channel: pending, sending, sent, failed or gave_up."""

    channel_id: str
    kind: str
    target: str
    status: str
    attempts: int
    error: str | None
    at: datetime | None

    @property
    def label(self) -> str:
        return DELIVERY_STATUS[self.status]


@dataclass(frozen=True)
class NoticeRow:
    id: str
    unit: str | None  # None: the bureau
    title: str
    sections: tuple[SectionRow, ...]
    raised_at: datetime
    unread: bool = False
    deliveries: tuple[DeliveryRow, ...] = ()

    @property
    def recipient(self) -> str:
        return self.unit or BUREAU

    @property
    def failed(self) -> bool:
        return any(d.status in ("failed", "gave_up") for d in self.deliveries)


@dataclass(frozen=True)
class ChannelRow:
    id: str
    unit: str | None  # None: the bureau's
    kind: str
    target: str  # with keys cut short
    has_secret: bool
    active: bool
    added_at: datetime
    added_by: str
    tested_at: datetime | None
    test_error: str | None

    @property
    def short_id(self) -> str:
        return self.id[:SHORT]

    @property
    def owner(self) -> str:
        return self.unit or BUREAU

    @property
    def kind_label(self) -> str:
        return CHANNEL_KINDS[self.kind]


def masked(target: str) -> str:
    """An address with its query values cut to four characters (a robot's key is its secret)."""
    parts = urlsplit(target)
    if not parts.query:
        return target
    pairs = [pair.partition("=") for pair in parts.query.split("&")]
    query = "&".join(f"{k}{eq}{v if len(v) <= 4 else v[:4] + '…'}" for k, eq, v in pairs)
    return urlunsplit(parts._replace(query=query))


def owned_by(unit: str | None) -> Any:
    return N.unit.is_(None) if unit is None else N.unit == unit


class Notices:
    """The inbox of a unit or of the bureau, and the record of what was sent."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def inbox(self, user: str, unit: str | None, limit: int = 100) -> list[NoticeRow]:
        """The notices to ``unit`` (None: the bureau), newest first, marked unread for ``user``."""
        with self.read.at() as view:
            seen = read_until(view, user)
            query = select(notices).where(owned_by(unit)).order_by(N.raised_at.desc(), N.unit, N.id)
            rows = view.connection.execute(query.limit(limit)).mappings().all()
        return [notice_row(row, unread=seen is None or row["raised_at"] > seen) for row in rows]

    def unread(self, user: str, unit: str | None) -> int:
        with self.read.at() as view:
            seen = read_until(view, user)
            query = select(func.count()).select_from(notices).where(owned_by(unit))
            if seen is not None:
                query = query.where(N.raised_at > seen)
            return int(view.connection.execute(query).scalar() or 0)

    def sent(self, failed_only: bool = False, limit: int = 100) -> list[NoticeRow]:
        """The latest notices with how each channel took them (failed first when asked)."""
        with self.read.at() as view:
            query = select(notices).order_by(N.raised_at.desc(), N.unit, N.id)
            if failed_only:
                failed = select(D.notice_id).where(D.status == "failed")
                query = query.where(N.id.in_(failed))
            rows = view.connection.execute(query.limit(limit)).mappings().all()
            tried = delivery_rows(view, list(rows))
            return [notice_row(row, deliveries=tried[row["id"]]) for row in rows]


def read_until(view: View, user: str) -> str | None:
    query = select(inbox_reads.c.read_until).where(inbox_reads.c.user_name == user)
    return view.connection.execute(query).scalar()


def notice_row(row: Any, unread: bool = False, deliveries: tuple = ()) -> NoticeRow:
    sections = tuple(
        SectionRow(s["rule"], s["heading"], s["intro"], tuple(s["lines"]), s["link"], s["action"])
        for s in json.loads(row["sections"])
    )
    raised = moment(row["raised_at"])
    return NoticeRow(row["id"], row["unit"], row["title"], sections, raised, unread, deliveries)  # type: ignore[arg-type]


def delivery_rows(view: View, notices_: list[Any]) -> dict[str, tuple[DeliveryRow, ...]]:
    """For each notice, every channel it goes to; one with no attempt yet is pending."""
    known = {row.id: row for row in view.connection.execute(select(C.id, C.kind, C.target))}
    query = select(deliveries).where(D.notice_id.in_([notice["id"] for notice in notices_]))
    attempts = view.connection.execute(query).mappings()
    tried = {(row["notice_id"], row["channel_id"]): row for row in attempts}
    return {
        notice["id"]: tuple(
            delivery_row(ident, known[ident].kind, masked(known[ident].target),
                         tried.get((notice["id"], ident)))
            for ident in json.loads(notice["channels"])
        )
        for notice in notices_
    }  # fmt: skip


def delivery_row(ident: str, kind: str, target: str, row: Any) -> DeliveryRow:
    if row is None:
        return DeliveryRow(ident, kind, target, "pending", 0, None, None)
    status = row["status"]
    if status == "failed" and row["attempts"] >= MAX_ATTEMPTS:
        status = "gave_up"
    at = moment(row["finished_at"] or row["started_at"])
    return DeliveryRow(ident, kind, target, status, row["attempts"], row["error"], at)


class Channels:
    """The channels as rows (never a secret)."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def rows(self, include_removed: bool = False) -> list[ChannelRow]:
        query = select(channels).order_by(C.unit.is_not(None), C.unit, C.added_at)
        if not include_removed:
            query = query.where(C.active.is_(True))
        with self.read.at() as view:
            return [channel_row(row) for row in view.connection.execute(query).mappings()]

    def one(self, ident: str) -> ChannelRow:
        """The channel of that id, or of the one id it begins (at least 8 characters)."""
        ident = ident.strip().lower()
        missing = NotFound(f"提醒渠道“{ident[:40]}”不存在")
        if len(ident) < SHORT or not all(ch in "0123456789abcdef-" for ch in ident):
            raise missing
        with self.read.at() as view:
            query = select(channels).where(C.id.startswith(ident, autoescape=True))
            found = view.connection.execute(query.limit(2)).mappings().all()
        if len(found) != 1:
            raise missing
        return channel_row(found[0])


def channel_row(row: Any) -> ChannelRow:
    return ChannelRow(
        **{k: row[k] for k in ("id", "unit", "kind", "has_secret", "active", "added_by")},
        target=masked(row["target"]),
        added_at=moment(row["added_at"]),  # type: ignore[arg-type]
        tested_at=moment(row["tested_at"]),
        test_error=row["test_error"],
    )
