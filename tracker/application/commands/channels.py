"""提醒渠道 commands: add (or add again), remove, and record a test message's outcome."""

from __future__ import annotations

from uuid import UUID

from tracker.application.store import Store, retried
from tracker.domain.base import known_id, unit_id
from tracker.domain.channel import Channel, channel_id
from tracker.domain.errors import InvalidValue


class ChannelCommands:
    """Where each unit's and the bureau's notices are delivered; every change an event."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def load(self, ident: str | UUID) -> Channel:
        missing = f"提醒渠道“{ident}”不存在"
        return self.store.load(Channel, known_id(ident, missing), missing)

    def add(self, unit: str | None, kind: str, target: str, secret: str, actor: str) -> UUID:
        """A channel for ``unit`` (None: the bureau). The same one again is a Conflict;
        one that was removed comes back, with the secret given now."""
        if unit is not None and not self.store.exists(unit_id(unit)):
            raise InvalidValue(f"责任单位“{unit}”不存在", "unit")
        ident = channel_id(unit, kind, target)
        if self.store.exists(ident):
            channel = self.load(ident)
            channel.restore(secret, actor)
        else:
            channel = Channel.add(unit, kind, target, secret, actor)
        self.store.commit(channel, conflict="该渠道已存在")
        return channel.id

    def remove(self, ident: str, actor: str) -> UUID:
        channel = self.load(ident)
        channel.remove(actor)
        self.store.commit(channel, conflict="该渠道已被他人同时修改，请刷新后查看")
        return channel.id

    @retried
    def tested(self, ident: str, error: str, actor: str) -> UUID:
        """How a test message went ("" when it arrived)."""
        channel = self.load(ident)
        channel.tested(error, actor)
        self.store.commit(channel)
        return channel.id
