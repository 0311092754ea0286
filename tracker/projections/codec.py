"""How values are written into read-model rows and read back: 分 for money, UTC text for times."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any
from uuid import UUID

from tracker.domain.money import from_cents, to_cents
from tracker.domain.report import REPORT_FIELDS, ReportField
from tracker.domain.rules.ytd import ytd_plan_steps
from tracker.projections.tables import column_name


def utc_text(moment: datetime) -> str:
    """A fixed-width UTC form that sorts and compares correctly as text."""
    return _utc_text(moment.astimezone(UTC))


# An event's time is written into several rows, and a report's receipt is often the same moment
# in another zone: the cache keeps UTC moments, since telling that two moments of two zones are
# equal costs as much as formatting one (PEP 495's checks).
@lru_cache(maxsize=4096)
def _utc_text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def id_text(ident: UUID) -> str:
    """An aggregate's id as its columns store it."""
    # Kept by the id's number, not the UUID: a UUID hashes and compares in Python, an int in C.
    text = _id_texts.get(ident.int)
    if text is None:
        if len(_id_texts) >= ID_TEXTS:
            _id_texts.clear()
        text = _id_texts[ident.int] = str(ident)
    return text


ID_TEXTS = 65536  # ids kept: an aggregate's id is written into several rows of each event
_id_texts: dict[int, str] = {}


def day_text(day: date | None) -> str | None:
    return day.isoformat() if day else None


def moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def cents_list(amounts: list[Decimal]) -> str:
    return ",".join(str(to_cents(a)) for a in amounts)


def amounts(text: str) -> tuple[Decimal, ...]:
    return tuple(from_cents(int(c)) for c in text.split(","))


@lru_cache(maxsize=1 << 16)
def plan_steps(monthly_plan: str) -> tuple[int, ...]:
    """序时进度 in 分 at periods 1 … 24 (index 0 … 23) of a plan kept as twelve 分 amounts
    (``cents_list``)."""
    return ytd_plan_steps([int(cents) for cents in monthly_plan.split(",")])


def json_text(value: Any) -> str:
    """JSON with Decimals and dates as text, keys sorted: the same value, the same text."""
    return json.dumps(value, default=str, ensure_ascii=False, sort_keys=True)


#: how a report field of each kind is written into its column and read back
CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "money": (to_cents, from_cents),
    "percent": (str, Decimal),
    "date": (date.isoformat, date.fromisoformat),
    "text": (str, str),
}


def encode(field: ReportField, value: Any) -> Any:
    return None if value is None else CODECS[field.kind][0](value)


def decode(field: ReportField, stored: Any) -> Any:
    return None if stored is None else CODECS[field.kind][1](stored)


def report_columns(values: dict[str, Any]) -> dict[str, Any]:
    """A report's fields as the columns of ``rm_report_versions``."""
    return {
        column: None if (value := values[name]) is None else write(value)
        for name, column, write in _WRITERS
    }


#: each report field's name, column and how its value is written
_WRITERS = [(f.name, column_name(f), CODECS[f.kind][0]) for f in REPORT_FIELDS]


def report_values(row: Any) -> dict[str, Any]:
    """The inverse of :func:`report_columns` for a row read back."""
    return {f.name: decode(f, row[column_name(f)]) for f in REPORT_FIELDS}
