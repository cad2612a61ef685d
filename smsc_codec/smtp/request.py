"""The send request: one value for a whole send line, single or list form.

:class:`SendRequest` holds every field of
``<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>``
(or ``...::<list>``, each entry a :class:`ListEntry`) as a typed value, named as the
vendor names the parameter.  It checks itself when built: a request that exists can
be written as a line and reads back from it as the same value (the field table
:data:`HEADER` and the ``mes`` grammar of :mod:`smsc_codec.smtp.mes` are what both
the check and the codec in :mod:`smsc_codec.smtp.line` use).

The password is a :class:`~smsc_codec.request.Secret`, the library's one wrapper for
credentials (shared with the HTTP requests): its ``repr``/``str`` is ``***``, it is
read only by the encoder, and no error message quotes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any, Literal

from smsc_codec.errors import EncodeError
from smsc_codec.policy import Defect
from smsc_codec.secret import Secret
from smsc_codec.smtp.mes import (
    ESCAPED_NEWLINE,
    MAX_MES_CHARS,
    SingleMes,
    entry_start,
    is_call,
    is_mail,
    join_mes,
    mes_reads_back,
    param_line,
)
from smsc_codec.smtp.values import (
    RECIPIENT_TYPES,
    SMS_SENDER_LIMIT,
    MessageId,
    Prefix,
    RawRecipient,
    Recipient,
    SendFormat,
    SendTime,
    TestMode,
    Translit,
    check_format,
    check_id,
    check_sender,
    check_time,
    check_tz,
    fits_sms_sender,
    format_code,
    format_id,
    format_time,
    format_tz,
    parse_format,
    parse_id,
    parse_sender,
    parse_test,
    parse_time,
    parse_translit,
    parse_tz,
    split_prefix,
)

__all__ = ["HEADER", "HeaderField", "ListEntry", "SendRequest"]


# --- the header fields, as a table -------------------------------------------------


def _check_login(value: object) -> str:
    # Not documented beyond "Customer Login"; a login never holds ':' (the separator)
    # or whitespace, and "" is meaningful: "When an empty login field value is passed
    # in the request, this parameter [psw] is interpreted as an API authorization key".
    if not isinstance(value, str):
        raise EncodeError("login is text ('' when psw is an API key)", field="login")
    if ":" in value or any(ch.isspace() or not ch.isprintable() for ch in value):
        raise EncodeError("a login cannot carry ':', whitespace or control characters",
                          field="login")
    return value


def _check_psw(value: object) -> Secret:
    # Opaque: only what the line cannot carry is refused.  The message never quotes it.
    if not isinstance(value, Secret):
        raise EncodeError("psw is a Secret (wrap the text in Secret(...))", field="psw")
    text = value.reveal()
    if not text:
        raise EncodeError("psw is required (\"Login, psw are required\")", field="psw")
    if ":" in text or "\n" in text or "\r" in text:
        raise EncodeError("a password cannot carry ':' or a line break", field="psw")
    return value


def _reveal(value: Secret) -> str:
    return value.reveal()


def _parse_login(text: str) -> str:
    try:
        return _check_login(text)
    except EncodeError as exc:
        raise ValueError(exc.message) from exc


def _enum_check(enum: type[TestMode] | type[Translit], name: str) -> Callable[[object], Any]:
    def check(value: object) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise EncodeError(f"{name} is one of {[int(m) for m in enum]}", field=name)
        try:
            return enum(value)
        except ValueError:
            raise EncodeError(f"{name} is one of {[int(m) for m in enum]}", field=name) from None

    return check


@dataclass(frozen=True, slots=True)
class HeaderField:
    """One field of the line's head: how its value is checked, read and written.

    ``parse`` raises :class:`ValueError` for text that is no value of the field;
    ``format`` gives the canonical text; ``check`` validates (and normalises) a value
    for the model, raising :class:`EncodeError`.  The empty text means ``None`` for
    every field but ``login`` (where it means "psw is an API key") and ``psw``
    (required).
    """

    name: str
    parse: Callable[[str], Any]
    format: Callable[[Any], str]
    check: Callable[[Any], Any]
    #: Never quoted in an error or a repr.
    secret: bool = False


LOGIN = HeaderField("login", _parse_login, str, _check_login)
PSW = HeaderField("psw", Secret, _reveal, _check_psw, secret=True)
ID = HeaderField("id", parse_id, format_id, check_id)
TIME = HeaderField("time", parse_time, format_time, check_time)
TZ = HeaderField("tz", parse_tz, format_tz, check_tz)
TRANSLIT = HeaderField("translit", parse_translit, format_code, _enum_check(Translit, "translit"))
FORMAT = HeaderField("format", parse_format, format_code, check_format)
SENDER = HeaderField("sender", parse_sender, str, check_sender)
TEST = HeaderField("test", parse_test, format_code, _enum_check(TestMode, "test"))

#: ``<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>`` -- the head
#: of the line, one tuple per colon-separated field, one entry per comma-separated
#: part.  ``<phones>`` and ``<mes>``/``<list>`` follow it (see :mod:`.line`).
HEADER: tuple[tuple[HeaderField, ...], ...] = (
    (LOGIN,),
    (PSW,),
    (ID,),
    (TIME, TZ),
    (TRANSLIT, FORMAT, SENDER, TEST),
)
_HEADER_FIELDS = tuple(f for group in HEADER for f in group)


# --- the models -------------------------------------------------------------------


def _check_recipients(value: object) -> tuple[Recipient, ...]:
    if not isinstance(value, tuple) or not all(isinstance(r, RECIPIENT_TYPES) for r in value):
        raise EncodeError("phones is a tuple of recipients", field="phones")
    return value


def _check_text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise EncodeError("expected text", field=name)
    if "\r" in value:
        # SMTP turns every line end into CRLF and back: a lone CR does not survive.
        raise EncodeError("a carriage return cannot be carried", field=name)
    return value


def _check_param(value: object, name: str) -> None:
    if value is not None and "\n" in _check_text(value, name):
        raise EncodeError(f"{name} is one line", field=name)


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class ListEntry:
    """One line of ``<list>``: "phones1:mes1".

    ``mes`` is the text as sent (line breaks as ``\\n`` characters, not escaped);
    ``sep`` the separator the line used ("separated by a colon or semicolon").
    """

    phones: tuple[Recipient, ...]
    mes: str = ""
    prefix: Prefix | None = None
    sep: Literal[":", ";"] = ":"

    def __post_init__(self) -> None:
        if not _check_recipients(self.phones):
            raise EncodeError("a list entry needs at least one recipient", field="phones")
        _check_text(self.mes, "mes")
        if self.prefix is not None and not isinstance(self.prefix, Prefix):
            raise EncodeError("prefix is a Prefix", field="prefix")
        if self.sep not in (":", ";"):
            raise EncodeError("a list entry separates phones and mes by ':' or ';'",
                              field="list")
        if self.prefix is None and split_prefix(self.mes)[0] is not None:
            raise EncodeError("the text starts with a prefix token; give it as prefix",
                              field="mes")
        if len(self.wire_mes) > MAX_MES_CHARS:
            raise EncodeError(f"mes is at most {MAX_MES_CHARS} characters", field="mes")

    @property
    def wire_mes(self) -> str:
        """The entry's ``mes`` as the server receives it (prefix and text)."""
        return (self.prefix.value if self.prefix else "") + self.mes

    def __repr__(self) -> str:
        shown = {"phones": self.phones, "mes": self.mes}
        shown |= {k: v for k in ("prefix",) if (v := getattr(self, k)) is not None}
        if self.sep != ":":
            shown["sep"] = self.sep
        return f"ListEntry({', '.join(f'{k}={v!r}' for k, v in shown.items())})"


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class SendRequest:
    """A send request over SMTP: the fields of one send line.

    Single form: ``phones`` and ``mes`` (with ``prefix`` and the parameter lines
    ``param``, ``subj``, ``voice``).  List form: ``entries`` (the doc's ``<list>``),
    with ``subj`` and ``voice`` as the lines after the list.  ``None`` means the
    field was left empty ("If some optional parameter is missing, then the colon
    must remain").
    """

    #: "Customer Login"; ``""`` when ``psw`` is an API key.
    login: str = ""
    #: The password, or the API key when ``login`` is empty.  Never shown.
    psw: Secret
    id: MessageId | None = None
    time: SendTime | None = None
    tz: int | None = None
    translit: Translit | None = None
    format: SendFormat | int | None = None
    sender: str | None = None
    test: TestMode | None = None
    #: Recipients of the single form; empty in the list form.
    phones: tuple[Recipient, ...] = ()
    #: How ``phones`` are separated: "comma-separated or semicolon-separated".
    phones_sep: Literal[",", ";"] = ","
    prefix: Prefix | None = None
    #: The message text (single form), without prefix and parameter lines.
    mes: str = ""
    #: The call parameters after "\n~~~\n" (format 9 / ``__CALL__``).
    param: str | None = None
    #: The list form's entries, in order; empty in the single form.
    entries: tuple[ListEntry, ...] = ()
    #: The list starts on the line after ``::`` instead of right after it.
    list_break: bool = False
    #: "subj:Theme" -- the subject of an e-mail (format 8 / ``__MAIL__``, or after a list).
    subj: str | None = None
    #: "voice:The voice" -- the voice of a call (format 9 / ``__CALL__``, or after a list).
    voice: str | None = None
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        for spec in _HEADER_FIELDS:
            value = getattr(self, spec.name)
            if value is not None or spec in (LOGIN, PSW):
                object.__setattr__(self, spec.name, spec.check(value))
        if self.sender is not None and not fits_sms_sender(self.sender) and not self.is_mail:
            # An e-mail address is the sender of an e-mail only (format 8 / __MAIL__).
            raise EncodeError(SMS_SENDER_LIMIT, field="sender")
        if self.phones_sep not in (",", ";"):
            raise EncodeError("phones are separated by ',' or ';'", field="phones")
        if len(self.phones) < 2:
            # No separator is written: one value, whichever was asked.
            object.__setattr__(self, "phones_sep", ",")
        if not isinstance(self.list_break, bool):
            raise EncodeError("list_break is a bool", field="list")
        for name in ("param", "subj", "voice"):
            _check_param(getattr(self, name), name)
        _check_text(self.mes, "mes")
        if not isinstance(self.entries, tuple) or not all(
            isinstance(e, ListEntry) for e in self.entries
        ):
            raise EncodeError("entries is a tuple of ListEntry", field="list")
        if self.entries:
            self._check_list()
        else:
            self._check_single()

    def _check_single(self) -> None:
        if not _check_recipients(self.phones):
            raise EncodeError("phones is required in the single form (empty phones is the "
                              "list form)", field="phones")
        if self.list_break:
            raise EncodeError("list_break belongs to the list form", field="list")
        if self.prefix is not None and not isinstance(self.prefix, Prefix):
            raise EncodeError("prefix is a Prefix", field="prefix")
        if self.subj is not None and not self.is_mail:
            raise EncodeError("a subj: line is read only for e-mail (format 8 or __MAIL__)",
                              field="subj")
        for name in ("voice", "param"):
            if getattr(self, name) is not None and not self.is_call:
                raise EncodeError(f"{name} is read only for calls (format 9 or __CALL__)",
                                  field=name)
        parts = self.single_mes
        why = mes_reads_back(parts, self.format)
        if why is not None:
            # The parameters were vetted above: what does not read back is the text.
            raise EncodeError(why, field="mes")
        wire = join_mes(parts)
        if wire.endswith("\n"):
            # The line's end is the e-mail body's end, where mailers add and strip
            # line breaks: a trailing one would not survive (S-trailing-newline).
            raise EncodeError("mes cannot end with a line break", field="mes")
        if len(wire) > MAX_MES_CHARS:
            raise EncodeError(f"mes is at most {MAX_MES_CHARS} characters", field="mes")

    def _check_list(self) -> None:
        if self.phones or self.mes or self.prefix is not None or self.param is not None:
            raise EncodeError("the list form carries no phones, mes, prefix or param of "
                              "its own", field="list")
        multiline = self.test is TestMode.MULTILINE
        for entry in self.entries:
            lines = entry.mes.split("\n")
            if multiline:
                if any(isinstance(r, RawRecipient) for r in entry.phones):
                    raise EncodeError("the multi-line list (test=2) tells entries by their "
                                      "recipients: raw tokens cannot be carried",
                                      field="phones")
                if any(entry_start(line) is not None for line in lines[1:]):
                    raise EncodeError("a line of the message would read as a new entry "
                                      "(test=2)", field="mes")
            elif ESCAPED_NEWLINE in entry.mes:
                raise EncodeError("a backslash followed by 'n' reads back as a line break "
                                  "(the list form has no escape for it)", field="mes")
        last = self.entries[-1].mes.split("\n")[-1]
        if multiline and param_line(last) is not None:
            raise EncodeError("the last line of the list would read as a parameter line",
                              field="mes")
        if multiline and last == "" and self.subj is None and self.voice is None:
            raise EncodeError("the list cannot end with a line break (S-trailing-newline)",
                              field="mes")

    # --- views ------------------------------------------------------------------

    @property
    def is_list(self) -> bool:
        """The list form (``...::<list>``)."""
        return bool(self.entries)

    @property
    def apikey(self) -> Secret | None:
        """``psw`` when it is an API key (empty ``login``), else ``None``."""
        return self.psw if self.login == "" else None

    @property
    def single_mes(self) -> SingleMes:
        """The single-form ``mes`` split into its parts."""
        return SingleMes(prefix=self.prefix, text=self.mes, param=self.param, subj=self.subj,
                         voice=self.voice)

    @property
    def is_mail(self) -> bool:
        """An e-mail message (format 8 or ``__MAIL__``)."""
        return is_mail(self.format, self.prefix)

    @property
    def is_call(self) -> bool:
        """A voice message (format 9 or ``__CALL__``)."""
        return is_call(self.format, self.prefix)

    def __repr__(self) -> str:
        # Only what was given: a request has nineteen fields, most of them empty.
        shown: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in ("login", "psw") or value != f.default:
                shown[f.name] = value
        return f"SendRequest({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    __str__ = __repr__
