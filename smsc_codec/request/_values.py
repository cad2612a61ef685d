"""Value codecs of request parameters (:class:`Secret` lives in smsc_codec.secret).

Each codec turns one kind of parameter value into wire text and back, checks a value
put into a model field, and gives its canonical JSON view.  They know nothing of
parameter names: a refusal is an :class:`Invalid` with a reason, and the caller
names the parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from smsc_codec.charset import CHARSETS, normalize_charset
from smsc_codec.errors import EncodeError, shorten
from smsc_codec.secret import MASK, Secret

T = TypeVar("T")

# --- value codecs ---------------------------------------------------------------


class Invalid(Exception):
    """A value a codec refuses.  The reason quotes the value (never a secret's) but not
    the parameter: the caller adds that, as an EncodeError or a DecodeError field."""


_DECIMAL = re.compile(r"0|[1-9][0-9]*")
_DATE = re.compile(r"([0-9]{2})\.([0-9]{2})\.([0-9]{4})")


def _or_list(items: tuple[int, ...]) -> str:
    words = [str(i) for i in items]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


class Codec(Generic[T]):
    """Text <-> value for one kind of parameter, and the value's own range check.

    ``check`` vets whatever a caller put in a model field; ``parse`` reads wire text
    (already percent-decoded) and ``format`` writes it back; ``to_json``/``from_json``
    give the canonical JSON view.  All of them raise :class:`Invalid`.
    """

    __slots__ = ()

    @property
    def expected(self) -> str:
        raise NotImplementedError

    def check(self, value: object) -> None:
        raise NotImplementedError

    def parse(self, text: str) -> T:
        raise NotImplementedError

    def format(self, value: T) -> str:
        raise NotImplementedError

    def to_json(self, value: T, *, reveal: bool) -> Any:
        return self.format(value)

    def from_json(self, obj: object) -> T:
        if not isinstance(obj, str):
            raise Invalid(f"expected a JSON string, found {type(obj).__name__}")
        return self.parse(obj)


@dataclass(frozen=True, slots=True)
class IntCodec(Codec[int]):
    """A decimal integer from a set (``fmt``, ``all``, ``format``) or a range (``cnt``)."""

    allowed: range | tuple[int, ...]

    @property
    def expected(self) -> str:
        a = self.allowed
        if isinstance(a, range):
            return f"an integer from {a.start} to {a.stop - 1}"
        return _or_list(a)

    def check(self, value: object) -> None:
        if type(value) is not int:  # a bool is an int to Python, not to the API
            raise Invalid(f"expected an integer, found {type(value).__name__}")
        if value not in self.allowed:
            raise Invalid(f"{value} is out of range")

    def parse(self, text: str) -> int:
        # Canonical decimal only: int() would also take " 3", "+3", "0_3" and "٣".
        if _DECIMAL.fullmatch(text) is None:
            raise Invalid(f"{shorten(text)} is not a decimal integer")
        value = int(text)
        self.check(value)
        return value

    def format(self, value: int) -> str:
        return str(value)

    def to_json(self, value: int, *, reveal: bool) -> Any:
        return value

    def from_json(self, obj: object) -> int:
        self.check(obj)
        assert isinstance(obj, int)
        return obj


@dataclass(frozen=True, slots=True)
class TextCodec(Codec[str]):
    """Any non-empty text (``login``, ``prev_id``)."""

    @property
    def expected(self) -> str:
        return "non-empty text"

    def check(self, value: object) -> None:
        if not isinstance(value, str):
            raise Invalid(f"expected text, found {type(value).__name__}")
        if not value:
            raise Invalid("empty text")

    def parse(self, text: str) -> str:
        self.check(text)
        return text

    def format(self, value: str) -> str:
        return value


@dataclass(frozen=True, slots=True)
class SecretCodec(Codec[Secret]):
    """``psw`` and ``apikey``.  No reason here ever quotes the value."""

    @property
    def expected(self) -> str:
        return "a non-empty Secret"

    def check(self, value: object) -> None:
        if not isinstance(value, Secret):
            raise Invalid(f"expected a Secret (wrap the text in Secret(...)), "
                           f"found {type(value).__name__}")
        if not value.reveal():
            raise Invalid("empty secret")

    def parse(self, text: str) -> Secret:
        secret = Secret(text)
        self.check(secret)
        return secret

    def format(self, value: Secret) -> str:
        return value.reveal()

    def to_json(self, value: Secret, *, reveal: bool) -> Any:
        return value.reveal() if reveal else MASK


@dataclass(frozen=True, slots=True)
class ListCodec(Codec[tuple[str, ...]]):
    """A comma-separated list: "a phone number or a comma-separated list of numbers".

    Items are kept as they came (no trimming: ``"7999, 7888"`` has an item with a
    leading space).  An empty item would make the pairing of phones and ids guesswork,
    so it is refused; the one trailing comma status requests may carry is read by the
    caller before this codec sees the text (``Param.trailing_comma``).
    """

    max_item: int | None = None

    @property
    def expected(self) -> str:
        limit = f" of at most {self.max_item} characters" if self.max_item else ""
        return f"a comma-separated list of non-empty items{limit}"

    def check(self, value: object) -> None:
        if not isinstance(value, tuple):
            raise Invalid(f"expected a tuple or list of str, found {type(value).__name__}")
        for number, item in enumerate(value, 1):
            if not isinstance(item, str):
                raise Invalid(f"item {number} is {type(item).__name__}, not text")
            if not item:
                raise Invalid(f"item {number} is empty")
            if "," in item:
                raise Invalid(f"item {number} ({shorten(item)}) holds a comma, the separator")
            if self.max_item is not None and len(item) > self.max_item:
                raise Invalid(f"item {number} ({shorten(item)}) is {len(item)} characters long")

    def parse(self, text: str) -> tuple[str, ...]:
        items = tuple(text.split(","))
        self.check(items)
        return items

    def format(self, value: tuple[str, ...]) -> str:
        return ",".join(value)

    def to_json(self, value: tuple[str, ...], *, reveal: bool) -> Any:
        return list(value)

    def from_json(self, obj: object) -> tuple[str, ...]:
        if not isinstance(obj, list):
            raise Invalid(f"expected a JSON array, found {type(obj).__name__}")
        items = tuple(obj)
        self.check(items)
        return items


@dataclass(frozen=True, slots=True)
class DateCodec(Codec[date]):
    """``start``/``end``: "Format: 'dd.mm.yyyy'" (the English page also writes
    'dd. mm. yyyy', a typesetting artefact: the Russian original has no spaces)."""

    @property
    def expected(self) -> str:
        return "a date dd.mm.yyyy"

    def check(self, value: object) -> None:
        # datetime is a subclass of date; the API takes days, so a time would be lost.
        if type(value) is not date:
            raise Invalid(f"expected a datetime.date, found {type(value).__name__}")

    def parse(self, text: str) -> date:
        match = _DATE.fullmatch(text)
        if match is None:
            raise Invalid(f"{shorten(text)} is not written dd.mm.yyyy")
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError as exc:
            raise Invalid(f"{shorten(text)} is not a calendar date") from exc

    def format(self, value: date) -> str:
        # Not strftime: its %Y does not zero-pad years before 1000 on every platform.
        return f"{value.day:02}.{value.month:02}.{value.year:04}"


@dataclass(frozen=True, slots=True)
class CharsetCodec(Codec[str]):
    """``charset``: "Options: utf-8 and koi8-r", windows-1251 by default.

    Reading accepts any spelling :func:`~smsc_codec.charset.normalize_charset` knows
    (``UTF-8``, ``cp1251``, ``koi8r``); models and the encoder use the API's own.
    """

    @property
    def expected(self) -> str:
        return " or ".join(CHARSETS)

    def check(self, value: object) -> None:
        if value not in CHARSETS:
            raise Invalid(f"{shorten(value)} is not one of the API's spellings")

    def parse(self, text: str) -> str:
        try:
            return normalize_charset(text)
        except EncodeError as exc:
            raise Invalid(f"{shorten(text)} is not a charset the API offers") from exc

    def format(self, value: str) -> str:
        return value
