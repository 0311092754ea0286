"""签发: signing off a period's 月报表, keeping the file, and restating later corrections.

The application does not render: the caller (``reports``) makes the PDF as of
a moment and hands the bytes over. The file is kept by its sha256 under the
files dir, then ``Campaign.ReportIssued`` records the hash. A correction made
to a signed-off period afterwards is shown by the next report as a
restatement (更正), so a signed-off figure never changes silently.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, or_, select

from tracker.application.reporting import Reporting
from tracker.domain.base import campaign_id, project_id, unit_id
from tracker.domain.campaign import Campaign
from tracker.domain.clock import clock
from tracker.domain.errors import NotFound
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.projections import tables
from tracker.projections.problems import ProblemRow, problem_rows
from tracker.projections.projector import utc_text
from tracker.projections.rows import project_rows
from tracker.projections.summary import Summary, summarize


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


@dataclass(frozen=True)
class Restatement:
    """更正: a signed-off period's figure changed by a report received after sign-off."""

    period: Period
    code: str
    name: str
    unit: str
    signed_off_at: datetime  # the latest sign-off that showed the earlier figure
    before: Decimal | None  # None: not yet reported then (补报)
    after: Decimal
    changed_at: datetime
    reasons: tuple[str, ...]

    @property
    def difference(self) -> Decimal:
        return self.after - (self.before or Decimal("0.00"))


@dataclass(frozen=True)
class MonthlyData:
    """Everything a 月报表 shows, read in one go as of one moment."""

    summary: Summary
    unit: str | None
    open_problems: dict[str, list[ProblemRow]]  # 存在问题: open at the period's deadline
    restatements: list[Restatement]


class Issuing(Reporting):
    """The 月报表's data, its sign-off and the files kept for it."""

    #: where issued files are kept; ``bootstrap`` sets it from the settings
    files_dir: Path = Path("var/files")

    def monthly_data(
        self, period: Period, unit: str | None = None, as_of: datetime | None = None
    ) -> MonthlyData:
        """The district's (or one unit's) figures, open problems and restatements at ``period``."""
        if unit is not None and not self.exists(unit_id(unit)):
            raise NotFound(f"责任单位“{unit}”不存在", "unit")
        now = as_of or clock.now()
        with self.reading(as_of) as connection:
            campaign = self._campaign(connection, period.year)
            rows = project_rows(connection, period, campaign.schedule, now, campaign.thresholds)
            rows = [row for row in rows if unit is None or row.unit == unit]
            codes = {row.code for row in rows}
            problems: dict[str, list[ProblemRow]] = {}
            closes = period.closes_at(campaign.schedule)
            for problem in problem_rows(connection):
                if problem.code in codes and _open_at(problem, period, closes):
                    problems.setdefault(problem.code, []).append(problem)
            candidates = _restatement_candidates(connection, period, unit)
        summary = summarize(campaign, period, rows, campaign.thresholds, now)
        restated = [self._restatement(*candidate, until=now) for candidate in candidates]
        return MonthlyData(summary, unit, problems, [r for r in restated if r is not None])

    def issue_report(
        self, period: Period, unit: str | None, as_of: datetime, pdf: bytes, actor: str
    ) -> IssuedReport:
        """Keep ``pdf`` (the 月报表 made as of ``as_of``) and record its sign-off."""
        campaign = self.campaign(period.year)
        if unit is not None and not self.exists(unit_id(unit)):
            raise NotFound(f"责任单位“{unit}”不存在", "unit")
        sha256 = hashlib.sha256(pdf).hexdigest()
        now = clock.now()
        campaign.issue_report(period, unit, as_of, sha256, len(pdf), now, actor)
        issued_at = campaign.pending_events[-1].timestamp
        keep_file(self.files_dir, sha256, pdf)  # before the event: it never names a lost file
        self.commit(campaign, conflict="战役数据已被他人同时修改，请重新签发")
        return IssuedReport(period, unit, as_of, sha256, len(pdf), issued_at, actor)

    def issued_reports(
        self, year: int, period: Period | None = None, as_of: datetime | None = None
    ) -> list[IssuedReport]:
        """The sign-offs of a year (or one period), oldest first."""
        i = tables.issued_reports.c
        query = select(tables.issued_reports).where(i.year == year).order_by(i.issued_at)
        if period is not None:
            query = query.where(i.period == str(period))
        if as_of is not None:  # sign-offs are only ever added: no need to fold the log
            query = query.where(i.issued_at <= utc_text(as_of))
        with self.engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
        return [_issued(row) for row in rows]

    def issued_file(self, sha256: str) -> bytes:
        """The kept bytes of an issued report; NotFound if not kept here."""
        path = stored_path(self.files_dir, sha256)
        if not path.is_file():
            raise NotFound("签发的报表文件不存在")
        return path.read_bytes()

    def project_as_of(self, code: str, as_of: datetime | None = None) -> Project:
        """The project as it stood at ``as_of``; NotFound if not yet registered then."""
        self.project(code)  # NotFound for unknown codes
        return self._as_of(project_id(code), as_of, f"项目“{code}”在所选时刻尚未登记")

    def campaign_as_of(self, year: int, as_of: datetime | None = None) -> Campaign:
        """The campaign (district, settings) as it stood at ``as_of``."""
        self.campaign(year)
        return self._as_of(campaign_id(year), as_of, f"{year} 年度战役在所选时刻尚未创建")

    def _as_of(self, aggregate_id: UUID, as_of: datetime | None, missing: str) -> Any:
        if as_of is None:
            return self.repository.get(aggregate_id)
        versions = [
            event.originator_version
            for event in self.events.get(aggregate_id)
            if event.timestamp <= as_of
        ]
        if not versions:
            raise NotFound(missing)
        return self.repository.get(aggregate_id, version=versions[-1])

    def _restatement(
        self, period: Period, code: str, name: str, unit: str, cutoff: datetime, until: datetime
    ) -> Restatement | None:
        versions = [
            event
            for event in self.events.get(project_id(code))
            if isinstance(event, Project.ReportSubmitted)
            and event.period == str(period)
            and event.timestamp <= until
        ]
        before = [v for v in versions if v.timestamp <= cutoff]
        after = [v for v in versions if v.timestamp > cutoff]
        old = before[-1].investment if before else None
        if not after or after[-1].investment == old:
            return None
        reasons = tuple(getattr(v, "reason", None) or "补报" for v in after)
        return Restatement(
            period,
            code,
            name,
            unit,
            cutoff,
            old,
            after[-1].investment,
            after[-1].timestamp,
            tuple(dict.fromkeys(reasons)),
        )


