"""Money: exact decimal 万元 with at most two decimals, never negative."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from tracker.domain.errors import InvalidValue

CENT = Decimal("0.01")


def parse_money(value: object, field: str = "金额") -> Decimal:
    """Turn user input into an exact amount of 万元, quantized to 0.01.

    Accepts Decimal, int and strings such as ``"1,234.5"``; refuses floats
    (they are not exact), words, negatives and a third decimal.
    """
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidValue("金额必须以数字文本给出，不能是浮点数", field)
    if isinstance(value, int):
        value = Decimal(value)
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace("，", "")
        if not text:
            raise InvalidValue("不能为空", field)
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise InvalidValue(f"“{value.strip()[:20]}”不是有效的数字", field) from None
    if not isinstance(value, Decimal):
        raise InvalidValue("不是有效的数字", field)
    if not value.is_finite():
        raise InvalidValue("不是有效的数字", field)
    if value < 0:
        raise InvalidValue("金额不能为负数", field)
    if value != value.quantize(CENT):
        raise InvalidValue("金额最多保留两位小数（单位：万元）", field)
    if value >= Decimal("1e12"):
        raise InvalidValue("金额过大", field)
    return abs(value).quantize(CENT) if value == 0 else value.quantize(CENT)


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
