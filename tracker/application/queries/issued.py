"""签发 as recorded: each signed-off 月报表 and the file kept for it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select

from tracker.application.files import FileStore
from tracker.application.queries.reader import Reader
from tracker.domain.base import campaign_id
from tracker.domain.campaign import Campaign
from tracker.domain.period import Period
from tracker.projections import tables
from tracker.projections.codec import moment, utc_text

I = tables.issued_reports.c  # noqa: E741


@dataclass(frozen=True)
class IssuedReport:
    """One signed-off 月报表."""

    period: Period
    unit: str | None  # None: district-wide
    as_of: datetime
    sha256: str
    size: int
    issued_at: datetime
    issued_by: str
    chain_head: str = ""  # the ledger's head as of ``as_of`` (in the event; not a read model)


class Issued:
    """The sign-offs of a campaign and their files."""

    def __init__(self, read: Reader, files: FileStore) -> None:
        self.read = read
        self.files = files

    def reports(
        self, year: int, period: Period | None = None, as_of: datetime | None = None
    ) -> list[IssuedReport]:
        """The sign-offs of a year (or one period), oldest first."""
        query = select(tables.issued_reports).where(I.year == year).order_by(I.issued_at)
        if period is not None:
            query = query.where(I.period == str(period))
        if as_of is not None:  # sign-offs are only ever added: no need to fold the log
            query = query.where(I.issued_at <= utc_text(as_of))
        with self.read.at() as view:
            return [issued_report(row) for row in view.connection.execute(query).mappings()]

    def chain_head(self, report: IssuedReport) -> str:
        """The ledger's head a sign-off recorded: it is in the event, not in the read model."""
        heads = [
            event.chain_head
            for event in self.read.events_of(campaign_id(report.period.year))
            if isinstance(event, Campaign.ReportIssued) and event.sha256 == report.sha256
        ]
        return heads[-1] if heads else ""

    def file(self, sha256: str) -> bytes:
        """The kept bytes of an issued report; NotFound if not kept here."""
        return self.files.read(sha256, "签发的报表文件不存在")


def issued_report(row: Any) -> IssuedReport:
    return IssuedReport(
        period=Period.parse(row["period"]),
        unit=row["unit"],
        as_of=moment(row["as_of"]),  # type: ignore[arg-type]
        sha256=row["sha256"],
        size=row["size"],
        issued_at=moment(row["issued_at"]),  # type: ignore[arg-type]
        issued_by=row["issued_by"],
    )


def earlier(reports: list[IssuedReport], report: IssuedReport) -> IssuedReport | None:
    """The sign-off of the same period and scope just before ``report`` (``reports`` oldest
    first): what "与上次签发相比" compares with."""
    before = [
        r
        for r in reports
        if r.period == report.period and r.unit == report.unit and r.issued_at < report.issued_at
    ]
    return before[-1] if before else None
