"""The sans-I/O core of the fake server: a decoded request in, the exact reply out.

The vendor's words it implements (status page 000, history page 002):
"2 | Invalid username or password", "1 | Error in parameters", a record with
"-3 | Message not found" for an unknown id, history "3 | message not found", and
"9 | Attempt to send more than five requests to get the status of the same message
or more than one mass request within a minute".
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from smsc_codec.canonical import from_canonical
from smsc_codec.codes import HistoryApiError, StatusApiError
from smsc_codec.conformance import Deviation, check_request
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.exchange import encode_reply_to
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.request import (
    Auth,
    DeleteRequest,
    HistoryRequest,
    ReplyLayout,
    Request,
    decode_request,
    reply_layout,
)

__all__ = ["Account", "FakeSmsc", "HttpReply", "SeenRequest"]

#: The window of the vendor's "within a minute".
_MINUTE = 60.0
#: "more than five requests to get the status of the same message".
_SAME_MESSAGE_LIMIT = 5


@dataclass(frozen=True, slots=True)
class Account:
    """An account the fake knows: a login with its password, and API keys."""

    login: str
    psw: str = field(repr=False)
    apikeys: tuple[str, ...] = field(default=(), repr=False)


@dataclass(frozen=True, slots=True)
class SeenRequest:
    """One request the fake saw: the raw parameters, the decoded request (``None``
    when it did not decode), the decode error, and ``conformance.check_request``'s
    deviations."""

    method: str
    path: str
    request: Request | None
    error: DecodeError | None
    deviations: tuple[Deviation, ...]

    @property
    def rules(self) -> tuple[str, ...]:
        """The rule ids of the deviations, for short assertions."""
        return tuple(d.rule for d in self.deviations)


@dataclass(frozen=True, slots=True)
class HttpReply:
    """What an adapter writes: status code, content type and the exact body."""

    status: int
    content_type: str
    body: bytes


def _error(code: int, endpoint: Endpoint) -> ErrorReply:
    table = HistoryApiError if endpoint is Endpoint.HISTORY else StatusApiError
    text = table(code).name_ru
    # The golden vectors' wire text is the docs' description in lower case.
    return ErrorReply(code=code, description=text[0].lower() + text[1:], endpoint=endpoint)


class FakeSmsc:
    """A fake SMSC server seeded with accounts and status records.

    *records* are :class:`StatusRecord` values (the ``fmt=3, all=2`` shape, SMS or
    HLR), each carrying its ``id`` and ``phone``.  *clock* returns seconds (for the
    too-many-requests rule, off unless *rate_limit*).  Not thread-safe by design: the
    adapters serialise calls.
    """

    def __init__(self, *, accounts: Iterable[Account] = (),
                 records: Iterable[StatusRecord] = (),
                 clock: Callable[[], float] = time.monotonic,
                 rate_limit: bool = False) -> None:
        self.accounts = list(accounts)
        self.records: dict[tuple[str, str], StatusRecord] = {}
        for record in records:
            self.add(record)
        self.clock = clock
        self.rate_limit = rate_limit
        #: Every request seen, in order.
        self.log: list[SeenRequest] = []
        self._asks: dict[tuple[str, str], deque[float]] = {}
        self._mass: deque[float] = deque()

    def add(self, record: StatusRecord | Mapping[str, Any]) -> StatusRecord:
        """Seed one message (a record, or its canonical JSON object)."""
        if not isinstance(record, StatusRecord):
            value = from_canonical(dict(record))
            if not isinstance(value, StatusRecord):
                raise EncodeError("a seeded message is one record", field="record")
            record = value
        if record.id is None or record.phone is None:
            raise EncodeError("a seeded message needs its id and phone", field="id")
        self.records[(str(record.id), str(record.phone))] = record
        return record

    # -- the HTTP-shaped entry point the adapters call ------------------------------

    def handle(self, method: str, path: str, query: bytes | str,
               body: bytes = b"") -> HttpReply:
        """Answer one HTTP request: GET parameters in *query*, POST ones in *body*."""
        params = body if method.upper() == "POST" and body else query
        text = params.decode("latin-1") if isinstance(params, bytes) else params
        report = check_request(text, name=path)
        try:
            request: Request | None = decode_request(text)
            error = None
        except DecodeError as exc:
            request, error = None, exc
        self.log.append(SeenRequest(method.upper(), path, request, error,
                                    tuple(report.deviations)))
        if request is None:
            endpoint = Endpoint.HISTORY if path.endswith("get.php") else Endpoint.STATUS
            layout = ReplyLayout(endpoint=endpoint, delete=False, fmt=0, all=0,
                                 charset="windows-1251", multi=False, kind=None)
            reply: Reply = _error(1, endpoint)
        else:
            layout = reply_layout(request)
            reply = self.answer(request)
        return HttpReply(200, _CONTENT_TYPES[layout.fmt] + "; charset=" + layout.charset,
                         encode_reply_to(layout, reply, lossy=True))

    # -- the decoded core ------------------------------------------------------------

    def answer(self, request: Request) -> Reply:
        """The reply value for a decoded request."""
        endpoint = Endpoint.HISTORY if isinstance(request, HistoryRequest) else Endpoint.STATUS
        if not self._authorised(request.auth):
            return _error(2, endpoint)
        if isinstance(request, HistoryRequest):
            return self._history(request)
        pairs = list(zip(request.ids, request.phones, strict=True))
        if self.rate_limit and self._too_many(pairs):
            return _error(9, endpoint)
        if isinstance(request, DeleteRequest):
            for pair in pairs:
                self.records.pop(pair, None)
            return DeleteOk()
        found = [self._status(i, p, request.fmt or 0) for i, p in pairs]
        if len(found) == 1 and not request.keep_multi_format:
            return found[0]
        return StatusList(records=tuple(found))

    def _authorised(self, auth: Auth) -> bool:
        for account in self.accounts:
            if auth.apikey is not None and auth.apikey.reveal() in account.apikeys:
                return True
            if (auth.login == account.login and auth.psw is not None
                    and auth.psw.reveal() == account.psw):
                return True
        return False

    def _status(self, id: str, phone: str, fmt: int) -> StatusRecord:
        record = self.records.get((id, phone))
        if record is not None:
            return record
        # An unknown id, or a known id with another phone (D-fake-not-found): the
        # golden vectors' not-found shapes; fmt=1 cannot leave a column out.
        if fmt == 1:
            return StatusRecord(id=_id(id), phone=phone, **_NOT_FOUND_FMT1)
        return StatusRecord(status=-3, id=_id(id), phone=phone)

    def _history(self, request: HistoryRequest) -> Reply:
        # History lists sent messages; an HLR query has no history row (the docs
        # give history one layout, the SMS/e-mail one).
        rows = [r for r in self.records.values() if r.kind is RecordKind.SMS
                and (not request.phones or str(r.phone) in request.phones)]
        if request.cnt is not None:
            rows = rows[: request.cnt]
        if not rows:
            return _error(3, Endpoint.HISTORY)
        return StatusList(records=tuple(map(_history_row, rows)))

    def _too_many(self, pairs: list[tuple[str, str]]) -> bool:
        now = self.clock()
        window = self._mass if len(pairs) > 1 else self._asks.setdefault(pairs[0], deque())
        while window and now - window[0] >= _MINUTE:
            window.popleft()
        window.append(now)
        limit = 1 if len(pairs) > 1 else _SAME_MESSAGE_LIMIT
        return len(window) > limit


def _history_row(record: StatusRecord) -> StatusRecord:
    """History's own fields a status seed lacks: ``int_id`` is the id, ``format``
    and ``crc`` 0, ``sms_cnt`` 1 (spec/testing.md, D-fake-history)."""
    fill = {"int_id": str(record.id),
            "format": 0, "crc": 0, "sms_cnt": 1}
    missing = {k: v for k, v in fill.items() if getattr(record, k) is None}
    return record.replace(**missing) if missing else record


def _id(text: str) -> int | str:
    return int(text) if text.isdigit() else text


#: spec/vectors/status/sms-all2-fmt1-single-not-found (less detail drops columns).
_NOT_FOUND_FMT1: dict[str, Any] = {
    "status": -3, "last_timestamp": 0, "err": 0, "send_timestamp": 0, "country": "",
    "operator": "", "region": "", "cost": Decimal(0), "sender_id": "",
    "status_name": "Сообщение не найдено", "message": "", "comment": "", "type": 0,
}

_CONTENT_TYPES = {0: "text/plain", 1: "text/plain", 2: "text/xml", 3: "application/json"}
