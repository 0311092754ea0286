"""The campaign as an OC4IDS 0.9 project package, now or as of a moment, from query rows only.

Per project: its id (项目代码 where it has one), title, sectors, status, budget with a
monthly ``budgetBreakdown``, ``forecasts`` (planned cumulative investment at each of the 24
periods) and ``metrics`` (actual cumulative investment, and reported 形象进度 %), the
responsible unit as ``publicAuthority`` and party, documents (signed-off 月报表 with their
sha256, minutes and photos), ``completion`` when completed, and ``modifications`` (an
extension: OC4IDS 0.9 has them only in contracting processes) for plan revisions.
"""

from __future__ import annotations

import json
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from tracker.application.oc4ids.codes import (
    DOCUMENT_TYPES,
    REPORT_DOCUMENT,
    SECTORS,
    day_end,
    day_start,
    milestone_status,
    milestone_type,
    project_status,
    value,
)
from tracker.application.oc4ids.progress import Rows, financial, physical, planned_physical
from tracker.application.queries.history import History
from tracker.application.queries.issued import Issued, IssuedReport
from tracker.application.queries.plans import MilestoneRow, Plans
from tracker.application.queries.register import AttachmentRow, ProjectInfo, Register
from tracker.application.queries.summaries import Summaries
from tracker.domain.base import unit_id
from tracker.domain.clock import clock
from tracker.domain.period import Schedule

VERSION = "0.9"
NATIONAL_SCHEME = "全国投资项目在线审批监管平台"


@dataclass(frozen=True)
class Known:
    """What the package reads once for every project: the signed-off reports, the 形象进度计划,
    and which projects have files, 节点 and plan revisions (the rest have none to read)."""

    issued: list[IssuedReport]
    plans: dict[str, tuple[Decimal, ...]]
    with_files: set[str]
    with_nodes: set[str]
    revised: set[str]


class OC4IDS:
    """The OC4IDS export of a campaign."""

    def __init__(
        self, register: Register, summaries: Summaries, history: History, issued: Issued,
        plans: Plans, base_url: str = "http://127.0.0.1:5000",
    ) -> None:  # fmt: skip
        self.register = register
        self.plans = plans
        self.summaries = summaries
        self.history = history
        self.issued = issued
        self.base_url = base_url

    def package(self, year: int, as_of: datetime | None = None) -> dict[str, Any]:
        """The project package of ``year``'s campaign (as of ``as_of``)."""
        campaign = self.register.campaign(year, as_of)
        schedule, moment = campaign.schedule, as_of or clock.now()
        rows: dict[str, Rows] = {}
        for period, period_rows in self.summaries.rows_by_period(year, as_of):
            for row in period_rows:
                rows.setdefault(row.code, []).append((period, row))
        known = Known(
            issued=self.issued.reports(year, as_of=as_of),
            plans=self.plans.progress_plans(as_of),
            # only these projects' files, nodes and events need reading, one project each
            with_files=self.register.codes_with_attachments(as_of),
            with_nodes=self.plans.codes_with_milestones(as_of),
            revised=self.history.plan_revised(as_of),
        )
        projects = [
            self.project(info, rows.get(info.code, []), known, schedule, as_of, campaign.district)
            for info in self.register.projects(year, as_of=as_of)
        ]
        return {
            "uri": f"{self.base_url}/api/v1/oc4ids.json",
            "publishedDate": moment.astimezone(schedule.zone).isoformat(timespec="seconds"),
            "version": VERSION,
            "publisher": {"name": f"{campaign.district}城市建设战役"},
            "projects": projects,
        }

    def package_bytes(self, year: int, as_of: datetime | None = None) -> bytes:
        text = json.dumps(self.package(year, as_of), ensure_ascii=False, sort_keys=True, indent=2)
        return (text + "\n").encode()

    def project(
        self, info: ProjectInfo, rows: Rows, known: Known,
        schedule: Schedule, as_of: datetime | None, district: str,
    ) -> dict[str, Any]:  # fmt: skip
        code = info.code
        files = self.register.attachments(code, as_of) if code in known.with_files else []
        zone = schedule.zone
        party = {"id": str(unit_id(info.unit)), "name": info.unit}
        found: dict[str, Any] = {
            "id": info.national_code or f"{district}-{info.code}",
            "identifiers": identifiers(info, district),
            "title": info.name,
            "status": project_status(info.status, info.nature, info.started_on),
            "sector": SECTORS[info.category],
            "period": {
                "startDate": day_start(info.planned_start, zone),
                "endDate": day_end(info.planned_completion, zone),
            },
            "budget": budget(info, zone),
            "publicAuthority": party,
            "parties": [{**party, "roles": ["publicAuthority"]}],
            "forecasts": [
                financial(rows, schedule, planned=True),
                *planned_physical(known.plans.get(code, ()), schedule, info.campaign_year),
            ],
            "metrics": [financial(rows, schedule, planned=False), *physical(rows, schedule)],
            "documents": documents(info, known.issued, files, zone),
        }
        if info.scope:
            found["description"] = info.scope
        nodes = self.plans.milestones(code, as_of) if code in known.with_nodes else []
        if nodes:
            today = (as_of or clock.now()).astimezone(zone).date()
            found["milestones"] = [milestone(node, zone, today) for node in nodes]
        if info.status == "completed" and info.completed_on:
            found["completion"] = {"endDate": day_end(info.completed_on, zone)}
        history = self.history.project(code, as_of) if code in known.revised else []
        revisions = modifications(history, zone)
        if revisions:
            found["modifications"] = revisions
        return found


