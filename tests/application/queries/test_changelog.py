"""变更记录: the district-wide log folded from the events, each change with its before and after."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from tests.conftest import SHANGHAI
from tracker.application.queries.changelog import LogFilter
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

OWN, OTHER = "CJ2026-004", "CJ2026-013"  # 区城管局, 区交通局
MAY = Period.parse("2026-05-H1")


@pytest.fixture
def history(campaign, frozen):
    """Reports on 12 May, a correction and a plan revision on 14 May, a withdrawal on 20 May."""
    campaign.users.add("unit04", "unit", "区城管局", "cli:test")
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, MAY, ReportInput(Decimal("12.34"), "桩基"), "unit04")
    campaign.projects.submit_report(OTHER, MAY, ReportInput(Decimal("3.00"), "路面"), "unit01")
    frozen(2026, 5, 14, 16, 0)
    campaign.projects.correct_report(
        OWN, MAY, ReportInput(Decimal("15.00"), "桩基完成"), "漏报材料款", "unit04"
    )
    project = campaign.projects.load("CJ2026-001")
    monthly = list(project.monthly_plan)
    monthly[5] += Decimal("10.00")
    campaign.projects.revise_plan("CJ2026-001", Decimal("1015.74"), monthly, "追加设计费", "bureau")
    frozen(2026, 5, 20, 9, 0)
    campaign.projects.withdraw(OTHER, "并入其他项目", "bureau")
    campaign.users.disable("unit04", "人员调离", "bureau")
    return campaign


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_correction_shows_each_changed_figure_before_and_after_with_its_reason(history) -> None:
    [row] = history.changes.rows(LogFilter(kind="Project.ReportCorrected"))
    assert (row.actor, row.code, row.unit, row.period) == ("unit04", OWN, "区城管局", "2026-05-H1")
    assert row.changes == (
        ("本期完成投资（万元）", "12.34", "15.00"),
        ("形象进度", "桩基", "桩基完成"),
    )
    assert (
        row.reason == "漏报材料款" and row.label == "更正半月报" and row.subject == "滨江公园二期"
    )
    assert row.time == at(2026, 5, 14, 16, 0)


def test_a_plan_revision_shows_the_annual_plan_and_the_months_that_changed(history) -> None:
    [row] = history.changes.rows(LogFilter(kind="Project.PlanRevised"))
    assert row.changes == (
        ("年度计划投资（万元）", "1005.74", "1015.74"),
        ("6月计划（万元）", "103.00", "113.00"),
    )
    assert (row.actor, row.reason) == ("bureau", "追加设计费")


def test_a_projects_plan_history_starts_with_the_registered_plan(history) -> None:
    registered, revised = history.changes.plans("CJ2026-001")
    assert registered.changes == (("年度计划投资（万元）", None, "1005.74"),)
    assert registered.actor == "cli:test" and revised.reason == "追加设计费"
    assert history.changes.plans(OWN)[1:] == []


@pytest.mark.parametrize(
    ("where", "kinds"),
    [
        (LogFilter(unit="区交通局", since=at(2026, 5, 1)), ["ReportSubmitted", "Withdrawn"]),
        (LogFilter(code=OWN.lower(), since=at(2026, 5, 1)), ["ReportSubmitted", "ReportCorrected"]),
        (LogFilter(actor="unit01"), ["ReportSubmitted"]),
        (LogFilter(actor="bureau"), ["PlanRevised", "Withdrawn", "Disabled"]),
        (
            LogFilter(since=at(2026, 5, 13), before=at(2026, 5, 15)),
            ["ReportCorrected", "PlanRevised"],
        ),
    ],
)
def test_the_log_filters_by_unit_project_actor_kind_and_dates(history, where, kinds) -> None:
    assert [row.kind.split(".")[1] for row in history.changes.rows(where)] == kinds


def test_as_of_a_moment_the_log_shows_only_what_was_known_then(history) -> None:
    before_correction = history.changes.rows(LogFilter(code=OWN), as_of=at(2026, 5, 13))
    assert [row.kind for row in before_correction][-1] == "Project.ReportSubmitted"
    assert before_correction[-1].changes[0] == ("本期完成投资（万元）", None, "12.34")


def test_withdrawals_and_disabled_users_stay_in_the_log_with_who_and_why(history) -> None:
    [withdrawn] = history.changes.rows(LogFilter(kind="Project.Withdrawn"))
    [disabled] = history.changes.rows(LogFilter(kind="User.Disabled"))
    assert withdrawn.changes == (("项目状态", "在建", "已撤销"),)
    assert (withdrawn.subject, withdrawn.reason) == (
        history.projects.load(OTHER).name,
        "并入其他项目",
    )
    assert (disabled.subject, disabled.changes, disabled.reason) == (
        "unit04",
        (("状态", "启用", "停用"),),
        "人员调离",
    )
    assert [r.actor for r in history.changes.rows(LogFilter(code=OWN, since=at(2026, 5, 1)))] == [
        "unit04",
        "unit04",
    ]


def test_supervision_and_proposal_steps_name_their_project_and_unit(history) -> None:
    from datetime import date

    order = history.supervisions.issue(OWN, "请说明原因", date(2026, 5, 30), "bureau")
    history.supervisions.answer(str(order), "已加派人手", "unit04b")
    rows = history.changes.rows(LogFilter(code=OWN, kind="Supervision.Answered"))
    assert [(r.unit, r.subject, r.changes) for r in rows] == [
        (
            "区城管局",
            "滨江公园二期",
            (("答复", None, "已加派人手"), ("督办状态", "待答复", "已答复")),
        )
    ]


# -- a page of the log is a query on its index; what changed is told by folding that page's
# aggregates only. It must read as the whole log folded, newest first, for any filter.

FILTERS = [
    LogFilter(),
    LogFilter(unit="区城管局"),
    LogFilter(code=OWN.lower()),
    LogFilter(actor="unit04"),
    LogFilter(kind="Project.ReportCorrected"),
    LogFilter(since=datetime(2026, 5, 14, tzinfo=SHANGHAI)),
    LogFilter(before=datetime(2026, 5, 14, tzinfo=SHANGHAI), unit="区交通局"),
]


@pytest.mark.parametrize("where", FILTERS)
def test_a_page_of_the_log_reads_as_the_whole_log_folded_newest_first(history, where) -> None:
    from datetime import date

    history.supervisions.issue(OWN, "请说明进度", date(2026, 5, 30), "bureau")
    for moment in (None, at(2026, 5, 14, 16, 0), at(2026, 5, 12, 9, 0)):
        everything = history.changes.rows(where, as_of=moment)[::-1]
        for offset, limit in ((0, 50), (0, 3), (3, 5), (len(everything), 5)):
            total, rows = history.changes.page(where, moment, offset, limit)
            assert total == len(everything)
            assert rows == everything[offset : offset + limit]
