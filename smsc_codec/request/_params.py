"""The table of request parameters: :data:`PARAMS`, the one place a name is written."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any, Final

from smsc_codec.charset import DEFAULT_CHARSET
from smsc_codec.layouts import Endpoint
from smsc_codec.request._values import (
    CharsetCodec,
    Codec,
    DateCodec,
    IntCodec,
    ListCodec,
    SecretCodec,
    TextCodec,
)
from smsc_codec.shape import ALL_LEVELS, FMTS

#: "cnt – The number of messages returned in the response. The maximum value is 1000."
MAX_CNT: Final = 1000
#: Issue 3: "id may be a number or a client-given string of up to 40 characters".
#: A longer id cannot name a message, so a request carrying one is a client bug.
MAX_ID_LENGTH: Final = 40


class RequestKind(enum.StrEnum):
    """The three requests; ``endpoint`` and ``script`` say where each is sent."""

    STATUS = "status"  #: status.php
    DELETE = "delete"  #: status.php?del=1
    HISTORY = "history"  #: get.php?get_messages=1

    @property
    def endpoint(self) -> Endpoint:
        """Whose reply layouts and error table the answer follows (a delete: status's)."""
        return Endpoint.HISTORY if self is RequestKind.HISTORY else Endpoint.STATUS

    @property
    def script(self) -> str:
        """The script the request is sent to: ``status.php`` or ``get.php``."""
        return SCRIPT_OF[self.endpoint]


SCRIPT_OF: dict[Endpoint, str] = {Endpoint.STATUS: "status.php", Endpoint.HISTORY: "get.php"}
ENDPOINT_OF_SCRIPT = {script: endpoint for endpoint, script in SCRIPT_OF.items()}


@dataclass(frozen=True, slots=True, kw_only=True)
class Param:
    """A row of :data:`PARAMS`: one parameter of one or more requests."""

    name: str  #: the wire name
    requests: frozenset[RequestKind]
    codec: Codec[Any]
    #: The model attribute; ``None`` for a marker (``del``, ``get_messages``): a
    #: parameter that selects the request itself and is always written ``=1``.
    attr: str | None = None
    on_auth: bool = False  #: the attribute lives on :class:`Auth`
    secret: bool = False  #: masked in every display view
    required: bool = False
    #: The list may end in a comma that carries ``keep_multi_format``.
    trailing_comma: bool = False
    #: What the server assumes when the parameter is absent, as documented (``None``:
    #: nothing documented).  :func:`reply_layout` reads ``fmt``/``all`` from here.
    default: Any = None
    doc: str = ""  #: the vendor's words

    @property
    def marker(self) -> bool:
        """Whether the parameter selects the request itself (``del=1``,
        ``get_messages=1``) rather than carrying a value."""
        return self.attr is None


_S, _D, _H = RequestKind.STATUS, RequestKind.DELETE, RequestKind.HISTORY
_ALL_KINDS = frozenset(RequestKind)
_STATUS_AND_DELETE = frozenset({_S, _D})

#: Every parameter, in the order the encoder writes them: the marker first, then the
#: credentials, then the vendor's own order within each request's parameter list.
#: The documented example URLs come out in this order byte for byte
#: (``status.php?del=1&login=..&psw=..&phone=..&id=..``,
#: ``get.php?get_messages=1&login=alex&psw=123&cnt=10``).
PARAMS: tuple[Param, ...] = (
    Param(name="get_messages", requests=frozenset({_H}), codec=IntCodec((1,)),
          doc="To get a list of sent SMS messages, you need to call ... "
              "get.php?get_messages=1"),
    Param(name="del", requests=frozenset({_D}), codec=IntCodec((1,)),
          doc="1 – delete a previously sent message. Used in conjunction with the phone "
              "and id parameters."),
    Param(name="login", requests=_ALL_KINDS, codec=TextCodec(), attr="login", on_auth=True,
          doc="Customer Login."),
    Param(name="psw", requests=_ALL_KINDS, codec=SecretCodec(), attr="psw", on_auth=True,
          secret=True, doc="Client Password"),
    Param(name="apikey", requests=_ALL_KINDS, codec=SecretCodec(), attr="apikey",
          on_auth=True, secret=True,
          doc='A special API key used for simplified authorization instead of the '
              '"login+password" pair'),
    Param(name="start", requests=frozenset({_H}), codec=DateCodec(), attr="start",
          doc="The start date in the period for which the history is requested. Format: "
              "'dd.mm.yyyy'. The maximum period ... is six months."),
    Param(name="end", requests=frozenset({_H}), codec=DateCodec(), attr="end",
          doc="The end date in the period. If omitted, data from the start date is "
              "returned. Format: 'dd.mm.yyyy'."),
    Param(name="phone", requests=_STATUS_AND_DELETE, codec=ListCodec(), attr="phones",
          required=True, trailing_comma=True,
          doc="A phone number or a comma-separated list of numbers ... the numbers in the "
              "list must be listed in the order corresponding to the message IDs. To "
              "preserve the format of a multiple request, when requesting the status of a "
              "single message, enter a comma after the phone number. This description is "
              "also suitable for e-mail messages."),
    Param(name="phone", requests=frozenset({_H}), codec=ListCodec(), attr="phones",
          doc="A number or a comma-separated list of phone numbers for which you need to "
              "get the history of sent SMS messages."),
    Param(name="id", requests=_STATUS_AND_DELETE, codec=ListCodec(MAX_ID_LENGTH), attr="ids",
          required=True, trailing_comma=True,
          doc="Message ID or a comma-separated list of IDs ... To preserve the format of a "
              "multiple request when requesting the status of a single message, specify a "
              "comma after the message ID."),
    Param(name="email", requests=frozenset({_H}), codec=ListCodec(), attr="emails",
          doc="An e-mail address or a comma-separated list of addresses for which you need "
              "to get a history of sent e-mail messages."),
    Param(name="format", requests=frozenset({_H}), codec=IntCodec((0, 8)), attr="format",
          default=0,
          doc="Flag for requesting e-mail messages. 0 (default) - request SMS messages. "
              "8 – request for e-mail messages."),
    Param(name="cnt", requests=frozenset({_H}), codec=IntCodec(range(1, MAX_CNT + 1)),
          attr="cnt",
          doc="The number of messages returned in the response. The maximum value is 1000."),
    Param(name="prev_id", requests=frozenset({_H}), codec=TextCodec(), attr="prev_id",
          doc="The global message ID (the int_id parameter in the Server response) ... "
              "Used to request a list of messages sent before the message with the "
              "specified ID."),
    Param(name="fmt", requests=_ALL_KINDS, codec=IntCodec(FMTS), attr="fmt", default=0,
          doc="Server response format: 0 – (default) as a string ... 1 – ... separated by "
              "commas ... 2 – in xml format. 3 – in json format."),
    Param(name="all", requests=frozenset({_S}), codec=IntCodec(ALL_LEVELS), attr="all", default=0,
          doc="0 – (by default) get the status of the message in the usual format. 1 – get "
              "full information about the sent message. 2 – add data about the "
              "subscriber's country, operator, and region"),
    Param(name="charset", requests=_ALL_KINDS, codec=CharsetCodec(), attr="charset",
          default=DEFAULT_CHARSET,
          doc="The encoding of the query result, if used other than the default windows "
              "encoding-1251. Options: utf-8 and koi8-r."),
)

#: Per request: wire name -> row, in table order.
TABLE: dict[RequestKind, dict[str, Param]] = {
    kind: {p.name: p for p in PARAMS if kind in p.requests} for kind in RequestKind
}
for _kind in RequestKind:
    if len(TABLE[_kind]) != sum(_kind in p.requests for p in PARAMS):
        raise AssertionError(f"a parameter name appears twice for {_kind}")
#: Names that select a request: never an unknown parameter of another one, or the
#: same wire text would decode to a different request.
MARKERS = frozenset(p.name for p in PARAMS if p.marker)
SECRET_NAMES = frozenset(p.name for p in PARAMS if p.secret)


def server_default(kind: RequestKind, name: str) -> Any:
    return TABLE[kind][name].default
