"""Money stays exact from input to read model to JSON, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.application.app import TrackerApp
from tracker.application.jsonable import summary_json
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.spec import ProjectSpec

BIG = Decimal("9999999999.99")  # just under 100亿万元: more digits than a double keeps exactly


def test_large_and_tiny_amounts_add_up_to_the_cent(app: TrackerApp, frozen) -> None:
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1", "bureau")
    months = (BIG - Decimal("0.11"),) + (Decimal("0.01"),) * 11
    app.projects.register(
        2026,
        [
            ProjectSpec(
                code="BIG",
                name="大额",
                category="城市综合体",
                unit="区城投公司",
                nature="continuing",
                total_investment=BIG,
                annual_plan=BIG,
                monthly_plan=months,
                planned_start=date(2025, 1, 1),
                planned_completion=date(2028, 1, 1),
            )
        ],
        "bureau",
    )
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("9999999999.69"), Decimal("0.01")]
    for index, amount in enumerate(amounts, start=1):
        due = Period.from_index(2026, index).due_date(app.register.campaign(2026).schedule)
        frozen(due.year, due.month, due.day, 9, 0)
        app.projects.submit_report(
            "BIG", Period.from_index(2026, index), ReportInput(amount, "施工中"), "u"
        )

    summary = app.summaries.summary(Period.parse("2026-02-H2"))
    as_json = summary_json(summary)["district"]

    # 0.10 + 0.20 + 9999999999.69 + 0.01 = 10000000000.00 exactly; in floats 0.1 + 0.2 ≠ 0.3.
    assert summary.district.figures.ytd_actual == Decimal("10000000000.00")
    assert as_json["ytd_actual"] == "10000000000.00"
    assert as_json["annual_plan"] == "9999999999.99"
    # ytd plan at 02-H2: (BIG − 0.11) + 0.01 = 9999999999.89
    assert as_json["ytd_plan"] == "9999999999.89"
    assert as_json["period_investment"] == "0.01"
    assert [
        row.figures.period_investment
        for row in app.summaries.summary(Period.parse("2026-01-H2")).projects
    ] == [Decimal("0.20")]
    assert all(type(v) is not float for v in as_json.values())
