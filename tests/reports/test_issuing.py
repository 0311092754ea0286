"""签发: the bureau signs off a period's 月报表; it can be re-made byte for byte, and later
corrections are restated in the next report. On SQLite and on PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal as D

import pytest

import reports
from tests.conftest import SHANGHAI
from tests.reports.conftest import correct, pdf_text, spec, squeeze, submit
from tracker.application.app import TrackerApp
from tracker.domain.base import campaign_id
from tracker.domain.errors import InvalidValue, NotFound, RuleViolation
from tracker.domain.period import Period

H1, H2, FEB = Period.parse("2026-01-H1"), Period.parse("2026-01-H2"), Period.parse("2026-02-H1")


@pytest.fixture
def signed(app: TrackerApp, frozen) -> TrackerApp:
    """A and B reported for 01-H1, C not; 01-H1 signed off on 15 Jan at 10:00."""
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    app.projects.register(
        2026,
        [
            spec("A", "甲项目", "甲单位", "城市绿化"),
            spec("B", "乙项目", "乙单位", "城市综合交通"),
            spec("C", "丙项目", "乙单位", "垃圾处理"),
        ],
        "bureau",
    )
    frozen(2026, 1, 12, 9, 0)
    submit(app, "A", "2026-01-H1", "5.00")
    submit(app, "B", "2026-01-H1", "3.00")
    frozen(2026, 1, 15, 10, 0)
    reports.issue_report(app, H1, None, "bureau")
    return app


def test_signing_off_keeps_the_pdf_and_records_its_sha256(signed: TrackerApp) -> None:
    [issued] = signed.issued.reports(2026)
    kept = signed.issued.file(issued.sha256)

    assert issued.period == H1 and issued.unit is None and issued.issued_by == "bureau"
    assert issued.as_of == datetime(2026, 1, 15, 10, 0, tzinfo=SHANGHAI)
    assert hashlib.sha256(kept).hexdigest() == issued.sha256
    assert len(kept) == issued.size and kept.startswith(b"%PDF-")
    kinds = [type(e).__name__ for e in signed.store.events.get(campaign_id(2026))]
    assert kinds[-1] == "ReportIssued"


def test_remaking_it_as_of_the_sign_off_after_a_correction_gives_the_same_bytes(
    signed: TrackerApp, frozen
) -> None:
    [issued] = signed.issued.reports(2026)
    frozen(2026, 1, 20, 9, 0)
    correct(signed, "A", "2026-01-H1", "6.00", "漏报设备款")

    again = reports.render_report(signed, H1, "pdf", as_of=issued.as_of)
    now = reports.render_report(signed, H1, "pdf")

    assert again == signed.issued.file(issued.sha256)
    assert now != again
    assert "6.00" in pdf_text(now) and "6.00" not in pdf_text(again)
    # the 签发件 is the report of its moment, not a historical view; a minute later is one
    assert "数据截至 2026-01-15 10:00" in pdf_text(again) and "历史视图" not in pdf_text(again)
    later = reports.render_report(
        signed, H1, "pdf", as_of=datetime(2026, 1, 15, 10, 1, tzinfo=SHANGHAI)
    )
    assert "数据截至 2026-01-15 10:01（历史视图）" in pdf_text(later)


def test_a_correction_after_sign_off_is_restated_in_the_next_report(
    signed: TrackerApp, frozen
) -> None:
    frozen(2026, 1, 20, 9, 0)
    correct(signed, "A", "2026-01-H1", "6.00", "漏报设备款")
    submit(signed, "C", "2026-01-H1", "2.50")  # late: after the sign-off
    frozen(2026, 1, 29, 9, 0)

    restated = {r.code: r for r in signed.monthly.data(H2).restatements}
    text = squeeze(pdf_text(reports.render_report(signed, H2, "pdf")))

    assert set(restated) == {"A", "C"}
    a, c = restated["A"], restated["C"]
    assert (a.period, a.before, a.after, a.difference, a.reasons) == (
        H1,
        D("5.00"),
        D("6.00"),
        D("1.00"),
        ("漏报设备款",),
    )
    assert (c.before, c.after, c.reasons) == (None, D("2.50"), ("补报",))
    assert "前期数据更正（更正）" in text
    assert "第1期（1月上半月）甲项目甲单位5.006.00+1.00漏报设备款" in text
    assert "第1期（1月上半月）丙项目乙单位未报2.50+2.50补报" in text


def test_a_restatement_shown_by_a_signed_off_report_is_not_shown_again(
    signed: TrackerApp, frozen
) -> None:
    frozen(2026, 1, 20, 9, 0)
    correct(signed, "A", "2026-01-H1", "6.00", "漏报设备款")
    frozen(2026, 1, 29, 9, 0)
    reports.issue_report(signed, H2, None, "bureau")  # shows the restatement
    frozen(2026, 2, 3, 9, 0)
    correct(signed, "B", "2026-01-H1", "4.00", "统计口径调整")
    frozen(2026, 2, 15, 9, 0)

    restated = [(r.code, r.before, r.after) for r in signed.monthly.data(FEB).restatements]

    assert restated == [("B", D("3.00"), D("4.00"))]


def test_a_correction_before_sign_off_is_no_restatement(app: TrackerApp, frozen) -> None:
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    app.projects.register(2026, [spec("A", "甲项目", "甲单位", "城市绿化")], "bureau")
    frozen(2026, 1, 12, 9, 0)
    submit(app, "A", "2026-01-H1", "5.00")
    frozen(2026, 1, 14, 9, 0)
    correct(app, "A", "2026-01-H1", "6.00", "录入错误")
    frozen(2026, 1, 29, 9, 0)

    assert app.monthly.data(H2).restatements == []


def test_a_unit_signs_off_its_own_report(signed: TrackerApp, frozen) -> None:
    issued = reports.issue_report(signed, H1, "乙单位", "unit02")

    assert issued.unit == "乙单位"
    assert "乙项目" in pdf_text(signed.issued.file(issued.sha256))
    assert len(signed.issued.reports(2026, H1)) == 2


def test_a_period_cannot_be_signed_off_before_its_deadline(signed: TrackerApp, frozen) -> None:
    frozen(2026, 1, 28, 23, 0)
    with pytest.raises(RuleViolation, match="尚未截止"):
        reports.issue_report(signed, H2, None, "bureau")
    assert len(signed.issued.reports(2026)) == 1


def test_sign_off_refuses_unknown_units_future_moments_and_other_years(
    signed: TrackerApp, frozen
) -> None:
    pdf = b"%PDF-1.7 test"
    with pytest.raises(NotFound):
        reports.issue_report(signed, H1, "不存在的单位", "bureau")
    with pytest.raises(InvalidValue):
        signed.sign_offs.issue(H1, None, datetime(2026, 2, 1, tzinfo=SHANGHAI), pdf, "bureau")
    with pytest.raises(NotFound):
        signed.sign_offs.issue(Period.parse("2025-01-H1"), None, datetime.now(SHANGHAI), pdf, "x")


def test_sign_offs_survive_a_rebuild_of_the_read_models(signed: TrackerApp) -> None:
    before = signed.issued.reports(2026)
    signed.store.rebuild_projections()
    assert signed.issued.reports(2026) == before


def test_existing_problems_are_those_open_at_the_periods_deadline(app: TrackerApp, frozen) -> None:
    frozen(2026, 1, 5, 9, 0)
    app.campaigns.create(2026, "某区", "1000", "bureau")
    app.projects.register(2026, [spec("A", "甲项目", "甲单位", "城市绿化")], "bureau")
    frozen(2026, 1, 12, 9, 0)
    submit(app, "A", "2026-01-H1", "5.00", problems=("征地未完成",))
    frozen(2026, 1, 20, 9, 0)
    submit(app, "A", "2026-01-H2", "5.00", problems=("管线迁改",))
    frozen(2026, 2, 3, 9, 0)
    app.projects.resolve_problem("A", 1, "已完成征地", "bureau")
    frozen(2026, 2, 20, 9, 0)

    def shown(period: Period) -> list[str]:
        return [p.text for p in app.monthly.data(period).open_problems.get("A", [])]

    assert shown(H1) == ["征地未完成"]  # 管线迁改 came later; 征地 was resolved after 01-H1
    assert shown(H2) == ["征地未完成", "管线迁改"]
    assert shown(FEB) == ["管线迁改"]  # 征地 resolved on 3 Feb, before 02-H1 closed


def test_the_report_uses_the_campaigns_own_light_thresholds_and_weights(
    signed: TrackerApp, frozen
) -> None:
    from tracker.domain.rules.lights import Thresholds
    from tracker.domain.rules.ranking import Weights

    frozen(2026, 1, 16, 9, 0)
    before = datetime(2026, 1, 16, 8, 0, tzinfo=SHANGHAI)
    strict = Thresholds(yellow=D("0.01"), red=D("0.02"))
    weights = Weights(on_time=D(40), progress=D(40), starts=D(20))
    signed.campaigns.change_settings(2026, strict, weights, "从严考核", "bureau")

    data = signed.monthly.data(H1)

    assert [row.light for row in data.summary.projects] == [
        row.light for row in signed.summaries.summary(H1).projects
    ]
    assert "red" in {row.light for row in data.summary.projects}
    assert "得分（40）" in squeeze(pdf_text(reports.render_ranking(signed, 2026, 1, "pdf")))
    assert "得分（30）" in squeeze(pdf_text(reports.render_ranking(signed, 2026, 1, "pdf", before)))
