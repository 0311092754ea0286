"""What the reminders' events changed, for the change log: the rules and the channels.

A channel's secret is never told, only that one was set; a robot's key is cut short.
Notices, their claims and inbox marks are the reminders' own record, not changes.
"""

from __future__ import annotations

from tracker.application.queries.changes import Change, State, describe
from tracker.application.queries.notices import masked
from tracker.domain.campaign import Campaign
from tracker.domain.catalog import CHANNEL_KINDS
from tracker.domain.channel import Channel
from tracker.domain.rules.reminders import ReminderRules


def rules_text(days_before: tuple[int, ...] | list[int], hour: int) -> str:
    return f"截止前{'、'.join(map(str, days_before))}天及当天，{hour}点"


@describe.register
def _(event: Campaign.RemindersChanged, state: State) -> list[Change]:
    default = ReminderRules()
    before = state.get("reminders") or rules_text(default.days_before, default.hour)
    state["reminders"] = rules_text(event.days_before, event.hour)
    return [("提醒规则", before, state["reminders"])]


@describe.register
def _(event: Channel.Added, state: State) -> list[Change]:
    state.update(subject=f"{event.unit or '建设局'}的提醒渠道", unit=event.unit)
    found = [("提醒渠道", None, f"{CHANNEL_KINDS[event.kind]} {masked(event.target)}")]
    return found + ([("密钥", None, "已设置")] if event.secret else [])


@describe.register
def _(event: Channel.Removed, state: State) -> list[Change]:
    return [("状态", "有效", "已删除")]


@describe.register
def _(event: Channel.Restored, state: State) -> list[Change]:
    return [("状态", "已删除", "有效")] + ([("密钥", None, "已设置")] if event.secret else [])
