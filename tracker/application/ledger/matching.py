"""Is this file byte-identical to something we hold? (TruBudget's "validate document")

A file is compared by its sha256 with every issued 月报表 (which period, when,
by whom, the chain head recorded at sign-off) and every stored attachment
(which project and which report). The content is hashed as it is read, so a
large upload is never held in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, BinaryIO

from sqlalchemy import Connection, select

from tracker.application.ledger.chain import head
from tracker.application.queries.issued import IssuedReport, issued_report
from tracker.domain.base import campaign_id
from tracker.domain.errors import InvalidValue
from tracker.projections import tables
from tracker.projections.codec import moment, utc_text

CHUNK = 1 << 16


@dataclass(frozen=True)
class IssuedMatch:
    """The file is this signed-off 月报表 (``report.chain_head``: as recorded at sign-off)."""

    report: IssuedReport
    head_now: str  # the chain's head as of the report's moment, read now: equal unless altered


@dataclass(frozen=True)
class AttachmentMatch:
    """The file is attached to this project's report."""

    code: str
    period: str
    name: str
    kind: str
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class FileCheck:
    sha256: str
    size: int
    issued: tuple[IssuedMatch, ...]
    attachments: tuple[AttachmentMatch, ...]

    @property
    def known(self) -> bool:
        return bool(self.issued or self.attachments)


def digest(stream: BinaryIO, limit: int | None = None) -> tuple[str, int]:
    """The sha256 and size of what ``stream`` holds; refused beyond ``limit`` bytes."""
    hashed, size = hashlib.sha256(), 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if limit is not None and size > limit:
            raise InvalidValue(f"文件过大：最多 {limit // (1024 * 1024)} MB", "file")
        hashed.update(chunk)
    return hashed.hexdigest(), size


def issued_matches(connection: Connection, store: Any, sha256: str) -> list[IssuedMatch]:
    I = tables.issued_reports.c  # noqa: E741
    query = select(tables.issued_reports).where(I.sha256 == sha256).order_by(I.issued_at)
    found = []
    for row in connection.execute(query).mappings():
        report = issued_report(row)
        recorded = recorded_head(store, report.period.year, sha256, row["issued_at"])
        found.append(
            IssuedMatch(replace(report, chain_head=recorded), head(connection, report.as_of).link)
        )
    return found


def recorded_head(store: Any, year: int, sha256: str, issued_at: str) -> str:
    """The chain head the 签发 event recorded (read from the campaign's events)."""
    for event in signed_off(store.events_of(campaign_id(year))):
        if event.sha256 == sha256 and utc_text(event.timestamp) == issued_at:
            return str(getattr(event, "chain_head", ""))
    return ""


def signed_off(events: Iterable[Any]) -> Iterable[Any]:
    return (e for e in events if type(e).__name__ == "ReportIssued")


def attachment_matches(connection: Connection, sha256: str) -> list[AttachmentMatch]:
    A = tables.attachments.c
    query = select(tables.attachments).where(A.sha256 == sha256).order_by(A.code, A.period)
    return [
        AttachmentMatch(
            code=row["code"],
            period=row["period"],
            name=row["name"],
            kind=row["kind"],
            added_at=moment(row["added_at"]),  # type: ignore[arg-type]
            added_by=row["added_by"],
        )
        for row in connection.execute(query).mappings()
    ]
