"""A small campaign computed by hand: every figure, light and status written out.

Three projects registered on 5 Jan (C on 20 Feb), reports through 03-H1,
one correction after the deadline and one plan revision. The numbers in the
comments are the hand computation; the asserts check the read models agree.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal as D

import pytest

from tests.conftest import SHANGHAI
from tracker.application.app import TrackerApp
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec


def spec(
    code: str, unit: str, category: str, nature: str, monthly: list[str], start: date
) -> ProjectSpec:
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
        planned_start=start,
        planned_completion=date(2027, 12, 31),
    )


def report(
    app: TrackerApp, frozen, when: tuple[int, ...], code: str, period: str, amount: str, **extra
) -> None:
    frozen(*when)
    app.projects.submit_report(
        code, Period.parse(period), ReportInput(D(amount), "施工中", **extra), "reporter"
    )


@pytest.fixture
def hand(app: TrackerApp, frozen) -> TrackerApp:
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    app.projects.register(
        2026,
        [
            spec("A", "甲单位", "城市绿化", "continuing", ["10.00"] * 12, date(2025, 6, 1)),
            spec(
                "B",
                "乙单位",
                "城市综合交通",
                "new_start",
                ["0.00", "0.00"] + ["30.00"] * 4 + ["20.00"] * 6,
                date(2026, 1, 20),
            ),
        ],
        "bureau",
    )
    # A: on time at the last second, late at the first second after the deadline.
    report(app, frozen, (2026, 1, 14, 23, 59, 59), "A", "2026-01-H1", "5.00")
    report(
        app, frozen, (2026, 1, 29, 0, 0, 0), "A", "2026-01-H2", "4.00", problems=("征地拆迁未完成",)
    )
    report(app, frozen, (2026, 2, 10, 10, 0), "A", "2026-02-H1", "5.00")
    for period in ("2026-01-H1", "2026-01-H2", "2026-02-H1", "2026-02-H2"):
        due = Period.parse(period).due_date(app.register.campaign(2026).schedule)
        report(app, frozen, (2026, due.month, due.day, 9, 0), "B", period, "0.00")
    frozen(2026, 2, 20, 9, 0)
    app.projects.register(
        2026,
        [
            spec("C", "甲单位", "城市综合交通", "continuing", ["5.00"] * 12, date(2025, 1, 1)),
        ],
        "bureau",
    )
    frozen(2026, 2, 20, 15, 0)
    app.projects.correct_report(
        "A", Period.parse("2026-01-H1"), ReportInput(D("6.00"), "施工中"), "漏报设备款", "reporter"
    )
    report(app, frozen, (2026, 2, 21, 9, 0), "C", "2026-01-H1", "2.50")  # 补录
    report(app, frozen, (2026, 2, 27, 9, 0), "C", "2026-02-H2", "2.00")
    frozen(2026, 3, 1, 10, 0)
    app.projects.revise_plan(
        "A", D("144.00"), [D("10.00")] * 2 + [D("12.40")] * 10, "追加绿化面积", "bureau"
    )
    report(app, frozen, (2026, 3, 12, 9, 0), "A", "2026-03-H1", "3.00")
    report(
        app, frozen, (2026, 3, 13, 9, 0), "B", "2026-03-H1", "8.00", started_on=date(2026, 3, 10)
    )
    frozen(2026, 3, 20, 9, 0)
    return app


def figures(row) -> tuple:
    f = row.figures
    return (
        f.annual_plan,
        f.ytd_plan,
        f.ytd_actual,
        f.period_investment,
        f.completion_rate,
        f.schedule_ratio,
        f.lag,
        row.light,
    )


def test_project_figures_at_03_H1_match_the_hand_computation(hand: TrackerApp) -> None:
    rows = {row.code: row for row in hand.summaries.summary(Period.parse("2026-03-H1")).projects}

    # A: plan revised to 10,10,12.40…: 序时 10+10+6.20=26.20; actual 6+4+5+0+3=18.00;
    # 18/144=12.50%; 18/26.2=68.70%; (26.20−18)/144=5.69 points → green.
    assert figures(rows["A"]) == (
        D("144.00"),
        D("26.20"),
        D("18.00"),
        D("3.00"),
        D("12.50"),
        D("68.70"),
        D("5.69"),
        "green",
    )
    # B: 序时 0+0+15=15.00; actual 8.00; 3.33%; 53.33%; 2.92 points; started 10 Mar → green.
    assert figures(rows["B"]) == (
        D("240.00"),
        D("15.00"),
        D("8.00"),
        D("8.00"),
        D("3.33"),
        D("53.33"),
        D("2.92"),
        "green",
    )
    # C: 序时 5+5+2.50=12.50; actual 2.50+2.00=4.50; 7.50%; 36.00%; 13.33 points → yellow.
    assert figures(rows["C"]) == (
        D("60.00"),
        D("12.50"),
        D("4.50"),
        D("0.00"),
        D("7.50"),
        D("36.00"),
        D("13.33"),
        "yellow",
    )


def test_totals_are_sums_of_the_same_figures(hand: TrackerApp) -> None:
    summary = hand.summaries.summary(Period.parse("2026-03-H1"))
    district = summary.district.figures
    units = {row.name: row.figures for row in summary.units}
    categories = {row.name: row.figures for row in summary.categories}

    # 144+240+60=444; 26.20+15+12.50=53.70; 18+8+4.50=30.50; 3+8+0=11; 6.87%; 5.23 points.
    assert (
        district.annual_plan,
        district.ytd_plan,
        district.ytd_actual,
        district.period_investment,
        district.completion_rate,
        district.lag,
    ) == (D("444.00"), D("53.70"), D("30.50"), D("11.00"), D("6.87"), D("5.23"))
    assert summary.district.light == "green"
    # 甲单位 = A + C: 204; 38.70; 22.50; lag 16.20/204 = 7.94.
    assert (
        units["甲单位"].annual_plan,
        units["甲单位"].ytd_plan,
        units["甲单位"].ytd_actual,
        units["甲单位"].lag,
    ) == (D("204.00"), D("38.70"), D("22.50"), D("7.94"))
    # 城市综合交通 = B + C: 300; 27.50; 12.50; lag 15/300 = 5.00.
    assert (
        categories["城市综合交通"].ytd_plan,
        categories["城市综合交通"].ytd_actual,
        categories["城市综合交通"].lag,
    ) == (D("27.50"), D("12.50"), D("5.00"))
    assert len(summary.categories) == 10
    assert categories["垃圾处理"].annual_plan == D("0.00")


def test_statuses_follow_deadlines_and_registration(hand: TrackerApp) -> None:
    def status(code: str, period: str) -> str:
        rows = hand.summaries.period_status(Period.parse(period))
        return next(row.status for row in rows if row.code == code)

    assert status("A", "2026-01-H1") == "on_time"  # 23:59:59 on the 14th
    assert status("A", "2026-01-H2") == "late"  # 00:00:00 on the 29th
    assert status("A", "2026-02-H2") == "missing"
    assert status("A", "2026-03-H2") == "pending"
    assert status("C", "2026-01-H1") == "backfilled"  # deadline passed before registration
    assert status("C", "2026-02-H1") == "not_due"
    assert status("C", "2026-02-H2") == "on_time"
    assert status("C", "2026-03-H1") == "missing"


def test_a_new_start_not_started_a_month_after_its_planned_start_is_yellow(
    hand: TrackerApp,
) -> None:
    # B planned to start 20 Jan and started 10 Mar. At 02-H2 (due 28 Feb) it had
    # not started and 20 Feb had passed → yellow; at 03-H1 (due 14 Mar) → green.
    def light(period: str) -> str:
        rows = hand.summaries.summary(Period.parse(period)).projects
        return next(row.light for row in rows if row.code == "B")

    assert light("2026-02-H1") == "green"  # due 14 Feb: less than a month late
    assert light("2026-02-H2") == "yellow"
    assert light("2026-03-H1") == "green"


def test_a_correction_after_the_deadline_shows_now_but_not_as_of_the_deadline(
    hand: TrackerApp,
) -> None:
    period = Period.parse("2026-01-H1")
    deadline = datetime(2026, 1, 15, 0, 0, tzinfo=SHANGHAI)

    now_row = next(r for r in hand.summaries.summary(period).projects if r.code == "A")
    then = hand.summaries.summary(period, as_of=deadline)
    then_row = next(r for r in then.projects if r.code == "A")

    assert now_row.figures.period_investment == D("6.00")
    assert now_row.versions == 2
    assert then_row.figures.period_investment == D("5.00")
    assert then_row.versions == 1
    assert [r.code for r in then.projects] == ["A", "B"]  # C was not registered yet


def test_as_of_uses_the_plan_as_it_stood_then(hand: TrackerApp) -> None:
    period = Period.parse("2026-03-H1")
    before = hand.summaries.summary(period, as_of=datetime(2026, 3, 1, 9, 0, tzinfo=SHANGHAI))
    row = next(r for r in before.projects if r.code == "A")
    assert (row.figures.annual_plan, row.figures.ytd_plan) == (D("120.00"), D("25.00"))


def test_the_overdue_list_at_20_march(hand: TrackerApp) -> None:
    items = {(i.kind, i.code): i for i in hand.overdue.items(2026)}

    assert set(items) == {
        ("missing_report", "A"),
        ("missing_report", "C"),
        ("lagging", "C"),
        ("stale_problem", "A"),
    }
    assert items[("missing_report", "A")].since == datetime(2026, 3, 1, tzinfo=SHANGHAI)
    assert items[("lagging", "C")].light == "yellow"
    assert items[("lagging", "C")].since == datetime(2026, 3, 15, tzinfo=SHANGHAI)
    assert items[("stale_problem", "A")].light == "yellow"
    assert "征地拆迁未完成" in items[("stale_problem", "A")].detail


def test_the_february_ranking(hand: TrackerApp) -> None:
    rows = hand.rankings.month(2026, 2)
    by_unit = {row.unit: row for row in rows}

    # 甲单位: on time 2 of 3 → 20.00; progress (15+4.50)/(20+10)=0.65 → 32.50;
    # no new starts → scaled by 100/80: 65.625 → 65.63.
    assert (
        by_unit["甲单位"].on_time_score,
        by_unit["甲单位"].progress_score,
        by_unit["甲单位"].start_score,
        by_unit["甲单位"].total,
    ) == (D("20.00"), D("32.50"), None, D("65.63"))
    # 乙单位: 2 of 2 → 30; no plan yet → progress 1 → 50; started 10 Mar, later
    # than 20 Feb → 0 of 1 → 0; total 80.
    assert (
        by_unit["乙单位"].on_time_score,
        by_unit["乙单位"].progress_score,
        by_unit["乙单位"].start_score,
        by_unit["乙单位"].total,
    ) == (D("30.00"), D("50.00"), D("0.00"), D("80.00"))
    assert [(r.unit, r.rank, r.last) for r in rows] == [("乙单位", 1, False), ("甲单位", 2, True)]


def test_rebuilding_the_read_models_gives_the_same_figures(hand: TrackerApp) -> None:
    period = Period.parse("2026-03-H1")
    before = hand.summaries.summary(period)

    applied = hand.store.rebuild_projections()

    assert applied == hand.store.event_count() or applied > 30
    assert hand.summaries.summary(period) == before


def test_thresholds_and_weights_are_campaign_settings_changed_with_a_reason(
    hand: TrackerApp, frozen
) -> None:
    from tracker.domain.errors import InvalidValue
    from tracker.domain.rules.lights import Thresholds
    from tracker.domain.rules.ranking import Weights

    period = Period.parse("2026-03-H1")
    before_change = datetime(2026, 3, 20, 9, 0, tzinfo=SHANGHAI)
    with pytest.raises(InvalidValue) as refused:
        hand.campaigns.change_settings(
            2026, Thresholds(), Weights(D(30), D(50), D(30)), "x", "bureau"
        )
    frozen(2026, 3, 21, 9, 0)
    hand.campaigns.change_settings(
        2026, Thresholds(D(5), D(12)), Weights(D(40), D(40), D(20)), "从严考核", "bureau"
    )

    lights = {r.code: r.light for r in hand.summaries.summary(period).projects}
    then = {r.code: r.light for r in hand.summaries.summary(period, as_of=before_change).projects}
    ranking = {r.unit: r for r in hand.rankings.month(2026, 2)}

    assert refused.value.field == "weights"
    # A lags 5.69 (≥5: yellow), B 2.92 (green), C 13.33 (>12: red)
    assert lights == {"A": "yellow", "B": "green", "C": "red"}
    assert then == {"A": "green", "B": "green", "C": "yellow"}  # as of before the change
    # 甲单位: on time 2/3 → 26.67; progress 0.65 → 26.00; no new starts → 52.67 × 100/80 = 65.84
    assert (ranking["甲单位"].on_time_score, ranking["甲单位"].progress_score) == (
        D("26.67"),
        D("26.00"),
    )
    assert ranking["甲单位"].total == D("65.84")
