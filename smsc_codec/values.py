"""Value codecs: how one field's value is written as text and as JSON.

Each codec is a pair of inverse functions per representation, and nothing else knows
how a date, an amount of money or a code looks on the wire:

``parse(text) -> value`` / ``format(value) -> text``
    the ``fmt`` 0/1/2 spelling.  ``parse`` raises :class:`ValueError` for text that is
    not a value of this kind; text that parses but does not come back identical from
    ``format`` is *non-canonical* (callers record a defect).
``from_json(obj) -> value`` / ``to_json(value) -> obj``
    the ``fmt=3`` spelling, with the JSON type the vendor documents (``cost`` is a
    string, codes and timestamps are numbers, ``id`` keeps whichever type it came in).
``accepts(value) -> bool``
    the model's construction-time type check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Generic, TypeVar

from smsc_codec.codes import CodeEnum, lookup
from smsc_codec.flags import MessageFlag

__all__ = [
    "DATE",
    "ID",
    "INT",
    "MONEY",
    "MSK",
    "TEXT",
    "ValueCodec",
    "code",
    "flag_codec",
    "format_date",
    "parse_date",
]

T = TypeVar("T")

#: Moscow time.  The vendor gives every ``DD.MM.YYYY hh:mm:ss`` date in Moscow time
#: ("в 03:00 по московскому времени"), and Moscow has kept UTC+3 all year since
#: 26 October 2014.  We use the fixed offset, not a zone database, so decoding is
#: deterministic on every machine; see spec/decisions.md (D-dates).
MSK = timezone(timedelta(hours=3), "MSK")

#: The longest integer we parse.  Codes and Unix timestamps need at most 11 digits;
#: 20 leaves room for 64-bit ids and keeps int() far from its quadratic regime.
MAX_INT_DIGITS = 20

_INT = re.compile(rf"[+-]?[0-9]{{1,{MAX_INT_DIGITS}}}", re.ASCII)
_MONEY = re.compile(r"[+-]?(?:[0-9]{1,30}(?:\.[0-9]{0,30})?|\.[0-9]{1,30})", re.ASCII)
# "Format DD.MM.YYYY hh:mm:ss" (Russian original).  Lenient: one-digit parts parse
# too, and come out non-canonical.
_DATE = re.compile(
    r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}) ([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})", re.ASCII
)


def parse_date(text: str) -> datetime:
    """``DD.MM.YYYY hh:mm:ss`` Moscow time to an aware :class:`datetime`."""
    m = _DATE.fullmatch(text)
    if m is None:
        raise ValueError(text)
    day, month, year, hour, minute, second = map(int, m.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=MSK)


def format_date(value: datetime) -> str:
    """The exact wire form of an aware datetime, converted to Moscow time."""
    v = value.astimezone(MSK)
    return f"{v.day:02d}.{v.month:02d}.{v.year:04d} {v.hour:02d}:{v.minute:02d}:{v.second:02d}"


@dataclass(frozen=True, slots=True)
class ValueCodec(Generic[T]):
    """One kind of field value; see the module docstring for the contract."""

    expected: str
    parse: Callable[[str], T]
    format: Callable[[T], str]
    from_json: Callable[[Any], T]
    to_json: Callable[[T], Any]
    accepts: Callable[[Any], bool]


def _parse_int(text: str) -> int:
    if _INT.fullmatch(text.strip()) is None:
        raise ValueError(text)
    return int(text)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _int_from_json(obj: Any) -> int:
    if _is_int(obj):
        return int(obj)
    if isinstance(obj, str):
        return _parse_int(obj)  # lenient: a quoted number; the caller records it
    # Not a float, even a whole one: orjson reads integers beyond 64 bits as floats,
    # so a float's digits may not be the ones on the wire.
    raise ValueError(obj)


def _text_from_json(obj: Any) -> str:
    if isinstance(obj, str):
        return obj
    if _is_int(obj) or isinstance(obj, float):
        return str(obj)  # lenient: an unquoted number where text was documented
    raise ValueError(obj)


def _parse_money(text: str) -> Decimal:
    if _MONEY.fullmatch(text.strip()) is None:
        raise ValueError(text)
    return Decimal(text.strip())


def _format_money(value: Decimal) -> str:
    return format(value, "f")


def _money_from_json(obj: Any) -> Decimal:
    if isinstance(obj, str):
        return _parse_money(obj)
    if _is_int(obj):
        return Decimal(obj)
    if isinstance(obj, float):
        # A JSON number: repr() is the shortest text that reads back as the same
        # double, which is the text the server wrote for any sane amount.
        return _parse_money(repr(obj))
    raise ValueError(obj)


def _money_ok(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def _date_from_json(obj: Any) -> datetime:
    if not isinstance(obj, str):
        raise ValueError(obj)
    return parse_date(obj)


def _date_ok(value: Any) -> bool:
    return (
        isinstance(value, datetime)
        and value.tzinfo is not None
        and value.microsecond == 0
        and 1 <= value.astimezone(MSK).year <= 9999
    )


def _parse_id(text: str) -> int | str:
    # "a 32-bit number in the range from 1 to 2147483647, or a string up to 40
    # characters" (SMTP page, parameter id).  Text formats cannot tell "12" the
    # number from "12" the string: the canonical reading is the number.
    if text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= MAX_INT_DIGITS:
        return int(text)
    return text


def _id_from_json(obj: Any) -> int | str:
    if _is_int(obj) or isinstance(obj, str):
        return obj  # type: ignore[no-any-return]
    raise ValueError(obj)


def _identity(value: T) -> T:
    return value


def _canonical_int_json(value: int) -> int:
    return value


TEXT: ValueCodec[str] = ValueCodec(
    "text", _identity, _identity, _text_from_json, _identity, lambda v: isinstance(v, str)
)
INT: ValueCodec[int] = ValueCodec("an integer", _parse_int, str, _int_from_json, int, _is_int)
MONEY: ValueCodec[Decimal] = ValueCodec(
    "a decimal amount", _parse_money, _format_money, _money_from_json, _format_money, _money_ok
)
DATE: ValueCodec[datetime] = ValueCodec(
    "a DD.MM.YYYY hh:mm:ss date", parse_date, format_date, _date_from_json, format_date, _date_ok
)
ID: ValueCodec[int | str] = ValueCodec(
    "a message id", _parse_id, str, _id_from_json, _identity,
    lambda v: _is_int(v) or isinstance(v, str),
)


def code(enum: type[CodeEnum]) -> ValueCodec[int]:
    """An integer code that decodes to a member of *enum*, or stays a raw int."""

    def parse(text: str) -> int:
        return lookup(enum, _parse_int(text))

    def from_json(obj: Any) -> int:
        return lookup(enum, _int_from_json(obj))

    return ValueCodec(f"a {enum.__name__} code", parse, str, from_json, int, _is_int)


def _flag_parse(text: str) -> MessageFlag:
    return MessageFlag.from_int(_parse_int(text))


def _flag_from_json(obj: Any) -> MessageFlag:
    return MessageFlag.from_int(_int_from_json(obj))


flag_codec: ValueCodec[MessageFlag] = ValueCodec(
    "a flag 0..65535",
    _flag_parse,
    lambda f: str(f.to_int()),
    _flag_from_json,
    lambda f: f.to_int(),
    lambda v: isinstance(v, MessageFlag),
)
