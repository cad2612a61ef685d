"""The request models: :class:`Auth` and the three requests, validated on construction."""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, ClassVar, Final

from smsc_codec.charset import DEFAULT_CHARSET, Charset
from smsc_codec.errors import EncodeError, shorten
from smsc_codec.request._params import MARKERS, PARAMS, TABLE, Param, RequestKind
from smsc_codec.request._values import DateCodec, Invalid, ListCodec
from smsc_codec.secret import MASK, Secret, is_secret_name

#: "The maximum period for which it is possible to request the history of sent
#: messages is six months."  Counted in calendar months (see :func:`_add_months`).
MAX_PERIOD_MONTHS: Final = 6


def check_value(param: Param, value: object) -> None:
    try:
        param.codec.check(value)
    except Invalid as exc:
        python = _PYTHON.get(type(param.codec).__name__)
        hint = f" (pass {python})" if python else ""
        raise EncodeError(f"{exc}; expected {param.codec.expected}{hint}",
                          field=param.name) from exc


#: The Python value each kind of parameter takes, named in its errors.
_PYTHON: dict[str, str] = {"ListCodec": "a tuple or list of str", "DateCodec": "a datetime.date",
                           "IntCodec": "an int", "TextCodec": "a str", "CharsetCodec": "a str"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Auth:
    """Credentials: ``login`` + ``psw``, or ``apikey`` -- exactly one way.

    The docs offer the key "instead of the "login+password" pair", so a request with
    both, with neither, or with half a pair is refused, naming the parameter that is
    missing or too many.  ``repr()`` shows ``psw=Secret('***')``.
    """

    login: str | None = None
    psw: Secret | None = None
    apikey: Secret | None = None

    def __post_init__(self) -> None:
        for param in PARAMS:
            if param.on_auth and param.attr is not None:
                value = getattr(self, param.attr)
                if value is not None:
                    check_value(param, value)
        pair = self.login is not None or self.psw is not None
        if self.apikey is not None and pair:
            raise EncodeError("apikey replaces the login+psw pair: give one way, not both",
                              field="apikey")
        if self.apikey is None:
            if not pair:
                raise EncodeError("no credentials: give login and psw, or apikey",
                                  field="login")
            if self.login is None:
                raise EncodeError("psw without login", field="login")
            if self.psw is None:
                raise EncodeError("login without psw", field="psw")

    @classmethod
    def with_password(cls, login: str, psw: str) -> Auth:
        """``login`` + ``psw`` credentials, the password wrapped as a :class:`Secret`."""
        return cls(login=login, psw=Secret(psw))

    @classmethod
    def with_apikey(cls, apikey: str) -> Auth:
        """``apikey`` credentials (instead of the pair), wrapped as a :class:`Secret`."""
        return cls(apikey=Secret(apikey))


Extra = tuple[tuple[str, str], ...]


def masked_extra(extra: Extra) -> Extra:
    """*extra* with the value of each parameter named like a secret masked."""
    return tuple((name, MASK if is_secret_name(name) else value) for name, value in extra)


class _RequestBase:
    """What the three request models share; each is a frozen dataclass below."""

    __slots__ = ()
    kind: ClassVar[RequestKind]
    # Declared for the type checker; each subclass defines them as fields.
    auth: Auth
    fmt: int | None
    charset: Charset | None
    extra: Extra

    def to_params(self, *, reveal_secrets: bool = False) -> tuple[tuple[str, str], ...]:
        """The ``(name, value)`` pairs this request sends, in :data:`PARAMS` order,
        unknown parameters last, before percent-encoding.  ``psw``/``apikey`` read
        ``***`` unless *reveal_secrets* (which the encoder passes)."""
        return tuple((name, text) for name, text, _ in wire_pairs(self, reveal=reveal_secrets))

    def __repr__(self) -> str:
        # The dataclass repr, but an unknown parameter named like a secret (a second
        # "PSW=") shows masked, as in every display view (smsc_codec.secret).
        parts = []
        for f in fields(self):  # type: ignore[arg-type]  # (each subclass is a dataclass)
            value = getattr(self, f.name)
            parts.append(f"{f.name}={masked_extra(value) if f.name == 'extra' else value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"

    def _validate(self) -> None:
        auth = getattr(self, "auth", None)
        if not isinstance(auth, Auth):
            raise EncodeError(f"expected an Auth, found {type(auth).__name__}", field="auth")
        table = TABLE[self.kind]
        for param in table.values():
            if param.marker or param.on_auth:
                continue
            value = getattr(self, str(param.attr))
            if isinstance(param.codec, ListCodec) and isinstance(value, list):
                # A list of phones means the same as the tuple: take it (frozen: setattr).
                value = tuple(value)
                object.__setattr__(self, str(param.attr), value)
            if value is None or value == ():
                if param.required:
                    raise EncodeError("missing; this request needs it", field=param.name)
            else:
                check_value(param, value)
        if any(p.trailing_comma for p in table.values()):
            flag = getattr(self, "keep_multi_format", None)
            if type(flag) is not bool:
                raise EncodeError(f"expected a bool, found {type(flag).__name__}",
                                  field="keep_multi_format")
        _check_extra(self.kind, getattr(self, "extra", None))
        _CROSS_CHECKS[self.kind](self)
        _check_charset(self)


def _check_extra(kind: RequestKind, extra: object) -> None:
    if not isinstance(extra, tuple):
        raise EncodeError(f"expected a tuple of (name, value) pairs, found "
                          f"{type(extra).__name__}", field="extra")
    for pair in extra:
        if not (isinstance(pair, tuple) and len(pair) == 2
                and all(isinstance(s, str) for s in pair)):
            raise EncodeError(f"expected a (name, value) pair of text, found {shorten(pair)}",
                              field="extra")
        name = pair[0]
        if not name:
            raise EncodeError("an unknown parameter needs a name", field="extra")
        if name in TABLE[kind]:
            raise EncodeError(f"{name} is a {kind} parameter: set the field, not extra",
                              field=name)
        if name in MARKERS:
            raise EncodeError(f"{name} selects another request; it cannot ride along "
                              f"a {kind} request", field=name)


def _check_charset(request: _RequestBase) -> None:
    """Every value must survive percent-encoding in the request's charset."""
    charset = request_charset(request)
    for name, text, _ in wire_pairs(request, reveal=True):
        for what in (name, text):
            if what.isascii():
                continue  # the three charsets all carry ASCII (the usual case: cheap)
            try:
                what.encode(charset)
            except UnicodeEncodeError as exc:
                bad = "" if is_secret_name(name) and what is text else (
                    f" {exc.object[exc.start:exc.end]!r}")
                raise EncodeError(f"holds a character{bad} that {charset} cannot carry "
                                  "(say charset=utf-8)", field=name) from None


def request_charset(request: _RequestBase) -> Charset:
    return DEFAULT_CHARSET if request.charset is None else request.charset


def _check_pairing(request: StatusRequest | DeleteRequest) -> None:
    # "the numbers in the list must be listed in the order corresponding to the
    # message IDs": the two lists pair up item by item.
    if len(request.ids) != len(request.phones):
        raise EncodeError(f"{len(request.ids)} ids for {len(request.phones)} phones; "
                          "each id pairs with the phone at the same place", field="id")


def _add_months(day: date, months: int) -> date | None:
    """*day* plus calendar *months*, clamped to the month's end (31.08 + 6 -> 28/29.02);
    ``None`` past the last year :class:`date` can hold."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    month += 1
    if year > date.max.year:
        return None
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _check_history(request: HistoryRequest) -> None:
    if request.phones and request.emails:
        # "phone – ... numbers for which you need to get the history of sent SMS";
        # "email – ... addresses for which you need to get a history of sent e-mail":
        # one filter or the other.
        raise EncodeError("give phone or email, not both", field="email")
    start, end = request.start, request.end
    if end is None:
        return  # "If omitted, data from the start date is returned."
    if start is None:
        raise EncodeError("end without start: the period needs its first day", field="end")
    if end < start:
        raise EncodeError(f"the period ends ({DateCodec().format(end)}) before it starts "
                          f"({DateCodec().format(start)})", field="end")
    latest = _add_months(start, MAX_PERIOD_MONTHS)
    if latest is not None and end > latest:
        raise EncodeError(
            f"the period {DateCodec().format(start)}-{DateCodec().format(end)} is longer than six "
            f"months; the latest end for this start is {DateCodec().format(latest)}",
            field="end")


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class StatusRequest(_RequestBase):
    """``status.php``: the status of one message or of several.

    ``phones`` and ``ids`` pair up item by item.  ``keep_multi_format`` is the
    documented trailing comma: "To preserve the format of a multiple request, when
    requesting the status of a single message, enter a comma after the phone number"
    (and "after the message ID").  It is written after both lists and read from both;
    with several messages the reply is multi anyway and the comma changes nothing,
    but it is kept so a captured request re-encodes as it came.

    ``fmt``, ``all`` and ``charset`` are ``None`` when absent (the server's default,
    :data:`PARAMS` ``default``), so an explicit ``fmt=0`` survives a round trip.
    ``extra`` keeps unknown parameters, in order, as ``(name, value)`` text.
    """

    kind: ClassVar[RequestKind] = RequestKind.STATUS

    auth: Auth
    phones: tuple[str, ...]
    ids: tuple[str, ...]
    keep_multi_format: bool = False
    fmt: int | None = None
    all: int | None = None
    charset: Charset | None = None
    extra: Extra = ()

    def __post_init__(self) -> None:
        self._validate()


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class DeleteRequest(_RequestBase):
    """``status.php?del=1``: delete sent messages ("Used in conjunction with the phone
    and id parameters"; the rest is "similar to the one given for the status request",
    so the lists and the trailing comma work as in :class:`StatusRequest`)."""

    kind: ClassVar[RequestKind] = RequestKind.DELETE

    auth: Auth
    phones: tuple[str, ...]
    ids: tuple[str, ...]
    keep_multi_format: bool = False
    fmt: int | None = None
    charset: Charset | None = None
    extra: Extra = ()

    def __post_init__(self) -> None:
        self._validate()


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class HistoryRequest(_RequestBase):
    """``get.php?get_messages=1``: the history of sent messages.

    ``start``/``end`` are calendar dates at most six months apart (``end`` needs
    ``start``; a ``start`` alone runs to today, which an I/O-free codec cannot check).
    ``phones`` or ``emails`` filter the history (one or the other); ``format`` is 0
    (SMS) or 8 (e-mail); ``cnt`` is 1..1000; ``prev_id`` is an ``int_id`` from an
    earlier reply, kept as text.
    """

    kind: ClassVar[RequestKind] = RequestKind.HISTORY

    auth: Auth
    start: date | None = None
    end: date | None = None
    phones: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    format: int | None = None
    cnt: int | None = None
    prev_id: str | None = None
    fmt: int | None = None
    charset: Charset | None = None
    extra: Extra = ()

    def __post_init__(self) -> None:
        self._validate()


#: Any of the three request models (what :func:`decode_request` returns).
Request = StatusRequest | DeleteRequest | HistoryRequest

MODELS: dict[RequestKind, type[StatusRequest] | type[DeleteRequest] | type[HistoryRequest]] = {
    RequestKind.STATUS: StatusRequest,
    RequestKind.DELETE: DeleteRequest,
    RequestKind.HISTORY: HistoryRequest,
}
_CROSS_CHECKS: dict[RequestKind, Callable[[Any], None]] = {
    RequestKind.STATUS: _check_pairing,
    RequestKind.DELETE: _check_pairing,
    RequestKind.HISTORY: _check_history,
}


def wire_pairs(request: _RequestBase, *, reveal: bool) -> Iterator[tuple[str, str, Param | None]]:
    """The wire pairs of *request*, driven by the table: ``(name, text, row)``."""
    for param in TABLE[request.kind].values():
        if param.attr is None:
            yield param.name, "1", param
            continue
        owner = request.auth if param.on_auth else request
        value = getattr(owner, param.attr)
        if value is None or value == ():
            continue
        text = param.codec.format(value) if reveal or not param.secret else MASK
        if param.trailing_comma and getattr(request, "keep_multi_format", False):
            text += ","
        yield param.name, text, param
    for name, text in request.extra:
        yield name, text if reveal or not is_secret_name(name) else MASK, None
