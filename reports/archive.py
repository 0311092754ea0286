"""专项档案: one project's record — details, plans, every report version, problems, 督办, files."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from reports.base import Report
from reports.monthly import progress_text
from reports.templating import amount
from tracker.application.queries.archive import ArchiveData
from tracker.application.queries.history import HistoryRow
from tracker.application.queries.issued import IssuedReport
from tracker.application.queries.plans import MilestoneRow
from tracker.application.queries.problems import ProblemRow
from tracker.application.queries.register import ProjectInfo, ReportVersion
from tracker.application.queries.supervisions import SupervisionRow
from tracker.domain.catalog import NATURE_LABELS, PROJECT_STATUS
from tracker.domain.report import REPORT_FIELDS, ReportField


@dataclass(frozen=True)
class PlanVersion:
    time: datetime
    actor: str
    annual: Decimal
    monthly: list[Decimal]
    reason: str


@dataclass(frozen=True)
class VersionLine:
    """One version of a period's report, its fields as the archive shows them."""

    version: ReportVersion
    label: str  # 原报 / 更正1 …
    texts: dict[str, str]  # by the names of REPORT_FIELDS; 形象进度 with its percentage


@dataclass(frozen=True)
class FileRow:
    period: str
    name: str
    kind: str
    size: int
    media_type: str
    sha256: str


@dataclass(frozen=True)
class ArchiveReport(Report):
    name = "archive"

    details: list[tuple[str, str]]
    plans: list[PlanVersion]
    reports: list[VersionLine]
    problems: list[ProblemRow]
    orders: list[SupervisionRow]
    files: list[FileRow]
    issued: list[IssuedReport]
    history: list[HistoryRow]
    people: dict[str, str]  # sign-in names → 区城管局·张三
    progress_plan: tuple[Decimal, ...] = ()  # 1–12月末累计形象进度计划
    milestones: tuple[MilestoneRow, ...] = ()  # the 节点, met or not


def archive_report(data: ArchiveData, past: bool = False) -> ArchiveReport:
    """The record as it stood at ``data.as_of`` (``past``: a moment asked for, 历史视图)."""
    project = data.project
    return ArchiveReport.made(
        data.campaign,
        data.as_of,
        f"{project.name}　专项档案",
        past=past,
        details=details(project),
        plans=plan_versions(data.history),
        reports=[version_line(version) for version in data.versions],
        problems=data.problems,
        orders=data.orders,
        files=files(data.versions),
        issued=data.issued,
        history=data.history,
        people=data.people,
        progress_plan=data.progress_plan,
        milestones=data.milestones,
    )


def details(project: ProjectInfo) -> list[tuple[str, str]]:
    def day(value: date | None) -> str:
        return value.isoformat() if value else "—"

    return [
        ("项目编号", project.code),
        ("项目代码", project.national_code or "未赋码"),
        ("项目名称", project.name),
        ("类别", project.category),
        ("责任单位", project.unit),
        ("建设性质", NATURE_LABELS.get(project.nature, project.nature)),
        ("状态", PROJECT_STATUS.get(project.status, project.status)),
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
        ("备注", project.remark or "—"),
    ]


def plan_versions(history: list[HistoryRow]) -> list[PlanVersion]:
    """The plan as registered, then each revision with its reason."""
    plans = []
    for row in history:
        if row.aggregate != "Project":
            continue
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


def version_line(version: ReportVersion) -> VersionLine:
    texts = {f.name: field_text(f, version.values[f.name]) for f in REPORT_FIELDS}
    texts["progress"] = progress_text(texts["progress"], version.values["progress_pct"])
    label = "原报" if version.version == 1 else f"更正{version.version - 1}"
    return VersionLine(version, label, texts)


def field_text(field: ReportField, value: Any) -> str:
    """A report field's value as a table cell shows it."""
    if value is None:
        return ""
    if field.kind == "money":
        return amount(value)
    if field.kind == "date":
        return value.isoformat()
    return str(value)


def files(versions: list[ReportVersion]) -> list[FileRow]:
    """Every attachment of every report version, each file once."""
    seen: dict[str, FileRow] = {}
    for version in versions:
        for item in version.attachments:
            sha256 = str(item.get("sha256", ""))
            seen.setdefault(
                sha256,
                FileRow(
                    version.period,
                    str(item.get("name", "")),
                    str(item.get("kind", "")),
                    int(item.get("size", 0)),
                    str(item.get("media_type", "")),
                    sha256,
                ),
            )
    return list(seen.values())
