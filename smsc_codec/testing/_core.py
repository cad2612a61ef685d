"""The sans-I/O core of the fake server: a decoded request in, the exact reply out.

The vendor's words it implements (status page 000, history page 002):
"2 | Invalid username or password", "1 | Error in parameters", a record with
"-3 | Message not found" for an unknown id, history "3 | message not found", and
"9 | Attempt to send more than five requests to get the status of the same message
or more than one mass request within a minute".

The SMTP side (page 004): "If 0 or not specified, the response is sent only if there
is an error in the parameters, if 1, the response is sent in any case", the reply
being "OK - <n> SMS, ID - <id>" ("the number of SMS messages in the message
multiplied by the number of recipients") or "ERROR = N (description)".
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from email.parser import BytesHeaderParser
from email.utils import parseaddr
from typing import Any

from smsc_codec.canonical import from_canonical
from smsc_codec.codes import HistoryApiError, SendError, StatusApiError
from smsc_codec.conformance import Deviation, check_request, check_send
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
from smsc_codec.smtp import (
    SEND_ADDRESS,
    Envelope,
    RawRecipient,
    Recipient,
    ReplyMail,
    SendErrorReply,
    SendMail,
    SendOk,
    SendReply,
    SendRequest,
    TestMode,
    count_sms,
    decode_send,
    encode_line,
    encode_reply_mail,
    expected_sms,
)
from smsc_codec.smtp.values import MessageId
from smsc_codec.wire.formats import wire_format

__all__ = ["MAX_BODY_BYTES", "PATHS", "TOO_LARGE", "Account", "FakeSmsc", "HttpReply",
           "OutgoingMail", "SeenRequest", "SeenSend"]

#: The two paths of the vendor's API ("https://smsc.ru/sys/status.php", ".../get.php").
PATHS = ("/sys/status.php", "/sys/get.php")
#: The most a form body may hold: the vendor's requests are a few hundred bytes; the
#: HTTP adapters answer a larger one 413 without reading it all (a fake for tests
#: must not be made to hold whatever a client sends).
MAX_BODY_BYTES = 1 << 20

#: The window of the vendor's "within a minute".
_MINUTE = 60.0
#: "more than five requests to get the status of the same message".
_SAME_MESSAGE_LIMIT = 5
#: SMTP: "The server does not accept more than two identical requests for sending SMS
#: messages within a minute" (page 004; D-fake-smtp-rate-limit).
_IDENTICAL_SEND_LIMIT = 2


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
class OutgoingMail:
    """A reply e-mail the fake "sent": the server mails its reply back to the
    sender (the SMTP envelope's ``MAIL FROM``, else the ``From`` header), so the
    fake keeps it in :attr:`FakeSmsc.outbox` instead (spec/testing.md,
    D-fake-smtp-outbox)."""

    to: str | None
    data: bytes


@dataclass(frozen=True, slots=True)
class SeenSend:
    """One e-mail the SMTP side received: who sent it, the decoded send (``None``
    when it did not decode), the decode error, ``conformance.check_send``'s
    deviations, and the reply the server decided on (sent or not: see
    :attr:`mailed`)."""

    mail_from: str | None
    request: SendRequest | None
    error: DecodeError | None
    deviations: tuple[Deviation, ...]
    reply: SendReply
    #: Whether the reply was mailed back ("test": errors always, OK only with 1).
    mailed: bool

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


#: What the HTTP adapters answer a body over :data:`MAX_BODY_BYTES`.
TOO_LARGE = HttpReply(413, "text/plain", b"request body too large")


def _error(code: int, endpoint: Endpoint) -> ErrorReply:
    table = HistoryApiError if endpoint is Endpoint.HISTORY else StatusApiError
    text = table(code).name_ru
    # The golden vectors' wire text is the docs' description in lower case.
    return ErrorReply(code=code, description=text[0].lower() + text[1:], endpoint=endpoint)


class FakeSmsc:
    """A fake SMSC server seeded with accounts and status records.

    *records* are :class:`StatusRecord` values or their canonical JSON objects (the
    ``fmt=3, all=2`` shape, SMS or HLR), each carrying its ``id`` and ``phone``.
    *clock* returns seconds (for the too-many-requests rules, off unless
    *rate_limit*).  :meth:`handle` and :meth:`handle_mail` answer one call at a time
    (a lock), so one fake may serve a live server's threads and a test at once;
    seeding (:meth:`add`) is for the test's own thread.
    """

    def __init__(self, *, accounts: Iterable[Account] = (),
                 records: Iterable[StatusRecord | Mapping[str, Any]] = (),
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
        #: Every e-mail the SMTP side received, in order.
        self.sends: list[SeenSend] = []
        #: The reply e-mails the server would have mailed back, in order.
        self.outbox: list[OutgoingMail] = []
        # The server's own ids for sends without one ("assigned automatically by the
        # Server"): 1, 2, ... so tests can predict them.
        self._next_id = 1
        # Adapters may call from several threads (a live server, an httpx client
        # shared between threads): one call at a time.
        self._lock = threading.Lock()
        self._asks: dict[tuple[str, str], deque[float]] = {}
        self._mass: deque[float] = deque()
        # Identical sends (by their line) within the minute, for SMTP's error 9.
        self._sent: dict[str, deque[float]] = {}

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
        """Answer one HTTP request: GET parameters in *query*, POST ones in *body*
        (bytes as they came on the wire, or text).

        Paths other than :data:`PATHS` are 404 and not logged (no API request)."""
        if path not in PATHS:
            return HttpReply(404, "text/plain", b"not found")
        with self._lock:
            return self._handle(method, path, query, body)

    def _handle(self, method: str, path: str, query: bytes | str, body: bytes) -> HttpReply:
        # Bytes stay bytes: an unescaped byte is a byte of the request's charset
        # (R-charset), which a str made of them by Latin-1 would misread.
        params = body if method.upper() == "POST" and body else query
        report = check_request(params, name=path)
        try:
            request: Request | None = decode_request(params)
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
        apikey = None if auth.apikey is None else auth.apikey.reveal()
        psw = None if auth.psw is None else auth.psw.reveal()
        return self._knows(auth.login, psw, apikey)

    def _knows(self, login: str | None, psw: str | None, apikey: str | None) -> bool:
        for account in self.accounts:
            if apikey is not None and apikey in account.apikeys:
                return True
            if login == account.login and psw is not None and psw == account.psw:
                return True
        return False

    # -- the SMTP side ---------------------------------------------------------------

    def handle_mail(self, data: bytes, *, mail_from: str | None = None) -> OutgoingMail | None:
        """Take one e-mail sent to the send address: record it, and return the reply
        e-mail the server mails back (also appended to :attr:`outbox`), or ``None``
        when ``test`` asks no reply for a send that succeeded."""
        with self._lock:
            return self._handle_mail(data, mail_from)

    def _handle_mail(self, data: bytes, mail_from: str | None) -> OutgoingMail | None:
        report = check_send(data, name="smtp")
        request: SendRequest | None
        error: DecodeError | None = None
        try:
            value = decode_send(data)
            request = value.request if isinstance(value, SendMail) else value
        except DecodeError as exc:
            request, error = None, exc
        reply = self.answer_send(request)
        to = mail_from or _sender(data)
        # Errors are always answered; an OK only with test=1 (test=2 is the list
        # mode, not a reply request: D-fake-smtp-test).
        mailed = (isinstance(reply, SendErrorReply)
                  or (request is not None and request.test is TestMode.ALWAYS))
        self.sends.append(SeenSend(mail_from, request, error, tuple(report.deviations),
                                   reply, mailed))
        if not mailed:
            return None
        envelope = Envelope(from_addr=SEND_ADDRESS, to_addr=to, subject="SMSC.RU",
                            transfer_encoding="8bit")
        out = OutgoingMail(to, encode_reply_mail(ReplyMail(reply=reply, envelope=envelope)))
        self.outbox.append(out)
        return out

    def answer_send(self, request: SendRequest | None) -> SendReply:
        """The reply value to a decoded send (``None``: it did not decode)."""
        if request is None:
            return SendErrorReply.of(SendError.PARAMETERS)
        psw = request.psw.reveal()
        login = request.login or None
        if not self._knows(login, psw if login else None, None if login else psw):
            return SendErrorReply.of(SendError.AUTHORIZATION)
        if self.rate_limit and self._over(self._sent.setdefault(encode_line(request), deque()),
                                          _IDENTICAL_SEND_LIMIT):
            return SendErrorReply.of(SendError.DUPLICATE_REQUEST)
        id = self._send_id(request.id)
        if any(isinstance(p, RawRecipient) for p in _recipients(request)):
            return SendErrorReply.of(SendError.INVALID_NUMBER, id=id)
        return SendOk(cnt=_sms_count(request), id=id)

    def _send_id(self, given: MessageId | None) -> MessageId:
        if given is not None:
            return given
        self._next_id += 1
        return self._next_id - 1

    def _status(self, id: str, phone: str, fmt: int) -> StatusRecord:
        record = self.records.get((id, phone))
        if record is not None:
            return record
        # An unknown id, or a known id with another phone (D-fake-not-found): the
        # golden vectors' not-found shapes; fmt=1 cannot leave a column out (its
        # fields are told apart by position).
        if wire_format(fmt).positional:
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
        if len(pairs) > 1:
            return self._over(self._mass, 1)
        return self._over(self._asks.setdefault(pairs[0], deque()), _SAME_MESSAGE_LIMIT)

    def _over(self, window: deque[float], limit: int) -> bool:
        """Count a request now in *window*: more than *limit* within a minute?"""
        now = self.clock()
        while window and now - window[0] >= _MINUTE:
            window.popleft()
        window.append(now)
        return len(window) > limit


def _history_row(record: StatusRecord) -> StatusRecord:
    """History's own fields a status seed lacks: ``int_id`` is the id, ``format``
    and ``crc`` 0, ``sms_cnt`` 1 (spec/testing.md, D-fake-history)."""
    fill = {"int_id": str(record.id),
            "format": 0, "crc": 0, "sms_cnt": 1}
    missing = {k: v for k, v in fill.items() if getattr(record, k) is None}
    return record.replace(**missing) if missing else record


def _recipients(request: SendRequest) -> list[Recipient]:
    if request.is_list:
        return [p for entry in request.entries for p in entry.phones]
    return list(request.phones)


def _sms_count(request: SendRequest) -> int:
    """``n``: the library's count (parts x recipients) where the page's formula
    applies; else, as the fake's rule, parts of each text x its recipients
    (a group counts one, D-fake-smtp-count)."""
    exact = expected_sms(request)
    if exact is not None:
        return exact
    if request.is_list:
        return sum(count_sms(e.mes) * len(e.phones) for e in request.entries)
    return count_sms(request.mes) * len(request.phones)


def _sender(data: bytes) -> str | None:
    """The ``From`` header's address (the reply goes there without ``MAIL FROM``)."""
    header = BytesHeaderParser().parsebytes(data).get("From")
    if header is None:
        return None
    return parseaddr(str(header))[1] or None


def _id(text: str) -> int | str:
    return int(text) if text.isdigit() else text


#: spec/vectors/status/sms-all2-fmt1-single-not-found (less detail drops columns).
_NOT_FOUND_FMT1: dict[str, Any] = {
    "status": -3, "last_timestamp": 0, "err": 0, "send_timestamp": 0, "country": "",
    "operator": "", "region": "", "cost": Decimal(0), "sender_id": "",
    "status_name": "Сообщение не найдено", "message": "", "comment": "", "type": 0,
}

_CONTENT_TYPES = {0: "text/plain", 1: "text/plain", 2: "text/xml", 3: "application/json"}
