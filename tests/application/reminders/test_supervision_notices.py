"""Every 督办 step reaches the one who acts next, once: issued, due tomorrow, overdue,
answered, returned. January's first week has no deadline reminder to mix in."""

from __future__ import annotations

from datetime import date

from tests.application.reminders.conftest import BASE, BUREAU_MAIL
from tests.web.conftest import OWN

NAME = "滨江公园二期"  # CJ2026-004, 区城管局's; its 信息员 董军 13800000003


def test_each_step_of_a_supervision_reaches_its_recipient_once(
    campaign, keys, robots, mailbox, frozen
) -> None:
    city, seen = keys["区城管局"], 0

    def run(*moment: int) -> list:
        nonlocal seen
        frozen(*moment)
        campaign.reminders.run()
        new, seen = robots.received[seen:], len(robots.received)
        return [(r.key, r) for r in new]

    frozen(2026, 1, 6, 10, 0)
    order = str(campaign.supervisions.issue(OWN, "请说明征地进展", date(2026, 1, 9), "bureau"))
    ((key, issued),) = run(2026, 1, 6, 10, 5)
    assert key == city and issued.mentions == ["13800000003"]
    assert f"新督办：{NAME}" in issued.content and "请于1月9日前答复" in issued.content
    assert f"去答复：{BASE}/projects/{OWN}" in issued.content
    assert run(2026, 1, 6, 15, 0) == []  # once

    assert run(2026, 1, 8, 8, 0) == []  # the day before waits for the morning
    ((key, due),) = run(2026, 1, 8, 9, 0)
    assert key == city and f"督办明天到期：{NAME}" in due.content

    overdue = dict(run(2026, 1, 10, 9, 0))
    assert sorted(overdue) == ["bureau", city]
    assert f"督办已逾期：{NAME}" in overdue[city].content
    assert f"督办逾期未答复：{NAME}" in overdue["bureau"].content
    assert "区城管局的督办已于1月9日到期" in overdue["bureau"].content

    campaign.supervisions.answer(order, "已完成征地补偿协议签订", "unit04")
    ((key, answered),) = run(2026, 1, 10, 10, 0)
    assert key == "bureau" and f"督办已答复：{NAME}" in answered.content
    assert "答复：已完成征地补偿协议签订" in answered.content
    assert f"({BASE}/bureau/supervisions?status=answered)" in answered.content

    campaign.supervisions.send_back(order, "请附协议扫描件", "bureau")
    returned = dict(run(2026, 1, 10, 11, 0))
    assert f"督办被退回：{NAME}" in returned[city].content
    assert "退回意见：请附协议扫描件" in returned[city].content
    assert "督办已逾期" in returned[city].content  # open again and past due: overdue again too
    assert sorted(returned) == ["bureau", city]

    campaign.supervisions.answer(order, "已上传协议扫描件", "unit04")
    ((key, _),) = run(2026, 1, 10, 14, 0)
    campaign.supervisions.close(order, "办结", "bureau")
    assert key == "bureau" and run(2026, 1, 11, 8, 0) == []
    subjects = [mail["Subject"] for mail in mailbox.to(BUREAU_MAIL)]
    assert subjects == [
        f"【城建战役投资追踪】督办逾期未答复：{NAME}",
        f"【城建战役投资追踪】督办已答复：{NAME}",
        f"【城建战役投资追踪】督办逾期未答复：{NAME}",
        f"【城建战役投资追踪】督办已答复：{NAME}",
    ]


def test_a_unit_with_several_new_supervisions_gets_one_digest(campaign, keys, robots, frozen):
    frozen(2026, 1, 6, 10, 0)
    for requirement in ("请说明征地进展", "请说明施工许可办理情况"):
        campaign.supervisions.issue(OWN, requirement, date(2026, 1, 20), "bureau")
    campaign.supervisions.issue("CJ2026-005", "请说明开工准备", date(2026, 1, 20), "bureau")

    campaign.reminders.run()

    (digest,) = robots.of(keys["区城管局"])
    assert robots.keys() == [keys["区城管局"]]
    assert digest.content.startswith("区城管局有3项提醒")
    assert digest.content.count("新督办：") == 3
