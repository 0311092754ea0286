"""提醒 in the bureau's workspace: channels added, tested and removed; the secret never shown
again; failed deliveries shown as 发送失败 with the reason; the reminder rules."""

# ruff: noqa: F811 -- the fixtures imported from tests.receivers are parameters here

from __future__ import annotations

import re

from tests.receivers import Robots, free_port, robots  # noqa: F401
from tracker.domain.rules.reminders import ReminderRules
from tracker.web import create_app

SECRET = "SECd1e2f3a4b5c6-never-shown"


def page_of(response) -> str:
    return response.get_data(as_text=True)


def add(client, **form: str):
    return client.post("/bureau/reminders/channels", data={"secret": "", **form})


def test_the_bureau_adds_channels_and_the_secret_is_never_shown_again(
    signed_in,
    campaign,
    robots,
) -> None:
    client = signed_in("bureau")
    wecom = add(client, unit="区城管局", kind="wecom", address=robots.wecom("city-key-0001"))
    ding = robots.dingtalk("bureau-token", SECRET)
    dingtalk = add(client, unit="", kind="dingtalk", address=ding, secret=SECRET)

    page = page_of(client.get("/bureau/reminders"))

    assert wecom.status_code == dingtalk.status_code == 303
    assert "区城管局" in page and "企业微信群机器人" in page and "钉钉群机器人" in page
    assert "key=city…" in page and "city-key-0001" not in page
    assert SECRET not in page and "已设置" in page
    rows = {row.owner: row for row in campaign.channel_list.rows()}
    assert rows["建设局"].has_secret and rows["区城管局"].added_by == "bureau"
    assert campaign.channels.load(rows["建设局"].id).secret == SECRET  # kept, to sign with
    logged = [row for row in campaign.changes.rows() if row.kind == "Channel.Added"]
    assert [row.subject for row in logged] == ["区城管局的提醒渠道", "建设局的提醒渠道"]
    assert "key=city…" in logged[0].changes[0][2] and len(logged[0].changes) == 1
    assert logged[1].changes[1] == ("密钥", None, "已设置")
    history = page_of(client.get("/admin/history"))
    assert "添加提醒渠道" in history and "钉钉群机器人" in history and SECRET not in history


def test_a_refused_channel_names_the_field_and_does_not_echo_the_secret(signed_in) -> None:
    response = add(
        signed_in("bureau"),
        unit="区城管局",
        kind="dingtalk",
        address="https://oapi.dingtalk.com/robot/send",
        secret=SECRET,
    )
    page = page_of(response)

    assert response.status_code == 422
    assert "群机器人地址应形如 https://oapi.dingtalk.com/robot/send?access_token=…" in page
    assert SECRET not in page and 'value="https://oapi.dingtalk.com/robot/send"' in page


def test_testing_a_dead_channel_says_why_and_removing_it_keeps_the_record(
    signed_in, campaign
) -> None:
    client = signed_in("bureau")
    nobody = f"http://127.0.0.1:{free_port()}/hook/x"
    add(client, unit="区交通局", kind="webhook", address=nobody)
    ident = campaign.channel_list.rows()[0].id

    tested = client.post(f"/bureau/reminders/channels/{ident}/test", follow_redirects=True)
    removed = client.post(f"/bureau/reminders/channels/{ident}/remove", follow_redirects=True)

    assert "区交通局 通用 Webhook：测试消息未送达：连接失败" in page_of(tested)
    assert "发送失败" in page_of(tested)
    assert "已删除区交通局的通用 Webhook渠道（记录保留）" in page_of(removed)
    assert campaign.channel_list.rows() == []
    assert campaign.channel_list.rows(include_removed=True)[0].test_error.startswith("连接失败")


def test_a_failed_delivery_shows_as_failed_with_its_reason(
    signed_in,
    campaign,
    robots,
    frozen,
) -> None:
    robots.failing["broken"] = {"errcode": 93000, "errmsg": "invalid webhook url"}
    campaign.channels.add("区城管局", "wecom", robots.wecom("broken"), "", "cli:test")
    campaign.channels.add("区交通局", "wecom", robots.wecom("fine"), "", "cli:test")
    frozen(2026, 1, 11, 9, 0)
    campaign.reminders.run()

    failed = page_of(signed_in("viewer").get("/bureau/reminders?failed=1"))
    rows = re.findall(r'<tr class="failed">(.*?)</tr>', failed, re.S)

    assert len(rows) == 1 and "区城管局" in rows[0]
    assert (
        "发送失败" in rows[0]
        and "企业微信返回错误 93000：invalid webhook url（已试 1 次）" in rows[0]
    )
    every = page_of(signed_in("viewer").get("/bureau/reminders"))
    assert "已发送" in every and every.count("只在“消息”中") == 12  # units without a channel


def test_the_reminder_rules_are_campaign_settings_changed_with_a_reason(
    signed_in, campaign
) -> None:
    client = signed_in("bureau")
    refused = client.post(
        "/bureau/reminders/rules", data={"days_before": "0,1", "hour": "9", "reason": "试"}
    )
    saved = client.post(
        "/bureau/reminders/rules", data={"days_before": "5，2", "hour": "8", "reason": "提前提醒"}
    )

    assert refused.status_code == 422 and "提前提醒的天数须为 1–10" in page_of(refused)
    assert saved.status_code == 303
    assert campaign.register.campaign(2026).reminders == ReminderRules((5, 2), 8)
    page = page_of(client.get("/bureau/reminders"))
    assert 'value="5,2"' in page and 'value="8"' in page


def test_viewers_read_the_page_units_may_not_and_posts_need_a_csrf_token(
    signed_in, campaign, settings, passwords
) -> None:
    viewer = page_of(signed_in("viewer").get("/bureau/reminders"))
    assert "提醒渠道" in viewer and 'action="/bureau/reminders/channels"' not in viewer
    assert signed_in("unit04").get("/bureau/reminders").status_code == 403
    assert add(signed_in("viewer"), unit="", kind="email", address="a@b.cn").status_code == 403

    guarded = create_app(settings, {"TESTING": True})  # CSRF on
    client = guarded.test_client()
    token = re.search(r'name="csrf_token" value="([^"]+)"', page_of(client.get("/login")))[1]
    client.post(
        "/login", data={"name": "bureau", "password": passwords["bureau"], "csrf_token": token}
    )
    response = add(client, unit="", kind="email", address="jsj@example.org")
    assert response.status_code == 400 and campaign.channel_list.rows() == []
    guarded.extensions["tracker"].close()