def identifiers(info: ProjectInfo, district: str) -> list[dict[str, str]]:
    found = [{"scheme": f"{district}城市建设战役项目编号", "id": info.code}]
    if info.national_code:
        found.insert(0, {"scheme": NATIONAL_SCHEME, "id": info.national_code})
    return found


def budget(info: ProjectInfo, zone: ZoneInfo) -> dict[str, Any]:
    year = info.campaign_year
    months = [
        {
            "id": f"{year}-{month:02d}",
            "description": f"{year}年{month}月计划投资",
            "amount": value(amount),
            "period": {
                "startDate": day_start(date(year, month, 1), zone),
                "endDate": day_end(date(year, month, monthrange(year, month)[1]), zone),
            },
        }
        for month, amount in enumerate(info.monthly_plan, 1)
    ]
    return {
        "description": "总投资；年度计划投资按月分解",
        "amount": value(info.total_investment),
        "budgetBreakdowns": [
            {"id": f"plan-{year}", "description": f"{year}年度计划投资（按月）",
             "budgetBreakdown": months},
        ],
    }  # fmt: skip


def milestone(node: MilestoneRow, zone: ZoneInfo, today: date) -> dict[str, Any]:
    """A 节点: its planned day, and the day it was met."""
    found = {
        "id": f"node-{node.position}",
        "title": node.name,
        "type": milestone_type(node.name),
        "dueDate": day_end(node.planned_on, zone),
        "status": milestone_status(node.met_on, node.planned_on, today),
    }
    if node.met_on is not None:
        found["dateMet"] = day_end(node.met_on, zone)
    return found


def documents(
    info: ProjectInfo, issued: list[IssuedReport], files: list[AttachmentRow], zone: ZoneInfo
) -> list[dict[str, Any]]:
    found = [
        {
            "id": f"report-{report.sha256[:16]}",
            "documentType": REPORT_DOCUMENT,
            "title": f"{report.unit or '全区'}{report.period.label}月报表（签发件）",
            "description": f"签发件 PDF，SHA-256 {report.sha256}，{report.size} 字节",
            "datePublished": report.issued_at.astimezone(zone).isoformat(),
            "format": "application/pdf",
        }
        for report in issued
        if report.unit in (None, info.unit)
    ]
    found += [
        {
            "id": f"file-{row.sha256[:16]}-{row.period}",
            "documentType": DOCUMENT_TYPES.get(row.kind, row.kind),
            "title": row.name,
            "description": f"{row.period} 附件，SHA-256 {row.sha256}",
            "datePublished": row.added_at.astimezone(zone).isoformat(),
            "format": row.media_type,
        }
        for row in files
    ]
    return found


def modifications(history: list[Any], zone: ZoneInfo) -> list[dict[str, Any]]:
    """Each plan revision: the annual plan before and after, when, and the reason given."""
    found, plan = [], None
    for row in history:
        if row.kind == "Registered":
            plan = Decimal(str(row.data["spec"]["annual_plan"]))
        elif row.kind == "PlanRevised":
            after = Decimal(str(row.data["annual_plan"]))
            found.append(
                {
                    "id": f"plan-revision-{row.version}",
                    "date": row.time.astimezone(zone).isoformat(),
                    "type": "value",
                    "description": "调整年度计划投资及月度计划",
                    "rationale": row.reason or "未说明原因",
                    **({"oldContractValue": value(plan)} if plan is not None else {}),
                    "newContractValue": value(after),
                }
            )
            plan = after
    return found
