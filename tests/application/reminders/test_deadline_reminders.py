"""Deadline reminders on the demo projects: who gets what before and after 1月14日24时."""

from __future__ import annotations

from tests.application.reminders.conftest import (
    BASE,
    BUREAU_MAIL,
    TRAFFIC_MAIL,
    codes_by_unit,
    report,
)

#: 区城管局 reports all five of its projects, 区交通局 one of its two
CITY = {"CJ2026-004", "CJ2026-005", "CJ2026-008", "CJ2026-017", "CJ2026-028"}
TRAFFIC_DONE, TRAFFIC_LEFT = "CJ2026-013", "CJ2026-015"


def test_three_days_before_the_deadline_each_unit_still_to_report_gets_one_message_naming_them(
    campaign, keys, robots, mailbox, frozen
) -> None:
    frozen(2026, 1, 10, 15, 0)
    report(campaign, "2026-01-H1", *CITY, TRAFFIC_DONE)
    frozen(2026, 1, 11, 9, 0)  # the morning three days before 1月14日24时

    campaign.reminders.run()

    owed = {unit: codes for unit, codes in codes_by_unit(campaign).items() if unit != "区城管局"}
    owed["区交通局"] = {TRAFFIC_LEFT}
    phones = {p.code: p.phone for p in campaign.register.projects()}
    assert sorted(robots.keys()) == sorted(keys[unit] for unit in owed)  # one each, no other
    for unit, codes in owed.items():
        (message,) = robots.of(keys[unit])
        assert message.codes == codes, unit
        assert "第1期（1月上半月）半月报还有3天截止" in message.content
        assert "请于1月14日24时前报送" in message.content
        assert f"去填报：{BASE}/unit/periods/2026-01-H1" in message.content
        assert sorted(message.mentions) == sorted(phones[code] for code in codes)
    (mail,) = mailbox.to(TRAFFIC_MAIL)
    assert mail["Subject"] == "【城建战役投资追踪】第1期（1月上半月）半月报还有3天截止"
    assert "CJ2026-015 城南公交枢纽站" in mail.get_content()
    assert mailbox.to(BUREAU_MAIL) == [] and robots.of("bureau") == []


def test_a_second_run_sends_nothing(campaign, keys, robots, mailbox, frozen) -> None:
    frozen(2026, 1, 11, 9, 0)
    first = campaign.reminders.run()
    frozen(2026, 1, 11, 14, 0)

    second = campaign.reminders.run()

    assert first.raised == 14 and first.sent == 15  # 14 robots and 区交通局's e-mail
    assert (second.raised, second.sent) == (0, 0)
    assert len(robots.received) == 14 and len(mailbox.messages) == 1


def test_units_that_have_reported_meanwhile_get_nothing_the_day_before(
    campaign, keys, robots, frozen
) -> None:
    frozen(2026, 1, 11, 9, 0)
    campaign.reminders.run()
    robots.received.clear()
    frozen(2026, 1, 12, 16, 0)
    units = codes_by_unit(campaign)
    report(campaign, "2026-01-H1", *units["区城管局"], *units["区水利局"])
    frozen(2026, 1, 13, 9, 30)  # one day before

    campaign.reminders.run()

    expected = sorted(keys[unit] for unit in units if unit not in ("区城管局", "区水利局"))
    assert sorted(robots.keys()) == expected
    assert all("半月报还有1天截止" in message.content for message in robots.received)


def test_on_the_due_day_the_morning_brings_the_last_reminder(
    campaign, keys, robots, frozen
) -> None:
    frozen(2026, 1, 13, 9, 0)
    campaign.reminders.run()
    robots.received.clear()
    frozen(2026, 1, 14, 8, 59)
    campaign.reminders.run()
    assert robots.received == []  # the due day's reminder waits for 9 o'clock
    frozen(2026, 1, 14, 9, 0)

    campaign.reminders.run()

    assert len(robots.received) == 14
    assert all("半月报今天截止" in message.content for message in robots.received)


def test_the_morning_after_the_bureau_digest_lists_exactly_the_missing_projects(
    campaign, keys, robots, mailbox, frozen
) -> None:
    frozen(2026, 1, 14, 20, 0)
    units = codes_by_unit(campaign)
    done = {unit for unit in units if unit not in ("区住建局", "区交通局", "滨海镇")}
    report(campaign, "2026-01-H1", *(code for unit in done for code in units[unit]))
    report(campaign, "2026-01-H1", TRAFFIC_DONE)
    missing = units["区住建局"] | units["滨海镇"] | {TRAFFIC_LEFT}
    frozen(2026, 1, 15, 9, 5)

    campaign.reminders.run()

    (digest,) = robots.of("bureau")
    assert digest.robot == "dingtalk" and robots.refused == []  # the 加签 signature held
    assert digest.codes == missing
    assert "第1期（1月上半月）未报汇总" in digest.content
    assert "截至1月14日24时，3个单位的8个项目未报送" in digest.content
    assert f"({BASE}/bureau/status/2026-01-H1)" in digest.content
    assert mailbox.to(BUREAU_MAIL)[0].get_content().count("CJ2026-") == 8
    for unit in ("区住建局", "区交通局", "滨海镇"):
        (notice,) = robots.of(keys[unit])
        assert notice.codes == units[unit] - {TRAFFIC_DONE}
        assert "半月报未按时报送" in notice.content and "去补报" in notice.content
    assert len(robots.received) == 4  # the three units and the bureau, nobody else
