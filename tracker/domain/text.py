"""Free text typed by people: which characters it may hold, required, and not too long.

One rule for every text (names, codes, progress, problems, reasons, answers, the
附件1 cells): no C0 or C1 control characters (NUL, tab, escape, U+0080–U+009F …)
and no lone surrogates — PostgreSQL refuses NUL, a surrogate cannot be encoded
and the others print as boxes in PDFs. A multi-line text keeps its line breaks,
written ``\\n`` (``\\r\\n`` and a lone ``\\r`` become ``\\n``); a one-line text has none.
"""

from __future__ import annotations

import re

from tracker.domain.errors import InvalidValue

MAX_TEXT = 2000
MAX_REASON = 500

_REFUSED = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINES = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str, field: str, multiline: bool = False) -> str:
    """``text`` with its line breaks as ``\\n``; refused if it holds a character no text may."""
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = (_REFUSED_IN_LINES if multiline else _REFUSED).search(text)
    if found:
        char, place = found.group(), found.start() + 1
        if "\ud800" <= char <= "\udfff":
            raise InvalidValue(f"第{place}个字符无效（U+{ord(char):04X} 不是完整的字符）", field)
        kind = "换行符" if char in "\r\n" else "控制字符"
        raise InvalidValue(f"第{place}个字符是{kind}（U+{ord(char):04X}），不能保存", field)
    return text


def shown(text: str, limit: int = 20) -> str:
    """What was typed, cut to ``limit`` characters and safe to quote in a message."""
    return _REFUSED.sub("\ufffd", str(text).strip()[:limit])


def check_text(
    text: str | None, field: str, label: str, limit: int = MAX_TEXT, missing: str = ""
) -> None:
    """Refuse empty or blank text (``missing``, or 请填写<label>), text over ``limit``
    and text with a character no text may hold (line breaks are allowed)."""
    if not text or not text.strip():
        raise InvalidValue(missing or f"请填写{label}", field)
    if len(text) > limit:
        raise InvalidValue(f"{label}过长（最多{limit}字）", field)
    clean_text(text, field, multiline=True)


def check_reason(reason: str | None, label: str = "原因", missing: str = "") -> None:
    """A reason for a change: required, at most 500 characters."""
    check_text(reason, "reason", label, MAX_REASON, missing)
