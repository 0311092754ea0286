"""The register: campaigns, units, projects with their details, report versions and files."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import case, func, select

from tracker.application.queries.reader import Reader, View
from tracker.application.queries.rows import CampaignRow, campaign_row
from tracker.domain.catalog import CATEGORIES
from tracker.domain.errors import NotFound
from tracker.domain.money import from_cents
from tracker.projections import tables
from tracker.projections.codec import (
    amounts,
    day,
    json_text,
    moment,
    report_columns,
    report_values,
    utc_text,
)

P, V, A = tables.projects.c, tables.report_versions.c, tables.attachments.c


@dataclass(frozen=True)
class ProjectInfo:
    """A project as the register holds it now (or held it at a past moment)."""

    code: str
    name: str
    category: str
    unit: str
    nature: str
    scope: str
    manager: str
    reporter: str
    phone: str
    remark: str
    pilot: bool
    spot_check: bool
    total_investment: Decimal
    annual_plan: Decimal
    monthly_plan: tuple[Decimal, ...]
    planned_start: date
    planned_completion: date
    status: str  # active | completed | withdrawn
    started_on: date | None
    completed_on: date | None
    campaign_year: int
    registered_at: datetime
    registered_by: str
    national_code: str = ""  # 项目代码 of the national online platform, "" if none


@dataclass(frozen=True)
class ReportVersion:
    """One version of a period's report: the first submission (1) or a correction."""

    code: str
    period: str
    version: int
    values: dict[str, Any]  # by the names of REPORT_FIELDS
    attachments: tuple[dict[str, Any], ...]
    received_at: datetime
    actor: str
    reason: str | None


@dataclass(frozen=True)
class AttachmentRow:
    sha256: str
    code: str
    period: str
    name: str
    media_type: str
    kind: str
    size: int
    added_at: datetime
    added_by: str


@dataclass(frozen=True)
class RegisterPage:
    rows: list[ProjectInfo]
    total: int  # projects matching, on every page
    annual_plan: Decimal  # their 年度计划 in all


class Register:
    """Questions about what is registered."""

    def __init__(self, read: Reader) -> None:
        self.read = read

    def campaign(self, year: int, as_of: datetime | None = None) -> CampaignRow:
        with self.read.at(as_of) as view:
            return known_campaign(view, year)

    def campaign_years(self) -> list[int]:
        with self.read.at() as view:
            query = select(tables.campaigns.c.year).where(view.holds(tables.campaigns))
            return list(view.connection.execute(query).scalars())

    def is_empty(self) -> bool:
        """True when no project has been registered yet."""
        with self.read.at() as view:
            query = select(func.count()).select_from(tables.projects)
            return not view.connection.execute(query.where(view.holds(tables.projects))).scalar()

    def units(self) -> list[str]:
        """Every registered unit's name, in name order."""
        query = select(tables.units.c.name).order_by(tables.units.c.name)
        with self.read.at() as view:
            return list(view.connection.execute(query).scalars())

    def project_units(self, year: int, as_of: datetime | None = None) -> list[str]:
        """The units with a project in the campaign, in name order: a filter's choices."""
        with self.read.at(as_of) as view:
            query = select(P.unit).where(P.campaign_year == year, view.holds(tables.projects))
            return list(view.connection.execute(query.distinct().order_by(P.unit)).scalars())

    def codes(self) -> list[str]:
        """Every project's code (any year, withdrawn or not), in order: a filter's choices."""
        query = select(P.code).where(P.valid_to.is_(None)).order_by(P.code)
        with self.read.at() as view:
            return list(view.connection.execute(query).scalars())

    def projects(
        self, year: int | None = None, unit: str | None = None, as_of: datetime | None = None
    ) -> list[ProjectInfo]:
        """The register, ordered by code."""
        with self.read.at(as_of) as view:
            query = select(tables.projects).where(view.holds(tables.projects)).order_by(P.code)
            if year is not None:
                query = query.where(P.campaign_year == year)
            if unit is not None:
                query = query.where(P.unit == unit)
            return [project_info(row) for row in view.connection.execute(query).mappings()]

    def page(
        self,
        year: int,
        unit: str | None = None,
        category: str | None = None,
        as_of: datetime | None = None,
        offset: int = 0,
        limit: int | None = None,
    ) -> RegisterPage:
        """A page of the register in category order then code, with the count and 年度计划
        of every project matching ``unit`` and ``category`` (None: any)."""
        with self.read.at(as_of) as view:
            wanted = [P.campaign_year == year, view.holds(tables.projects)]
            wanted += [P.unit == unit] if unit is not None else []
            wanted += [P.category == category] if category is not None else []
            count, annual = view.connection.execute(
                select(func.count(), func.sum(P.annual_plan_cents)).where(*wanted)
            ).one()
            order = case({name: i for i, name in enumerate(CATEGORIES)}, value=P.category)
            query = select(tables.projects).where(*wanted).order_by(order, P.code)
            rows = view.connection.execute(query.offset(offset).limit(limit)).mappings()
            return RegisterPage([project_info(row) for row in rows], count, from_cents(annual or 0))

    def project(self, code: str, as_of: datetime | None = None) -> ProjectInfo:
        """One project, or NotFound (also for a project registered after ``as_of``)."""
        with self.read.at(as_of) as view:
            return find_project(view, code)

    def versions(
        self, code: str, period: str | None = None, as_of: datetime | None = None
    ) -> list[ReportVersion]:
        """Every version of the project's reports (of one period), oldest first."""
        with self.read.at(as_of) as view:
            return report_versions(view, code, period)

    def attachments(self, code: str, as_of: datetime | None = None) -> list[AttachmentRow]:
        """The project's files, oldest first (as of a moment: those added by then)."""
        with self.read.at(as_of) as view:
            query = select(tables.attachments).where(A.code == code, view.recorded(A.added_at))
            rows = view.connection.execute(query.order_by(A.added_at)).mappings()
            return [attachment_row(row) for row in rows]

    def codes_with_attachments(self, as_of: datetime | None = None) -> set[str]:
        """The projects that have files (as of a moment: added by then)."""
        with self.read.at(as_of) as view:
            found = select(A.code.distinct()).where(view.recorded(A.added_at))
            return set(view.connection.execute(found).scalars())

    def national_codes(self, year: int) -> dict[str, str]:
        """The 项目代码 given in a campaign, each with the project (编号) that has it."""
        query = select(P.national_code, P.code).where(P.campaign_year == year)
        query = query.where(P.national_code != "")
        with self.read.at() as view:
            return dict(view.connection.execute(query.where(view.holds(tables.projects))).all())

    def attachment_codes(self, sha256: str) -> set[str]:
        """Codes of the projects a stored file belongs to."""
        with self.read.at() as view:
            found = view.connection.execute(select(A.code).where(A.sha256 == sha256))
            return set(found.scalars())


