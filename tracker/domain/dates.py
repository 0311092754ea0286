"""Dates and moments a person types: ASCII digits, a real day, years 2000 to 2100.

Forms and the API take ``YYYY-MM-DD``; a 附件1 spreadsheet may also write
``2026/3/15``, ``2026.3.15`` or ``2026年3月15日`` (Excel exports them so).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from tracker.domain.errors import InvalidValue
from tracker.domain.text import shown

FIRST, LAST = date(2000, 1, 1), date(2100, 12, 31)
RANGE = f"须在{FIRST.year}年至{LAST.year}年之间"
ISO = "日期格式应为 YYYY-MM-DD，且须是真实存在的日期"
_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_SHEET = re.compile(r"([0-9]{4}) *[-/.年] *([0-9]{1,2}) *[-/.月] *([0-9]{1,2}) *日?")


def parse_day(text: str, field: str, sheet: bool = False) -> date:
    """A typed day; ``sheet`` also allows the spellings of a 附件1 spreadsheet."""
    typed = text.strip(" ")
    match = (_SHEET if sheet else _ISO).fullmatch(typed)
    if not match:
        raise InvalidValue(f"“{shown(typed)}”不是日期，应形如 2026-03-15" if sheet else ISO, field)
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise InvalidValue(f"日期“{typed}”不存在" if sheet else ISO, field) from None
    check_day(day, field)
    return day


def check_day(day: date | None, field: str) -> None:
    """Refuse a day outside the years a campaign can concern (None is no day)."""
    if day is not None and not FIRST <= day <= LAST:
        raise InvalidValue(f"日期{RANGE}", field)


def check_moment(moment: datetime, field: str) -> None:
    """The same years for a moment (read where it was typed, before any conversion)."""
    if not FIRST.year <= moment.year <= LAST.year:
        raise InvalidValue(f"时刻{RANGE}", field)
