"""签发: record the sign-off of a period's 月报表 and keep the signed file.

The application does not render: the caller (``reports``) makes the PDF as of
a moment and hands the bytes over. The file is kept in the file store by its
sha256 first, then ``Campaign.ReportIssued`` records the hash, so an event
never names a lost file.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from tracker.application.commands.campaigns import load_campaign
from tracker.application.files import FileStore
from tracker.application.queries.issued import IssuedReport
from tracker.application.store import Store
from tracker.domain.base import unit_id
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.domain.period import Period


class IssueCommands:
    """Sign-offs of the 月报表."""

    def __init__(self, store: Store, files: FileStore) -> None:
        self.store = store
        self.files = files

    def issue(
        self, period: Period, unit: str | None, as_of: datetime, pdf: bytes, actor: str
    ) -> IssuedReport:
        """Keep ``pdf`` (the 月报表 made as of ``as_of``) and record its sign-off."""
        campaign = load_campaign(self.store, period.year)
        if unit is not None and not self.store.exists(unit_id(unit)):
            raise NotFound(f"责任单位“{unit}”不存在", "unit")
        sha256 = hashlib.sha256(pdf).hexdigest()
        campaign.issue_report(period, unit, as_of, sha256, len(pdf), clock.now(), actor)
        issued_at = campaign.pending_events[-1].timestamp
        self.files.put(pdf)  # before the event: it never names a lost file
        self.store.commit(campaign, conflict="战役数据已被他人同时修改，请重新签发")
        return IssuedReport(period, unit, as_of, sha256, len(pdf), issued_at, actor)
