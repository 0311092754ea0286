"""A section of a notice: one reminder with its natural key, words, link and who to mention."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: how the bureau is named as a recipient (in keys and messages)
BUREAU = "建设局"


@dataclass(frozen=True)
class Section:
    """One reminder. ``key`` is its natural key: rule, period or 督办, recipient."""

    key: str
    rule: str
    unit: str | None  # the recipient unit; None: the bureau
    heading: str
    intro: str
    lines: tuple[str, ...]
    link: str  # a path of the web app, where the recipient acts
    action: str  # the link's words
    mentions: tuple[str, ...] = ()

    def as_event(self) -> dict[str, Any]:
        """What a notice's event keeps of it (the mentions are kept once, for the notice)."""
        return {
            "key": self.key,
            "rule": self.rule,
            "heading": self.heading,
            "intro": self.intro,
            "lines": list(self.lines),
            "link": self.link,
            "action": self.action,
        }
