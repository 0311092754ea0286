"""Forecasts of a small campaign worked out by hand: spi, 预计全年完成, 剩余每期需完成 and
形象进度滞后 for three projects over five periods with a plan revision, and their sums.

A (甲单位, 城市绿化): 10 a month, 120 a year, 形象进度计划 5,10,15,20 … 100; revised on
1 Mar to 10,10 then 12.40 a month (144) with March's progress planned at 12 instead of 15.
B (乙单位, 城市综合交通, new start): 0,0, then 30 a month for four months, then 20 (240); no plan.
C (甲单位, 城市综合交通): 5 a month (60), progress planned 1,2,3 … 12.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.application.jsonable import summary_json
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec

MARCH_H1 = Period.parse("2026-03-H1")  # the 5th period: 19 left after it


def spec(code: str, unit: str, category: str, nature: str, monthly: list[str], plan: list[int]):
    amounts = tuple(D(m) for m in monthly)
    return ProjectSpec(
        code=code,
        name=f"项目{code}",
        category=category,
        unit=unit,
        nature=nature,
        total_investment=D("500.00"),
        annual_plan=sum(amounts, D("0.00")),
        monthly_plan=amounts,
        planned_start=date(2026, 1, 20) if nature == "new_start" else date(2025, 6, 1),
        planned_completion=date(2027, 12, 31),
        progress_plan=tuple(D(p) for p in plan),
    )


@pytest.fixture
def hand(app: TrackerApp, frozen) -> TrackerApp:
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    b_months = ["0.00", "0.00"] + ["30.00"] * 4 + ["20.00"] * 6
    a_plan = [5, 10, 15, 20, *range(30, 101, 10)]
    app.projects.register(
        2026,
        [
            spec("A", "甲单位", "城市绿化", "continuing", ["10.00"] * 12, a_plan),
            spec("B", "乙单位", "城市综合交通", "new_start", b_months, []),
            spec("C", "甲单位", "城市综合交通", "continuing", ["5.00"] * 12, list(range(1, 13))),
        ],
        "bureau",
    )

    def report(when: tuple, code: str, period: str, amount: str, pct: str | None, **extra):
        frozen(*when)
        value = None if pct is None else D(pct)
        data = ReportInput(D(amount), "施工中", progress_pct=value, **extra)
        app.projects.submit_report(code, Period.parse(period), data, "reporter")

    for day, period, amount, pct in (
        (13, "2026-01-H1", "5.00", "3"),
        (27, "2026-01-H2", "4.00", "6"),
    ):
        report((2026, 1, day, 9, 0), "A", period, amount, pct)
    report((2026, 2, 12, 9, 0), "A", "2026-02-H1", "5.00", "8")
    report((2026, 2, 27, 9, 0), "A", "2026-02-H2", "6.00", "9")
    report((2026, 2, 27, 10, 0), "C", "2026-02-H2", "2.00", "1")
    for period in ("2026-01-H1", "2026-01-H2", "2026-02-H1", "2026-02-H2"):
        report((2026, 2, 27, 11, 0), "B", period, "0.00", None)
    frozen(2026, 3, 1, 10, 0)
    revised = [D("10.00")] * 2 + [D("12.40")] * 10
    progress = [D(p) for p in (5, 10, 12, 20, *range(30, 101, 10))]
    app.projects.revise_plan("A", D("144.00"), revised, "追加绿化面积", "bureau", progress)
    report((2026, 3, 12, 9, 0), "A", "2026-03-H1", "3.00", None)  # no percent: 9 still stands
    report((2026, 3, 13, 9, 0), "B", "2026-03-H1", "8.00", "2", started_on=date(2026, 3, 10))
    frozen(2026, 3, 20, 9, 0)
    return app


def outlook(row) -> tuple:
    return (row.spi, row.forecast, row.required_per_period)


def test_each_projects_forecast_at_03_H1_is_the_hand_computation(hand: TrackerApp) -> None:
    found = hand.summaries.summary(MARCH_H1).outlook.projects

    # A: 序时 10+10+6.20 = 26.20, done 5+4+5+6+3 = 23.00: spi 23/26.2 = 0.8779;
    # 23 + (144 − 26.20) × 0.8779 = 23 + 103.41662 = 126.42; (144 − 23)/19 = 6.37;
    # planned halfway from Feb's 10 to the revised March 12 = 11.0, latest reported 9: 2.0 behind.
    assert outlook(found["A"]) == (D("0.8779"), D("126.42"), D("6.37"))
    assert (found["A"].planned_pct, found["A"].latest_pct, found["A"].physical_lag) == (
        D("11.0"),
        D("9"),
        D("2.0"),
    )
    # B: 序时 0+0+15 = 15.00, done 8.00: 0.5333; 8 + 225 × 0.5333 = 127.99; 232/19 = 12.21; no plan.
    assert outlook(found["B"]) == (D("0.5333"), D("127.99"), D("12.21"))
    assert (found["B"].planned_pct, found["B"].physical_lag) == (None, None)
    # C: 序时 5+5+2.50 = 12.50, done 2.00: 0.1600; 2 + 47.50 × 0.16 = 9.60; 58/19 = 3.05;
    # planned halfway from 2 to 3 = 2.5, reported 1: 1.5 behind.
    assert outlook(found["C"]) == (D("0.1600"), D("9.60"), D("3.05"))
    assert found["C"].physical_lag == D("1.5")


def test_the_groups_sum_their_projects_and_take_the_spi_of_their_sums(hand: TrackerApp) -> None:
    found = hand.summaries.summary(MARCH_H1).outlook

    # District: 126.42 + 127.99 + 9.60 = 264.01; 6.37 + 12.21 + 3.05 = 21.63; 33/53.70 = 0.6145.
    assert outlook(found.district) == (D("0.6145"), D("264.01"), D("21.63"))
    assert found.district.forecast == sum(p.forecast for p in found.projects.values())
    # 甲单位 (A, C): 136.02, 9.42, 25/38.70; 城市综合交通 (B, C): 137.59, 15.26, 10/27.50.
    assert outlook(found.units["甲单位"]) == (D("0.6460"), D("136.02"), D("9.42"))
    assert outlook(found.units["乙单位"]) == outlook(found.projects["B"])
    assert outlook(found.categories["城市综合交通"]) == (D("0.3636"), D("137.59"), D("15.26"))
    assert outlook(found.categories["城市绿化"]) == outlook(found.projects["A"])
    assert outlook(found.categories["垃圾处理"]) == (None, D("0.00"), D("0.00"))


def test_as_of_before_the_revision_the_forecast_follows_the_plan_then(hand: TrackerApp) -> None:
    then = datetime(2026, 2, 28, 12, 0, tzinfo=SHANGHAI)

    a = hand.summaries.summary(MARCH_H1, as_of=then).outlook.projects["A"]

    # 序时 10+10+5 = 25.00 of 120, done 20.00: 0.8; 20 + 95 × 0.8 = 96.00; 100/19 = 5.26;
    # planned halfway from 10 to the March 15 of then = 12.5, reported 9: 3.5 behind.
    assert outlook(a) == (D("0.8000"), D("96.00"), D("5.26"))
    assert a.physical_lag == D("3.5")


def test_the_last_period_needs_nothing_more_and_the_summary_json_carries_it_all(
    hand: TrackerApp,
) -> None:
    last = hand.summaries.summary(Period.parse("2026-12-H2")).outlook
    shown = summary_json(hand.summaries.summary(MARCH_H1))

    assert last.district.required_per_period is None
    assert all(p.required_per_period is None for p in last.projects.values())
    assert {k: shown["district"][k] for k in ("spi", "forecast", "required_per_period")} == {
        "spi": "0.6145",
        "forecast": "264.01",
        "required_per_period": "21.63",
    }
    a = next(p for p in shown["projects"] if p["code"] == "A")
    assert (a["spi"], a["forecast"], a["planned_pct"], a["physical_lag"]) == (
        "0.8779",
        "126.42",
        "11.00",
        "2.00",
    )
    assert next(u for u in shown["units"] if u["name"] == "甲单位")["forecast"] == "136.02"
