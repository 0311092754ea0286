"""Project commands: register, plans, reports, corrections, problems, the register's upkeep."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from tracker.application.commands.campaigns import load_campaign, new_units, schedule_of
from tracker.application.queries.register import Register, ReportVersion, stored_version
from tracker.application.store import Store, retried
from tracker.domain.base import project_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, NotFound, TrackerError
from tracker.domain.milestones import MetNode, Node
from tracker.domain.period import Period, Schedule
from tracker.domain.project import Project
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec


class ReportsRejected(TrackerError):
    """Some of several reports broke a rule; ``errors`` maps project code to its error."""

    def __init__(self, errors: dict[str, TrackerError]) -> None:
        super().__init__(f"{len(errors)} 个项目的填报有误，均未保存")
        self.errors = errors


class ProjectCommands:
    """Everything that changes a project. Each call is one transaction."""

    def __init__(self, store: Store, register: Register) -> None:
        self.store = store
        self.register_rows = register
        self.schedules: dict[int, Schedule] = {}

    def load(self, code: str) -> Project:
        """The project aggregate, or NotFound."""
        return self.store.load(Project, project_id(code), f"项目“{code}”不存在")

    def register(self, year: int, specs: list[ProjectSpec], actor: str) -> list[UUID]:
        """Register many projects and their new units: all of them or none."""
        load_campaign(self.store, year)
        taken = [spec.code for spec in specs if self.store.exists(project_id(spec.code))]
        if taken:
            raise Conflict(f"项目编号已存在：{'、'.join(taken[:10])}", "code")
        self.check_national_codes(year, specs)
        units = new_units(self.store, {spec.unit for spec in specs}, actor)
        projects = [Project.register(year, spec, actor) for spec in specs]
        self.store.commit(*units, *projects, conflict="项目编号已被他人同时登记，请刷新后重试")
        return [project.id for project in projects]

    def check_national_codes(self, year: int, specs: list[ProjectSpec]) -> None:
        """项目代码 is unique within a campaign: among ``specs`` and the projects registered."""
        given = [spec.national_code for spec in specs if spec.national_code]
        held = self.register_rows.national_codes(year)
        clashes = sorted({code for code in given if code in held or given.count(code) > 1})
        if clashes:
            raise Conflict(f"项目代码已被使用：{'、'.join(clashes[:10])}", "national_code")

    @retried
    def revise_plan(
        self,
        code: str,
        annual: Decimal,
        monthly: list[Decimal],
        reason: str,
        actor: str,
        progress: list[Decimal] | None = None,
    ) -> UUID:
        """A new annual and monthly plan; a new 形象进度计划 too unless ``progress`` is None."""
        project = self.load(code)
        project.revise_plan(annual, monthly, reason, actor, progress)
        self.store.commit(project)
        return project.id

    @retried
    def plan_milestones(self, code: str, nodes: list[Node], reason: str, actor: str) -> UUID:
        """The project's 节点 and their planned dates (bureau), with the reason."""
        project = self.load(code)
        project.plan_milestones(nodes, reason, actor)
        self.store.commit(project)
        return project.id

    @retried
    def meet_milestones(self, code: str, met: tuple[MetNode, ...], actor: str) -> UUID:
        """Nodes met, reported on their own (not in a 半月报)."""
        project = self.load(code)
        project.meet_milestones(met, self.today(project), None, actor)
        self.store.commit(project)
        return project.id

    @retried
    def submit_report(
        self, code: str, period: Period, report: ReportInput, actor: str, unit: str | None = None
    ) -> ReportVersion:
        """The first report for a period; a racing second one gets a Conflict.

        With ``unit``, a project of another unit is NotFound, as if it did not
        exist. Returns the version stored, made from the new event as the read
        model holds it (so a reply needs no second read).
        """
        with self.store.writing():  # the load and the save in one transaction
            project = self.load(code)
            if unit is not None and project.unit != unit:
                raise NotFound("找不到该页面或数据")  # as for any page it may not see
            schedule = self.schedule(project.campaign_year)
            project.submit_report(period, report, schedule, clock.now(), actor)
            event = [e for e in project.pending_events if isinstance(e, Project.ReportSubmitted)]
            self.store.commit(project, conflict=f"{period.label}已被他人同时报送，请刷新后查看")
        return stored_version(code, 1, event[-1])

    @retried
    def submit_reports(
        self, period: Period, entries: dict[str, ReportInput], actor: str
    ) -> list[UUID]:
        """Several projects' reports for one period in one transaction: all or none.

        Every project is checked first; ``ReportsRejected`` says which failed and why.
        """
        projects, errors = [], {}
        for code, report in entries.items():
            try:
                project = self.load(code)
                schedule = self.schedule(project.campaign_year)
                project.submit_report(period, report, schedule, clock.now(), actor)
                projects.append(project)
            except TrackerError as error:
                errors[code] = error
        if errors:
            raise ReportsRejected(errors)
        conflict = f"{period.label}已有项目被他人同时报送，请刷新后查看"
        self.store.commit(*projects, conflict=conflict)
        return [project.id for project in projects]

    @retried
    def correct_report(
        self, code: str, period: Period, report: ReportInput, reason: str, actor: str
    ) -> UUID:
        project = self.load(code)
        schedule = self.schedule(project.campaign_year)
        project.correct_report(period, report, reason, schedule, clock.now(), actor)
        self.store.commit(project)
        return project.id

    @retried
    def withdraw(self, code: str, reason: str, actor: str) -> UUID:
        project = self.load(code)
        project.withdraw(reason, actor)
        self.store.commit(project)
        return project.id

    @retried
    def set_flags(self, code: str, pilot: bool, spot_check: bool, actor: str) -> UUID:
        project = self.load(code)
        project.set_flags(pilot, spot_check, actor)
        self.store.commit(project)
        return project.id

    @retried
    def assign_contacts(
        self, code: str, manager: str, reporter: str, phone: str, actor: str
    ) -> UUID:
        project = self.load(code)
        project.assign_contacts(manager, reporter, phone, actor)
        self.store.commit(project)
        return project.id

    @retried
    def record_start(self, code: str, started_on: date, actor: str) -> UUID:
        project = self.load(code)
        project.record_start(started_on, self.today(project), actor)
        self.store.commit(project)
        return project.id

    @retried
    def record_completion(self, code: str, completed_on: date, actor: str) -> UUID:
        project = self.load(code)
        project.record_completion(completed_on, self.today(project), actor)
        self.store.commit(project)
        return project.id

    @retried
    def resolve_problem(self, code: str, problem_id: int, resolution: str, actor: str) -> UUID:
        project = self.load(code)
        if problem_id not in project.problems:
            raise NotFound(f"问题编号 {problem_id} 不存在", "problem_id")
        project.resolve_problem(problem_id, resolution, None, actor)
        self.store.commit(project)
        return project.id

    def today(self, project: Project) -> date:
        """Today's date in the project's campaign time zone."""
        zone = self.schedule(project.campaign_year).zone
        return clock.now().astimezone(zone).date()

    def schedule(self, year: int) -> Schedule:
        """The campaign's reporting calendar, loaded once: it is fixed when the campaign starts."""
        if year not in self.schedules:
            self.schedules[year] = schedule_of(self.store, year)
        return self.schedules[year]
