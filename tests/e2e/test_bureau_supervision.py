"""The bureau chases a missing report through a 督办, in a real browser, with the unit answering."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from tracker.application.app import TrackerApp
from tracker.domain.period import Period
from tracker.domain.report import ReportInput

OWN, SECOND = "CJ2026-004", "CJ2026-005"  # both 区城管局


def sign_in(browser, server: str, name: str, password: str):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page.goto(f"{server}/login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", password)
    page.click("button.primary")
    page.wait_for_load_state()
    return page


def test_missing_report_to_supervision_answered_and_closed(
    campaign: TrackerApp, frozen, server: str, browser, shots: Path
) -> None:
    frozen(2026, 5, 12, 10, 0)
    campaign.projects.submit_report(
        SECOND, Period.parse("2026-05-H1"), ReportInput(Decimal("1.00"), "施工"), "unit04"
    )
    passwords = {
        name: campaign.users.add(name, role, unit, "cli:test")
        for name, role, unit in (("bureau", "bureau", None), ("unit04", "unit", "区城管局"))
    }
    frozen(2026, 5, 16, 9, 0)  # 5月上半月 closed; CJ2026-004 never reported it

    bureau = sign_in(browser, server, "bureau", passwords["bureau"])
    bureau.goto(f"{server}/bureau/status/2026-05-H1")
    row = bureau.locator(f"tr[data-code='{OWN}']")
    assert row.locator(".status").inner_text() == "未报"
    assert bureau.locator("#chase h2", has_text="待催报").is_visible()

    bureau.goto(f"{server}/bureau/overdue?kind=missing_report&unit=区城管局")
    item = bureau.locator(f"tr[data-kind='missing_report'][data-code='{OWN}']")
    item.locator("text=下达督办").click()
    bureau.fill("textarea[name=requirement]", "请于5月20日前补报第9期并说明未报原因")
    bureau.fill("input[name=due_on]", "2026-05-20")
    bureau.click("text=下达督办 >> nth=-1")
    bureau.wait_for_url("**/bureau/supervisions")
    assert bureau.locator("text=请于5月20日前补报第9期并说明未报原因").is_visible()

    frozen(2026, 5, 17, 10, 0)
    unit = sign_in(browser, server, "unit04", passwords["unit04"])
    unit.goto(f"{server}/projects/{OWN}")
    unit.fill("textarea[name=answer]", "信息员调岗漏报，已于今日补报")
    unit.click("text=提交答复")
    unit.wait_for_url(f"**/projects/{OWN}")
    assert unit.locator("text=督办答复已提交").is_visible()

    frozen(2026, 5, 18, 10, 0)
    bureau.goto(f"{server}/bureau/supervisions?status=answered")
    bureau.fill("input[name=note] >> nth=0", "同意办结")
    bureau.click("button:has-text('办结')")
    bureau.wait_for_load_state()
    assert bureau.locator("text=督办已办结").is_visible()

    steps = [(r.kind, r.actor) for r in campaign.history.project(OWN) if "supervision_id" in r.data]
    assert steps == [("Issued", "bureau"), ("Answered", "unit04"), ("Closed", "bureau")]
    bureau.goto(f"{server}/projects/{OWN}")
    history = bureau.locator("table.list >> nth=-1").inner_text()
    assert "下达督办" in history and "答复督办" in history and "督办办结" in history
    assert "信息员调岗漏报" in history
    bureau.screenshot(path=shots / "project-after-supervision.png", full_page=True)
    bureau.close()
    unit.close()