def _open_at(problem: ProblemRow, period: Period, closes: datetime) -> bool:
    """Raised by ``period`` (or before it closed) and not resolved before it closed."""
    if problem.period:
        raised = Period.parse(problem.period) <= period
    else:
        raised = problem.raised_at < closes
    return raised and (problem.resolved_at is None or problem.resolved_at >= closes)


def _restatement_candidates(
    connection: Connection, period: Period, unit: str | None
) -> list[tuple[Period, str, str, str, datetime]]:
    """(period, code, name, unit, cutoff) of signed-off earlier periods changed since.

    A period's cutoff is the latest sign-off, of it or of any later period
    before ``period``: a correction already shown by a signed-off report is
    not shown again.
    """
    i, f, p = tables.issued_reports.c, tables.figures.c, tables.projects.c
    scope = i.unit.is_(None) if unit is None else or_(i.unit.is_(None), i.unit == unit)
    issued = connection.execute(
        select(i.period, i.as_of).where(i.year == period.year, i.period < str(period), scope)
    ).all()
    cutoffs = {
        earlier: max(as_of for signed, as_of in issued if signed >= earlier)
        for earlier in {row.period for row in issued}
    }
    found = []
    for earlier, cutoff in sorted(cutoffs.items()):
        query = (
            select(p.code, p.name, p.unit)
            .join(tables.figures, f.code == p.code)
            .where(f.period == earlier, f.changed_at > cutoff, p.campaign_year == period.year)
            .order_by(p.code)
        )
        if unit is not None:
            query = query.where(p.unit == unit)
        for row in connection.execute(query):
            moment = datetime.fromisoformat(cutoff)
            found.append((Period.parse(earlier), row.code, row.name, row.unit, moment))
    return found


def _issued(row: dict) -> IssuedReport:
    return IssuedReport(
        period=Period.parse(row["period"]),
        unit=row["unit"],
        as_of=datetime.fromisoformat(row["as_of"]),
        sha256=row["sha256"],
        size=row["size"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        issued_by=row["issued_by"],
    )


def stored_path(files_dir: Path, sha256: str) -> Path:
    """Files are kept by content as ``files_dir/ab/cdef…`` (the attachments' layout)."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise NotFound("签发的报表文件不存在")
    return Path(files_dir) / sha256[:2] / sha256[2:]


def keep_file(files_dir: Path, sha256: str, data: bytes) -> Path:
    """Write ``data`` once under its hash; written beside, then renamed into place."""
    target = stored_path(files_dir, sha256)
    if target.is_file() and target.stat().st_size == len(data):
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".issue-")
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return target
