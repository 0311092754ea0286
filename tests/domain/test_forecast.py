"""Forecast and what it takes (DESIGN §3 Forecast), worked by hand, without storage."""

from __future__ import annotations

from decimal import Decimal as D

from tracker.domain.period import Period
from tracker.domain.progress import planned_pct, progress_plan_errors, shown
from tracker.domain.rules.forecast import (
    Outlook,
    forecast,
    physical_lag,
    project_outlook,
    required_per_period,
    spi,
    total_outlook,
)
from tracker.domain.rules.ytd import Figures

PLAN = tuple(D(p) for p in "5 10 20 30 40 50 60 70 80 90 95 100".split())


def test_spi_has_four_decimals_and_is_null_before_anything_was_planned() -> None:
    assert spi(D("80.00"), D("120.00")) == D("0.6667")
    assert spi(D("10.00"), D("0.00")) is None


def test_the_forecast_runs_the_rest_of_the_plan_at_the_pace_so_far() -> None:
    # 80 done of 120 due: spi 0.6667; the 280 still planned at that pace is 186.676.
    assert forecast(D("400.00"), D("120.00"), D("80.00")) == D("266.68")
    assert forecast(D("400.00"), D("0.00"), D("15.00")) == D("400.00")  # no pace yet: the plan


def test_what_is_left_is_spread_over_the_periods_after_this_one() -> None:
    assert required_per_period(D("400.00"), D("80.00"), Period.parse("2026-05-H1")) == D("21.33")
    assert required_per_period(D("400.00"), D("500.00"), Period.parse("2026-05-H1")) == D("0.00")
    assert required_per_period(D("400.00"), D("80.00"), Period.parse("2026-12-H2")) is None


def test_the_planned_progress_at_a_first_half_lies_halfway_from_the_month_before() -> None:
    assert planned_pct(PLAN, Period.parse("2026-03-H2")) == D("20.0")
    assert planned_pct(PLAN, Period.parse("2026-03-H1")) == D("15.0")
    assert planned_pct(PLAN, Period.parse("2026-01-H1")) == D("2.5")
    assert planned_pct(PLAN, Period.parse("2026-11-H1")) == D("92.5")
    assert planned_pct((), Period.parse("2026-03-H1")) is None
    assert physical_lag(D("20.0"), D("12.5")) == D("7.5")
    assert physical_lag(D("20.0"), None) is None and physical_lag(None, D("5")) is None


def test_a_group_sums_its_projects_forecasts_and_takes_the_spi_of_its_sums() -> None:
    period = Period.parse("2026-05-H1")
    a = project_outlook(Figures(D(400), D(120), D(80), D(10)), period, D("45.0"), D("40"))
    b = project_outlook(Figures(D(100), D(0), D(0), D(0)), period, None, D("3"))

    both = total_outlook(Figures(D(500), D(120), D(80), D(10)), [a, b], period)

    assert a == Outlook(D("0.6667"), D("266.68"), D("21.33"), D("45.0"), D("40"), D("5.0"))
    assert both.forecast == D("366.68") and both.required_per_period == D("21.33") + D("6.67")
    assert both.spi == D("0.6667")


def test_a_progress_plan_must_rise_and_stay_within_0_and_100() -> None:
    down = list(PLAN)
    down[5] = D("25")
    over = [*PLAN[:11], D("100.5")]

    [falling] = progress_plan_errors(down)
    [above] = progress_plan_errors(over)

    assert falling.field == "progress_6"
    assert falling.message == "6月累计形象进度计划 25% 低于5月的 40%，累计进度须逐月不减"
    assert above.field == "progress_12" and "0到100" in above.message
    assert progress_plan_errors([D("1.25")] * 12)[0].message == "形象进度计划最多保留1位小数"
    assert progress_plan_errors([D(5)] * 11)[0].field == "progress_plan"
    assert progress_plan_errors(()) == [] and shown(D("45.0")) == "45" and shown(D("2.5")) == "2.5"
