"""How a notice reads: markdown for the group robots, plain text for e-mail and 企业微信 text.

Rows in, text out: nothing here reads the store or sends anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from tracker.application.reminders.sections import BUREAU, Section

APP = "城建战役投资追踪"
#: rules whose news is bad (the 企业微信 markdown shows them orange)
URGENT = ("due_day", "missing", "missing_digest", "order_due", "order_overdue", "order_returned")


@dataclass(frozen=True)
class Message:
    """What a notice says, as its event keeps it: sections are dicts of ``Section.as_event``."""

    unit: str | None
    title: str
    sections: tuple[dict[str, Any], ...]
    mentions: tuple[str, ...] = ()

    @property
    def recipient(self) -> str:
        return self.unit or BUREAU


def title_of(unit: str | None, sections: Sequence[Section]) -> str:
    """One reminder: its heading; several: how many, for whom."""
    if len(sections) == 1:
        return sections[0].heading
    return f"{unit or BUREAU}有{len(sections)}项提醒"


def url(base_url: str, path: str) -> str:
    return base_url.rstrip("/") + path


def markdown(message: Message, base_url: str) -> str:
    """The 企业微信 / 钉钉 markdown subset: headings, bold, font colours, quotes, links."""
    several = len(message.sections) > 1
    parts = [f"### {message.title}"] if several else []
    for section in message.sections:
        colour = "warning" if section["rule"] in URGENT else "info"
        parts.append(f"{'####' if several else '###'} {section['heading']}")
        parts.append(f'<font color="{colour}">{section["intro"]}</font>')
        parts += [f"> {line}" for line in section["lines"]]
        parts.append(f"[{section['action']}]({url(base_url, section['link'])})")
        parts.append("")
    parts.append(f'<font color="comment">{APP}</font>')
    return "\n".join(parts)


def text(message: Message, base_url: str) -> str:
    """Plain text: the e-mail body, and 企业微信 text messages that mention people."""
    parts = [message.title, ""]
    for section in message.sections:
        if len(message.sections) > 1:
            parts.append(f"【{section['heading']}】")
        parts.append(section["intro"])
        parts += [f"  · {line}" for line in section["lines"]]
        parts.append(f"{section['action']}：{url(base_url, section['link'])}")
        parts.append("")
    parts.append(f"—— {APP}")
    return "\n".join(parts)


def fitted(message: Message, render: Callable[[Message], str], limit: int) -> str:
    """The message within ``limit`` bytes: long lists are cut, saying how long they were."""
    rendered, keep = render(message), max((len(s["lines"]) for s in message.sections), default=0)
    while len(rendered.encode()) > limit and keep > 0:
        keep //= 2
        rendered = render(replace(message, sections=tuple(cut(s, keep) for s in message.sections)))
    return rendered.encode()[:limit].decode(errors="ignore")


def cut(section: dict[str, Any], keep: int) -> dict[str, Any]:
    lines = section["lines"]
    if len(lines) <= keep:
        return section
    return {**section, "lines": [*lines[:keep], f"……共{len(lines)}项，详见链接"]}


def payload(message: Message, base_url: str) -> dict[str, Any]:
    """The generic webhook's JSON body."""
    return {
        "recipient": message.recipient,
        "title": message.title,
        "text": text(message, base_url),
        "markdown": markdown(message, base_url),
        "sections": [
            {**{k: v for k, v in s.items() if k != "link"}, "url": url(base_url, s["link"])}
            for s in message.sections
        ],
        "mentions": list(message.mentions),
    }


def trial_message(recipient: str) -> Message:
    """What ``tracker channel test`` and the page's 测试 button send."""
    section = {
        "key": "test",
        "rule": "test",
        "heading": "提醒渠道测试",
        "intro": f"这是发给{recipient}的测试消息：收到即说明渠道可用。",
        "lines": [],
        "link": "/inbox",
        "action": "打开消息",
    }
    return Message(None if recipient == BUREAU else recipient, "提醒渠道测试", (section,))
