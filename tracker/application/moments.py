"""Reading an as-of moment typed by a user, for the CLI, the pages and the API alike."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from tracker.domain.dates import check_moment
from tracker.domain.errors import InvalidValue
from tracker.domain.text import shown

EXAMPLE = "2026-05-15T00:00:00+08:00"
#: ISO 8601 in ASCII digits: a day, optionally a time, optionally an offset or Z
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"(?:[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?)?"
)


def parse_as_of(text: str | None, timezone: str, field: str = "as_of") -> datetime | None:
    """ISO 8601; a time without an offset is read in ``timezone``. None for empty.

    Years 2000 to 2100 only, so that no conversion to another zone can overflow.
    """
    if not text:
        return None
    typed = text.strip(" ")
    try:
        if not _MOMENT.fullmatch(typed):
            raise ValueError(typed)
        moment = datetime.fromisoformat(typed)
    except ValueError:
        message = f"“{shown(typed, 40)}”不是有效的时间，应形如 {EXAMPLE}"
        raise InvalidValue(message, field) from None
    check_moment(moment, field)
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))
