"""专项档案: one project's record — details, plans, every report version, problems, 督办, files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reports.templating import amount, fingerprint, moment, render
from tracker.application.issuing import IssuedReport
from tracker.application.queries import HistoryRow
from tracker.domain.catalog import NATURE_LABELS, STATUS_LABELS
from tracker.domain.project import Project
from tracker.projections.supervision_rows import SupervisionRow

KINDS = {
    "Registered": "登记",
    "PlanRevised": "调整计划",
    "ContactsAssigned": "变更联系人",
    "FlagsSet": "设置试点/抽检",
    "Started": "开工",
    "Completed": "竣工",
    "Withdrawn": "撤销",
    "ReportSubmitted": "报送",
    "ReportCorrected": "更正",
    "ProblemRaised": "提出问题",
    "ProblemResolved": "问题销号",
    "Issued": "下达督办",
    "Answered": "督办答复",
    "Closed": "督办办结",
    "Returned": "督办退回",
}
ORDER_STATUS = {"open": "待答复", "answered": "已答复", "closed": "已办结"}


@dataclass(frozen=True)
class PlanVersion:
    time: datetime
    actor: str
    annual: Decimal
    monthly: list[Decimal]
    reason: str


@dataclass(frozen=True)
class ReportVersion:
    period: str
    label: str  # 原报 / 更正1 …
    investment: Decimal
    progress: str
    started_on: date | None
    completed_on: date | None
    received_at: datetime
    actor: str
    reason: str
    files: int


@dataclass(frozen=True)
class FileRow:
    period: str
    name: str
    kind: str
    size: int
    media_type: str
    sha256: str


@dataclass(frozen=True)
class ArchiveReport:
    title: str
    district: str
    zone: str
    as_of: datetime
    details: list[tuple[str, str]]
    plans: list[PlanVersion]
    reports: list[ReportVersion]
    problems: list[dict[str, Any]]
    orders: list[SupervisionRow]
    files: list[FileRow]
    issued: list[IssuedReport]
    history: list[HistoryRow]
    fingerprint: str

    @property
    def as_of_text(self) -> str:
        return moment(self.as_of, self.zone)

    def kind(self, row: HistoryRow) -> str:
        return KINDS.get(row.kind, row.kind)

    def order_status(self, order: SupervisionRow) -> str:
        return ORDER_STATUS.get(order.status, order.status)


def archive_report(
    project: Project,
    district: str,
    zone: str,
    as_of: datetime,
    history: list[HistoryRow],
    orders: list[SupervisionRow],
    issued: list[IssuedReport],
) -> ArchiveReport:
    """The record as it stood at ``as_of``; ``history`` may run later and is cut there."""
    history = [row for row in history if row.time <= as_of]
    reports = report_versions(project)
    parts = {
        "details": details(project),
        "plans": plan_versions(history),
        "reports": reports,
        "problems": [project.problems[key] for key in sorted(project.problems)],
        "orders": orders,
        "files": files(project),
        "issued": [r for r in issued if r.unit in (None, project.unit)],
        "history": history,
    }
    return ArchiveReport(
        title=f"{project.name}　专项档案",
        district=district,
        zone=zone,
        as_of=as_of,
        fingerprint=fingerprint(parts),
        **parts,
    )


def details(project: Project) -> list[tuple[str, str]]:
    def day(value: date | None) -> str:
        return value.isoformat() if value else "—"

    return [
        ("项目编号", project.code),
        ("项目名称", project.name),
        ("类别", project.category),
        ("责任单位", project.unit),
        ("建设性质", NATURE_LABELS.get(project.nature, project.nature)),
        ("状态", STATUS_LABELS.get(project.status, project.status)),
        ("建设内容及规模", project.scope or "—"),
        ("总投资（万元）", amount(project.total_investment)),
        ("年度计划投资（万元）", amount(project.annual_plan)),
        ("计划开工日期", day(project.planned_start)),
        ("计划竣工日期", day(project.planned_completion)),
        ("实际开工日期", day(project.started_on)),
        ("竣工日期", day(project.completed_on)),
        ("项目负责人", project.manager or "—"),
        ("信息员", project.reporter or "—"),
        ("联系电话", project.phone or "—"),
        ("试点项目", "是" if project.pilot else "否"),
        ("抽检", "是" if project.spot_check else "否"),
        ("备注", getattr(project, "remark", "") or "—"),
    ]


def plan_versions(history: list[HistoryRow]) -> list[PlanVersion]:
    plans = []
    for row in history:
        if row.kind == "Registered" and "spec" in row.data:
            spec = row.data["spec"]
            plans.append(
                PlanVersion(row.time, row.actor, spec["annual_plan"], spec["monthly_plan"], "登记")
            )
        elif row.kind == "PlanRevised":
            data = row.data
            plans.append(
                PlanVersion(
                    row.time, row.actor, data["annual_plan"], data["monthly_plan"], row.reason or ""
                )
            )
    return plans


def report_versions(project: Project) -> list[ReportVersion]:
    rows = []
    for period in sorted(project.reports):
        for index, version in enumerate(project.reports[period]):
            progress = version["progress"]
            if version["progress_pct"] is not None:
                progress = f"{progress}（{version['progress_pct']}%）"
            rows.append(
                ReportVersion(
                    period=period,
                    label="原报" if index == 0 else f"更正{index}",
                    investment=version["investment"],
                    progress=progress,
                    started_on=version["started_on"],
                    completed_on=version["completed_on"],
                    received_at=version["received_at"],
                    actor=version["actor"],
                    reason=version["reason"] or "",
                    files=len(version["attachments"]),
                )
            )
    return rows


def files(project: Project) -> list[FileRow]:
    """Every attachment of every report version, each file once."""
    seen: dict[str, FileRow] = {}
    for period in sorted(project.reports):
        for version in project.reports[period]:
            for item in version["attachments"]:
                sha256 = str(item.get("sha256", ""))
                seen.setdefault(
                    sha256,
                    FileRow(
                        period,
                        str(item.get("name", "")),
                        str(item.get("kind", "")),
                        int(item.get("size", 0)),  # type: ignore[call-overload]
                        str(item.get("media_type", "")),
                        sha256,
                    ),
                )
    return list(seen.values())


def archive_html(report: ArchiveReport) -> str:
    return render("archive.html", report=report)
