"""专项档案: everything on record about one project, as it stood at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from tracker.application.queries.directory import Directory
from tracker.application.queries.history import History, HistoryRow
from tracker.application.queries.issued import Issued, IssuedReport
from tracker.application.queries.plans import MilestoneRow, milestone_rows, progress_plan_of
from tracker.application.queries.problems import ProblemRow, problem_rows
from tracker.application.queries.reader import Reader
from tracker.application.queries.register import (
    ProjectInfo,
    Register,
    ReportVersion,
    find_project,
    known_campaign,
    report_versions,
)
from tracker.application.queries.rows import CampaignRow
from tracker.application.queries.supervisions import SupervisionRow, supervision_rows


@dataclass(frozen=True)
class ArchiveData:
    """The rows of one project's 专项档案, as known at ``as_of``."""

    campaign: CampaignRow
    project: ProjectInfo
    as_of: datetime
    versions: list[ReportVersion]
    problems: list[ProblemRow]
    orders: list[SupervisionRow]
    issued: list[IssuedReport]  # the district's and the project's unit's sign-offs
    history: list[HistoryRow]
    people: dict[str, str]  # sign-in names → who they are (区城管局·张三), for the actors
    progress_plan: tuple[Decimal, ...] = ()  # the 形象进度计划 that held then
    milestones: tuple[MilestoneRow, ...] = ()  # the 节点 as they stood then


class Archive:
    """A project's record for the archive."""

    def __init__(
        self,
        read: Reader,
        register: Register,
        history: History,
        issued: Issued,
        directory: Directory,
    ) -> None:
        self.read = read
        self.directory = directory
        self.register = register
        self.history = history
        self.issued = issued

    def data(self, code: str, as_of: datetime | None = None) -> ArchiveData:
        """The record as it stood at ``as_of`` (default now); NotFound if not registered then."""
        self.register.project(code)  # NotFound for unknown codes, whatever the moment
        with self.read.at(as_of) as view:
            now = view.now
            project = find_project(view, code)
            campaign = known_campaign(view, project.campaign_year)
            versions = report_versions(view, code)
            problems = problem_rows(view, code)
            orders = supervision_rows(view, code)
            plan = progress_plan_of(view, [code]).get(code, ())
            nodes = tuple(milestone_rows(view, [code]))
        issued = self.issued.reports(project.campaign_year, as_of=now)
        return ArchiveData(
            campaign=campaign,
            project=project,
            as_of=now,
            versions=versions,
            problems=problems,
            orders=orders,
            issued=[row for row in issued if row.unit in (None, project.unit)],
            history=self.history.project(code, until=now),
            people=self.directory.people(),
            progress_plan=plan,
            milestones=nodes,
        )
