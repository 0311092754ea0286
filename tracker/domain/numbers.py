"""Numbers a person types that are not money: 形象进度 percent, setting points, months.

One grammar: ASCII digits, then a point and at most ``places`` decimals; no sign,
no exponent, no grouping, no other digits (full-width, Arabic-Indic, superscript).
"""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.text import shown

_NUMBER = re.compile(r"([0-9]+)(?:\.([0-9]+))?")
_WHOLE = re.compile(r"[0-9]+")


def parse_number(text: str, field: str, places: int, top: int) -> Decimal:
    """``text`` as a Decimal from 0 to ``top`` with at most ``places`` decimals."""
    typed = text.strip(" ")
    match = _NUMBER.fullmatch(typed)
    if not match:
        raise InvalidValue(f"“{shown(typed)}”不是有效的数字，应为0到{top}之间的数", field)
    if len(match[2] or "") > places:
        raise InvalidValue(f"最多保留{places}位小数", field)
    number = Decimal(typed)
    if number > top:
        raise InvalidValue(f"须为0到{top}之间的数字", field)
    return number


def parse_percent(text: str, field: str = "progress_pct") -> Decimal:
    """形象进度（%）: 0 to 100 with at most one decimal; a trailing % sign is allowed."""
    typed = text.strip(" ")
    return parse_number(typed[:-1] if typed.endswith("%") else typed, field, 1, 100)


def format_percent(value: Decimal | str) -> str:
    """形象进度（%） as pages print it, one decimal however typed: 48 → 48.0, 43.00 → 43.0.

    Pages and the change log only; a form's box shows what was typed.
    """
    return str(Decimal(value).quantize(Decimal("0.1")))


def parse_whole(text: str, field: str, top: int) -> int:
    """A whole number from 0 to ``top``, written in ASCII digits."""
    typed = text.strip(" ")
    if not _WHOLE.fullmatch(typed) or len(typed) > 6 or int(typed) > top:
        raise InvalidValue(f"“{shown(typed)}”无效，应为0到{top}之间的整数", field)
    return int(typed)
