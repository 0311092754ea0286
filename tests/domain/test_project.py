"""The project aggregate: registration, 半月报, corrections, completion, plans, problems.

No storage here: the aggregate is built in memory and its pending events are read
back with ``collect_events()``. The clock is frozen so every time is exact.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.base import project_id
from tracker.domain.clock import clock
from tracker.domain.errors import Conflict, InvalidValue, NotFound, RuleViolation, TrackerError
from tracker.domain.period import Period, Schedule
from tracker.domain.project import Project
from tracker.domain.report import ReportInput, Resolution
from tracker.domain.spec import ProjectSpec

SHANGHAI = ZoneInfo("Asia/Shanghai")
SCHEDULE = Schedule()
REGISTERED = datetime(2026, 1, 5, 9, 0, tzinfo=SHANGHAI)
MAY_12 = datetime(2026, 5, 12, 10, 0, tzinfo=SHANGHAI)
# CJ2026-002 of the demo list: 总投资 872.00, 年度计划 670.49.
MONTHLY = tuple(
    Decimal(m)
    for m in "28.63 36.71 40.59 48.41 47.85 52.71 58.45 64.02 67.74 72.75 76.26 76.37".split()
)
SPEC = ProjectSpec(
    code="CJ2026-002",
    name="滨江片区城市设计",
    category="城市规划编制和实施",
    unit="区自然资源和规划分局",
    nature="continuing",
    total_investment=Decimal("872.00"),
    annual_plan=Decimal("670.49"),
    monthly_plan=MONTHLY,
    planned_start=date(2025, 6, 5),
    planned_completion=date(2029, 12, 16),
    manager="曹秀凯",
    reporter="周国",
)


def report(**fields: object) -> ReportInput:
    values: dict[str, object] = {"investment": Decimal("30.00"), "progress": "完成方案深化"}
    values.update(fields)
    return ReportInput(**values)  # type: ignore[arg-type]


def submit(
    project: Project, period: str, moment: datetime, actor: str = "unit01", **fields: object
) -> None:
    with clock.frozen(moment):
        project.submit_report(Period.parse(period), report(**fields), SCHEDULE, clock.now(), actor)


def correct(
    project: Project,
    period: str,
    reason: str,
    moment: datetime,
    actor: str = "unit01",
    **fields: object,
) -> None:
    with clock.frozen(moment):
        project.correct_report(
            Period.parse(period), report(**fields), reason, SCHEDULE, clock.now(), actor
        )


@pytest.fixture
def project() -> Project:
    """CJ2026-002 registered on 5 January 2026, its registration already saved."""
    with clock.frozen(REGISTERED):
        registered = Project.register(2026, SPEC, "cli:admin")
    registered.collect_events()
    return registered


def kinds(events: list[object]) -> list[str]:
    return [type(event).__name__ for event in events]


# -- the spec a project is registered with ---


def test_the_demo_project_spec_has_no_errors() -> None:
    assert SPEC.errors() == []


def test_a_monthly_plan_off_by_one_cent_names_monthly_plan_and_the_difference() -> None:
    monthly = (MONTHLY[0] + Decimal("0.01"), *MONTHLY[1:])

    errors = replace(SPEC, monthly_plan=monthly).errors()

    assert [e.field for e in errors] == ["monthly_plan"]
    assert errors[0].message == "1–12月计划合计 670.50 与年度计划投资 670.49 不符（相差 0.01）"


def test_a_monthly_plan_must_have_twelve_months() -> None:
    errors = replace(SPEC, monthly_plan=MONTHLY[:11]).errors()

    assert [(e.field, e.message) for e in errors] == [
        ("monthly_plan", "月度计划必须是12个月的金额")
    ]


def test_an_annual_plan_above_the_total_investment_is_an_error_on_annual_plan() -> None:
    errors = replace(SPEC, total_investment=Decimal("670.48")).errors()

    assert [(e.field, e.message) for e in errors] == [
        ("annual_plan", "年度计划投资 670.49 超过总投资 670.48 万元")
    ]


def test_an_annual_plan_equal_to_the_total_investment_is_fine() -> None:
    assert replace(SPEC, total_investment=Decimal("670.49")).errors() == []


def test_a_category_outside_the_ten_is_an_error_on_category() -> None:
    errors = replace(SPEC, category="城市美化").errors()

    assert [(e.field, e.message) for e in errors] == [
        ("category", "类别“城市美化”不在十大类别之内")
    ]


def test_a_completion_planned_before_the_start_is_an_error_on_planned_completion() -> None:
    errors = replace(SPEC, planned_completion=date(2025, 6, 4)).errors()

    assert [(e.field, e.message) for e in errors] == [
        ("planned_completion", "计划竣工日期不能早于计划开工日期")
    ]


def test_every_error_of_a_spec_is_listed_each_naming_its_field() -> None:
    bad = replace(SPEC, code="CJ 2026", name=" ", unit="", nature="改建", category="绿化")

    assert [e.field for e in bad.errors()] == ["code", "name", "category", "unit", "nature"]


# -- registering ---


def test_a_registered_project_carries_its_spec_and_who_registered_it_when() -> None:
    with clock.frozen(REGISTERED):
        project = Project.register(2026, SPEC, "cli:admin")

    assert project.id == project_id("cj2026-002")
    assert (project.code, project.campaign_year, project.status) == ("CJ2026-002", 2026, "active")
    assert project.annual_plan == Decimal("670.49")
    assert project.monthly_plan == list(MONTHLY)
    assert project.registered_at == REGISTERED
    assert project.registered_by == "cli:admin"
    (event,) = project.collect_events()
    assert kinds([event]) == ["Registered"]
    assert (event.actor, event.timestamp) == ("cli:admin", REGISTERED)
    assert event.spec["total_investment"] == Decimal("872.00")


def test_a_spec_with_errors_cannot_be_registered() -> None:
    with pytest.raises(InvalidValue) as refused:
        Project.register(2026, replace(SPEC, category="城市美化"), "cli:admin")

    assert refused.value.field == "category"


# -- submitting a 半月报 ---


def test_a_report_for_the_open_period_is_recorded_with_its_receipt_time_and_actor(
    project: Project,
) -> None:
    submit(project, "2026-05-H1", MAY_12, investment=Decimal("47.85"), progress_pct=Decimal("35"))

    assert project.reports["2026-05-H1"] == [
        {
            "investment": Decimal("47.85"),
            "progress": "完成方案深化",
            "progress_pct": Decimal("35"),
            "started_on": None,
            "completed_on": None,
            "attachments": [],
            "received_at": MAY_12,
            "actor": "unit01",
            "reason": None,
        }
    ]
    (event,) = project.collect_events()
    assert kinds([event]) == ["ReportSubmitted"]
    assert (event.period, event.actor, event.timestamp) == ("2026-05-H1", "unit01", MAY_12)


def test_an_earlier_period_of_the_year_can_be_back_filled(project: Project) -> None:
    submit(project, "2026-01-H1", MAY_12, investment=Decimal("14.31"))

    assert project.latest(Period.parse("2026-01-H1"))["investment"] == Decimal("14.31")


def test_the_next_period_can_be_reported_from_the_moment_it_opens(project: Project) -> None:
    submit(project, "2026-05-H2", datetime(2026, 5, 15, 0, 0, 0, tzinfo=SHANGHAI))

    assert list(project.reports) == ["2026-05-H2"]


def test_the_share_of_total_investment_may_be_reported_in_full(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12, investment=Decimal("872.00"))

    assert project.latest(Period.parse("2026-05-H1"))["investment"] == Decimal("872.00")


def test_a_start_reported_today_in_shanghai_is_not_in_the_future(project: Project) -> None:
    # 00:30 on the 12th in Shanghai is still the 11th in UTC.
    submit(
        project,
        "2026-05-H1",
        datetime(2026, 5, 12, 0, 30, tzinfo=SHANGHAI),
        started_on=date(2026, 5, 12),
    )

    assert project.started_on == date(2026, 5, 12)


REFUSED_SUBMISSIONS: list[tuple[str, str, dict[str, object], type[TrackerError], str, str]] = [
    (
        "a future period",
        "2026-05-H2",
        {},
        RuleViolation,
        "period",
        "第10期（5月下半月）尚未开始，不能提前报送",
    ),
    ("another year", "2025-12-H2", {}, InvalidValue, "period", "2025-12-H2 不属于 2026 年度战役"),
    (
        "more than the total investment",
        "2026-05-H1",
        {"investment": Decimal("872.01")},
        InvalidValue,
        "investment",
        "本期完成投资不能超过项目总投资 872.00 万元",
    ),
    (
        "empty progress",
        "2026-05-H1",
        {"progress": "  "},
        InvalidValue,
        "progress",
        "形象进度不能为空",
    ),
    (
        "a percentage above 100",
        "2026-05-H1",
        {"progress_pct": Decimal("100.01")},
        InvalidValue,
        "progress_pct",
        "形象进度百分比须在0到100之间",
    ),
    (
        "a negative percentage",
        "2026-05-H1",
        {"progress_pct": Decimal("-1")},
        InvalidValue,
        "progress_pct",
        "形象进度百分比须在0到100之间",
    ),
    (
        "a start tomorrow",
        "2026-05-H1",
        {"started_on": date(2026, 5, 13)},
        InvalidValue,
        "started_on",
        "开工日期不能晚于今天",
    ),
    (
        "a completion before the start",
        "2026-05-H1",
        {"started_on": date(2026, 5, 1), "completed_on": date(2026, 4, 30)},
        InvalidValue,
        "completed_on",
        "竣工日期不能早于开工日期",
    ),
    (
        "an unknown problem resolved",
        "2026-05-H1",
        {"resolved": (Resolution(7, "已解决"),)},
        InvalidValue,
        "resolved",
        "问题编号 7 不存在",
    ),
    (
        "an already resolved problem resolved again",
        "2026-05-H1",
        {"resolved": (Resolution(1, "再次解决"),)},
        InvalidValue,
        "resolved",
        "问题编号 1 已经解决",
    ),
    (
        "one problem resolved twice in one report",
        "2026-05-H1",
        {"resolved": (Resolution(2, "已迁改"), Resolution(2, "已迁改完毕"))},
        InvalidValue,
        "resolved",
        "同一问题不能重复销号",
    ),
    (
        "a resolution without text",
        "2026-05-H1",
        {"resolved": (Resolution(2, " "),)},
        InvalidValue,
        "resolved",
        "请填写问题的解决情况",
    ),
    (
        "an empty problem text",
        "2026-05-H1",
        {"problems": ("征地未完成", "")},
        InvalidValue,
        "problems",
        "问题描述不能为空",
    ),
]


@pytest.mark.parametrize(
    ("period", "fields", "error", "field", "message"),
    [case[1:] for case in REFUSED_SUBMISSIONS],
    ids=[case[0] for case in REFUSED_SUBMISSIONS],
)
def test_a_refused_report_names_the_field_and_leaves_nothing_pending(
    project: Project,
    period: str,
    fields: dict[str, object],
    error: type[TrackerError],
    field: str,
    message: str,
) -> None:
    # Problem 1 is resolved already, problem 2 is open.
    submit(project, "2026-04-H1", MAY_12, problems=("征地拆迁未完成", "管线迁改未完成"))
    submit(project, "2026-04-H2", MAY_12, resolved=(Resolution(1, "征地完成"),))
    project.collect_events()
    version, reports = project.version, {k: list(v) for k, v in project.reports.items()}

    with pytest.raises(error) as refused:
        submit(project, period, MAY_12, **fields)

    assert type(refused.value) is error
    assert (refused.value.field, refused.value.message) == (field, message)
    assert project.collect_events() == []
    assert project.version == version
    assert project.reports == reports
    assert project.problems[2]["resolved_at"] is None


def test_a_second_first_submission_for_a_period_is_a_conflict(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12, investment=Decimal("10.00"))
    project.collect_events()

    with pytest.raises(Conflict) as refused:
        submit(project, "2026-05-H1", MAY_12, investment=Decimal("20.00"))

    assert refused.value.message == "第9期（5月上半月）已报送，如需修改请提交更正"
    assert refused.value.field == "period"
    assert project.collect_events() == []
    assert [v["investment"] for v in project.reports["2026-05-H1"]] == [Decimal("10.00")]


# -- correcting a report ---


def test_a_correction_keeps_the_first_version_and_adds_one_with_the_reason(
    project: Project,
) -> None:
    submit(project, "2026-05-H1", MAY_12, investment=Decimal("47.85"))
    later = datetime(2026, 5, 20, 16, 0, tzinfo=SHANGHAI)

    correct(
        project,
        "2026-05-H1",
        " 财务核对后调整 ",
        later,
        actor="unit02",
        investment=Decimal("45.00"),
    )

    versions = project.reports["2026-05-H1"]
    assert [(v["investment"], v["actor"], v["reason"], v["received_at"]) for v in versions] == [
        (Decimal("47.85"), "unit01", None, MAY_12),
        (Decimal("45.00"), "unit02", "财务核对后调整", later),
    ]
    assert project.latest(Period.parse("2026-05-H1")) is versions[-1]
    events = project.collect_events()
    assert kinds(events) == ["ReportSubmitted", "ReportCorrected"]
    assert (events[1].reason, events[1].actor, events[1].timestamp) == (
        "财务核对后调整",
        "unit02",
        later,
    )


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_without_a_reason_is_refused(project: Project, reason: str) -> None:
    submit(project, "2026-05-H1", MAY_12)
    project.collect_events()

    with pytest.raises(InvalidValue) as refused:
        correct(project, "2026-05-H1", reason, MAY_12, investment=Decimal("1.00"))

    assert (refused.value.field, refused.value.message) == ("reason", "必须填写原因")
    assert project.collect_events() == []
    assert len(project.reports["2026-05-H1"]) == 1


def test_a_reason_longer_than_500_characters_is_refused(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12)

    with pytest.raises(InvalidValue) as refused:
        correct(project, "2026-05-H1", "改" * 501, MAY_12)

    assert refused.value.message == "原因过长（最多500字）"


def test_a_period_never_reported_cannot_be_corrected(project: Project) -> None:
    with pytest.raises(NotFound) as refused:
        correct(project, "2026-05-H1", "补充", MAY_12)

    assert (refused.value.field, refused.value.message) == (
        "period",
        "第9期（5月上半月）尚未报送，无法更正",
    )
    assert project.collect_events() == []


def test_a_correction_obeys_the_same_rules_as_a_report(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12)
    project.collect_events()

    with pytest.raises(InvalidValue) as refused:
        correct(project, "2026-05-H1", "录入错误", MAY_12, investment=Decimal("900.00"))

    assert refused.value.field == "investment"
    assert project.collect_events() == []


def test_a_correction_may_fix_the_start_date_a_first_report_may_not(project: Project) -> None:
    submit(project, "2026-04-H1", MAY_12, started_on=date(2026, 4, 2))
    submit(project, "2026-04-H2", MAY_12, started_on=date(2026, 4, 9))
    assert project.started_on == date(2026, 4, 2)

    correct(project, "2026-04-H1", "开工日期填错", MAY_12, started_on=date(2026, 4, 1))

    assert project.started_on == date(2026, 4, 1)


# -- completion and withdrawal ---


def test_after_completion_a_later_period_is_refused(project: Project) -> None:
    submit(
        project, "2026-05-H1", MAY_12, completed_on=date(2026, 5, 10), progress_pct=Decimal("100")
    )
    assert (project.status, project.completed_on) == ("completed", date(2026, 5, 10))
    project.collect_events()

    with pytest.raises(RuleViolation) as refused:
        submit(project, "2026-05-H2", datetime(2026, 5, 20, 9, 0, tzinfo=SHANGHAI))

    assert refused.value.message == "项目已于2026-05-10竣工，第10期（5月下半月）无需再报送"
    assert project.collect_events() == []


def test_after_completion_the_completion_period_can_still_be_corrected(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12, completed_on=date(2026, 5, 10))

    correct(
        project,
        "2026-05-H1",
        "补充结算金额",
        MAY_12,
        investment=Decimal("52.00"),
        completed_on=date(2026, 5, 10),
    )

    assert [v["investment"] for v in project.reports["2026-05-H1"]] == [
        Decimal("30.00"),
        Decimal("52.00"),
    ]
    assert project.status == "completed"


def test_after_completion_periods_before_it_can_still_be_back_filled(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12, completed_on=date(2026, 5, 10))

    submit(project, "2026-04-H2", MAY_12, investment=Decimal("12.00"))

    assert project.latest(Period.parse("2026-04-H2"))["investment"] == Decimal("12.00")


def test_a_correction_that_takes_back_a_mistaken_completion_reopens_the_project(
    project: Project,
) -> None:
    submit(project, "2026-05-H1", MAY_12, completed_on=date(2026, 5, 10))

    correct(project, "2026-05-H1", "误报竣工，实为主体施工", MAY_12, progress="主体施工")

    assert project.latest(Period.parse("2026-05-H1"))["completed_on"] is None
    assert (project.status, project.completed_on) == ("active", None)
    submit(project, "2026-05-H2", datetime(2026, 5, 20, 9, 0, tzinfo=SHANGHAI))
    assert "2026-05-H2" in project.reports


def test_a_withdrawn_project_refuses_reports_and_corrections(project: Project) -> None:
    submit(project, "2026-04-H1", MAY_12)
    with clock.frozen(MAY_12):
        project.withdraw("调整至下年度实施", "bureau01")
    events = project.collect_events()
    assert kinds(events)[-1] == "Withdrawn"
    assert (events[-1].reason, events[-1].actor) == ("调整至下年度实施", "bureau01")

    with pytest.raises(RuleViolation) as refused:
        submit(project, "2026-05-H1", MAY_12)
    assert refused.value.message == "项目 CJ2026-002 已撤销，不能再修改或报送"
    with pytest.raises(RuleViolation):
        correct(project, "2026-04-H1", "更正", MAY_12)
    assert project.collect_events() == []


def test_a_withdrawal_needs_a_reason(project: Project) -> None:
    with pytest.raises(InvalidValue) as refused:
        project.withdraw(" ", "bureau01")

    assert refused.value.field == "reason"
    assert project.status == "active"


# -- revising the plan ---


def test_a_revised_plan_replaces_the_targets_and_records_the_reason(project: Project) -> None:
    monthly = [Decimal("50.00")] * 11 + [Decimal("150.00")]
    with clock.frozen(MAY_12):
        project.revise_plan(Decimal("700.00"), monthly, "追加年度计划", "bureau01")

    assert project.annual_plan == Decimal("700.00")
    assert project.monthly_plan == monthly
    (event,) = project.collect_events()
    assert kinds([event]) == ["PlanRevised"]
    assert (event.reason, event.actor, event.timestamp) == ("追加年度计划", "bureau01", MAY_12)


@pytest.mark.parametrize(
    ("annual", "monthly", "reason", "field", "fragment"),
    [
        (
            "670.49",
            [*MONTHLY[:11], MONTHLY[11] - Decimal("0.01")],
            "调整",
            "monthly_plan",
            "相差 0.01",
        ),
        (
            "872.01",
            [*MONTHLY[:11], MONTHLY[11] + Decimal("201.52")],
            "调整",
            "annual_plan",
            "超过总投资",
        ),
        ("670.49", list(MONTHLY[:11]), "调整", "monthly_plan", "12个月"),
        ("670.49", list(MONTHLY), "  ", "reason", "必须填写原因"),
    ],
    ids=["sum off by a cent", "above total", "eleven months", "no reason"],
)
def test_a_revised_plan_must_add_up_and_give_a_reason(
    project: Project, annual: str, monthly: list[Decimal], reason: str, field: str, fragment: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        project.revise_plan(Decimal(annual), monthly, reason, "bureau01")

    assert refused.value.field == field
    assert fragment in refused.value.message
    assert project.annual_plan == Decimal("670.49")
    assert project.collect_events() == []


# -- problems ---


def test_problems_raised_in_a_report_are_tracked_until_a_later_report_resolves_them(
    project: Project,
) -> None:
    april = datetime(2026, 4, 10, 9, 0, tzinfo=SHANGHAI)
    submit(project, "2026-04-H1", april, problems=("征地拆迁未完成", "管线迁改未完成"))
    submit(project, "2026-04-H2", MAY_12, actor="unit02")  # says nothing about them
    assert [p["resolved_at"] for p in project.problems.values()] == [None, None]

    submit(project, "2026-05-H1", MAY_12, resolved=(Resolution(1, " 协调会后完成征地 "),))

    first, second = project.problems[1], project.problems[2]
    assert (first["text"], first["period"], first["raised_at"], first["raised_by"]) == (
        "征地拆迁未完成",
        "2026-04-H1",
        april,
        "unit01",
    )
    assert (first["resolved_at"], first["resolution"], first["resolved_by"]) == (
        MAY_12,
        "协调会后完成征地",
        "unit01",
    )
    assert (second["text"], second["resolved_at"]) == ("管线迁改未完成", None)
    assert kinds(project.collect_events()) == [
        "ReportSubmitted",
        "ProblemRaised",
        "ProblemRaised",
        "ReportSubmitted",
        "ReportSubmitted",
        "ProblemResolved",
    ]


def test_a_problem_can_be_resolved_and_another_raised_in_one_report(project: Project) -> None:
    submit(project, "2026-04-H1", MAY_12, problems=("征地拆迁未完成",))

    submit(
        project, "2026-04-H2", MAY_12, resolved=(Resolution(1, "已完成"),), problems=("资金未到位",)
    )

    assert {i: (p["text"], p["resolved_at"] is None) for i, p in project.problems.items()} == {
        1: ("征地拆迁未完成", False),
        2: ("资金未到位", True),
    }


def test_the_bureau_can_raise_and_resolve_a_problem_outside_a_report(project: Project) -> None:
    with clock.frozen(MAY_12):
        number = project.raise_problem(" 施工围挡不规范 ", None, "bureau01")
        project.resolve_problem(number, "已整改", None, "bureau01")

    assert number == 1
    assert project.problems[1]["period"] is None
    assert (project.problems[1]["text"], project.problems[1]["resolved_by"]) == (
        "施工围挡不规范",
        "bureau01",
    )
    with pytest.raises(InvalidValue) as refused:
        project.resolve_problem(1, "再次整改", None, "bureau01")
    assert refused.value.message == "问题编号 1 已经解决"


# -- every event says who and when ---


def test_every_event_carries_the_actor_and_the_clock_s_time() -> None:
    times = [
        datetime(2026, m, d, 9, 0, tzinfo=SHANGHAI) for m, d in ((1, 5), (4, 10), (4, 20), (5, 3))
    ]
    with clock.frozen(times[0]):
        project = Project.register(2026, SPEC, "cli:admin")
    submit(project, "2026-04-H1", times[1], actor="unit01", problems=("征地拆迁未完成",))
    correct(
        project,
        "2026-04-H1",
        "金额有误",
        times[2],
        actor="unit02",
        resolved=(Resolution(1, "已完成"),),
    )
    with clock.frozen(times[3]):
        project.revise_plan(Decimal("670.49"), list(MONTHLY), "复核", "bureau01")
        project.set_flags(True, False, "bureau01")
        project.assign_contacts("王强", "李娜", "13800000000", "bureau01")

    assert [(type(e).__name__, e.actor, e.timestamp) for e in project.collect_events()] == [
        ("Registered", "cli:admin", times[0]),
        ("ReportSubmitted", "unit01", times[1]),
        ("ProblemRaised", "unit01", times[1]),
        ("ReportCorrected", "unit02", times[2]),
        ("ProblemResolved", "unit02", times[2]),
        ("PlanRevised", "bureau01", times[3]),
        ("FlagsSet", "bureau01", times[3]),
        ("ContactsAssigned", "bureau01", times[3]),
    ]


# -- defects found by the demo loader, fixed since ---------------------------


@pytest.mark.parametrize(
    ("amount", "message"), [(Decimal("-5.00"), "金额不能为负数"), (Decimal("5.123"), "两位小数")]
)
def test_a_negative_or_three_decimal_investment_is_refused_even_as_a_decimal(
    project: Project, amount: Decimal, message: str
) -> None:
    with pytest.raises(InvalidValue) as refused:
        submit(project, "2026-05-H1", MAY_12, investment=amount)
    assert refused.value.field == "investment"
    assert message in refused.value.message
    assert project.pending_events == []


def test_a_plan_with_a_negative_month_is_refused_even_when_it_adds_up(project: Project) -> None:
    months = [MONTHLY[0] + Decimal("10.00"), Decimal("-10.00"), *MONTHLY[2:]]
    with pytest.raises(InvalidValue) as refused:
        project.revise_plan(SPEC.annual_plan, months, "调整", "bureau")
    assert refused.value.field == "monthly_plan"
    assert refused.value.message == "2月：金额不能为负数"


def test_a_correction_repeating_an_open_problem_does_not_track_it_twice(project: Project) -> None:
    submit(project, "2026-05-H1", MAY_12, problems=("征地拆迁未完成",))
    correct(project, "2026-05-H1", "更正金额", MAY_12, problems=("征地拆迁未完成", "管线迁改滞后"))

    assert [p["text"] for p in project.problems.values()] == ["征地拆迁未完成", "管线迁改滞后"]