def known_campaign(view: View, year: int) -> CampaignRow:
    found = campaign_row(view, year)
    if found is None:
        raise NotFound(f"{year} 年度战役不存在（或在所选时刻尚未创建）")
    return found


def find_project(view: View, code: str) -> ProjectInfo:
    query = select(tables.projects).where(P.code == code, view.holds(tables.projects))
    row = view.connection.execute(query).mappings().first()
    if row is None:
        raise NotFound(f"项目“{code}”{'在所选时刻尚未登记' if view.as_of else '不存在'}")
    return project_info(row)


def report_versions(view: View, code: str, period: str | None = None) -> list[ReportVersion]:
    query = select(tables.report_versions).where(V.code == code, view.recorded(V.valid_from))
    if period is not None:
        query = query.where(V.period == period)
    rows = view.connection.execute(query.order_by(V.period, V.version)).mappings()
    return [report_version(row) for row in rows]


def project_info(row: Any) -> ProjectInfo:
    return ProjectInfo(
        **{key: row[key] for key in ("code", "name", "category", "unit", "nature", "scope")},
        **{key: row[key] for key in ("manager", "reporter", "phone", "remark", "status")},
        pilot=bool(row["pilot"]),
        spot_check=bool(row["spot_check"]),
        total_investment=from_cents(row["total_investment_cents"]),
        annual_plan=from_cents(row["annual_plan_cents"]),
        monthly_plan=amounts(row["monthly_plan"]),
        planned_start=date.fromisoformat(row["planned_start"]),
        planned_completion=date.fromisoformat(row["planned_completion"]),
        started_on=day(row["started_on"]),
        completed_on=day(row["completed_on"]),
        campaign_year=row["campaign_year"],
        registered_at=moment(row["registered_at"]),  # type: ignore[arg-type]
        registered_by=row["registered_by"],
        national_code=row["national_code"] or "",
    )


def report_version(row: Any) -> ReportVersion:
    return ReportVersion(
        code=row["code"],
        period=row["period"],
        version=row["version"],
        values=report_values(row),
        attachments=tuple(json.loads(row["attachments"])),
        received_at=moment(row["received_at"]),  # type: ignore[arg-type]
        actor=row["actor"],
        reason=row["reason"],
    )


def stored_version(code: str, number: int, event: Any) -> ReportVersion:
    """Version ``number`` of a report as its event (a ReportSubmitted) puts it in the read model."""
    return report_version(
        {
            "code": code,
            "period": event.period,
            "version": number,
            **report_columns(vars(event)),
            "attachments": json_text(list(event.attachments)),
            "received_at": utc_text(event.received_at),
            "actor": event.actor,
            "reason": getattr(event, "reason", None),
        }
    )


def attachment_row(row: Any) -> AttachmentRow:
    return AttachmentRow(**{**row, "added_at": moment(row["added_at"])})
