"""Reading an as-of moment typed by a user, for the CLI, the pages and the API alike."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tracker.domain.errors import InvalidValue

EXAMPLE = "2026-05-15T00:00:00+08:00"


def parse_as_of(text: str | None, timezone: str) -> datetime | None:
    """ISO 8601; a time without an offset is read in ``timezone``. None for empty."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"“{text[:40]}”不是有效的时间，应形如 {EXAMPLE}", "as_of") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=ZoneInfo(timezone))
