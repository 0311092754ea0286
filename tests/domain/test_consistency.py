"""数据核查's rules on a project's reports, without storage: each fires, and each stays quiet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from tracker.domain.period import Period, Schedule
from tracker.domain.rules.consistency import (
    Reported,
    after_completion,
    check_project,
    idle,
    mismatch,
    overspent,
    regress,
)

SCHEDULE = Schedule()
TWENTY = D(20)


def reports(*rows: tuple[int, str, str, str | None]) -> list[Reported]:
    """(period index, investment, progress text, percent) → the reports, oldest first."""
    return [
        Reported(Period.from_index(2026, i), D(money), text, None if pct is None else D(pct))
        for i, money, text, pct in rows
    ]


# -- investment completed vs 形象进度 gained ------------------------------------------


def test_a_new_start_that_spent_half_its_total_but_rose_ten_points_is_a_mismatch() -> None:
    spent = reports((1, "200", "基础施工", "4"), (2, "300", "主体施工", "10"))

    [found] = mismatch(spent, new_start=True, total=D(1000), threshold=TWENTY)

    assert found.kind == "mismatch"
    assert found.periods == (Period.parse("2026-01-H2"),)
    assert "形象进度提高 10 个百分点" in found.detail
    assert "完成投资 500.00 万元，占总投资 1000.00 万元的 50.00%，相差 40.00 个百分点" in (
        found.detail
    )


def test_a_continuing_project_is_measured_from_its_first_percentage_of_the_year() -> None:
    # From 30 % at 第1期 to 45 % at 第4期: 15 points, while 第2–4期 spent 150 of 1,000 (15 %).
    kept = reports(
        (1, "900", "主体施工", "30"),  # before the span: its own money is not counted
        (2, "50", "主体施工", "35"),
        (3, "50", "主体施工", "40"),
        (4, "50", "装修", "45"),
    )

    assert mismatch(kept, new_start=False, total=D(1000), threshold=TWENTY) == []
    # The same figures with the progress standing at 31 %: 14 points apart is within 20 …
    assert mismatch(kept[:3] + reports((4, "50", "装修", "31")), False, D(1000), TWENTY) == []
    # … and 36 % spent against 1 point (35 apart) is not.
    [found] = mismatch(kept[:3] + reports((4, "260", "装修", "31")), False, D(1000), TWENTY)
    assert found.periods == (Period.parse("2026-01-H1"), Period.parse("2026-02-H2"))
    assert "自第1期（1月上半月）（30%）至第4期（2月下半月）（31%）" in found.detail


def test_exactly_the_threshold_apart_is_not_a_mismatch() -> None:
    spent = reports((1, "300", "主体施工", "10"))  # 30 % of the total against 10 points

    assert mismatch(spent, new_start=True, total=D(1000), threshold=TWENTY) == []
    assert len(mismatch(spent, new_start=True, total=D(1000), threshold=D("19.99"))) == 1


# -- investment while 形象进度 stands still ------------------------------------------------


def test_three_reports_in_a_row_with_money_and_the_same_progress_are_idle() -> None:
    same = reports(
        (3, "10", "主体施工", "40"),
        (4, "20", "主体结构施工", "45"),
        (5, "30", "主体结构施工", "45"),
        (6, "40", "主体结构施工", "45"),
    )

    [found] = idle(same)

    assert [p.index for p in found.periods] == [4, 5, 6]
    assert "连续3期形象进度均为“主体结构施工”（45%），同期完成投资 90.00 万元" in found.detail


def test_two_alike_a_gap_or_a_period_without_money_is_not_idle() -> None:
    two = reports((4, "20", "同上", "45"), (5, "30", "同上", "45"), (6, "30", "推进", "46"))
    gap = reports((4, "20", "同上", "45"), (5, "30", "同上", "45"), (7, "30", "同上", "45"))
    unpaid = reports((4, "20", "同上", "45"), (5, "0", "同上", "45"), (6, "30", "同上", "45"))

    assert idle(two) == idle(gap) == idle(unpaid) == []


# -- 形象进度 going down -----------------------------------------------------------------


def test_a_percentage_below_the_one_before_it_is_a_regression() -> None:
    down = reports((1, "1", "a", "40"), (2, "1", "b", None), (3, "1", "c", "35.5"))

    [found] = regress(down)

    assert [p.index for p in found.periods] == [1, 3]
    assert "第1期（1月上半月） 40% → 第3期（2月上半月） 35.5%，下降 4.5 个百分点" in found.detail


def test_a_percentage_that_stays_or_rises_is_no_regression() -> None:
    assert regress(reports((1, "1", "a", "40"), (2, "1", "b", "40"), (3, "1", "c", "41"))) == []


# -- more than the total investment --------------------------------------------------------


def test_a_year_above_the_total_investment_is_overspent_from_the_period_it_crossed() -> None:
    spent = reports((1, "60", "a", None), (2, "30", "b", None), (3, "20", "c", None))

    [found] = overspent(spent, total=D(100))

    assert [p.index for p in found.periods] == [3]
    assert "本年累计完成 110.00 万元，超过项目总投资 100.00 万元" in found.detail
    assert overspent(spent, total=D(110)) == []


# -- reporting after completion --------------------------------------------------------


def test_reports_for_periods_after_the_completion_are_flagged() -> None:
    year = reports((9, "5", "收尾", "98"), (10, "5", "竣工", "100"), (11, "2", "结算", "100"))

    [found] = after_completion(year, date(2026, 5, 20), SCHEDULE)  # 第10期 runs 15–28 May

    assert [p.index for p in found.periods] == [11]
    expected = "项目已于2026-05-20竣工，此后仍报送1期（第11期（6月上半月）），完成投资 2.00 万元"
    assert expected in found.detail
    assert after_completion(year, date(2026, 6, 1), SCHEDULE) == []
    assert after_completion(year, None, SCHEDULE) == []


def test_a_project_whose_figures_hang_together_has_no_finding() -> None:
    steady = reports((1, "100", "基础施工", "10"), (2, "100", "主体施工", "20"))

    assert check_project(steady, True, D(1000), None, SCHEDULE, TWENTY) == []
