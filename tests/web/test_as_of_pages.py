"""Pages read as of a past moment show what was known then, under a banner (issue 11)."""

from __future__ import annotations

from decimal import Decimal

from tests.web.conftest import OWN
from tracker.domain.period import Period
from tracker.domain.report import ReportInput


def test_the_project_page_and_the_unit_home_as_of_before_a_correction(
    signed_in, campaign, frozen
) -> None:
    may = Period.parse("2026-05-H1")
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(OWN, may, ReportInput(Decimal("11.11"), "桩基"), "unit04")
    frozen(2026, 5, 13, 10, 0)
    campaign.projects.correct_report(
        OWN, may, ReportInput(Decimal("22.22"), "桩基"), "漏报", "unit04"
    )
    frozen(2026, 5, 13, 12, 0)
    before = "2026-05-12T18:00"

    then = signed_in("bureau").get(f"/projects/{OWN}?as_of={before}").get_data(as_text=True)
    now = signed_in("bureau").get(f"/projects/{OWN}").get_data(as_text=True)
    home = signed_in("unit04").get(f"/unit?as_of={before}").get_data(as_text=True)

    assert "11.11" in then and "22.22" not in then and "历史视图" in then
    assert "22.22" in now and "历史视图" not in now
    assert "历史视图" in home and "11.11" in home
