"""When reminders are due, how a failed delivery is retried, which targets a channel takes."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tracker.domain.channel import Channel
from tracker.domain.errors import InvalidValue
from tracker.domain.notice import Delivery
from tracker.domain.period import Period, Schedule
from tracker.domain.rules.reminders import (
    MAX_ATTEMPTS,
    ReminderRules,
    deadline_rule,
    deadline_text,
    missing_due,
    retry_after,
)

ZONE = ZoneInfo("Asia/Shanghai")
H1 = Period(2026, 12, 1)  # 第23期, due 12月14日24时


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=ZONE)


@pytest.mark.parametrize(
    ("moment", "rule"),
    [
        (at(11, 8, 59), None),
        (at(11, 9), "before_3"),
        (at(12, 23), "before_3"),  # a late run inside the window still sends it
        (at(13, 9), "before_1"),  # and once the next fires, only the next
        (at(14, 8), "before_1"),
        (at(14, 9), "due_day"),
        (at(14, 23, 59), "due_day"),
        (at(15, 0), None),  # the deadline has passed
    ],
)
def test_each_deadline_reminder_holds_from_its_morning_to_the_next(moment, rule) -> None:
    assert deadline_rule(H1, Schedule(), moment, ReminderRules()) == rule


def test_the_rules_are_settings_and_the_missing_notice_waits_for_the_morning_after() -> None:
    early = ReminderRules((5, 2), 8)
    assert deadline_rule(H1, Schedule(), at(9, 8), early) == "before_5"
    assert deadline_rule(H1, Schedule(), at(12, 8), early) == "before_2"
    assert not missing_due(H1, Schedule(), at(15, 8, 59), ReminderRules())
    assert missing_due(H1, Schedule(), at(15, 9), ReminderRules())
    assert deadline_text(H1.due_date(Schedule())) == "12月14日24时"
    with pytest.raises(InvalidValue, match="1–10"):
        ReminderRules((3, 3)).check()
    with pytest.raises(InvalidValue, match="0–23"):
        ReminderRules((3,), 24).check()


def test_a_failed_delivery_waits_longer_each_time_and_is_given_up_after_eight() -> None:
    waits = [retry_after(n) for n in range(1, MAX_ATTEMPTS)]
    assert waits[:4] == [timedelta(minutes=m) for m in (5, 10, 20, 40)]
    assert waits[-1] == timedelta(minutes=320) and retry_after(12) == timedelta(hours=6)
    failed = Delivery(attempts=2, failed_at=at(1, 9))
    assert not failed.due(at(1, 9, 9)) and failed.due(at(1, 9, 10))
    cut_off = Delivery(attempts=1, sending_since=at(1, 9))
    assert not cut_off.due(at(1, 9, 9)) and cut_off.due(at(1, 9, 10))
    assert not Delivery(attempts=MAX_ATTEMPTS, failed_at=at(1, 9)).due(at(2, 9))
    assert not Delivery(attempts=1, delivered=True).due(at(2, 9))


@pytest.mark.parametrize(
    ("kind", "target", "secret", "message"),
    [
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send", "", "群机器人地址应形如"),
        ("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", "s", "不需要密钥"),
        ("dingtalk", "ftp://oapi.dingtalk.com/robot/send?access_token=t", "", "http://"),
        ("email", "not-an-address", "", "不是有效的电子邮件地址"),
        ("email", "jsj@example.org", "secret", "不需要密钥"),
        ("webhook", "https://example.org/\x1b[31m", "", "控制字符"),
        ("sms", "13800000000", "", "渠道类型“sms”不存在"),
    ],
)
def test_a_channel_is_refused_when_its_target_does_not_fit_its_kind(
    kind, target, secret, message
) -> None:
    with pytest.raises(InvalidValue, match=message):
        Channel.add("区城管局", kind, target, secret, "bureau")
