"""The project aggregate: register, plans, reports, corrections, problems."""

from __future__ import annotations

from dataclasses import asdict, astuple
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.domain.base import TrackerAggregate, project_id
from tracker.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation
from tracker.domain.milestones import Milestones
from tracker.domain.period import Period, Schedule
from tracker.domain.problems import Problems
from tracker.domain.progress import normalised
from tracker.domain.project_plans import MISSING_REASON, PlanKeeping
from tracker.domain.report import ReportInput, Standing, add_version
from tracker.domain.spec import ProjectSpec
from tracker.domain.text import check_reason, clean_text


class Project(PlanKeeping, TrackerAggregate):
    """One campaign project and everything ever reported for it.

    ``reports`` maps a period (``2026-05-H1``) to its versions, oldest first:
    the first submission, then each correction.
    """

    class Registered(TrackerAggregate.Created):
        campaign_year: int
        spec: dict[str, Any]

    class PlanRevised(TrackerAggregate.Event):
        class_version = 2

        annual_plan: Decimal
        monthly_plan: list[Decimal]
        progress_plan: list[Decimal] | None  # the new 形象进度计划; None keeps the one before
        reason: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["progress_plan"] = None  # revisions before it was part of the plan kept it

        def apply(self, project: Project) -> None:
            project.annual_plan = self.annual_plan
            project.monthly_plan = list(self.monthly_plan)
            if self.progress_plan is not None:
                project.progress_plan = list(self.progress_plan)

    class ContactsAssigned(TrackerAggregate.Event):
        manager: str
        reporter: str
        phone: str

        def apply(self, project: Project) -> None:
            project.manager, project.reporter = self.manager, self.reporter
            project.phone = self.phone

    class FlagsSet(TrackerAggregate.Event):
        pilot: bool
        spot_check: bool

        def apply(self, project: Project) -> None:
            project.pilot, project.spot_check = self.pilot, self.spot_check

    class Started(TrackerAggregate.Event):
        started_on: date

        def apply(self, project: Project) -> None:
            project.started_on = self.started_on

    class Completed(TrackerAggregate.Event):
        completed_on: date

        def apply(self, project: Project) -> None:
            project.completed_on = self.completed_on
            project.status = "completed"

    class Withdrawn(TrackerAggregate.Event):
        reason: str

        def apply(self, project: Project) -> None:
            project.status = "withdrawn"

    class ReportSubmitted(TrackerAggregate.Event):
        period: str
        investment: Decimal
        progress: str
        progress_pct: Decimal | None
        started_on: date | None
        completed_on: date | None
        attachments: list[dict[str, Any]]
        received_at: datetime

        def apply(self, project: Project) -> None:
            project.apply_report(self, reason=None)

    class ReportCorrected(ReportSubmitted):
        reason: str

        def apply(self, project: Project) -> None:
            project.apply_report(self, reason=self.reason)

    class ProblemRaised(TrackerAggregate.Event):
        problem_id: int
        text: str
        period: str | None

        def apply(self, project: Project) -> None:
            project.problems.raised(
                self.problem_id, self.text, self.period, self.timestamp, self.actor
            )

    class ProblemResolved(TrackerAggregate.Event):
        problem_id: int
        resolution: str
        period: str | None

        def apply(self, project: Project) -> None:
            project.problems.resolved(self.problem_id, self.resolution, self.timestamp, self.actor)

    class MilestonesPlanned(TrackerAggregate.Event):
        milestones: list[dict[str, Any]]  # [{name, planned_on}] in order
        reason: str

        def apply(self, project: Project) -> None:
            project.milestones.planned(self.milestones)

    class MilestoneMet(TrackerAggregate.Event):
        name: str
        met_on: date
        period: str | None  # the 半月报 that reported it, None: reported on its own

        def apply(self, project: Project) -> None:
            project.milestones.met(self.name, self.met_on, self.timestamp, self.actor)

    def __init__(self, campaign_year: int, spec: dict[str, Any], actor: str) -> None:
        self.campaign_year = campaign_year
        self.national_code = ""  # 项目代码: registrations before it was a field have none
        for key, value in spec.items():
            setattr(self, key, value)
        self.monthly_plan: list[Decimal] = list(spec["monthly_plan"])
        self.progress_plan: list[Decimal] = list(spec.get("progress_plan") or [])  # 形象进度计划
        self.milestones = Milestones()
        self.spot_check = False
        #: active | completed | withdrawn
        self.status = "active"
        self.started_on: date | None = None
        self.completed_on: date | None = None
        self.reports: dict[str, list[dict[str, Any]]] = {}
        self.problems = Problems()
        self.registered_at = self.created_on
        self.registered_by = actor

    # -- registration and register upkeep ---------------------------------

    @classmethod
    def register(cls, campaign_year: int, spec: ProjectSpec, actor: str) -> Project:
        """Register a project in a campaign; the spec must be valid."""
        errors = spec.errors()
        if errors:
            raise errors[0]
        data = {**asdict(spec), "monthly_plan": list(spec.monthly_plan)}
        data["progress_plan"] = normalised(spec.progress_plan)
        ident = project_id(spec.code)
        return cls._create(
            cls.Registered, id=ident, campaign_year=campaign_year, spec=data, actor=actor
        )

    def assign_contacts(self, manager: str, reporter: str, phone: str, actor: str) -> None:
        contacts = {
            "manager": manager.strip(),
            "reporter": reporter.strip(),
            "phone": phone.strip(),
        }
        for field, text in contacts.items():
            clean_text(text, field)
        self.trigger_event(self.ContactsAssigned, **contacts, actor=actor)

    def set_flags(self, pilot: bool, spot_check: bool, actor: str) -> None:
        """试点 / 抽检 flags."""
        self.trigger_event(self.FlagsSet, pilot=pilot, spot_check=spot_check, actor=actor)

    def record_start(self, started_on: date, today: date, actor: str) -> None:
        if started_on > today:
            raise InvalidValue("开工日期不能晚于今天", "started_on")
        self.trigger_event(self.Started, started_on=started_on, actor=actor)

    def record_completion(self, completed_on: date, today: date, actor: str) -> None:
        if completed_on > today:
            raise InvalidValue("竣工日期不能晚于今天", "completed_on")
        self.trigger_event(self.Completed, completed_on=completed_on, actor=actor)

    def withdraw(self, reason: str, actor: str) -> None:
        """Take the project out of the campaign; it reports no more."""
        self.check_not_withdrawn()
        check_reason(reason, missing=MISSING_REASON)
        self.trigger_event(self.Withdrawn, reason=reason.strip(), actor=actor)

    # -- reports -----------------------------------------------------------

    def submit_report(
        self, period: Period, report: ReportInput, schedule: Schedule, now: datetime, actor: str
    ) -> None:
        """The first submission for ``period``; a second one is a correction."""
        self.check_not_withdrawn()
        self.check_period(period, schedule, now)
        if str(period) in self.reports:
            raise Conflict(f"{period.label}已报送，如需修改请提交更正", "period")
        if self.completed_on and period.start_date(schedule) > self.completed_on:
            done = self.completed_on.isoformat()
            raise RuleViolation(f"项目已于{done}竣工，{period.label}无需再报送", "period")
        self.record_report(self.ReportSubmitted, period, report, schedule, now, actor)

    def correct_report(
        self,
        period: Period,
        report: ReportInput,
        reason: str,
        schedule: Schedule,
        now: datetime,
        actor: str,
    ) -> None:
        """A new version of an earlier report, with the reason for it."""
        self.check_not_withdrawn()
        if str(period) not in self.reports:
            raise NotFound(f"{period.label}尚未报送，无法更正", "period")
        check_reason(reason, missing=MISSING_REASON)
        kind, why = self.ReportCorrected, reason.strip()
        self.record_report(kind, period, report, schedule, now, actor, reason=why)

    def record_report(
        self, kind: type, period: Period, report: ReportInput, schedule: Schedule, now: datetime,
        actor: str, **extra: str,
    ) -> None:  # fmt: skip
        """Check, then record the report, its problems and the nodes it says were met."""
        today = now.astimezone(schedule.zone).date()
        self.check_report(report, today)
        self.trigger_event(kind, **report.event_fields(period, now), **extra, actor=actor)
        self.record_problems(period, report, actor)
        self.meet_milestones(report.milestones_met, today, period, actor)

    def raise_problem(self, text: str, period: Period | None, actor: str) -> int:
        """Start tracking a problem; returns its number within the project."""
        if not text.strip():
            raise InvalidValue("问题描述不能为空", "problems")
        problem_id, when = self.problems.next_id(), str(period) if period else None
        raised = {"problem_id": problem_id, "text": text.strip(), "period": when}
        self.trigger_event(self.ProblemRaised, **raised, actor=actor)
        return problem_id

    def resolve_problem(
        self, problem_id: int, resolution: str, period: Period | None, actor: str
    ) -> None:
        self.problems.check_open(problem_id)
        if not resolution.strip():
            raise InvalidValue("请填写问题的解决情况", "resolved")
        when = str(period) if period else None
        resolved = {"problem_id": problem_id, "resolution": resolution.strip(), "period": when}
        self.trigger_event(self.ProblemResolved, **resolved, actor=actor)

    # -- guards --------------------------------------------------------------

    def check_not_withdrawn(self) -> None:
        if self.status == "withdrawn":
            raise RuleViolation(f"项目 {self.code} 已撤销，不能再修改或报送")

    def check_period(self, period: Period, schedule: Schedule, now: datetime) -> None:
        if period.year != self.campaign_year:
            raise InvalidValue(f"{period} 不属于 {self.campaign_year} 年度战役", "period")
        if period.opens_at(schedule) > now:
            raise RuleViolation(f"{period.label}尚未开始，不能提前报送", "period")

    def check_report(self, report: ReportInput, today: date) -> None:
        report.check(today)
        report.check_against(self.total_investment, self.started_on)
        for item in report.resolved:
            self.problems.check_open(item.problem_id)
        self.milestones.check_met(report.milestones_met, today)

    # -- helpers ---------------------------------------------------------------

    def record_problems(self, period: Period, report: ReportInput, actor: str) -> None:
        for item in report.resolved:
            self.resolve_problem(item.problem_id, item.resolution, period, actor)
        for text in self.problems.new_texts(report.problems):
            self.raise_problem(text, period, actor)

    def apply_report(self, event: Project.ReportSubmitted, reason: str | None) -> None:
        versions = self.reports.setdefault(event.period, [])
        before = Standing(self.status, self.started_on, self.completed_on)
        after = add_version(versions, event, reason, before)
        self.status, self.started_on, self.completed_on = astuple(after)

    def latest(self, period: Period) -> dict[str, Any] | None:
        """The current version of a period's report, or None."""
        versions = self.reports.get(str(period))
        return versions[-1] if versions else None
