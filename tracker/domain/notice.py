"""Notices: the messages reminders send, each sent once, every attempt recorded.

A notice is one recipient's digest of one run: its sections are the reminders
due then (a deadline, a 未报 list, 督办 steps), each with a natural key such as
``before_3:2026-12-H1:区交通局``. Each key is claimed by a ``NoticeClaim`` whose id
comes from the key, saved with the notice in one transaction: a second sender
(another run, another process) collides on the claim and sends nothing.
Every delivery attempt is claimed the same way, as an event, before it is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4, uuid5

from tracker.domain.base import NAMESPACE, TrackerAggregate
from tracker.domain.errors import RuleViolation
from tracker.domain.rules.reminders import CUT_OFF, MAX_ATTEMPTS, retry_after


def claim_id(key: str) -> UUID:
    return uuid5(NAMESPACE, f"notice:{key}")


def inbox_id(user: str) -> UUID:
    return uuid5(NAMESPACE, f"inbox:{user.strip().lower()}")


@dataclass
class Delivery:
    """Where a notice stands on one channel."""

    attempts: int = 0
    delivered: bool = False
    sending_since: datetime | None = None  # an attempt under way
    failed_at: datetime | None = None
    error: str = ""

    def due(self, now: datetime) -> bool:
        """Not delivered, and either never tried, cut off, or waited out its back-off."""
        if self.delivered or self.attempts >= MAX_ATTEMPTS:
            return False
        if self.sending_since is not None:
            return now - self.sending_since >= CUT_OFF
        if self.failed_at is None:
            return True
        return now >= self.failed_at + retry_after(self.attempts)


class NoticeClaim(TrackerAggregate):
    """The claim of one natural key by the notice that carries it: taken once, ever."""

    class Claimed(TrackerAggregate.Created):
        key: str
        notice_id: str

    def __init__(self, key: str, notice_id: str, actor: str) -> None:
        self.key = key
        self.notice_id = notice_id

    @classmethod
    def claim(cls, key: str, notice_id: UUID, actor: str) -> NoticeClaim:
        return cls._create(
            cls.Claimed, id=claim_id(key), key=key, notice_id=str(notice_id), actor=actor
        )


class Notice(TrackerAggregate):
    """One message to a unit (``unit``) or to the bureau (``unit`` None), and its deliveries."""

    class Raised(TrackerAggregate.Created):
        unit: str | None
        title: str
        sections: list[dict[str, Any]]  # key, rule, heading, lines, link, action
        mentions: list[str]  # the 信息员's mobile numbers
        channels: list[str]  # the recipient's channels when it was raised

    class Attempted(TrackerAggregate.Event):
        channel: str

        def apply(self, notice: Notice) -> None:
            delivery = notice.deliveries[self.channel]
            delivery.attempts += 1
            delivery.sending_since = self.timestamp

    class Delivered(TrackerAggregate.Event):
        channel: str

        def apply(self, notice: Notice) -> None:
            delivery = notice.deliveries[self.channel]
            delivery.delivered, delivery.sending_since, delivery.error = True, None, ""

    class Failed(TrackerAggregate.Event):
        channel: str
        error: str

        def apply(self, notice: Notice) -> None:
            delivery = notice.deliveries[self.channel]
            delivery.sending_since, delivery.failed_at = None, self.timestamp
            delivery.error = self.error

    def __init__(
        self,
        unit: str | None,
        title: str,
        sections: list[dict[str, Any]],
        mentions: list[str],
        channels: list[str],
        actor: str,
    ) -> None:
        self.unit = unit
        self.title = title
        self.sections = sections
        self.mentions = mentions
        self.channels = channels
        self.deliveries = {channel: Delivery() for channel in channels}

    @classmethod
    def raise_for(
        cls,
        unit: str | None,
        title: str,
        sections: list[dict[str, Any]],
        mentions: list[str],
        channels: list[str],
        actor: str,
    ) -> Notice:
        if not sections:
            raise RuleViolation("提醒没有内容")
        return cls._create(
            cls.Raised,
            id=uuid4(),
            unit=unit,
            title=title,
            sections=sections,
            mentions=mentions,
            channels=channels,
            actor=actor,
        )

    def due_channels(self, now: datetime) -> list[str]:
        """The channels a delivery should be attempted on now."""
        return [c for c in self.channels if self.deliveries[c].due(now)]

    def attempt(self, channel: str, now: datetime, actor: str) -> None:
        """Claim an attempt on ``channel``: only one sender makes it."""
        if channel not in self.deliveries or not self.deliveries[channel].due(now):
            raise RuleViolation("该渠道现在无需发送")
        self.trigger_event(self.Attempted, channel=channel, actor=actor)

    def delivered(self, channel: str, actor: str) -> None:
        self.check_sending(channel)
        self.trigger_event(self.Delivered, channel=channel, actor=actor)

    def failed(self, channel: str, error: str, actor: str) -> None:
        self.check_sending(channel)
        self.trigger_event(self.Failed, channel=channel, error=error[:500], actor=actor)

    def check_sending(self, channel: str) -> None:
        if channel not in self.deliveries or self.deliveries[channel].sending_since is None:
            raise RuleViolation("该渠道没有正在进行的发送")


class Inbox(TrackerAggregate):
    """What a user has read of their 消息: every notice raised up to ``read_until``."""

    class Opened(TrackerAggregate.Created):
        user: str
        read_until: datetime

    class Read(TrackerAggregate.Event):
        read_until: datetime

        def apply(self, inbox: Inbox) -> None:
            inbox.read_until = self.read_until

    def __init__(self, user: str, read_until: datetime, actor: str) -> None:
        self.user = user
        self.read_until = read_until

    @classmethod
    def open(cls, user: str, read_until: datetime, actor: str) -> Inbox:
        return cls._create(
            cls.Opened, id=inbox_id(user), user=user, read_until=read_until, actor=actor
        )

    def read(self, until: datetime, actor: str) -> None:
        """Everything raised up to ``until`` is read (a mark never moves back)."""
        if until > self.read_until:
            self.trigger_event(self.Read, read_until=until, actor=actor)
