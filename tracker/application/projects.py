"""Project commands: register, plans, reports, corrections, problems, status."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.application.users import UserCommands
from tracker.domain.base import project_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, NotFound, TrackerError
from tracker.domain.period import Period
from tracker.domain.project import Project
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec


class ReportsRejected(TrackerError):
    """Some of several reports broke a rule; ``errors`` maps project code to its error."""

    def __init__(self, errors: dict[str, TrackerError]) -> None:
        super().__init__(f"{len(errors)} 个项目的填报有误，均未保存")
        self.errors = errors


class ProjectCommands(UserCommands):
    """Everything that changes a project. Each call is one transaction."""

    def project(self, code: str) -> Project:
        """The project aggregate, or NotFound."""
        return self.load(Project, project_id(code), f"项目“{code}”不存在")

    def register_projects(self, year: int, specs: list[ProjectSpec], actor: str) -> None:
        """Register many projects and their new units: all of them or none."""
        self.campaign(year)
        taken = [spec.code for spec in specs if self.exists(project_id(spec.code))]
        if taken:
            raise Conflict(f"项目编号已存在：{'、'.join(taken[:10])}", "code")
        units = self.new_units({spec.unit for spec in specs}, actor)
        projects = [Project.register(year, spec, actor) for spec in specs]
        self.commit(*units, *projects, conflict="项目编号已被他人同时登记，请刷新后重试")

    def revise_plan(
        self, code: str, annual: Decimal, monthly: list[Decimal], reason: str, actor: str
    ) -> None:
        project = self.project(code)
        project.revise_plan(annual, monthly, reason, actor)
        self.commit(project)

    def submit_report(self, code: str, period: Period, report: ReportInput, actor: str) -> None:
        """The first report for a period; a racing second one gets a Conflict."""
        project = self.project(code)
        schedule = self.campaign(project.campaign_year).schedule
        project.submit_report(period, report, schedule, clock.now(), actor)
        self.commit(project, conflict=f"{period.label}已被他人同时报送，请刷新后查看")

    def submit_reports(self, period: Period, entries: dict[str, ReportInput], actor: str) -> None:
        """Several projects' reports for one period in one transaction: all or none.

        Every project is checked first; ``ReportsRejected`` says which failed and why.
        """
        projects, errors = [], {}
        for code, report in entries.items():
            try:
                project = self.project(code)
                schedule = self.campaign(project.campaign_year).schedule
                project.submit_report(period, report, schedule, clock.now(), actor)
                projects.append(project)
            except TrackerError as error:
                errors[code] = error
        if errors:
            raise ReportsRejected(errors)
        self.commit(*projects, conflict=f"{period.label}已有项目被他人同时报送，请刷新后查看")

    def correct_report(
        self, code: str, period: Period, report: ReportInput, reason: str, actor: str
    ) -> None:
        project = self.project(code)
        schedule = self.campaign(project.campaign_year).schedule
        project.correct_report(period, report, reason, schedule, clock.now(), actor)
        self.commit(project)

    def withdraw_project(self, code: str, reason: str, actor: str) -> None:
        project = self.project(code)
        project.withdraw(reason, actor)
        self.commit(project)

    def set_flags(self, code: str, pilot: bool, spot_check: bool, actor: str) -> None:
        project = self.project(code)
        project.set_flags(pilot, spot_check, actor)
        self.commit(project)

    def assign_contacts(
        self, code: str, manager: str, reporter: str, phone: str, actor: str
    ) -> None:
        project = self.project(code)
        project.assign_contacts(manager, reporter, phone, actor)
        self.commit(project)

    def record_start(self, code: str, started_on: date, actor: str) -> None:
        project = self.project(code)
        project.record_start(started_on, self.today(project), actor)
        self.commit(project)

    def record_completion(self, code: str, completed_on: date, actor: str) -> None:
        project = self.project(code)
        project.record_completion(completed_on, self.today(project), actor)
        self.commit(project)

    def resolve_problem(self, code: str, problem_id: int, resolution: str, actor: str) -> None:
        project = self.project(code)
        if problem_id not in project.problems:
            raise NotFound(f"问题编号 {problem_id} 不存在", "problem_id")
        project.resolve_problem(problem_id, resolution, None, actor)
        self.commit(project)

    def today(self, project: Project) -> date:
        """Today's date in the project's campaign time zone."""
        zone = self.campaign(project.campaign_year).schedule.zone
        return clock.now().astimezone(zone).date()


def import_project_list(
    app: ProjectCommands, year: int, data: bytes, actor: str
) -> list[ProjectSpec]:
    """Validate a whole 附件1 file, then register every project in one transaction."""
    from tracker.application.project_list import (
        ProjectListRejected,
        RowError,
        parse_project_list,
        read_rows,
    )

    app.campaign(year)
    rows = parse_project_list(read_rows(data))
    taken = [
        RowError(number, "项目编号", f"项目编号“{spec.code}”已存在")
        for number, spec in rows
        if app.exists(project_id(spec.code))
    ]
    if taken:
        raise ProjectListRejected(taken)
    specs = [spec for _, spec in rows]
    app.register_projects(year, specs, actor)
    return specs
