"""One strict grammar per kind of input (README "Input rules"), held by the domain.

Each refusal names its field: ``str(error)`` starts with the field's Chinese label.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.domain.dates import check_day, parse_day
from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_money
from tracker.domain.numbers import parse_number, parse_percent, parse_whole
from tracker.domain.period import Period
from tracker.domain.report import ReportInput
from tracker.domain.text import check_text, clean_text


def refusal(parse, *args) -> InvalidValue:
    with pytest.raises(InvalidValue) as refused:
        parse(*args)
    return refused.value


# -- money: ASCII digits, commas in threes or none, a point and two decimals, < 1e12 ---


@pytest.mark.parametrize(
    "typed",
    ["1,2,3", "12，34", "1_000", "١٢٣", "１２３", "1e5", "+5", ".5", "5.", "1 000", "12,34.5"],
    ids=[
        "commas-not-in-threes",
        "full-width-comma-not-in-threes",
        "underscore",
        "arabic-indic",
        "full-width-digits",
        "exponent",
        "plus-sign",
        "no-digit-before-point",
        "no-digit-after-point",
        "space-grouping",
        "comma-group-of-two",
    ],
)
def test_money_outside_the_grammar_is_refused_naming_the_field(typed: str) -> None:
    error = refusal(parse_money, typed, "investment")

    assert error.field == "investment"
    assert error.message == f"“{typed}”不是有效的数字"
    assert str(error).startswith("本期完成投资：")


@pytest.mark.parametrize(
    "value",
    ["1e26", "100000000000000000000000000", 10**26, Decimal("1e26"), Decimal("1E+400")],
    ids=["exponent-text", "27-digit-text", "int", "decimal", "decimal-1e400"],
)
def test_money_of_1e26_or_more_is_refused_not_an_arithmetic_error(value: object) -> None:
    error = refusal(parse_money, value, "annual_plan")

    assert error.field == "annual_plan"
    assert error.message in ("金额过大", "“1e26”不是有效的数字")
    assert str(error).startswith("年度计划投资：")


@pytest.mark.parametrize("value", ["sNaN", "-nan", "NaN123", Decimal("sNaN")])
def test_money_that_is_not_a_number_is_refused(value: object) -> None:
    assert refusal(parse_money, value, "investment").message == "不是有效的数字"


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1,234,567.80", "1234567.80"), ("1，234.5", "1234.50"), ("007", "7.00"), ("0.5", "0.50")],
)
def test_money_within_the_grammar_is_read_exactly(typed: str, amount: str) -> None:
    assert str(parse_money(typed, "investment")) == amount


# -- periods: YYYY-MM-H1|H2 in ASCII digits, nothing after, years 2000–2100 ---


@pytest.mark.parametrize(
    "text",
    ["２０２６-05-H1", "2026-０5-H1", "2026-05-H1\n", "2026-05-H1\t", "2026-05-Ｈ1"],
    ids=["full-width-year", "full-width-month", "trailing-newline", "trailing-tab", "full-width-H"],
)
def test_a_period_outside_the_grammar_is_refused(text: str) -> None:
    error = refusal(Period.parse, text, "period")

    assert error.field == "period" and "不是有效的期次" in error.message
    assert str(error).startswith("期次：")


def test_a_period_of_year_1_is_refused() -> None:
    error = refusal(Period.parse, "0001-01-H1", "period")

    assert error.message == "期次的年份须在2000年至2100年之间"


# -- dates: YYYY-MM-DD in ASCII digits, years 2000–2100 ---


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("0001-01-01", "须在2000年至2100年之间"),
        ("2101-01-01", "须在2000年至2100年之间"),
        ("１９９９-01-01", "日期格式应为"),
        ("2026-05-01\n", "日期格式应为"),
        ("20260501", "日期格式应为"),
        ("2026-W18-5", "日期格式应为"),
    ],
)
def test_a_typed_date_outside_the_grammar_or_the_years_is_refused(text: str, words: str) -> None:
    error = refusal(parse_day, text, "started_on")

    assert words in error.message
    assert str(error).startswith("开工日期：")


def test_a_spreadsheet_date_may_be_written_the_ways_excel_writes_it() -> None:
    for text in ("2026/3/15", "2026.3.15", "2026年3月15日", "2026-03-15"):
        assert parse_day(text, "计划开工日期", sheet=True) == date(2026, 3, 15)
    assert refusal(parse_day, "２０２６年3月15日", "计划开工日期", True).field == "计划开工日期"


def test_a_report_with_a_start_on_year_1_is_refused_by_the_domain() -> None:
    report = ReportInput(Decimal("1.00"), "施工", started_on=date(1, 1, 1))

    error = refusal(report.check, date(2026, 5, 12))

    assert error.field == "started_on" and str(error).startswith("开工日期：")
    assert refusal(check_day, date(9999, 12, 31), "due_on").field == "due_on"


# -- 形象进度（%）: 0–100, one decimal at most, not rounded ---


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("50.55", "最多保留1位小数"),
        ("１２", "不是有效的数字"),
        ("1e1", "不是有效的数字"),
        ("NaN", "不是有效的数字"),
        ("-5", "不是有效的数字"),
        ("101", "0到100"),
    ],
)
def test_a_percentage_outside_the_grammar_is_refused_not_rounded(typed: str, words: str) -> None:
    error = refusal(parse_percent, typed)

    assert words in error.message
    assert str(error).startswith("形象进度百分比：")


def test_a_percentage_within_the_grammar_is_kept_as_typed() -> None:
    assert parse_percent("50.5") == Decimal("50.5")
    assert parse_percent("35%") == Decimal("35")


def test_a_report_percentage_with_two_decimals_is_refused_by_the_domain() -> None:
    report = ReportInput(Decimal("1.00"), "施工", progress_pct=Decimal("50.55"))

    assert refusal(report.check, date(2026, 5, 12)).field == "progress_pct"


# -- settings: points 0–100 with two decimals, months as ASCII whole numbers ---


@pytest.mark.parametrize("typed", ["NaN", "sNaN", "-NaN", "Infinity", "1e1", "１０", "²"])
def test_a_setting_that_is_not_a_plain_number_is_refused(typed: str) -> None:
    error = refusal(parse_number, typed, "yellow", 2, 100)

    assert error.field == "yellow" and "不是有效的数字" in error.message


@pytest.mark.parametrize("typed", ["²", "１", "٣", "1.5", "-1", "25", "9" * 5000])
def test_a_month_setting_must_be_a_whole_number_in_ascii_digits(typed: str) -> None:
    error = refusal(parse_whole, typed, "start_red_months", 24)

    assert error.field == "start_red_months" and "整数" in error.message


# -- texts: no C0/C1 control character, no lone surrogate; line breaks as \n ---


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("主体\x00结构", 3),
        ("\x07响铃", 1),
        ("颜色\x1b[31m", 3),
        ("C1\x85", 3),
        ("孤立\ud800", 3),
        ("制表\t符", 3),
        ("删除\x7f", 3),
    ],
    ids=["nul", "bell", "escape", "c1-next-line", "lone-surrogate", "tab", "delete"],
)
def test_a_text_with_a_control_character_or_a_lone_surrogate_is_refused(
    text: str, place: int
) -> None:
    error = refusal(clean_text, text, "progress", True)

    assert error.field == "progress" and f"第{place}个字符" in error.message
    assert str(error).startswith("形象进度：")


def test_a_multi_line_text_keeps_its_line_breaks_as_newlines() -> None:
    assert clean_text("第一行\r\n第二行\r第三行\n", "progress", True) == "第一行\n第二行\n第三行\n"


def test_a_one_line_text_has_no_line_break() -> None:
    error = refusal(clean_text, "滨江公园\n二期", "name")

    assert "换行符" in error.message and str(error).startswith("名称：")


def test_the_domain_refuses_control_characters_in_reasons_and_answers() -> None:
    assert refusal(check_text, "已整改\x00", "answer", "答复内容").field == "answer"
