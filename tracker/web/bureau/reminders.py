"""提醒 (bureau; viewers read): each unit's and the bureau's channels, the reminder rules,
and what was sent, a failed delivery shown as 发送失败 with its reason.

A channel's secret is typed once: no page shows it again, not even a form sent back
with an error.
"""

from __future__ import annotations

import re
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from tracker.domain.catalog import CHANNEL_KINDS
from tracker.domain.errors import InvalidValue, NotFound, TrackerError
from tracker.domain.numbers import parse_whole
from tracker.domain.rules.reminders import ReminderRules
from tracker.web.common import campaign_year, roles, the_tracker
from tracker.web.errors import refused
from tracker.web.shared.forms import attempt, typed

CHANNEL = ("unit", "kind", "address", "secret")
RULES = ("days_before", "hour", "reason")
SENT_SHOWN = 50


@roles("bureau", "viewer")
def reminders() -> str:
    return page()


@roles("bureau")
def add_channel() -> Any:
    values = typed(CHANNEL)
    errors, status = attempt(
        the_tracker().channels.add,
        values["unit"] or None, values["kind"], values["address"], values["secret"],
    )  # fmt: skip
    if errors:
        values["secret"] = ""  # never shown again, not even to correct a typo elsewhere
        return page(channel=(values, errors)), status
    owner = values["unit"] or "建设局"
    flash(f"已为{owner}添加{CHANNEL_KINDS[values['kind']]}渠道，可点“测试”发送一条测试消息")
    return redirect(url_for("bureau.reminders"), 303)


@roles("bureau")
def remove_channel(ident: str) -> Any:
    row = the_tracker().channel_list.one(ident)
    the_tracker().channels.remove(row.id, current_user.actor)
    flash(f"已删除{row.owner}的{row.kind_label}渠道（记录保留）")
    return redirect(url_for("bureau.reminders"), 303)


@roles("bureau")
def test_channel(ident: str) -> Any:
    row = the_tracker().channel_list.one(ident)
    error = the_tracker().reminders.test(row.id, current_user.actor)
    done = f"测试消息未送达：{error}" if error else "测试消息已送达"
    flash(f"{row.owner} {row.kind_label}：{done}")
    return redirect(url_for("bureau.reminders"), 303)


@roles("bureau")
def change_rules() -> Any:
    values = typed(RULES)
    try:
        rules = read_rules(values)
        the_tracker().campaigns.change_reminders(
            campaign_year(), rules, values["reason"], current_user.actor
        )
    except TrackerError as error:
        errors, status = refused(error)
        return page(rules=(values, errors)), status
    flash("提醒规则已保存，下次发送起按新规则")
    return redirect(url_for("bureau.reminders"), 303)


def read_rules(values: dict[str, str]) -> ReminderRules:
    """``3,1`` (commas of either width, or 、) and an hour of 0–23."""
    parts = [part for part in re.split(r"[,，、\s]+", values["days_before"]) if part]
    if not parts:
        raise InvalidValue("请填写提前提醒的天数，如 3,1", "days_before")
    days = tuple(parse_whole(part, "days_before", 10) for part in parts)
    rules = ReminderRules(days, parse_whole(values["hour"], "hour", 23))
    rules.check()
    return rules


def page(**context: Any) -> str:
    tracker = the_tracker()
    try:
        rules = tracker.register.campaign(campaign_year()).reminders
    except NotFound:  # channels may be added before the campaign is created
        rules = ReminderRules()
    shown = {"days_before": ",".join(map(str, rules.days_before)), "hour": str(rules.hour)}
    context.setdefault("channel", ({"kind": "wecom"}, {}))
    context.setdefault("rules", ({**shown, "reason": ""}, {}))
    failed = request.args.get("failed") == "1"
    return render_template(
        "bureau/reminders.html",
        channels=tracker.channel_list.rows(),
        units=tracker.register.units(),
        notices=tracker.notices.sent(failed_only=failed, limit=SENT_SHOWN),
        failed=failed,
        kinds=CHANNEL_KINDS,
        **context,
    )
