"""A reporter's period in a real browser: a bad amount, the fix, the status, a correction."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.application.app import TrackerApp

OWN, SECOND = "CJ2026-004", "CJ2026-005"  # both 区城管局


@pytest.mark.parametrize(("width", "height", "tag"), [(1280, 900, "desktop"), (375, 812, "phone")])
def test_a_reporter_fills_the_period_fixes_an_error_and_corrects_a_figure(
    campaign: TrackerApp,
    frozen,
    server: str,
    browser,
    shots: Path,
    width: int,
    height: int,
    tag: str,
) -> None:
    frozen(2026, 5, 12, 10, 0)
    password = campaign.users.add("unit04", "unit", "区城管局", "cli:test")
    page = browser.new_page(viewport={"width": width, "height": height}, locale="zh-CN")

    page.goto(f"{server}/login")
    page.fill("input[name=name]", "unit04")
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_url("**/unit")
    assert page.locator(".countdown").inner_text() == "2 天 14 小时"
    page.screenshot(path=shots / f"unit-home-{tag}.png", full_page=True)

    page.click("text=填报本期")
    page.fill(f"input[name='{OWN}.investment']", "12.345")
    page.fill(f"textarea[name='{OWN}.progress']", "桩基施工完成80%")
    page.fill(f"input[name='{SECOND}.investment']", "40.00")
    page.fill(f"textarea[name='{SECOND}.progress']", "绿化种植")
    page.click("text=提交本期报送")

    error = page.locator(f"#p-{OWN} .error").first
    assert "金额最多保留两位小数" in error.inner_text()
    assert page.input_value(f"input[name='{OWN}.investment']") == "12.345"
    assert page.input_value(f"textarea[name='{OWN}.progress']") == "桩基施工完成80%"
    assert page.input_value(f"input[name='{SECOND}.investment']") == "40.00"
    assert campaign.projects.load(SECOND).reports == {}
    error.scroll_into_view_if_needed()
    page.screenshot(path=shots / f"form-error-{tag}.png")

    page.fill(f"input[name='{OWN}.investment']", "12.34")
    page.click("text=提交本期报送")
    page.wait_for_url("**/unit")
    assert page.locator("text=已报送 2 个项目").is_visible()
    for code in (OWN, SECOND):
        row = page.locator("tr", has_text=code)
        assert row.locator(".status").inner_text() == "按时"

    page.goto(f"{server}/projects/{OWN}")
    page.locator("tr", has_text="第9期（5月上半月）").locator("text=更正").click()
    page.fill(f"input[name='{OWN}.investment']", "15.00")
    page.fill(f"input[name='{OWN}.reason']", "漏报材料款")
    page.click("text=提交更正")
    page.wait_for_url(f"**/projects/{OWN}")
    assert page.locator("tr", has_text="第9期（5月上半月）").locator("text=更正1次").is_visible()
    assert page.locator("td", has_text="漏报材料款").is_visible()
    page.screenshot(path=shots / f"project-{tag}.png", full_page=True)
    versions = campaign.projects.load(OWN).reports["2026-05-H1"]
    assert [v["investment"] for v in versions] == [Decimal("12.34"), Decimal("15.00")]
    assert versions[1]["reason"] == "漏报材料款"
    page.close()
