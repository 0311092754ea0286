"""数据核查 and the forecast on the bureau's pages; the settings that steer them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

import pytest

from tests.conftest import SHANGHAI
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

GREENING = "CJ2026-005"  # 城区主干道绿化提升工程, 区城管局, 总投资 7241.00


@pytest.fixture
def reported(campaign, frozen):
    """Two reports of CJ2026-005 that do not hang together, one steady project beside it."""
    for day, period, amount, pct in (
        (13, "2026-01-H1", "4000", "40"),
        (27, "2026-01-H2", "4000", "35"),
    ):
        frozen(2026, 1, day, 10, 0)
        report = ReportInput(D(amount), "绿化带提升施工", progress_pct=D(pct))
        campaign.projects.submit_report(GREENING, Period.parse(period), report, "unit04")
        steady = ReportInput(D("1"), f"第{day}日施工", progress_pct=D(day) / 10)
        campaign.projects.submit_report("CJ2026-008", Period.parse(period), steady, "unit04")
    frozen(2026, 2, 2, 9, 0)
    return campaign


def test_the_checks_page_lists_each_rule_with_its_numbers_and_the_reports_behind_it(
    reported, signed_in
) -> None:
    page = signed_in("bureau").get("/bureau/checks").get_data(as_text=True)
    regressed = signed_in("bureau").get("/bureau/checks?kind=regress").get_data(as_text=True)

    assert '<a href="/bureau/checks">数据核查</a>' in page  # in the menu
    assert "第1期（1月上半月） 40% → 第2期（1月下半月） 35%，下降 5 个百分点" in page
    assert "本年累计完成 8000.00 万元，超过项目总投资 7241.00 万元" in page.replace(",", "")
    assert f'href="/projects/{GREENING}#period-2026-01-H2"' in page
    assert "CJ2026-008" not in page  # its figures hang together
    assert regressed.count(f'data-code="{GREENING}"') == 1 and "超过项目总投资" not in regressed
    assert [i.kind for i in reported.checks.items(2026)] == ["mismatch", "regress", "overspent"]


def test_as_of_before_the_second_report_nothing_is_wrong_yet(reported, signed_in) -> None:
    page = signed_in("viewer").get("/bureau/checks?as_of=2026-01-20T00:00").get_data(as_text=True)

    assert "数据截至" in page and "没有发现数据不一致的项目" in page
    assert reported.checks.items(2026, datetime(2026, 1, 20, tzinfo=SHANGHAI)) == []
    assert signed_in("unit04").get("/bureau/checks").status_code == 403
    assert signed_in("bureau").get("/bureau/checks?kind=nonsense").status_code == 404


def test_the_dashboard_shows_the_forecast_by_category_and_unit(reported, signed_in) -> None:
    page = signed_in("bureau").get("/bureau?period=2026-01-H2").get_data(as_text=True)

    assert 'id="outlook"' in page and "预计全年完成" in page and "剩余每期需完成" in page
    assert 'id="outlook-by-category"' in page and 'id="outlook-by-unit"' in page


def test_the_bureau_sets_the_node_days_and_the_checks_threshold_with_a_reason(
    reported, signed_in
) -> None:
    client = signed_in("bureau")
    values = {
        "yellow": "10", "red": "30", "start_yellow_months": "1", "start_red_months": "3",
        "on_time": "30", "progress": "50", "starts": "20",
        "milestone_yellow_days": "3", "milestone_red_days": "15", "mismatch_points": "70",
    }  # fmt: skip

    wrong = client.post("/bureau/settings", data={**values, "milestone_red_days": "2", "reason": "x"})  # noqa: E501
    saved = client.post("/bureau/settings", data={**values, "reason": "放宽核查阈值"})

    assert wrong.status_code == 422 and "节点逾期的黄灯、红灯天数" in wrong.get_data(as_text=True)
    assert saved.status_code == 303
    thresholds = reported.register.campaign(2026).thresholds
    assert (thresholds.milestone_yellow_days, thresholds.milestone_red_days) == (3, 15)
    assert [i.kind for i in reported.checks.items(2026)] == ["regress", "overspent"]  # 60 < 70
    shown = client.get("/bureau/settings").get_data(as_text=True)
    read = signed_in("viewer").get("/bureau/settings").get_data(as_text=True)
    assert 'name="mismatch_points" value="70' in shown
    assert '<dd data-setting="milestone_red_days">15 天</dd>' in read
    assert 'name="mismatch_points"' not in read  # read as text, no box
