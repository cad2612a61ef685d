"""The typed values of the send line's fields, and the one spelling of each.

This module owns what a single field of ``<login>:<psw>:<id>:<time>,<tz>:...`` can
hold, with no knowledge of where the field sits in the line:

* :data:`MessageId` -- ``id``, a number or a short string;
* the :data:`SendTime` forms -- :class:`SendAt`, :class:`HourWindow`,
  :class:`Timestamp`, :class:`Delay`, :class:`Now`;
* the small codes -- :class:`Translit`, :class:`SendFormat` (with its mapping to the
  status pages' ``type``), :class:`TestMode`;
* the recipients of ``phones`` -- :class:`Phone`, :class:`Group`, :class:`Telegram`,
  :class:`EmailAddress`, and :class:`RawRecipient` for what lenient decoding kept;
* the message-type :class:`Prefix` tokens of ``mes``.

Strategy: every value is a frozen dataclass (or enum) that checks itself on
construction and raises :class:`~smsc_codec.errors.EncodeError` naming the field when
the line could not carry it.  Each field has a ``parse_*`` function (wire text to
value, :class:`ValueError` for text that is no value of the field) and a
``format_*`` function (value to its canonical text).  Text that parses but does not
come back identical from ``format_*`` is *non-canonical*: the line decoder records
or refuses it according to the policy.  Quotes are from the vendor's SMTP page
(``shared/seeds/004``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeAlias

from smsc_codec.codes import CodeEnum, MessageType, lookup
from smsc_codec.errors import EncodeError

__all__ = [
    "MAX_DELAY_DIGITS",
    "MAX_ID",
    "MAX_ID_CHARS",
    "MAX_SENDER_CHARS",
    "MAX_SENDER_DIGITS",
    "MAX_TZ",
    "Delay",
    "EmailAddress",
    "Group",
    "HourWindow",
    "MessageId",
    "Now",
    "Phone",
    "Prefix",
    "RawRecipient",
    "Recipient",
    "SendAt",
    "SendFormat",
    "SendTime",
    "Telegram",
    "TestMode",
    "Timestamp",
    "Translit",
    "check_id",
    "check_sender",
    "check_tz",
    "format_id",
    "format_recipient",
    "format_time",
    "format_tz",
    "parse_id",
    "parse_recipient",
    "parse_sender",
    "parse_time",
    "parse_tz",
]

# --- id ------------------------------------------------------------------------------

#: "The identifier is a 32-bit number in the range from 1 to 2147483647, or a string
#: up to 40 characters long consisting of Latin letters, numbers, and symbols ".-_"."
MAX_ID = 2**31 - 1
#: The longest string ``id``: "a string up to 40 characters long" (the same quote).
MAX_ID_CHARS = 40
_ID_TEXT = re.compile(rf"[A-Za-z0-9._-]{{1,{MAX_ID_CHARS}}}", re.ASCII)
_ID_NUMBER = re.compile(r"[1-9][0-9]{0,9}", re.ASCII)

#: ``id``: an ``int`` in 1..2147483647, or a string of up to 40 ``[A-Za-z0-9.-_]``.
#: A string that is the canonical spelling of such a number *is* that number (the
#: wire cannot tell ``"123"`` from ``123``), so it is stored as the ``int``; any
#: other digit string (``"0"``, ``"007"``, ``"2147483648"``) stays a string.
MessageId: TypeAlias = int | str


def _id_number(text: str) -> int | None:
    if _ID_NUMBER.fullmatch(text) and int(text) <= MAX_ID:
        return int(text)
    return None


def check_id(value: object, *, field: str = "id") -> MessageId:
    """*value* as a :data:`MessageId` (a numeric string becomes its ``int``)."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise EncodeError(f"an id is an int or a str, not {type(value).__name__}", field=field)
    if isinstance(value, int):
        if not 1 <= value <= MAX_ID:
            raise EncodeError(f"a numeric id is 1..{MAX_ID}, not {value}", field=field)
        return value
    if not _ID_TEXT.fullmatch(value):
        raise EncodeError(
            f"a string id is 1..{MAX_ID_CHARS} of Latin letters, digits and '.-_'", field=field
        )
    number = _id_number(value)
    return value if number is None else number


