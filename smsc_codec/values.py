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
``read(text) -> (value, canonical)`` / ``read_json(obj) -> (value, canonical)``, ``verbatim``
    what decoders call: ``parse`` (``from_json``) and the canonical check in one step,
    ``canonical`` being ``format(value) == text`` (``to_json(value)`` equal to *obj*
    and of its JSON type).  Where the text's form already proves the answer (a
    ``DD.MM.YYYY hh:mm:ss`` date of 19 characters, digits without a leading zero)
    the value is not formatted back; anything else takes the general check.
    A ``verbatim`` codec (plain text) reads every text and JSON string as itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from functools import lru_cache
from typing import Any, Generic, TypeVar

from smsc_codec.codes import CodeEnum, lookup
from smsc_codec.errors import EncodeError, shorten
from smsc_codec.flags import MessageFlag

__all__ = [
    "DATE",
    "ID",
    "INT",
    "MONEY",
    "MSK",
    "TEXT",
    "ValueCodec",
    "WideInt",
    "code",
    "exact_json_int",
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


# The canonical DD.MM.YYYY hh:mm:ss texts, exactly: only days the month has (29
# February in leap years), years 0001-9999, hours 00-23 -- every match is a date.
_DAY_MONTH = (
    r"(?:(?:0[1-9]|1[0-9]|2[0-8])\.(?:0[1-9]|1[0-2])"
    r"|(?:29|30)\.(?:0[13-9]|1[0-2])|31\.(?:0[13578]|1[02]))\.(?!0000)[0-9]{4}"
)
_LEAP = r"(?:0[48]|[2468][048]|[13579][26])"  # the two digits of a multiple of 4
_LEAP_DAY = rf"29\.02\.(?:[0-9]{{2}}{_LEAP}|{_LEAP}00)"
DATE_PATTERN = rf"(?:{_DAY_MONTH}|{_LEAP_DAY}) (?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]"
_CANONICAL_DATE = re.compile(DATE_PATTERN, re.ASCII)


def parse_date(text: str) -> datetime:
    """``DD.MM.YYYY hh:mm:ss`` Moscow time to an aware :class:`datetime`."""
    m = _DATE.fullmatch(text)
    if m is None:
        raise ValueError(text)
    day, month, year, hour, minute, second = map(int, m.groups())
    return datetime(year, month, day, hour, minute, second, tzinfo=MSK)


def _canonical_date(text: str) -> datetime:
    # DD.MM.YYYY hh:mm:ss, every part two digits (four for the year): as ISO 8601,
    # which the C parser reads.
    iso = f"{text[6:10]}-{text[3:5]}-{text[:2]}T{text[11:]}"
    return datetime.fromisoformat(iso).replace(tzinfo=MSK)


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
    read: Callable[[str], tuple[T, bool]]
    read_json: Callable[[Any], tuple[T, bool]]
    #: Every text, and every JSON string, is its own canonical value (plain text):
    #: decoders may store it without calling ``read``/``read_json``.
    verbatim: bool = False
    #: A quick test that ``read(format(value))`` gives *value* back, for a value
    #: ``accepts`` took: true only where that is certain (``False``: read it to know).
    round_trips: Callable[[Any], bool] = lambda value: False
    #: A regular expression whose full matches are canonical texts: ``read`` gives
    #: ``(parse(text), True)`` for each (``None``: every text is, a verbatim codec).
    #: Decoders' fast lanes check rows with it and type the values later.
    pattern: str | None = None
    #: The JSON types of canonical ``fmt=3`` values, and a further test a value of
    #: those types must pass (``None``: none), for the same use.
    json_types: tuple[type, ...] = ()
    json_check: Callable[[Any], bool] | None = None
    #: ``parse`` and ``from_json`` for values already known canonical (a text that
    #: ``pattern`` matches, a JSON value that passed ``json_types``/``json_check``):
    #: the same value without checking again (``None``: parse/from_json themselves).
    parse_canonical: Callable[[str], T] | None = None
    from_canonical_json: Callable[[Any], T] | None = None

    @property
    def typer(self) -> Callable[[str], T]:
        """What types a canonical text: ``parse_canonical``, else ``parse``."""
        return self.parse if self.parse_canonical is None else self.parse_canonical

    @property
    def json_typer(self) -> Callable[[Any], T]:
        """What types a canonical JSON value: ``from_canonical_json``, else ``from_json``."""
        return self.from_json if self.from_canonical_json is None else self.from_canonical_json


def _checked(parse: Callable[[str], T], format: Callable[[T], str]
             ) -> Callable[[str], tuple[T, bool]]:
    """``read`` in general: parse, then format back and compare."""

    def read(text: str) -> tuple[T, bool]:
        value = parse(text)
        return value, format(value) == text

    return read


def _checked_json(from_json: Callable[[Any], T], to_json: Callable[[T], Any]
                  ) -> Callable[[Any], tuple[T, bool]]:
    """``read_json`` in general: convert, then convert back and compare value and type."""

    def read_json(obj: Any) -> tuple[T, bool]:
        value = from_json(obj)
        back = to_json(value)
        return value, type(back) is type(obj) and back == obj

    return read_json


#: The integers a reply may carry: 64 bits, signed or not (what JSON tools read as an
#: integer).  Beyond them a value is a bad-value defect, its text kept verbatim in
#: ``raw`` (spec/decisions.md, D-int64): no code, timestamp or count comes near.
INT_MIN, INT_MAX = -(2**63), 2**64 - 1


def _parse_int(text: str) -> int:
    if _INT.fullmatch(text.strip()) is None:
        raise ValueError(text)
    value = int(text)
    if not INT_MIN <= value <= INT_MAX:
        raise ValueError(text)
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _read_int(text: str) -> tuple[int, bool]:
    # Plain ASCII digits (the common case) are an integer, canonical unless a
    # leading zero pads them; signs and spaces take the general path.
    if text.isdigit() and text.isascii() and len(text) < MAX_INT_DIGITS:
        return int(text), text[0] != "0" or len(text) == 1
    value = _parse_int(text)
    return value, str(value) == text


def _read_int_json(obj: Any) -> tuple[int, bool]:
    if type(obj) is int and INT_MIN <= obj <= INT_MAX:  # beyond: only a hand-built int
        return obj, True
    return _read_int_json_checked(obj)


class WideInt(int):
    """A JSON integer literal beyond 64 bits, read exactly (orjson reads it as a float
    and loses digits).

    Its own type so that the fast lanes, which take plain ``int`` only, leave it to the
    general reader, which keeps it verbatim in ``raw`` with a ``bad-value`` defect
    (spec/decisions.md, D-int64); it prints, compares and is written as the integer.
    """

    __slots__ = ()


def exact_json_int(text: str) -> int:
    """The integer of a JSON literal (``json.loads``'s *parse_int*): a :class:`WideInt`
    beyond 64 bits.  ``ValueError`` beyond Python's digit limit (4300 by default)."""
    value = int(text)
    return value if INT_MIN <= value <= INT_MAX else WideInt(value)


def _int_from_json(obj: Any) -> int:
    if _is_int(obj):
        if not INT_MIN <= obj <= INT_MAX:
            raise ValueError(obj)  # a WideInt: no field's integer (D-int64)
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


def _read_text(text: str) -> tuple[str, bool]:
    return text, True


def _read_text_json(obj: Any) -> tuple[str, bool]:
    if type(obj) is str:
        return obj, True
    return _read_text_json_checked(obj)


def _parse_money(text: str) -> Decimal:
    if _MONEY.fullmatch(text.strip()) is None:
        raise ValueError(text)
    return Decimal(text.strip())


def _format_money(value: Decimal) -> str:
    text = format(value, "f")
    if len(text) > 30 and _CANONICAL_MONEY.fullmatch(text) is None:
        # More digits than the decoder reads (30 each side of the point): written,
        # it would come back refused (spec/decisions.md D-encode-refusals).
        raise EncodeError(f"an amount of more than 30 digits either side of the point "
                          f"does not read back: {text[:40]}...")
    return text


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


# The amounts that format back to themselves: no sign but "-", no leading zero,
# digits on both sides of a point (within _MONEY's lengths).
_CANONICAL_MONEY = re.compile(r"-?(?:0|[1-9][0-9]{0,29})(?:\.[0-9]{1,30})?", re.ASCII)


def _read_money(text: str) -> tuple[Decimal, bool]:
    if _CANONICAL_MONEY.fullmatch(text) is not None:
        return Decimal(text), True
    return _read_money_checked(text)


def _read_money_json(obj: Any) -> tuple[Decimal, bool]:
    if type(obj) is str and _CANONICAL_MONEY.fullmatch(obj) is not None:
        return Decimal(obj), True
    return _read_money_json_checked(obj)


def _money_ok(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def _date_from_json(obj: Any) -> datetime:
    if not isinstance(obj, str):
        raise ValueError(obj)
    return parse_date(obj)


def _read_date(text: str) -> tuple[datetime, bool]:
    # A date that parsed has two digits in each part but the year (four) exactly
    # when it is 19 characters long: then format_date gives the same text back.
    return parse_date(text), len(text) == 19


def _read_date_json(obj: Any) -> tuple[datetime, bool]:
    if type(obj) is str:
        return _read_date(obj)
    return _read_date_json_checked(obj)


def _date_ok(value: Any) -> bool:
    if not (isinstance(value, datetime) and value.tzinfo is not None
            and value.microsecond == 0):
        return False
    try:
        return 1 <= value.astimezone(MSK).year <= 9999
    except OverflowError:  # the range's end, in Moscow time, is past year 9999
        return False


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


def _read_id(text: str) -> tuple[int | str, bool]:
    # A number only when str() gives the very text back; otherwise the text itself.
    return _parse_id(text), True


def _read_id_json(obj: Any) -> tuple[int | str, bool]:
    return _id_from_json(obj), True  # kept as it came, JSON type and all


def _canonical_int_json(value: int) -> int:
    return value


_read_int_json_checked = _checked_json(_int_from_json, int)
_read_text_json_checked = _checked_json(_text_from_json, _identity)
_read_money_checked = _checked(_parse_money, _format_money)
_read_money_json_checked = _checked_json(_money_from_json, _format_money)
_read_date_json_checked = _checked_json(_date_from_json, format_date)

#: Plain text, read as it came (verbatim): names, numbers as text, message bodies.
TEXT: ValueCodec[str] = ValueCodec(
    "text", _identity, _identity, _text_from_json, _identity, lambda v: isinstance(v, str),
    _read_text, _read_text_json, verbatim=True, round_trips=lambda value: True,
    json_types=(str,), from_canonical_json=_identity,
)
def _short_int(value: int) -> bool:
    # str() of a plain int within 64 bits is what _parse_int reads back (D-int64).
    return type(value) is int and INT_MIN <= value <= INT_MAX


_INT_BOUND = 10**MAX_INT_DIGITS


def _format_int(value: int) -> str:
    """``str``, for an integer within 64 bits: the decoder reads a wider one as a
    bad value (D-int64), so it would not read back (D-encode-refusals)."""
    if not INT_MIN <= value <= INT_MAX:
        raise EncodeError(f"an integer beyond 64 bits ({shorten(value)}) does not read "
                          f"back: {INT_MIN}..{INT_MAX}")
    return str(value)


def _format_id(value: int | str) -> str:
    """An id's text: a number must be one the decoder reads back as that number --
    1 .. 10**20 - 1, no sign, no leading zero (D-ids); 0, a negative number or a
    longer one would come back as text (D-encode-refusals)."""
    if type(value) is int and not 0 < value < _INT_BOUND:
        raise EncodeError(f"an int id of {shorten(value)} reads back as the text "
                          f"{shorten(str(value))}: give it as a str, or a number "
                          f"1..10**{MAX_INT_DIGITS} - 1", field="id")
    return str(value)

#: Canonical integer text: what str() writes, of at most 18 digits -- every such
#: integer is within 64 bits; a longer one takes the checked path of ``_parse_int``.
INT_PATTERN = r"0|-?[1-9][0-9]{0,17}"

#: A signed integer within 64 bits (D-int64): counts, timestamps, error codes; a JSON
#: number at ``fmt=3``.
INT: ValueCodec[int] = ValueCodec(
    "an integer", _parse_int, _format_int, _int_from_json, int, _is_int, _read_int,
    _read_int_json,
    round_trips=_short_int, pattern=INT_PATTERN, json_types=(int,),
    parse_canonical=int, from_canonical_json=_identity,
)
#: An amount of money (``cost``) as a :class:`~decimal.Decimal`, never a float; a JSON
#: string at ``fmt=3``, as the vendor writes it.
MONEY: ValueCodec[Decimal] = ValueCodec(
    "a decimal amount", _parse_money, _format_money, _money_from_json, _format_money, _money_ok,
    _read_money, _read_money_json, pattern=_CANONICAL_MONEY.pattern, json_types=(str,),
    json_check=lambda obj: _CANONICAL_MONEY.fullmatch(obj) is not None,
    parse_canonical=Decimal, from_canonical_json=Decimal,
)
#: A ``DD.MM.YYYY hh:mm:ss`` date in Moscow time, as an aware :class:`~datetime.datetime`
#: in :data:`MSK`.
DATE: ValueCodec[datetime] = ValueCodec(
    "a DD.MM.YYYY hh:mm:ss date", parse_date, format_date, _date_from_json, format_date, _date_ok,
    _read_date, _read_date_json,
    # In Moscow time already (as decoded), whole seconds and years 1..9999 (accepts):
    # the 19 characters format_date writes parse to the very same wall time.
    round_trips=lambda value: value.tzinfo is MSK,
    pattern=DATE_PATTERN, json_types=(str,),
    json_check=lambda obj: _CANONICAL_DATE.fullmatch(obj) is not None,
    parse_canonical=_canonical_date, from_canonical_json=_canonical_date,
)
#: A message id: a positive number without a leading zero is an ``int``, any other
#: text stays a ``str``; at ``fmt=3`` whichever JSON type it came in.
ID: ValueCodec[int | str] = ValueCodec(
    "a message id", _parse_id, _format_id, _id_from_json, _identity,
    lambda v: _is_int(v) or isinstance(v, str), _read_id, _read_id_json,
    # A positive number is written without a sign or a leading zero: read as a number.
    round_trips=lambda value: type(value) is int and 0 < value < _INT_BOUND,
    json_types=(int, str),  # every text is an id (a number or not), kept as it came
    from_canonical_json=_identity,
)


def code(enum: type[CodeEnum]) -> ValueCodec[int]:
    """An integer code that decodes to a member of *enum*, or stays a raw int."""
    # codes.lookup as a table: the members by number (what enum(n) answers).
    members: dict[int, int] = {int(m): m for m in enum}

    def parse(text: str) -> int:
        return lookup(enum, _parse_int(text))

    def from_json(obj: Any) -> int:
        return lookup(enum, _int_from_json(obj))

    def read(text: str) -> tuple[int, bool]:
        # str() of a member is its number: canonical exactly when the integer is.
        number, canonical = _read_int(text)
        return members.get(number, number), canonical

    def read_json(obj: Any) -> tuple[int, bool]:
        if type(obj) is int and INT_MIN <= obj <= INT_MAX:
            return members.get(obj, obj), True
        return checked_json(obj)

    def round_trips(value: int) -> bool:
        # A member prints as its number (IntEnum), and reads back as the same member.
        return (type(value) is int or isinstance(value, enum)) and INT_MIN <= value <= INT_MAX

    def parse_canonical(text: str) -> int:
        number = int(text)
        return members.get(number, number)

    def from_canonical_json(obj: int) -> int:
        return members.get(obj, obj)

    checked_json = _checked_json(from_json, int)
    return ValueCodec(f"a {enum.__name__} code", parse, _format_int, from_json, int, _is_int, read,
                      read_json, round_trips=round_trips, pattern=INT_PATTERN, json_types=(int,),
                      parse_canonical=parse_canonical, from_canonical_json=from_canonical_json)


# Every 16-bit value has one flag; flags are immutable, so equal ones are shared.
_flag = lru_cache(maxsize=4096)(MessageFlag.from_int)


def _flag_parse(text: str) -> MessageFlag:
    return _flag(_parse_int(text))


def _flag_from_json(obj: Any) -> MessageFlag:
    return _flag(_int_from_json(obj))


def _read_flag(text: str) -> tuple[MessageFlag, bool]:
    # to_int is the exact inverse of from_int: canonical exactly when the integer is.
    number, canonical = _read_int(text)
    return _flag(number), canonical


def _flag_to_json(flag: MessageFlag) -> int:
    return flag.to_int()


_read_flag_json_checked = _checked_json(_flag_from_json, _flag_to_json)


def _read_flag_json(obj: Any) -> tuple[MessageFlag, bool]:
    if type(obj) is int:
        return _flag(obj), True
    return _read_flag_json_checked(obj)


#: The ``flag`` field, "a 2 byte number": a :class:`~smsc_codec.flags.MessageFlag`, every
#: bit of 0..65535 kept (undescribed ones too).
flag_codec: ValueCodec[MessageFlag] = ValueCodec(
    "a flag 0..65535",
    _flag_parse,
    lambda f: str(f.to_int()),
    _flag_from_json,
    _flag_to_json,
    lambda v: isinstance(v, MessageFlag),
    _read_flag,
    _read_flag_json,
    # to_int and from_int are exact inverses over the 16 bits.
    round_trips=lambda value: True,
    # 0..65535 without a leading zero.
    pattern=r"0|[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5]",
    json_types=(int,),
    json_check=lambda obj: 0 <= obj <= 0xFFFF,
    parse_canonical=lambda text: _flag(int(text)), from_canonical_json=_flag,
)
