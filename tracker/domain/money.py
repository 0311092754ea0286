"""Money: exact decimal 万元 with at most two decimals, never negative, below 1e12."""

from __future__ import annotations

import re
from decimal import Decimal

from tracker.domain.errors import InvalidValue
from tracker.domain.text import shown

CENT = Decimal("0.01")
LIMIT = Decimal("1e12")
#: what a person may type: ASCII digits, grouped by commas in threes or not at all,
#: then a point and decimals (at most two are allowed, checked after); a minus only
#: so that a negative amount is told as such
MONEY_PATTERN = r"-?(?:[0-9]{1,3}(?:[,，][0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
_MONEY = re.compile(MONEY_PATTERN)
_NOT_A_NUMBER = re.compile(r"[+-]?(?:s?nan[0-9]*|inf|infinity)", re.IGNORECASE)


def parse_money(value: object, field: str = "金额") -> Decimal:
    """Turn user input into an exact amount of 万元, quantized to 0.01.

    Accepts Decimal, int and strings such as ``"1,234.5"`` (see MONEY_PATTERN);
    refuses floats (they are not exact), words, exponents, signs, other digits,
    negatives, a third decimal and amounts of 1e12 or more.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidValue("金额必须以数字文本给出，不能是浮点数", field)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, str):
        value = _typed(value, field)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InvalidValue("不是有效的数字", field)
    if value < 0:
        raise InvalidValue("金额不能为负数", field)
    if value >= LIMIT:  # before quantize: 1e26 has more digits than a context holds
        raise InvalidValue("金额过大", field)
    if value != value.quantize(CENT):
        raise InvalidValue("金额最多保留两位小数（单位：万元）", field)
    return abs(value).quantize(CENT) if value == 0 else value.quantize(CENT)


def _typed(value: str, field: str) -> Decimal:
    text = value.strip(" ")
    if not text:
        raise InvalidValue("不能为空", field)
    if _NOT_A_NUMBER.fullmatch(text):
        raise InvalidValue("不是有效的数字", field)
    if not _MONEY.fullmatch(text):
        raise InvalidValue(f"“{shown(text)}”不是有效的数字", field)
    return Decimal(text.replace(",", "").replace("，", ""))


def check_amount(amount: Decimal, field: str) -> None:
    """The same rules for amounts that arrive already as Decimal (from code, not text)."""
    parse_money(amount, field)


def format_money(amount: Decimal) -> str:
    """The canonical text form: two decimals, no grouping (``"1234.50"``)."""
    return str(amount.quantize(CENT))


def to_cents(amount: Decimal) -> int:
    """Amount as an integer number of 0.01 万元, for storage in read models."""
    return int(amount.quantize(CENT) * 100)


def from_cents(cents: int) -> Decimal:
    """The inverse of :func:`to_cents`."""
    return (Decimal(cents) / 100).quantize(CENT)