def parse_id(text: str) -> MessageId:
    """Wire text of ``id`` to its value (:class:`ValueError` if it is none)."""
    if not _ID_TEXT.fullmatch(text):
        raise ValueError(f"an id is 1..{MAX_ID} or up to {MAX_ID_CHARS} of [A-Za-z0-9.-_]")
    number = _id_number(text)
    return text if number is None else number


def format_id(value: MessageId) -> str:
    """The wire text of a checked ``id`` (:func:`check_id`): a number as its digits."""
    return str(value)


# --- time ----------------------------------------------------------------------------
#
# "Formats:
#   1. DDMMYYhhmm or DD.MM.YY hh.mm.
#   2. h1-h2. Sets the time range in hours. ...
#   3. 0ts, where ts is timestamp, the time in seconds since January 1, 1970.
#   4. +m. Sets the relative time offset from the current time in minutes. ...
#  If time = 0 or the time already elapsed is specified, the message will be sent
#  immediately."
#
# The forms are told apart by shape, in this order: "0"; a leading "+"; a "-"; a
# "."; exactly ten digits (DDMMYYhhmm); a leading "0" and digits (0ts).  DDMMYYhhmm
# and 0ts overlap when both are ten digits starting with 0 ("0102251200" is 1 Feb
# 2025 12:00 or the timestamp 102251200): ten digits always read as a date, so a
# timestamp whose "0ts" is ten characters long (ts before 2001-09-09, nine digits)
# cannot be written (spec/smtp.md, S-time-overlap).

#: The longest run of digits read in ``+m``, ``0ts`` and ``h1-h2``: timestamps need 10
#: (11 until the year 5138); more is no time and would only feed int() huge input.
MAX_DELAY_DIGITS = 12
#: Two-digit years: "DD.MM.YY".  We read YY as 20YY.
_CENTURY = 2000


@dataclass(frozen=True, slots=True, kw_only=True)
class SendAt:
    """An absolute send time, ``DDMMYYhhmm`` or (``dotted``) ``DD.MM.YY hh.mm``.

    ``when`` is a naive datetime on the wall clock of ``tz`` (the line gives the zone
    as a separate offset from Moscow), with minute precision, in 2000..2099.
    """

    when: datetime
    #: Written as ``DD.MM.YY hh.mm`` rather than ``DDMMYYhhmm``.
    dotted: bool = False

    def __post_init__(self) -> None:
        w = self.when
        if not isinstance(w, datetime):
            raise EncodeError("an absolute time is a datetime", field="time")
        if w.tzinfo is not None:
            raise EncodeError("the time is naive: its zone is the separate tz field",
                              field="time")
        if w.second or w.microsecond:
            raise EncodeError("DDMMYYhhmm carries whole minutes only", field="time")
        if not _CENTURY <= w.year < _CENTURY + 100:
            raise EncodeError("YY carries the years 2000..2099 only", field="time")
        if not isinstance(self.dotted, bool):
            raise EncodeError("dotted is a bool", field="time")


