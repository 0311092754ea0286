"""Dead channels: retried with back-off, shown as failed, holding nobody else up; rate limits."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import pytest

from tests.receivers import free_port
from tracker.application.queries.reader import Reader
from tracker.application.reminders.runner import Reminders
from tracker.domain.rules.reminders import MAX_ATTEMPTS, retry_after

CITY_MAIL = "cgj@example.org"


@pytest.fixture
def dead_and_alive(campaign, robots):
    """区城管局: a robot answering HTTP 500, and e-mail; 区交通局: a robot answering errcode
    93000; 区住建局: a webhook where nothing listens; 区水利局: a robot that works."""
    robots.failing.update({"down": 500, "refuse": {"errcode": 93000, "errmsg": "invalid key"}})
    closed = f"http://127.0.0.1:{free_port()}/hook/nobody"
    for unit, kind, target in (
        ("区城管局", "wecom", robots.wecom("down")),
        ("区城管局", "email", CITY_MAIL),
        ("区交通局", "wecom", robots.wecom("refuse")),
        ("区住建局", "webhook", closed),
        ("区水利局", "wecom", robots.wecom("alive")),
    ):
        campaign.channels.add(unit, kind, target, "", "cli:test")
    return campaign


def failures(app) -> dict[str, tuple[str, int, str]]:
    """Each failed delivery's channel kind by recipient: (status, attempts, error)."""
    return {
        f"{notice.recipient} {d.kind}": (d.status, d.attempts, d.error or "")
        for notice in app.notices.sent()
        for d in notice.deliveries
        if d.status != "sent"
    }


def test_a_dead_channel_is_shown_as_failed_and_the_others_still_get_theirs(
    dead_and_alive, robots, mailbox, frozen
) -> None:
    frozen(2026, 1, 11, 9, 0)

    run = dead_and_alive.reminders.run()

    assert robots.keys() == ["alive"] and len(mailbox.to(CITY_MAIL)) == 1
    assert run.sent == 2 and len(run.failed) == 3
    found = failures(dead_and_alive)
    assert found["区城管局 wecom"] == ("failed", 1, "对方返回 HTTP 500")
    assert found["区交通局 wecom"] == ("failed", 1, "企业微信返回错误 93000：invalid key")
    status, attempts, error = found["区住建局 webhook"]
    assert (status, attempts) == ("failed", 1) and error.startswith("连接失败：")
    assert "Connection refused" in error
    failed_first = dead_and_alive.notices.sent(failed_only=True)
    assert {notice.recipient for notice in failed_first} == {"区城管局", "区交通局", "区住建局"}


def test_a_failed_delivery_is_retried_after_its_back_off_and_then_arrives(
    dead_and_alive, robots, mailbox, frozen
) -> None:
    frozen(2026, 1, 11, 9, 0)
    dead_and_alive.reminders.run()
    frozen(2026, 1, 11, 9, 4)
    dead_and_alive.reminders.run()
    assert robots.hits == Counter({"down": 1, "refuse": 1, "alive": 1})  # 5 minutes first
    del robots.failing["down"]  # the robot is back
    frozen(2026, 1, 11, 9, 6)

    dead_and_alive.reminders.run()

    assert robots.hits == Counter({"down": 2, "refuse": 2, "alive": 1})
    assert "区城管局 wecom" not in failures(dead_and_alive)
    assert failures(dead_and_alive)["区交通局 wecom"][:2] == ("failed", 2)
    assert len(mailbox.to(CITY_MAIL)) == 1  # what arrived is not sent again
    assert [r.key for r in robots.received] == ["alive", "down"]
    recorded = dead_and_alive.notices.sent()
    dead_and_alive.store.rebuild_projections()  # the rows come from the events alone
    assert dead_and_alive.notices.sent() == recorded


def test_after_eight_failures_a_delivery_is_given_up(dead_and_alive, robots, frozen) -> None:
    start, waited = datetime(2026, 1, 11, 9, 0), timedelta()
    for failures_so_far in range(MAX_ATTEMPTS):
        if failures_so_far:
            waited += retry_after(failures_so_far)
        frozen(*(start + waited).timetuple()[:5])
        dead_and_alive.reminders.run()
    frozen(2026, 1, 12, 20, 0)  # long after: nothing more
    dead_and_alive.reminders.run()

    assert robots.hits["refuse"] == MAX_ATTEMPTS
    assert failures(dead_and_alive)["区交通局 wecom"][:2] == ("gave_up", MAX_ATTEMPTS)


def test_a_robot_takes_no_more_than_its_rate_per_minute(campaign, robots, frozen) -> None:
    for unit in ("区城管局", "区交通局", "区水利局"):  # three units in one group, one robot
        campaign.channels.add(unit, "wecom", robots.wecom("shared"), "", "cli:test")
    outbound = campaign.reminders.senders.outbound
    limited = Reminders(
        campaign.store, Reader(campaign.store), campaign.channels, outbound, {"wecom": 2}
    )
    frozen(2026, 1, 11, 9, 0)

    first = limited.run()
    frozen(2026, 1, 11, 9, 0, 30)
    second = limited.run()
    frozen(2026, 1, 11, 9, 1, 1)
    third = limited.run()

    assert [(r.sent, r.deferred) for r in (first, second, third)] == [(2, 1), (0, 1), (1, 0)]
    assert robots.hits["shared"] == 3
