"""签发: record the sign-off of a period's 月报表 and keep the signed file.

The application does not render: the caller (``reports``) makes the PDF as of
a moment and hands the bytes over. The file is kept in the file store by its
sha256 first, then ``Campaign.ReportIssued`` records the hash, so an event
never names a lost file. The event also records the ledger's chain head as of
the report's moment, the one the PDF prints.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from tracker.application.commands.campaigns import load_campaign
from tracker.application.files import FileStore
from tracker.application.ledger.chain import head
from tracker.application.queries.compare import Compare
from tracker.application.queries.issued import Issued, IssuedReport
from tracker.application.store import Store
from tracker.domain.base import unit_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, NotFound
from tracker.domain.period import Period


class IssueCommands:
    """Sign-offs of the 月报表."""

    def __init__(self, store: Store, files: FileStore, issued: Issued, compare: Compare) -> None:
        self.store = store
        self.files = files
        self.issued = issued
        self.compare = compare

    def unchanged(self, period: Period, unit: str | None) -> IssuedReport | None:
        """The last sign-off of this period and scope if nothing in it has changed since:
        signing off again would record the same report a second time."""
        earlier = [r for r in self.issued.reports(period.year, period) if r.unit == unit]
        if not earlier:
            return None
        changes = self.compare.between(period, earlier[-1].as_of, clock.now()).changes
        return earlier[-1] if all(unit and c.unit != unit for c in changes) else None

    def issue(
        self,
        period: Period,
        unit: str | None,
        as_of: datetime,
        pdf: bytes,
        actor: str,
        chain_head: str | None = None,
    ) -> IssuedReport:
        """Keep ``pdf`` (the 月报表 made as of ``as_of``) and record its sign-off.

        ``chain_head`` is the head the PDF prints: it must still be the head as of ``as_of``.
        """
        campaign = load_campaign(self.store, period.year)
        if unit is not None and not self.store.exists(unit_id(unit)):
            raise NotFound(f"责任单位“{unit}”不存在", "unit")
        with self.store.engine.connect() as connection:
            standing = head(connection, as_of).link
        if chain_head is not None and chain_head != standing:
            raise Conflict("生成报表期间又有截至该时刻的数据写入，请重新签发")
        sha256 = hashlib.sha256(pdf).hexdigest()
        now = clock.now()
        campaign.issue_report(period, unit, as_of, sha256, len(pdf), now, actor, standing)
        issued_at = campaign.pending_events[-1].timestamp
        self.files.put(pdf)  # before the event: it never names a lost file
        self.store.commit(campaign, conflict="战役数据已被他人同时修改，请重新签发")
        return IssuedReport(period, unit, as_of, sha256, len(pdf), issued_at, actor, standing)