@dataclass(frozen=True, slots=True, kw_only=True)
class HourWindow:
    """``h1-h2``: send now if the hour is inside ``start``..``end``, else at ``start``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        for hour in (self.start, self.end):
            if isinstance(hour, bool) or not isinstance(hour, int) or not 0 <= hour <= 24:
                raise EncodeError("window hours are 0..24", field="time")


@dataclass(frozen=True, slots=True, kw_only=True)
class Timestamp:
    """``0ts``: a Unix time in seconds."""

    seconds: int

    def __post_init__(self) -> None:
        s = self.seconds
        if isinstance(s, bool) or not isinstance(s, int) or s < 0:
            raise EncodeError("a timestamp is a non-negative int", field="time")
        if len(str(s)) + 1 > MAX_DELAY_DIGITS:
            raise EncodeError("timestamp too large", field="time")
        if len(str(s)) == 9:
            raise EncodeError(
                "a nine-digit timestamp would be written as ten digits and read back as "
                "DDMMYYhhmm", field="time"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Delay:
    """``+m``: so many minutes from now."""

    minutes: int

    def __post_init__(self) -> None:
        m = self.minutes
        if isinstance(m, bool) or not isinstance(m, int) or m < 0:
            raise EncodeError("a delay is a non-negative number of minutes", field="time")
        if len(str(m)) > MAX_DELAY_DIGITS:
            raise EncodeError("delay too large", field="time")


@dataclass(frozen=True, slots=True, kw_only=True)
class Now:
    """``0``: "If time = 0 ... the message will be sent immediately"."""


#: The value of ``time``: one of the documented forms.
SendTime: TypeAlias = SendAt | HourWindow | Timestamp | Delay | Now
_TIME_TYPES = (SendAt, HourWindow, Timestamp, Delay, Now)

_COMPACT = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})", re.ASCII)
# One-digit parts are read too (and come out non-canonical).
_DOTTED = re.compile(
    r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{2}) ([0-9]{1,2})\.([0-9]{1,2})", re.ASCII
)
_DIGITS = re.compile(rf"[0-9]{{1,{MAX_DELAY_DIGITS}}}", re.ASCII)
_WINDOW = re.compile(r"([0-9]{1,2})-([0-9]{1,2})", re.ASCII)


def _minute(groups: tuple[str, ...]) -> datetime:
    day, month, year, hour, minute = map(int, groups)
    return datetime(_CENTURY + year, month, day, hour, minute)  # ValueError if no date


def parse_time(text: str) -> SendTime:
    """Wire text of ``time`` to its value (:class:`ValueError` if it is none)."""
    try:
        if text == "0":
            return Now()
        if text.startswith("+"):
            if not _DIGITS.fullmatch(text[1:]):
                raise ValueError("+m takes the minutes in digits")
            return Delay(minutes=int(text[1:]))
        if "-" in text:
            if not (m := _WINDOW.fullmatch(text)):
                raise ValueError("h1-h2 takes two hours")
            return HourWindow(start=int(m[1]), end=int(m[2]))
        if "." in text:
            if not (m := _DOTTED.fullmatch(text)):
                raise ValueError("expected DD.MM.YY hh.mm")
            return SendAt(when=_minute(m.groups()), dotted=True)
        if m := _COMPACT.fullmatch(text):
            return SendAt(when=_minute(m.groups()))
        if text.startswith("0") and _DIGITS.fullmatch(text):
            return Timestamp(seconds=int(text[1:]))
    except EncodeError as exc:
        raise ValueError(exc.message) from exc
    raise ValueError("expected DDMMYYhhmm, DD.MM.YY hh.mm, h1-h2, 0ts, +m or 0")


def format_time(value: SendTime) -> str:
    """The canonical wire text of a ``time`` value."""
    if isinstance(value, Now):
        return "0"
    if isinstance(value, Delay):
        return f"+{value.minutes}"
    if isinstance(value, HourWindow):
        return f"{value.start}-{value.end}"
    if isinstance(value, Timestamp):
        return f"0{value.seconds}"
    w = value.when
    if value.dotted:
        return f"{w.day:02d}.{w.month:02d}.{w.year % 100:02d} {w.hour:02d}.{w.minute:02d}"
    return f"{w.day:02d}{w.month:02d}{w.year % 100:02d}{w.hour:02d}{w.minute:02d}"


def check_time(value: object) -> SendTime:
    if not isinstance(value, _TIME_TYPES):
        raise EncodeError(f"not a time form: {type(value).__name__}", field="time")
    return value


# --- tz --------------------------------------------------------------------------------

#: "tz: The time zone in which the time parameter is set. It is indicated relative to
#: Moscow time. The tz parameter can be either positive or negative."  No zone on
#: Earth is further than 15 hours from Moscow (UTC+3); we refuse only what cannot be an
#: offset in hours at all, a day either way.
MAX_TZ = 24
_TZ = re.compile(r"[+-]?[0-9]{1,2}", re.ASCII)


def check_tz(value: object) -> int:
    """*value* as a ``tz``: a whole number of hours from Moscow, -24..24
    (:class:`EncodeError` otherwise, a ``bool`` too)."""
    if isinstance(value, bool) or not isinstance(value, int) or not -MAX_TZ <= value <= MAX_TZ:
        raise EncodeError(f"tz is a whole number of hours, -{MAX_TZ}..{MAX_TZ}", field="tz")
    return value


def parse_tz(text: str) -> int:
    """``3``, ``-2`` (``+3`` and ``03`` parse too, as non-canonical spellings)."""
    if not _TZ.fullmatch(text):
        raise ValueError("tz is a signed number of hours")
    return check_tz(int(text))


def format_tz(value: int) -> str:
    """The wire text of a checked ``tz``: ``3``, ``-2`` (no ``+``, no leading zero)."""
    return str(value)


# --- small codes -------------------------------------------------------------------


class Translit(CodeEnum):
    """``translit``: "A sign that the message you want to translate in translit"."""

    NONE = 0, "Do not translate into transliteration", "Не переводить в транслит"
    # The English page writes "as "translate"" for the Latin-letter form.
    TRANSLIT = 1, "Translit as 'translit'", "Транслит в виде 'translit'"
    MPAHC = 2, "Translit as 'mpaHc/Ium'", "Транслит в виде 'mpaHc/Ium'"


class TestMode(CodeEnum):
    """``test``: when the server mails a reply back.

    "If 0 or not specified, the response is sent only if there is an error in the
    parameters, if 1, the response is sent in any case."  2 turns on the multi-line
    list mode ("To do this, pass a value equal to 2 in the test parameter").
    """

    __test__ = False  # not a pytest test class, whatever its name says

    ERRORS_ONLY = 0, "Reply on errors only", "Ответ только при ошибке"
    ALWAYS = 1, "Reply in any case", "Ответ в любом случае"
    MULTILINE = 2, "Multi-line list messages", "Многострочные сообщения в списке"


class SendFormat(CodeEnum):
    """``format``: "Defines the type of SMS message", 0..12.

    Not the numbering of ``type`` in the status replies: see :attr:`message_type`.
    """

    SMS = 0, "Plain text message", "Обычное сообщение"
    FLASH = 1, "Flash-sms", "Flash-sms"
    WAP_PUSH = 2, "Wap-push", "Wap-push"
    HLR = 3, "HLR request", "HLR-запрос"
    BINARY = 4, "Binary message", "Бинарное сообщение"
    BINARY_HEX = 5, "Binary message as a hexadecimal string", "Бинарное сообщение в виде hex-строки"
    PING = 6, "Ping-sms", "Ping-sms"
    MMS = 7, "MMS", "MMS"
    EMAIL = 8, "E-mail", "E-mail"
    CALL = 9, "Voice message (call)", "Голосовое сообщение (звонок)"
    VIBER = 10, "Viber", "Viber"
    WHATSAPP = 11, "WhatsApp", "WhatsApp"
    SOCIAL = 12, "Social networks", "Соцсети"

    @property
    def message_type(self) -> MessageType | None:
        """The ``type`` the status pages give a message sent with this ``format``.

        The two tables number the same kinds differently (send ``format`` 3 is HLR,
        status ``type`` 4 is HLR; both binary formats are type 2).  ``None`` for
        WhatsApp: the status ``type`` table has no row for it.
        """
        return _MESSAGE_TYPE[self]


# format -> type: "0 – plain text ... 12 – soc" (004) against "0 – SMS, 1 – Flash-SMS,
# 2 – Binary SMS, 3 – Wap-push, 4 – HLR-request, 5 – Ping-SMS, 6 – MMS, 7 – Call,
# 8 – E-mail, 10 – Viber, 12 – Social Networks" (000).
_MESSAGE_TYPE: dict[SendFormat, MessageType | None] = {
    SendFormat.SMS: MessageType.SMS,
    SendFormat.FLASH: MessageType.FLASH_SMS,
    SendFormat.WAP_PUSH: MessageType.WAP_PUSH,
    SendFormat.HLR: MessageType.HLR,
    SendFormat.BINARY: MessageType.BINARY_SMS,
    SendFormat.BINARY_HEX: MessageType.BINARY_SMS,
    SendFormat.PING: MessageType.PING_SMS,
    SendFormat.MMS: MessageType.MMS,
    SendFormat.EMAIL: MessageType.EMAIL,
    SendFormat.CALL: MessageType.CALL,
    SendFormat.VIBER: MessageType.VIBER,
    SendFormat.WHATSAPP: None,
    SendFormat.SOCIAL: MessageType.SOCIAL,
}

_CODE = re.compile(r"[0-9]{1,3}", re.ASCII)


def parse_code(text: str) -> int:
    """The digits of a small code (``translit``, ``format``, ``test``)."""
    if not _CODE.fullmatch(text):
        raise ValueError("expected a number")
    return int(text)


def parse_translit(text: str) -> Translit:
    return Translit(parse_code(text))


def parse_test(text: str) -> TestMode:
    return TestMode(parse_code(text))


def parse_format(text: str) -> SendFormat | int:
    """A documented format, or the number of one added since (kept, see S-unknown-format)."""
    return lookup(SendFormat, parse_code(text))


def format_code(value: int) -> str:
    return str(int(value))


def check_format(value: object) -> SendFormat | int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 999:
        raise EncodeError("format is a number 0..999 (0..12 documented)", field="format")
    return lookup(SendFormat, value)


# --- sender ------------------------------------------------------------------------

#: "English letters, numbers, spaces, and some characters are allowed. Length – 11
#: characters or 15 digits."  (The 11 is the GSM alphanumeric originator limit.)
MAX_SENDER_CHARS = 11
#: The longest all-digit sender ("or 15 digits", the same quote).
MAX_SENDER_DIGITS = 15
# Printable ASCII but the two separators of the line: ":" ends the field, "," the part.
_SENDER = re.compile(r"[ -9;-~]+", re.ASCII)


def check_sender(value: object) -> str:
    """*value* as a ``sender``: non-empty printable ASCII without the line's ``:`` and
    ``,``, no space at either end, at most 11 characters or 15 digits -- or an e-mail
    address, the sender of format 8 (:class:`EncodeError` otherwise)."""
    if not isinstance(value, str) or not value:
        raise EncodeError("a sender is non-empty text (omit it with None)", field="sender")
    if "," in value or ":" in value:
        raise EncodeError("a sender cannot carry ',' or ':' (the line's separators)",
                          field="sender")
    if not _SENDER.fullmatch(value):
        raise EncodeError("a sender is English letters, digits, spaces and ASCII symbols",
                          field="sender")
    if value != value.strip(" "):
        raise EncodeError("a sender name cannot begin or end with a space", field="sender")
    if not fits_sms_sender(value) and not is_email_sender(value):
        raise EncodeError(SMS_SENDER_LIMIT, field="sender")
    return value


#: The length rule of an SMS sender, as the error states it.
SMS_SENDER_LIMIT = (f"a sender is at most {MAX_SENDER_CHARS} characters or"
                    f" {MAX_SENDER_DIGITS} digits")


def fits_sms_sender(value: str) -> bool:
    """Whether *value* is short enough for an SMS sender (11 characters, 15 digits)."""
    return len(value) <= MAX_SENDER_CHARS or (
        value.isdigit() and len(value) <= MAX_SENDER_DIGITS)


def is_email_sender(value: str) -> bool:
    """Whether *value* is a bare e-mail address: the sender of format 8 ("Specifying
    the subject, text and e-mail of the sender is mandatory")."""
    return len(value) <= MAX_EMAIL_CHARS and _EMAIL.fullmatch(value) is not None


def parse_sender(text: str) -> str:
    """Wire text of ``sender`` to its value, by :func:`check_sender`'s rules
    (:class:`ValueError` if it is none)."""
    try:
        return check_sender(text)
    except EncodeError as exc:
        raise ValueError(exc.message) from exc


# --- recipients ------------------------------------------------------------------
#
# "The number or comma-separated or semicolon-separated list of mobile phone numbers
# in international format ... Numbers can be passed without the "+" sign.  ...
# You can also send a message to a group of numbers by specifying a special code
# "G<номер группы>" [the page shows "G<íîìåð ãðóïïû>", windows-1251 read as Latin-1].
# ... For an e-mail message, a list of recipients' e-mail addresses is transmitted.
# For telegram, it is possible to specify the subscriber's nickname or ID as the
# recipient of the message in the form of #ID."

#: E.164: "The international public telecommunication number ... maximum of 15 digits".
MAX_PHONE_DIGITS = 15
#: RFC 5321 §4.5.3.1.3: a forward-path is at most 256 octets, an address 254 of them.
MAX_EMAIL_CHARS = 254
#: Telegram user names are 5..32 characters; numeric chat ids run to 14 digits with
#: their "-100" prefix.  64 covers both with room, and bounds the token.
MAX_TELEGRAM_CHARS = 64

_PHONE = re.compile(rf"\+?[0-9]{{1,{MAX_PHONE_DIGITS}}}", re.ASCII)
_GROUP = re.compile(r"G([0-9]{1,10})", re.ASCII)
_TELEGRAM = re.compile(rf"#([A-Za-z0-9_-]{{1,{MAX_TELEGRAM_CHARS}}})", re.ASCII)
# RFC 5322 dot-atom on both sides: what an address written bare in a list can be
# (no quoted local parts, no comments; ",", ";" and ":" would end the token).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_EMAIL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*", re.ASCII)
#: Characters no recipient token carries: the separators of the line and list,
#: whitespace, and line ends.
_NOT_IN_TOKEN = frozenset(",;:\r\n \t")
#: Names of the parameter lines that may end a list ("subj", "voice"): a token that
#: spells one would read back as that parameter, not as a recipient.
PARAMETER_NAMES = ("subj", "voice")


@dataclass(frozen=True, slots=True, kw_only=True)
class Phone:
    """A phone number, digits with an optional leading ``+`` ("To disable
    auto-correction, pass the number with the "+" sign")."""

    number: str

    def __post_init__(self) -> None:
        if not isinstance(self.number, str) or not _PHONE.fullmatch(self.number):
            raise EncodeError(f"a phone is '+' and 1..{MAX_PHONE_DIGITS} digits", field="phones")


@dataclass(frozen=True, slots=True, kw_only=True)
class Group:
    """``G<group number>``: every number of a contact group of the account."""

    number: str

    def __post_init__(self) -> None:
        if not isinstance(self.number, str) or not _GROUP.fullmatch("G" + self.number):
            raise EncodeError("a group number is 1..10 digits", field="phones")


@dataclass(frozen=True, slots=True, kw_only=True)
class Telegram:
    """``#ID``: a Telegram subscriber by nickname or numeric id (without the ``#``)."""

    handle: str

    def __post_init__(self) -> None:
        if not isinstance(self.handle, str) or not _TELEGRAM.fullmatch("#" + self.handle):
            raise EncodeError("a Telegram handle is 1..64 of [A-Za-z0-9_-]", field="phones")


@dataclass(frozen=True, slots=True, kw_only=True)
class EmailAddress:
    """An e-mail address (for ``format`` 8 / ``__MAIL__``), bare ``local@domain``."""

    address: str

    def __post_init__(self) -> None:
        a = self.address
        if not isinstance(a, str) or len(a) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(a):
            raise EncodeError("an e-mail address is a bare dot-atom local@domain",
                              field="phones")


@dataclass(frozen=True, slots=True, kw_only=True)
class RawRecipient:
    """A token of ``phones`` that is none of the documented forms, kept verbatim.

    Lenient decoding keeps such tokens (with a ``bad-recipient`` defect) so that a
    line with, say, ``8(999)123-45-67`` re-encodes as it came; the server may
    "correct" such numbers itself.  The token must still be carriable: non-empty, no
    separator, whitespace or line end, not a documented form, and not the name of a
    list parameter.
    """

    text: str

    def __post_init__(self) -> None:
        t = self.text
        if not isinstance(t, str) or not t or _NOT_IN_TOKEN.intersection(t):
            raise EncodeError("a recipient token is non-empty, without ',;:', spaces or "
                              "line breaks", field="phones")
        if t in PARAMETER_NAMES:
            raise EncodeError(f"{t!r} would read back as a list parameter", field="phones")
        try:
            parse_recipient(t)
        except ValueError:
            return
        raise EncodeError("a documented recipient form is not raw", field="phones")


#: One entry of ``phones``.
Recipient: TypeAlias = Phone | Group | Telegram | EmailAddress | RawRecipient
RECIPIENT_TYPES = (Phone, Group, Telegram, EmailAddress, RawRecipient)


def parse_recipient(text: str) -> Phone | Group | Telegram | EmailAddress:
    """One token of ``phones`` in a documented form (:class:`ValueError` otherwise)."""
    if "@" in text:
        if len(text) <= MAX_EMAIL_CHARS and _EMAIL.fullmatch(text):
            return EmailAddress(address=text)
    elif _PHONE.fullmatch(text):
        return Phone(number=text)
    elif m := _GROUP.fullmatch(text):
        return Group(number=m[1])
    elif m := _TELEGRAM.fullmatch(text):
        return Telegram(handle=m[1])
    raise ValueError("expected a phone, G<group>, #ID or an e-mail address")


def format_recipient(value: Recipient) -> str:
    """A recipient's wire text: the phone number, ``G`` + a group's number, ``#`` + a
    Telegram handle, the e-mail address, or a kept raw recipient as it came."""
    if isinstance(value, Phone):
        return value.number
    if isinstance(value, Group):
        return "G" + value.number
    if isinstance(value, Telegram):
        return "#" + value.handle
    if isinstance(value, EmailAddress):
        return value.address
    return value.text


# --- prefixes ----------------------------------------------------------------------


class Prefix(StrEnum):
    """A message-type token at the start of ``mes``.

    "To send various types of messages you can use the special prefix at the start
    or instead of text messages."  The token is the whole prefix: whatever follows it
    (the doc's table writes ``__CALL__: message``) is the text (S-prefix).
    """

    CALL = "__CALL__"
    VIBER = "__VIBER__"
    SOC = "__SOC__"
    MAIL = "__MAIL__"
    BOT = "__BOT__"
    PING = "__PING__"
    HLR = "__HLR__"

    @property
    def send_format(self) -> SendFormat | None:
        """The ``format`` the prefix stands for; ``None`` for ``__BOT__`` (Telegram
        chat-bots have no ``format`` number on the page)."""
        return _PREFIX_FORMAT[self]


_PREFIX_FORMAT: dict[Prefix, SendFormat | None] = {
    Prefix.CALL: SendFormat.CALL,
    Prefix.VIBER: SendFormat.VIBER,
    Prefix.SOC: SendFormat.SOCIAL,
    Prefix.MAIL: SendFormat.EMAIL,
    Prefix.BOT: None,
    Prefix.PING: SendFormat.PING,
    Prefix.HLR: SendFormat.HLR,
}


def split_prefix(mes: str) -> tuple[Prefix | None, str]:
    """The prefix token *mes* starts with, if any, and the rest."""
    for prefix in Prefix:
        if mes.startswith(prefix.value):
            return prefix, mes[len(prefix.value) :]
    return None, mes
