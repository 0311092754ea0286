"""A district's data package of a signed-off period: the 月报表's rows as the signed PDF has them.

The package is made from the latest district-wide 签发 of the period, as of that sign-off's
moment: the same rows, the same restatements, the PDF's sha256 and the chain head it printed.
Made again later, it is the same bytes (a later correction is the next sign-off's business).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from tracker.application.packages.signing import signed
from tracker.application.queries.issued import Issued, IssuedReport
from tracker.application.queries.monthly import Monthly, Restatement
from tracker.application.queries.register import Register
from tracker.application.queries.rows import ProjectRow
from tracker.application.queries.summaries import TotalRow
from tracker.domain.errors import NotFound, RuleViolation
from tracker.domain.money import format_money
from tracker.domain.period import Period

FORMAT = "tracker.district-package"


class PackageExport:
    """The signed data package of a district's signed-off period."""

    def __init__(self, issued: Issued, monthly: Monthly, register: Register) -> None:
        self.issued = issued
        self.monthly = monthly
        self.register = register

    def sign_off(self, period: Period) -> IssuedReport:
        """The latest district-wide sign-off of ``period``, or a refusal."""
        found = [r for r in self.issued.reports(period.year, period) if r.unit is None]
        if not found:
            raise NotFound(f"{period.label}尚未签发全区月报表，签发后才能导出数据包", "period")
        return found[-1]

    def package(self, period: Period, key: str | None) -> bytes:
        """The package's bytes, signed with ``key`` (TRACKER_PACKAGE_KEY)."""
        issued = self.sign_off(period)
        data = self.monthly.data(period, None, issued.as_of)
        campaign = data.summary.campaign
        if campaign.level != "district":
            raise RuleViolation("市级战役不导出区县数据包")
        zone = campaign.schedule.zone
        given = self.register.national_codes(period.year)
        codes = {code: national for national, code in given.items()}
        content = {
            "format": FORMAT,
            "version": 1,
            "district": campaign.district,
            "year": period.year,
            "period": str(period),
            "period_label": period.label,
            "deadline": when(period.closes_at(campaign.schedule), zone),
            "as_of": when(issued.as_of, zone),
            "issued_at": when(issued.issued_at, zone),
            "issued_by": issued.issued_by,
            "report": {"sha256": issued.sha256, "size": issued.size},
            "chain_head": self.issued.chain_head(issued),
            "totals": totals(data.summary.district),
            "projects": [project(row, codes.get(row.code, "")) for row in data.summary.projects],
            "restatements": [restated(r, zone) for r in data.restatements],
        }
        return signed(content, key)


def when(moment: datetime, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat()


def money(value: Any) -> str | None:
    return None if value is None else format_money(value)


def totals(row: TotalRow) -> dict[str, Any]:
    f = row.figures
    return {
        "projects": row.projects,
        "annual_plan": money(f.annual_plan),
        "ytd_plan": money(f.ytd_plan),
        "ytd_actual": money(f.ytd_actual),
        "period_investment": money(f.period_investment),
    }


def project(row: ProjectRow, national_code: str) -> dict[str, Any]:
    return {
        "code": row.code,
        "national_code": national_code,
        **{name: getattr(row, name) for name in ("name", "category", "unit", "nature")},
        "project_status": row.project_status,
        "status": row.status,
        **{k: v for k, v in totals(TotalRow("", row.figures, "", 0)).items() if k != "projects"},
        "light": row.light,
        "progress": row.progress,
        "progress_pct": None if row.progress_pct is None else str(row.progress_pct),
    }


def restated(row: Restatement, zone: ZoneInfo) -> dict[str, Any]:
    return {
        "period": str(row.period),
        "code": row.code,
        "name": row.name,
        "unit": row.unit,
        "signed_off_at": when(row.signed_off_at, zone),
        "before": money(row.before),
        "after": money(row.after),
        "difference": money(row.difference),
        "changed_at": when(row.changed_at, zone),
        "reasons": list(row.reasons),
    }
