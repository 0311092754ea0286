"""One run of the reminders: raise what is due, deliver what is waiting, record every outcome.

Sent once: a notice is saved with a claim for each of its natural keys in one
transaction, and each delivery attempt is saved as an event before the message
leaves. A second run, or another process at the same moment, collides on the
claim (or on the notice's version) and leaves that notice to the one that won.
A failed delivery waits out its back-off and is tried again by a later run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import func, select

from tracker.application.commands.channels import ChannelCommands
from tracker.application.queries.reader import Reader
from tracker.application.reminders.due import Digest, Due
from tracker.application.reminders.messages import Message, title_of, trial_message
from tracker.application.reminders.sections import Section
from tracker.application.reminders.senders import DeliveryFailed, Outbound, Senders, Target
from tracker.application.store import Clash, Store, retried
from tracker.domain.catalog import CHANNEL_KINDS
from tracker.domain.channel import Channel
from tracker.domain.clock import clock
from tracker.domain.notice import Notice, NoticeClaim, claim_id
from tracker.domain.rules.reminders import PER_MINUTE
from tracker.projections.codec import utc_text
from tracker.projections.notice_tables import channels, deliveries, notices

ACTOR = "tracker:remind"
ATTEMPTS = 5  # a digest raised again with the keys others claimed meanwhile left out
RETRIED_FOR = timedelta(days=2)  # notices older than this are not tried again
MINUTE = timedelta(minutes=1)


@dataclass
class Run:
    """What one run did (``dry_run``: what it would do)."""

    at: datetime
    digests: list[Digest]
    raised: int = 0
    sent: int = 0
    failed: list[str] = field(default_factory=list)  # "<recipient> <channel>：<why>"
    deferred: int = 0  # held back by a robot's rate limit until the next run


class Reminders:
    """Sends the notices due at a moment, each once, by every channel of its recipient."""

    def __init__(
        self,
        store: Store,
        read: Reader,
        channel_commands: ChannelCommands,
        outbound: Outbound,
        per_minute: dict[str, int] | None = None,
    ) -> None:
        self.store, self.read, self.channels = store, read, channel_commands
        self.due = Due(read)
        self.senders = Senders(outbound)
        self.per_minute = PER_MINUTE if per_minute is None else per_minute

    def run(self, at: datetime | None = None, dry_run: bool = False, actor: str = ACTOR) -> Run:
        """Raise the notices due at ``at`` (default now), then deliver every one waiting."""
        at = at or clock.now()
        done = Run(at, self.due.digests(at))
        if dry_run:
            return done
        done.raised = self.raise_all(done.digests, actor)
        self.deliver_all(done, actor)
        return done

    # -- raising: a notice and the claims of its keys, in one transaction ----------------

    def raise_all(self, digests: list[Digest], actor: str) -> int:
        """Every digest in one transaction; if another sender claimed a key meanwhile,
        one by one, each without the keys claimed by then."""
        batch = [self.notice_of(digest, list(digest.sections), actor) for digest in digests]
        try:
            self.store.commit(*(each for notice, claims in batch for each in (notice, *claims)))
            return len(batch)
        except Clash:
            return sum(1 for digest in digests if self.raise_notice(digest, actor))

    def raise_notice(self, digest: Digest, actor: str) -> UUID | None:
        """The digest's notice with its claims; None when others claimed every key."""
        for _ in range(ATTEMPTS):
            fresh = [s for s in digest.sections if not self.store.exists(claim_id(s.key))]
            if not fresh:
                return None
            notice, claims = self.notice_of(digest, fresh, actor)
            try:
                self.store.commit(notice, *claims)
                return notice.id
            except Clash:
                continue  # someone claimed one of the keys first: raise the rest
        return None

    def notice_of(
        self, digest: Digest, sections: list[Section], actor: str
    ) -> tuple[Notice, list[NoticeClaim]]:
        notice = Notice.raise_for(
            digest.unit,
            title_of(digest.unit, sections),
            [section.as_event() for section in sections],
            sorted({mobile for section in sections for mobile in section.mentions}),
            self.channel_ids(digest.unit),
            actor,
        )
        return notice, [NoticeClaim.claim(s.key, notice.id, actor) for s in sections]

    # -- delivering: attempts claimed as events before anything leaves ------------------

    def deliver_all(self, done: Run, actor: str) -> None:
        """Claim the attempts due on every waiting notice, send, record how each went."""
        now = clock.now()
        claimed = self.commit_attempts(self.due_attempts(done, now, actor), now, actor)
        outcomes = {notice.id: self.send_all(notice, targets, done) for notice, targets in claimed}
        if outcomes:
            self.record(outcomes, actor)

    def due_attempts(
        self, done: Run, now: datetime, actor: str
    ) -> list[tuple[Notice, dict[str, Target]]]:
        """Each waiting notice with the attempts due on it taken (not yet saved), but those
        a robot's rate limit holds back to the next run."""
        limits, known = Limits(self.read, self.per_minute, now), {}
        claimed = []
        for ident in self.waiting():
            notice = self.store.load(Notice, UUID(ident), f"提醒“{ident}”不存在")
            for channel in notice.due_channels(now):
                if channel not in known:  # each channel loaded once a run
                    known[channel] = self.target(channel)
            targets = {c: known[c] for c in notice.due_channels(now) if known[c] is not None}
            chosen = {c: t for c, t in targets.items() if limits.take(t)}
            done.deferred += len(targets) - len(chosen)
            for channel in chosen:
                notice.attempt(channel, now, actor)
            if chosen:
                claimed.append((notice, chosen))
        return claimed

    def send_all(self, notice: Notice, targets: dict[str, Target], done: Run) -> dict:
        """Send the notice on each channel claimed; every outcome, None for arrived."""
        message = message_of(notice)
        outcomes = {channel: self.send(target, message) for channel, target in targets.items()}
        for channel, error in outcomes.items():
            if error is None:
                done.sent += 1
            else:
                kind = CHANNEL_KINDS[targets[channel].kind]
                done.failed.append(f"{message.recipient} {kind}：{error}")
        return outcomes

    def commit_attempts(
        self, claimed: list[tuple[Notice, dict[str, Target]]], now: datetime, actor: str
    ) -> list[tuple[Notice, dict[str, Target]]]:
        """All claims in one transaction; after a clash, each notice again on its own,
        leaving out the attempts another sender claimed meanwhile."""
        try:
            self.store.commit(*(notice for notice, _ in claimed))
            return claimed
        except Clash:
            pass
        kept = []
        for old, targets in claimed:
            notice = self.store.load(Notice, old.id, f"提醒“{old.id}”不存在")
            due = {c: t for c, t in targets.items() if c in notice.due_channels(now)}
            for channel in due:
                notice.attempt(channel, now, actor)
            try:
                if due:
                    self.store.commit(notice)
                    kept.append((notice, due))
            except Clash:
                continue  # another sender is on it
        return kept

    @retried
    def record(self, outcomes: dict[UUID, dict[str, str | None]], actor: str) -> None:
        """Each attempt's outcome: delivered, or failed with why (one transaction)."""
        changed = []
        for ident, channels_ in outcomes.items():
            notice = self.store.load(Notice, ident, f"提醒“{ident}”不存在")
            for channel, error in channels_.items():
                if error is None:
                    notice.delivered(channel, actor)
                else:
                    notice.failed(channel, error, actor)
            changed.append(notice)
        self.store.commit(*changed)

    def send(self, target: Target, message: Message) -> str | None:
        """None when it arrived, else why not: one channel's failure stops no other."""
        try:
            self.senders.send(target, message)
        except DeliveryFailed as failure:
            return str(failure)
        except Exception as error:  # a sender's bug must not hold up the other channels
            return f"发送出错：{error.__class__.__name__}: {error}"
        return None

    def test(self, ident: str, actor: str) -> str | None:
        """Send a test message on the channel and record how it went; None when it arrived."""
        channel = self.channels.load(ident)
        error = self.send(target_of(channel), trial_message(channel.unit or "建设局"))
        self.channels.tested(ident, error or "", actor)
        return error

    # -- reading --------------------------------------------------------------

    def channel_ids(self, unit: str | None) -> list[str]:
        c = channels.c
        owner = c.unit.is_(None) if unit is None else c.unit == unit
        with self.read.at() as view:
            query = select(c.id).where(owner, c.active.is_(True)).order_by(c.added_at)
            return list(view.connection.execute(query).scalars())

    def target(self, ident: str) -> Target | None:
        channel = self.channels.load(ident)
        return target_of(channel) if channel.active else None

    def waiting(self) -> list[str]:
        """Notices raised lately that some channel has not yet taken."""
        n = notices.c
        since = utc_text(clock.now() - RETRIED_FOR)
        query = select(n.id).where(n.delivered.is_(False), n.raised_at >= since)
        with self.read.at() as view:
            return list(view.connection.execute(query.order_by(n.raised_at)).scalars())


class Limits:
    """Messages per minute per robot (its address), counted from the attempts recorded."""

    def __init__(self, read: Reader, per_minute: dict[str, int], now: datetime) -> None:
        self.per_minute = per_minute
        d, c = deliveries.c, channels.c
        query = (
            select(c.target, func.count())
            .select_from(deliveries.join(channels, d.channel_id == c.id))
            .where(d.started_at >= utc_text(now - MINUTE))
            .group_by(c.target)
        )
        with read.at() as view:
            self.sent = {target: int(n) for target, n in view.connection.execute(query).all()}

    def take(self, target: Target) -> bool:
        """One more message to ``target`` now, if its limit allows."""
        limit = self.per_minute.get(target.kind)
        if limit is not None and self.sent.get(target.target, 0) >= limit:
            return False
        self.sent[target.target] = self.sent.get(target.target, 0) + 1
        return True


def target_of(channel: Channel) -> Target:
    return Target(str(channel.id), channel.kind, channel.target, channel.secret)


def message_of(notice: Notice) -> Message:
    return Message(notice.unit, notice.title, tuple(notice.sections), tuple(notice.mentions))
