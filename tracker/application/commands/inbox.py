"""消息: a user's read mark moves on when they open their inbox."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from tracker.application.store import Store, retried
from tracker.domain.notice import Inbox, inbox_id


class InboxCommands:
    """What each user has read."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @retried
    def read(self, user: str, until: datetime, actor: str) -> UUID:
        """Every notice raised up to ``until`` is read by ``user`` (two tabs at once: both fine)."""
        ident = inbox_id(user)
        if self.store.exists(ident):
            inbox = self.store.load(Inbox, ident, f"用户“{user}”的消息不存在")
            inbox.read(until, actor)
        else:
            inbox = Inbox.open(user, until, actor)
        if inbox.pending_events:
            self.store.commit(inbox)
        return inbox.id
