"""The fields of the schemas: each reads what a person typed by the domain's grammar.

Money, percentages, dates and texts are read by ``tracker.domain`` (money.py,
numbers.py, dates.py, text.py), the same rules as the 附件1 import and the
settings page; a refusal is a message naming the field in Chinese.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from marshmallow import ValidationError, fields

from tracker.domain.dates import parse_day
from tracker.domain.errors import InvalidValue
from tracker.domain.money import parse_money
from tracker.domain.numbers import parse_percent
from tracker.domain.text import clean_text

COMMON = {"required": "此项必填", "null": "不能为空"}


class JsonNumber(Decimal):
    """A number in a JSON body, exact, with the text it was written as.

    Money and percentages are read from that text by the same grammar as a
    form's, so ``1e5`` or ``1E400`` is refused as it would be typed.
    """

    text: str


def json_number(text: str) -> JsonNumber:
    number = JsonNumber(text)
    number.text = text
    return number


def domain(parse: Callable[..., Any], *args: Any) -> Any:
    """``parse(*args)`` with the domain's refusal as a message naming the field in Chinese."""
    try:
        return parse(*args)
    except InvalidValue as error:
        raise ValidationError(str(error)) from None


def written(value: Any) -> Any:
    """What a person wrote: a JSON number's text, else the value itself."""
    if isinstance(value, JsonNumber):
        return value.text
    return value


class Text(fields.String):
    """Text with no control character or lone surrogate; ``lines`` keeps line breaks (as \\n)."""

    default_error_messages = {**COMMON, "invalid": "必须是文本"}

    def __init__(self, *args: Any, lines: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lines = lines

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        text = super()._deserialize(value, attr, data, **kwargs)
        return domain(clean_text, text, self.name, self.lines)


class Day(fields.Date):
    """YYYY-MM-DD in ASCII digits, a real day of the years 2000 to 2100."""

    default_error_messages = {**COMMON, "invalid": "日期格式应为 YYYY-MM-DD，且须是真实存在的日期"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str):
            raise self.make_error("invalid")
        return domain(parse_day, value, self.name)


class Whole(fields.Integer):
    default_error_messages = {**COMMON, "invalid": "必须是整数"}


class Items(fields.List):
    default_error_messages = {**COMMON, "invalid": "必须是列表"}


class Object(fields.Nested):
    default_error_messages = {**COMMON, "type": "必须是对象"}


class Money(fields.Field):
    """万元 as a string (``"1234.50"``) or a JSON number written the same way; two decimals."""

    default_error_messages = COMMON

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Decimal:
        return domain(parse_money, written(value), self.name)

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value.quantize(Decimal("0.01")))


class Percent(fields.Field):
    """0 to 100 with at most one decimal, as a string or a JSON number; empty is none."""

    default_error_messages = COMMON

    def _deserialize(
        self, value: Any, attr: str | None, data: Any, **kwargs: Any
    ) -> Decimal | None:
        if value in ("", None):
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
            raise ValidationError(str(InvalidValue("必须是0到100之间的数字", self.name)))
        return domain(parse_percent, str(written(value)), self.name)
