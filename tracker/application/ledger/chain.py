"""The hash chain: each stored event's link ``h_n = H(h_(n-1) ‖ canonical bytes of event n)``.

The canonical bytes of an event are five fields, each as its length (8 bytes,
big-endian) followed by its bytes: the notification id (decimal ASCII), the
aggregate id (the UUID's hyphenated text), the version (decimal ASCII), the
topic (UTF-8) and the state exactly as stored (its time is inside). ``h_0`` is
32 zero bytes. ``H`` is SHA-256, or SM3 where OpenSSL 3 provides it
(``TRACKER_CHAIN_HASH=sm3``); each link records the algorithm it was made with.
A link is written in the same transaction as its event (``Store._record``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import Connection, insert, select, text
from sqlalchemy.orm import Session

from tracker.application.ledger.tables import chain
from tracker.domain.errors import DamagedRecord, InvalidValue
from tracker.projections.codec import moment, utc_text

GENESIS = "0" * 64
ALGORITHMS = ("sha256", "sm3")
C = chain.c
_TIME = re.compile(rb'^\{"timestamp":\{"_type_":"datetime_iso","_data_":"([^"]{10,40})"\}')


class HashUnavailable(InvalidValue, RuntimeError):
    """The configured hash cannot be used here (a RuntimeError too: `tracker serve` refuses)."""


class Stored(Protocol):
    """A stored event as the recorder returns it (eventsourcing's ``Notification``)."""

    id: int
    originator_id: Any
    originator_version: int
    topic: str
    state: bytes


def hasher(algorithm: str) -> Callable[[bytes], Any]:
    """The hash function named ``algorithm``; refused with a Chinese message if unavailable."""
    if algorithm == "sha256":
        return hashlib.sha256
    if algorithm == "sm3":
        try:
            hashlib.new("sm3")
        except ValueError:
            raise HashUnavailable(
                "此环境的 OpenSSL 不提供国密 SM3 算法（hashlib.new('sm3') 不可用）："
                "请在 OpenSSL 3 上运行，或设置 TRACKER_CHAIN_HASH=sha256"
            ) from None
        return lambda data: hashlib.new("sm3", data)
    raise HashUnavailable(f"不支持的账本哈希算法“{algorithm}”，只能是 sha256 或 sm3")


def canonical(event: Stored) -> bytes:
    """The bytes of a stored event that its link covers."""
    parts = (
        str(event.id).encode(),
        str(event.originator_id).encode(),
        str(event.originator_version).encode(),
        event.topic.encode(),
        raw(event.state),
    )
    return b"".join(len(part).to_bytes(8, "big") + part for part in parts)


def raw(state: Any) -> bytes:
    """The stored state's bytes (a hand-edited SQLite row may come back as text)."""
    return state.encode() if isinstance(state, str) else bytes(state)


def link(hash_: Callable[[bytes], Any], previous: str, event: Stored) -> str:
    return str(hash_(bytes.fromhex(previous) + canonical(event)).hexdigest())


def stated_time(state: bytes) -> str | None:
    """The event's time read from its stored state (UTC text), or None if it cannot be read."""
    found = _TIME.match(raw(state[:120]))
    if found is None:
        return None
    try:
        return utc_text(datetime.fromisoformat(found[1].decode()))
    except ValueError:
        return None


def kind_of(topic: str) -> str:
    """``tracker.domain.project:Project.ReportSubmitted`` → ``Project.ReportSubmitted``."""
    return topic.rpartition(":")[2]


@dataclass(frozen=True)
class Head:
    """The chain's last link (as of a moment): the link and the event it closes."""

    link: str
    notification_id: int | None  # None: no event yet (the link is h_0)
    at: datetime | None  # that event's time


EMPTY = Head(GENESIS, None, None)


class Chain:
    """Writes and reads the links, made with ``algorithm``."""

    def __init__(self, algorithm: str, events_table: str) -> None:
        self.algorithm = algorithm
        self.hash = hasher(algorithm)
        self.events_table = events_table

    def extend(self, session: Session, recordings: Sequence[Any]) -> None:
        """Link the events just recorded (eventsourcing ``Recording``s) in their transaction.

        PostgreSQL: the events table is locked (EXCLUSIVE) by the insert before
        this runs, so two writers never extend from the same head.
        """
        if not recordings:
            return
        first = recordings[0].notification.id
        last = session.execute(
            select(C.notification_id, C.link).order_by(C.notification_id.desc()).limit(1)
        ).first()
        if last is None:
            self.check_unlinked(session, first)
            previous = GENESIS
        elif last.notification_id >= first:
            raise DamagedRecord(
                f"事件日志的末尾被删除过：账本链已延伸到第 {last.notification_id} 号事件，"
                f"新事件却是第 {first} 号。为免覆盖证据，暂停写入；请运行 tracker audit verify 查明"
            )
        else:
            previous = last.link
        rows = []
        for recording in recordings:
            event = recording.notification
            previous = link(self.hash, previous, event)
            rows.append(self.row(event, previous, utc_text(recording.domain_event.timestamp)))
        session.execute(insert(chain), rows)

    def check_unlinked(self, session: Session, first: int) -> None:
        """An empty chain may only start at the first event: else `tracker init` must run."""
        earlier = session.execute(
            text(f"SELECT 1 FROM {self.events_table} WHERE id < :first LIMIT 1"), {"first": first}
        ).first()
        if earlier is not None:
            raise DamagedRecord("账本链尚未为已有事件建立，暂停写入：请先运行 tracker init")

    def fill(
        self, session: Session, events: Iterable[Stored], time_of: Callable[[Stored], str]
    ) -> int:
        """Link every event of ``events`` (the whole log, oldest first) into an empty chain."""
        previous, rows, count = GENESIS, [], 0
        for event in events:
            previous = link(self.hash, previous, event)
            rows.append(self.row(event, previous, time_of(event)))
            count += 1
            if len(rows) == 2000:
                session.execute(insert(chain), rows)
                rows.clear()
        if rows:
            session.execute(insert(chain), rows)
        return count

    def row(self, event: Stored, link_: str, at: str) -> dict[str, Any]:
        return {
            "notification_id": event.id,
            "link": link_,
            "algorithm": self.algorithm,
            "originator_id": str(event.originator_id),
            "originator_version": event.originator_version,
            "topic": event.topic,
            "at": at,
        }


def head(connection: Connection, at: datetime | None = None) -> Head:
    """The link of the last event (of those with a time ≤ ``at``); ``EMPTY`` before any."""
    query = select(C.link, C.notification_id, C.at).order_by(C.notification_id.desc()).limit(1)
    if at is not None:
        query = query.where(C.at <= utc_text(at))
    found = connection.execute(query).first()
    if found is None:
        return EMPTY
    return Head(found.link, found.notification_id, moment(found.at))


def is_empty(connection: Connection) -> bool:
    return connection.execute(select(C.notification_id).limit(1)).first() is None
