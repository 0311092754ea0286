"""Money is exact decimal 万元 with at most two decimals, never a float, never negative."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tracker.domain.errors import InvalidValue
from tracker.domain.money import format_money, from_cents, parse_money, to_cents

# -- what a user may type ---


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("1005.74", Decimal("1005.74")),
        ("1,234.50", Decimal("1234.50")),
        ("1，234.5", Decimal("1234.50")),
        ("  12 ", Decimal("12.00")),
        ("0", Decimal("0.00")),
        (350000, Decimal("350000.00")),
        (Decimal("0.1"), Decimal("0.10")),
    ],
)
def test_a_typed_amount_becomes_an_exact_decimal_with_two_places(
    typed: object, amount: Decimal
) -> None:
    parsed = parse_money(typed)

    assert parsed == amount
    assert str(parsed) == str(amount)  # the exponent too: always two places


def test_amounts_that_a_float_would_blur_stay_exact() -> None:
    parts = [parse_money("0.10"), parse_money("0.20")]

    assert sum(parts, Decimal("0.00")) == Decimal("0.30")


def test_a_float_is_refused_even_when_it_looks_exact() -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(12.5, "investment")

    assert refused.value.field == "investment"
    assert "不能是浮点数" in refused.value.message


def test_a_boolean_is_not_an_amount() -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(True)

    assert "不能是浮点数" in refused.value.message


@pytest.mark.parametrize(("typed", "fragment"), [("-1.00", "不能为负数"), (-5, "不能为负数")])
def test_a_negative_amount_is_refused(typed: object, fragment: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(typed, "annual_plan")

    assert refused.value.field == "annual_plan"
    assert fragment in refused.value.message


@pytest.mark.parametrize("typed", ["12.345", "0.001", Decimal("1.005")])
def test_a_third_decimal_is_refused_not_rounded(typed: object) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(typed)

    assert refused.value.message == "金额最多保留两位小数（单位：万元）"


@pytest.mark.parametrize("typed", ["一千万", "12万", "abc", "0x10"])
def test_words_are_refused_quoting_what_was_typed(typed: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(typed, "总投资（万元）")

    assert refused.value.message == f"“{typed}”不是有效的数字"
    assert refused.value.field == "总投资（万元）"


@pytest.mark.parametrize("typed", ["NaN", "Infinity", "-Infinity"])
def test_not_a_number_and_infinity_are_refused(typed: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(typed)

    assert refused.value.message == "不是有效的数字"


@pytest.mark.parametrize("typed", ["", "   "])
def test_an_empty_amount_is_refused(typed: str) -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(typed, "investment")

    assert refused.value.message == "不能为空"
    assert refused.value.field == "investment"


def test_an_absurdly_large_amount_is_refused() -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money("1000000000000")

    assert refused.value.message == "金额过大"
    assert parse_money("999999999999.99") == Decimal("999999999999.99")


def test_a_value_of_another_type_is_not_an_amount() -> None:
    with pytest.raises(InvalidValue) as refused:
        parse_money(["12"])

    assert refused.value.message == "不是有效的数字"


def test_minus_zero_is_stored_and_shown_as_plain_zero() -> None:
    assert format_money(parse_money("-0")) == "0.00"


# -- the canonical text and the storage form ---


def test_the_canonical_text_has_two_decimals_and_no_grouping() -> None:
    assert format_money(Decimal("1234.5")) == "1234.50"
    assert format_money(Decimal("350000")) == "350000.00"


@pytest.mark.parametrize(
    ("amount", "cents"),
    [
        (Decimal("0.00"), 0),
        (Decimal("0.01"), 1),
        (Decimal("1005.74"), 100574),
        (Decimal("350000.00"), 35000000),
        (Decimal("999999999999.99"), 99999999999999),
    ],
)
def test_an_amount_is_stored_as_integer_cents_and_read_back_unchanged(
    amount: Decimal, cents: int
) -> None:
    assert to_cents(amount) == cents
    assert isinstance(to_cents(amount), int)
    assert from_cents(cents) == amount
    assert str(from_cents(cents)) == str(amount)
