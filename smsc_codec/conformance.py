"""Conformance: check replies, requests, send lines and whole captures against the spec.

Every deviation is reported with a stable rule id, a severity, where it is, and the
documentation's own words.  The rules are the rows of one table, :data:`RULES`:
``(id, severity, title, quote, source, check)``; a check takes one decoded
:class:`~smsc_codec.captures.Exchange` and yields findings.

Strategy: nothing is parsed here.  Messages are decoded by the codecs (through
:mod:`smsc_codec.captures`, leniently, so that deviations become defects instead of
errors); most rules map the *defects* the decoders record -- one kind per
deviation, named in ``spec/decisions.md`` -- to a rule (:data:`DEFECT_RULES`), and
the *errors* they raise by kind (:data:`ERROR_RULES`).  The other rules look at
decoded values: codes against the code tables, the ``flag`` against ``type``,
dates against timestamps, ``sms_cnt`` against the message text (counted by
:func:`smsc_codec.smtp.count_sms`), ``OK - n SMS`` against the send it answers
(:func:`smsc_codec.smtp.expected_sms`), a multi-status list against its request.
Two rules look at the wire bytes again, through the parsers the codecs wrap (orjson
for ``fmt=3``, lxml for ``fmt=2``): the field order, and the canonical form (the
bytes the encoder writes for the decoded value).

Severities: ``error`` -- the message is not what the documentation says (a wrong
layout, an unknown code, facts that contradict each other); ``warning`` -- it
deviates in form (spelling, spacing, line endings, charset labels) but reads;
``notice`` -- a known ambiguity or variant worth knowing, not a fault.

The quotes are copied from the vendor's pages (``shared/seeds``: ``000`` the status
page, ``002`` history, ``004`` SMTP), typos and the SMTP page's own mojibake
included; ``spec/conformance/`` has a passing and a failing example of every rule.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal
from urllib.parse import unquote, unquote_to_bytes

from lxml import etree

from smsc_codec.canonical import loads, without_defects
from smsc_codec.captures import (
    ByteSource,
    Exchange,
    Location,
    Scan,
    bare_reply,
    content_charset,
    mail_exchange,
    mask,
    reply_exchange,
)
from smsc_codec.charset import PYTHON_CODEC, normalize_charset
from smsc_codec.codes import (
    HistoryApiError,
    MessageType,
    SendError,
    StatusApiError,
    StatusCode,
    lookup,
)
from smsc_codec.errors import DecodeError, SmscCodecError, shorten
from smsc_codec.exchange import encode_reply_to
from smsc_codec.layouts import FIELDS, Endpoint, RecordKind, layout_for
from smsc_codec.models import ErrorReply, StatusList, StatusRecord
from smsc_codec.mojibake import repair_mojibake
from smsc_codec.policy import Defect
from smsc_codec.request import (
    DeleteRequest,
    HistoryRequest,
    ReplyLayout,
    Request,
    StatusRequest,
    decode_request,
    encode_query,
    reply_layout,
)
from smsc_codec.smtp import (
    ReplyMail,
    SendErrorReply,
    SendMail,
    SendOk,
    SendRequest,
    count_sms,
    decode_reply_any,
    decode_send,
    expected_sms,
)
from smsc_codec.smtp import all_defects as smtp_defects
from smsc_codec.wire import xml
from smsc_codec.wire.formats import FORMATS

__all__ = [
    "DEFECT_RULES",
    "ERROR_RULES",
    "RULES",
    "SEVERITIES",
    "Deviation",
    "Finding",
    "Report",
    "Rule",
    "check_capture",
    "check_exchange",
    "check_reply",
    "check_request",
    "check_send",
    "check_smtp_reply",
    "deviation_lines",
    "iter_rules",
]

Severity = Literal["error", "warning", "notice"]
#: Most severe first.
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "notice")

#: The vendor's pages, as the quotes cite them.
STATUS_PAGE = "status page (000)"
HISTORY_PAGE = "history page (002)"
SMTP_PAGE = "SMTP page (004)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """What a check found: a message and, where it applies, the record (1-based),
    the field and the byte offset."""

    message: str
    record: int | None = None
    field: str | None = None
    pos: int | None = None
    line: int | None = None


Check = Callable[[Exchange], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """A row of the rule table."""

    id: str
    severity: Severity
    title: str
    quote: str
    source: str
    check: Check


@dataclass(frozen=True, slots=True, kw_only=True)
class Deviation:
    """One deviation: the rule, where, what, and the documentation's words."""

    rule: str
    severity: Severity
    title: str
    message: str
    location: Location
    record: int | None = None
    field: str | None = None
    pos: int | None = None
    line: int | None = None
    quote: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        # A finding may quote capture text: the captures' one masking rule.
        object.__setattr__(self, "message", mask(self.message))

    def where(self) -> str:
        """The location as text: the capture's, then record, line, field and byte."""
        parts = [str(self.location)]
        if self.record is not None:
            parts.append(f"record {self.record}")
        if self.line is not None and self.location.line is None:
            parts.append(f"line {self.line}")
        if self.field is not None:
            parts.append(f"field {self.field}")
        if self.pos is not None:
            parts.append(f"byte {self.pos}")
        return ", ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """The deviation as ``smsc-codec check --json`` writes it, its whereabouts in
        one ``location`` object."""
        where = self.location.to_json()
        for name in ("record", "field", "pos", "line"):
            value = getattr(self, name)
            if value is not None and name not in where:
                where[name] = value
        return {"rule": self.rule, "severity": self.severity, "title": self.title,
                "message": self.message, "location": where, "quote": self.quote,
                "source": self.source}

    def __str__(self) -> str:
        return f"{self.where()}: {self.severity} {self.rule} {self.title}: {self.message}"


# --- reading the decoded values ---------------------------------------------------


def _records(ex: Exchange) -> Iterator[tuple[int | None, StatusRecord]]:
    reply = ex.reply
    if isinstance(reply, StatusList):
        yield from enumerate(reply.records, start=1)
    elif isinstance(reply, StatusRecord):
        yield None, reply


def _defects(ex: Exchange) -> Iterator[tuple[int | None, Defect]]:
    """Every defect of the exchange's values, with its record number."""
    if ex.mail is not None:
        for d in smtp_defects(ex.mail):
            yield None, d
    elif isinstance(ex.request, SendRequest) and ex.endpoint == "smtp-send":
        for d in ex.request.defects:
            yield None, d
    reply = ex.reply
    if isinstance(reply, SendOk | SendErrorReply):
        if ex.mail is None:
            for d in reply.defects:
                yield None, d
    elif reply is not None:
        for d in reply.defects:
            yield None, d
        if isinstance(reply, StatusList):
            for number, record in enumerate(reply.records, start=1):
                for d in record.defects:
                    yield number, d


def _layout(ex: Exchange) -> ReplyLayout | None:
    if ex.layout is not None:
        return ex.layout
    sniffed = ex.sniffed
    if sniffed is None or not sniffed.candidates:
        return None
    best = sniffed.candidates[0]
    if best.fmt is None or best.family.value not in ("status", "history", "delete"):
        return None
    history = best.family.value == "history"
    try:
        return ReplyLayout(endpoint=Endpoint.HISTORY if history else Endpoint.STATUS,
                           fmt=best.fmt, all=2 if history else best.all or 0,
                           charset=sniffed.charset, multi=True if history else bool(best.multi),
                           delete=best.family.value == "delete")
    except SmscCodecError:
        return None


def _text(ex: Exchange) -> str | None:
    body, layout = ex.body, _layout(ex)
    if isinstance(body, str):
        return body
    if body is None or layout is None:
        return None
    return body.decode(PYTHON_CODEC[layout.charset], "replace")




# --- the checks ---------------------------------------------------------------------


def _error_text(exc: DecodeError) -> str:
    """An error's words without its position (the deviation carries that)."""
    parts = [f"{exc.kind}: {exc.message}"]
    if exc.expected is not None:
        parts.append(f"expected {exc.expected}")
    if exc.found is not None:
        parts.append(f"found {shorten(exc.found)}")
    return "; ".join(parts)


def _by_defect(*kinds: str) -> Check:
    def check(ex: Exchange) -> Iterator[Finding]:
        for record, d in _defects(ex):
            if d.kind in kinds:
                yield Finding(message=f"{d.kind}: {d.message}", record=record, field=d.field,
                              pos=d.pos, line=d.line)
    check.__doc__ = f"the decoders' {', '.join(kinds)} defects"
    return check


def _by_error(*kinds: str) -> Check:
    def check(ex: Exchange) -> Iterator[Finding]:
        for exc in (ex.error,):
            if exc is not None and exc.kind in kinds:
                yield Finding(message=_error_text(exc), field=exc.field, pos=exc.pos,
                              line=exc.line)
    check.__doc__ = f"decoding fails with {', '.join(kinds)}"
    return check


def _both(*checks: Check) -> Check:
    def check(ex: Exchange) -> Iterator[Finding]:
        for one in checks:
            yield from one(ex)
    return check


def _undecodable(ex: Exchange) -> Iterator[Finding]:
    exc = ex.error
    if exc is not None and exc.kind not in ERROR_RULES:
        yield Finding(message=_error_text(exc), field=exc.field, pos=exc.pos, line=exc.line)


def _unknown_status(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        if record.status is not None and not isinstance(record.status, StatusCode):
            yield Finding(message=f"status {record.status} is not in the status table",
                          record=number, field="status")


def _unknown_err(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        code = record.error_code()
        if code is not None and isinstance(code, int) and type(code) is int:
            table = "e-mail" if record.is_email else \
                "HLR" if record.kind is RecordKind.HLR else "SMS"
            yield Finding(message=f"err {code} is not in the {table} error table",
                          record=number, field="err")


def _unknown_error_code(ex: Exchange) -> Iterator[Finding]:
    reply = ex.reply
    if isinstance(reply, ErrorReply):
        history = ex.endpoint == "history" or reply.endpoint is Endpoint.HISTORY
        table = HistoryApiError if history else StatusApiError
        if not isinstance(lookup(table, reply.code), table):
            name = "history" if history else "status/delete"
            yield Finding(message=f"ERROR {reply.code} is not in the {name} error table",
                          field="error_code")
    elif isinstance(reply, SendErrorReply) and not isinstance(reply.code, SendError):
        yield Finding(message=f"ERROR = {reply.code} is not in the send error table",
                      field="code")


def _unknown_type(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        if record.type is not None and not isinstance(record.type, MessageType):
            yield Finding(message=f"type {record.type} is not in the message type table",
                          record=number, field="type")


def _hlr_type(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        if record.kind is RecordKind.HLR and record.type is not None \
                and record.type != MessageType.HLR:
            yield Finding(message=f"an HLR record with type {int(record.type)}, not 4",
                          record=number, field="type")


def _undescribed_bits(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        flag = record.flag
        if flag is not None and flag.undescribed:
            bits = ", ".join(map(str, flag.undescribed_bits()))
            yield Finding(message=f"flag {flag.to_int()} sets undescribed bit(s) {bits}",
                          record=number, field="flag")


def _flag_type(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        flag, mtype = record.flag, record.type
        if flag is not None and mtype is not None and int(flag.message_type) != int(mtype):
            yield Finding(message=f"flag {flag.to_int()} says type {int(flag.message_type)},"
                          f" the type field says {int(mtype)}", record=number, field="flag")


def _dates(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        for date_name, stamp_name in (("last_date", "last_timestamp"),
                                      ("send_date", "send_timestamp")):
            date, stamp = getattr(record, date_name), getattr(record, stamp_name)
            if date is None or stamp is None:
                continue
            seconds = int(date.timestamp())
            if seconds != stamp:
                yield Finding(message=f"{date_name} {date.strftime('%d.%m.%Y %H:%M:%S')}"
                              f" (Moscow time) is {seconds}, {stamp_name} is {stamp}"
                              f" ({stamp - seconds:+d} s)", record=number, field=stamp_name)


#: Message types whose ``sms_cnt`` counts SMS parts of the text.
_TEXT_SMS = (MessageType.SMS, MessageType.FLASH_SMS)


def _sms_cnt(ex: Exchange) -> Iterator[Finding]:
    for number, record in _records(ex):
        if record.sms_cnt is None or record.message is None:
            continue
        mtype = record.type if record.type is not None else \
            record.flag.message_type if record.flag is not None else None
        if mtype not in _TEXT_SMS:
            continue
        exact, rough = count_sms(record.message), count_sms(record.message, rule="doc")
        if record.sms_cnt not in (exact, rough):
            yield Finding(message=f"sms_cnt {record.sms_cnt}, but the message text takes"
                          f" {exact} SMS", record=number, field="sms_cnt")


def _ok_count(ex: Exchange) -> Iterator[Finding]:
    reply, request = ex.reply, ex.request
    if isinstance(reply, SendOk) and isinstance(request, SendRequest):
        expected = expected_sms(request)
        if expected is not None and expected != reply.cnt:
            where = "" if ex.paired is None else f" (the send at {ex.paired})"
            yield Finding(message=f"OK - {reply.cnt} SMS, but the send{where} takes {expected}"
                          " (parts x recipients)", field="cnt")


def _reply_id(ex: Exchange) -> Iterator[Finding]:
    yield from _by_defect("reply-id", "missing-description")(ex)
    reply, request = ex.reply, ex.request
    if isinstance(reply, SendOk | SendErrorReply) and isinstance(request, SendRequest) \
            and request.id is not None and reply.id is not None \
            and str(reply.id) != str(request.id):
        yield Finding(message=f"the reply's ID {reply.id} is not the send's id {request.id}",
                      field="id")


def _charset_header(ex: Exchange) -> Iterator[Finding]:
    declared = content_charset(ex.content_type)
    if declared is None or not isinstance(ex.request, StatusRequest | DeleteRequest |
                                          HistoryRequest):
        return
    asked = reply_layout(ex.request).charset
    try:
        name: str = normalize_charset(declared)
    except SmscCodecError:
        name = declared
    if name != asked:
        yield Finding(message=f"Content-Type says charset={declared}; the request asked for"
                      f" {asked}", field="charset")


#: Record fields that hold people's text, where mojibake shows.
_TEXT_FIELDS = tuple(name for name, spec in FIELDS.items() if spec.codec.expected == "text")


def _mojibake(ex: Exchange) -> Iterator[Finding]:
    if ex.repaired is not None:
        yield Finding(message=f"the body is {ex.repaired.source} read as"
                      f" {ex.repaired.misread_as}; repaired before decoding")
    if any(d.kind == "wrong-charset" for _, d in _defects(ex)):
        return  # the whole text is in another charset: H05 says so, once
    for number, record in _records(ex):
        for name in _TEXT_FIELDS:
            value = getattr(record, name)
            if isinstance(value, str) and not value.isascii():
                repair = repair_mojibake(value)
                if repair is not None:
                    yield Finding(message=f"{value!r} reads {repair.text!r} as"
                                  f" {repair.source} misread as {repair.misread_as}",
                                  record=number, field=name)
    yield from _by_defect("mojibake-repaired")(ex)


def _charset_unsure(ex: Exchange) -> Iterator[Finding]:
    yield from _by_defect("charset-guessed", "unsupported-charset")(ex)
    if ex.charset_confidence is not None and ex.charset_confidence < UNSURE_CHARSET:
        yield Finding(message=f"no charset given; detected {ex.charset} with confidence"
                      f" {ex.charset_confidence:.2f}")


#: Below this confidence a detected charset is reported (notice H04).
UNSURE_CHARSET = 0.9


def _json_orders(text: str) -> list[list[str]] | None:
    try:  # as canonical JSON is read: \udcXX escapes and big integers too
        data = loads(text)
    except DecodeError:
        return None
    items = data if isinstance(data, list) else [data]
    return [list(item) for item in items if isinstance(item, dict)]


def _xml_orders(text: str) -> list[list[str]] | None:
    at = xml.dtd_in_prolog(text)
    if at is not None and at >= 0:
        return None  # a DTD never reaches a parser (D-dtd-prolog)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(re.sub(r"^\s*<\?xml[^>]*\?>", "", text).encode(), parser)
    except etree.XMLSyntaxError:
        return None
    sms = [root] if root.tag == "sms" else [e for e in root if e.tag == "sms"]
    return [[str(child.tag) for child in e if isinstance(child.tag, str)] for e in sms]


def _kv_orders(text: str) -> list[list[str]] | None:
    starts = [m.start() for m in _KV_RECORD.finditer(text)]
    if not starts:
        return None
    spans = zip(starts, [*starts[1:], len(text)], strict=True)
    return [[m[1] for m in _KV_KEY.finditer(text[a:b])] for a, b in spans]


#: Each key-driven format's reading of the field names in wire order, by its module.
_ORDERS: dict[str, Callable[[str], list[list[str]] | None]] = {
    "jsondoc": _json_orders, "xml": _xml_orders, "kv": _kv_orders}


def _wire_orders(ex: Exchange, layout: ReplyLayout) -> list[list[str]] | None:
    """The field names of each record in wire order, through the parsers the codecs
    wrap (orjson, lxml), or for ``fmt=0`` the keys at the record's separators."""
    text = _text(ex)
    orders = _ORDERS.get(FORMATS[layout.fmt].name)
    if text is None or orders is None:
        return None
    return orders(text)


_KV_RECORD = re.compile(r"^status ?=", re.IGNORECASE | re.MULTILINE)
_KV_KEY = re.compile(r"(?:^|, )([A-Za-z_]\w*) ?= ?")


def _field_order(ex: Exchange) -> Iterator[Finding]:
    layout = _layout(ex)
    if layout is None or layout.delete or FORMATS[layout.fmt].positional or \
            not isinstance(ex.reply, StatusRecord | StatusList):
        return
    orders = _wire_orders(ex, layout)
    records = list(_records(ex))
    if orders is None or len(orders) != len(records):
        return
    multi = layout.multi if layout.multi is not None else isinstance(ex.reply, StatusList)
    for (number, record), keys in zip(records, orders, strict=True):
        wire = layout_for(layout.endpoint, record.kind, layout.all, layout.fmt, multi)
        names = {wf.key.lower(): wf.name for wf in wire.fields}
        documented = [wf.name for wf in wire.fields if wf.name not in wire.extras]
        seen: list[str] = []
        for key in keys:
            name = names.get(key.lower())
            if name in documented and name not in seen:
                seen.append(name)
        expected = [n for n in documented if n in seen]
        if seen != expected:
            first = next(i for i, (a, b) in enumerate(zip(seen, expected, strict=True))
                         if a != b)
            yield Finding(message=f"{seen[first]!r} comes where the documentation has"
                          f" {expected[first]!r} (order: {', '.join(seen)})",
                          record=number, field=seen[first])


def _canonical_form(ex: Exchange) -> Iterator[Finding]:
    layout, reply, body = ex.layout, ex.reply, ex.body
    if layout is None or body is None or not isinstance(
            reply, StatusRecord | StatusList | ErrorReply) or any(True for _ in _defects(ex)):
        return
    wire = body if isinstance(body, bytes) else body.encode(PYTHON_CODEC[layout.charset], "replace")
    try:
        canonical = encode_reply_to(layout, without_defects(reply))
    except SmscCodecError:
        return
    if canonical != wire:
        at = next((i for i, (a, b) in enumerate(zip(wire, canonical, strict=False)) if a != b),
                  min(len(wire), len(canonical)))
        yield Finding(message=f"the bytes differ from the canonical encoding from byte {at}"
                      f" ({len(wire)} bytes, canonical {len(canonical)})", pos=at)


def _multi(ex: Exchange) -> tuple[list[StatusRecord], StatusRequest | DeleteRequest] | None:
    request, reply = ex.request, ex.reply
    if not isinstance(request, StatusRequest) or not isinstance(reply, StatusList):
        return None
    return list(reply.records), request


def _multi_count(ex: Exchange) -> Iterator[Finding]:
    pair = _multi(ex)
    if pair is not None and len(pair[0]) != len(pair[1].ids):
        yield Finding(message=f"{len(pair[0])} statuses for {len(pair[1].ids)} requested ids")


def _multi_ids(ex: Exchange) -> Iterator[Finding]:
    pair = _multi(ex)
    if pair is None:
        return
    records, request = pair
    for number, (record, wanted) in enumerate(zip(records, request.ids, strict=False), start=1):
        if record.id is not None and str(record.id) != wanted:
            yield Finding(message=f"id {record.id!s} where the request's id {number} is"
                          f" {wanted}", record=number, field="id")


def _multi_phones(ex: Exchange) -> Iterator[Finding]:
    pair = _multi(ex)
    if pair is None:
        return
    records, request = pair
    for number, (record, wanted) in enumerate(zip(records, request.phones, strict=False),
                                              start=1):
        if record.phone is not None and record.phone.lstrip("+") != wanted.lstrip("+"):
            yield Finding(message=f"phone {record.phone} where the request's phone {number} is"
                          f" {wanted}", record=number, field="phone")


def _bad_request(ex: Exchange) -> Iterator[Finding]:
    exc = ex.request_error
    if exc is not None:
        yield Finding(message=_error_text(exc), field=exc.field, pos=exc.pos)


def _unknown_parameters(ex: Exchange) -> Iterator[Finding]:
    request = ex.request
    if request is not None and not isinstance(request, SendRequest) and request.extra:
        names = ", ".join(name for name, _ in request.extra)
        yield Finding(message=f"parameters the documentation does not list: {names}",
                      field=request.extra[0][0])


def _utf8_without_charset(ex: Exchange) -> Iterator[Finding]:
    """D-forgotten-charset: values escaped as UTF-8 in a request that names no
    charset.  The server reads them as windows-1251 (the request's charset covers the
    request, R-charset) and answers in windows-1251 a client that works in UTF-8."""
    request = ex.request
    if request is None or isinstance(request, SendRequest) or request.charset is not None:
        return
    for pair in encode_query(request).split("&"):
        name, _, value = pair.partition("=")
        data = unquote_to_bytes(value.replace("+", " "))
        if data.isascii():
            continue
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            continue
        field_name = unquote(name, encoding="windows-1251")
        # Never the value itself: it may be the password.
        yield Finding(message=f"{field_name} is escaped as UTF-8 but the request names no"
                      " charset: the server reads it, and answers, in windows-1251"
                      " (say charset=utf-8)", field=field_name)
        return


def _send_line(ex: Exchange) -> Iterator[Finding]:
    exc = ex.error
    if exc is not None and ex.endpoint in ("smtp-send", "smtp-reply"):
        yield Finding(message=_error_text(exc), field=exc.field, pos=exc.pos, line=exc.line)


# --- the table ------------------------------------------------------------------------

_Q_FMT = ("Server response format: 0 – (default) as a string (Status = 1, check_time ="
          " 10.10.2010 10:10:10). 1 – in the form of a status number and a time stamp"
          " separated by commas (1,1286524541). 2 – in xml format. 3 – in json format.")
_Q_ALL0 = ("with fmt = 0 and all = 1: Status = <status>, check_time = <last_date>, err = <err>,"
           " send_date = <send_date>, phone = <phone>, cost = <cost>, sender_id = <sender>,"
           " status_name = <status_name>, message = <message>, comment = <comment>,"
           " type = <type>")
_Q_ERRORS = ("If an error occurs, the Server returns the following string: ... When fmt = 0:"
             " ERROR = N (description) ... When fmt = 1: 0,-N ... When fmt = 2: <result>"
             " <error>description</error> <error_code>N</error_code> </result> ... When"
             ' fmt = 3: { "error": "description", "error_code": N }')
_Q_DATE = ("<last_date> – the date of the last status change. Format DD.MM.YYYY hh: mm: ss."
           " <last_timestamp> – time stamp of the last status change. ... Messages with the"
           " final status sent before 18:00 of the previous day are transferred to 03:00"
           " Moscow time.")
_Q_FLAG = ("<flag> is a flag in the form of a 2 byte number containing various information"
           " about the message. Combinations of bit values of different characteristics are"
           " possible. Bits 0-3 (message type): 0 – SMS, 1 – Flash-SMS, 2 – Binary SMS, 3 –"
           " Wap-push, 4 – HLR-request, 5 – Ping-SMS, 6 – MMS, 7 – Call, 8 – E-mail, 10 –"
           " Viber, 12 – Social Networks. Bit 5 – payment of the message from the second"
           " balance. Bit 8 is a sign of a template message. Bits 10,9 are the type of"
           " template message (00 - service, 01 - transactional, 10 - authorization, 11 -"
           " advertising).")
_Q_TYPE = ("<type><type> - message type (0 – SMS, 1 – Flash-SMS, 2 – Binary SMS, 3 – Wap-push,"
           " 4 – HLR-request, 5 – Ping-SMS, 6 – MMS, 7 – Call, 8 – E-mail, 10 – Viber, 12 –"
           " Social Networks).")
_Q_MULTI = ("In the case of multiple status requests, when the parameter all = 1 or all = 2 is"
            " set, the message identifier is additionally returned for each status . If"
            " all = 0, the message ID and phone number are additionally returned.")
_Q_CHARSET = ("The encoding of the query result, if used other than the default"
              " windows encoding-1251. Options: utf-8 and koi8-r.")
_Q_MAIL = ('The message must be transmitted in plain text with the encoding specified, by'
           ' default koi8-r. The encoding is set in the Content-Type header (Content-Type:'
           ' text/plain; charset="CHARSET"). The maximum email size is 100 KB.')
_Q_LINE = ("<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>"
           " ... The parameters must go strictly in the specified order. Login, psw are"
           " required, phones and mes. If some optional parameter is missing, then the colon"
           " must remain.")
_Q_LIST = ("for fmt = 0 and fmt = 1, the result returns a list of lines, each of which contains"
           " information about the status of the corresponding message. ... for fmt = 2, the"
           " format of the returned statuses is similar to the format for single messages,"
           ' with the entire list of statuses contained in the "<list>" tag. ... for fmt = 3,'
           " the format is also similar to the format for single messages, statuses are"
           " separated by commas, and the entire list is framed by square brackets.")

_R = Rule
#: The rule table: every check ``smsc-codec check`` runs, in report order.
RULES: tuple[Rule, ...] = (
    # --- the layout ---
    _R("L01", "error", "field count", "with fmt = 1 and all = 0: <status>,<last_timestamp>,"
       "<err> ... with fmt = 1 and all = 1: <status>,<last_timestamp>,<err>,<send_timestamp>,"
       "<phone>,<cost>,<sender>,<status_name>,<message>, <comment>, <type>", STATUS_PAGE,
       _by_error("field-count")),
    _R("L02", "warning", "field order", _Q_ALL0, STATUS_PAGE, _field_order),
    _R("L03", "error", "missing field", _Q_ALL0, STATUS_PAGE, _by_defect("missing-field")),
    _R("L04", "warning", "undocumented field", _Q_ALL0, STATUS_PAGE,
       _by_defect("unknown-field", "field-not-in-layout")),
    _R("L05", "error", "field twice", _Q_ALL0, STATUS_PAGE, _by_defect("duplicate-field")),
    _R("L06", "warning", "single status where a list was asked", _Q_LIST, STATUS_PAGE,
       _by_defect("expected-list")),
    _R("L07", "notice", "older fmt=1 layout", "with fmt = 1 and all = 1: <status>,"
       "<last_timestamp>,<err>,<send_timestamp>,<phone>,<cost>,<sender>,<status_name>,"
       "<message>, <comment>, <type>", STATUS_PAGE, _by_defect("legacy-layout")),
    _R("L08", "notice", "commas in message and comment", "with fmt = 1 and all = 1: ..."
       "<status_name>,<message>, <comment>, <type>", STATUS_PAGE,
       _by_defect("ambiguous-split")),
    _R("L09", "error", "not a reply of the layout", _Q_FMT, STATUS_PAGE, _undecodable),
    _R("L10", "warning", "error in another format", _Q_ERRORS, STATUS_PAGE,
       _by_defect("format-mismatch")),
    _R("V01", "error", "value of the wrong type", _Q_DATE, STATUS_PAGE,
       _by_defect("bad-value")),
    # --- codes ---
    _R("C01", "error", "unknown status code", "Possible variants of message status codes or"
       " HLR requests (values of <status>):",
       STATUS_PAGE, _unknown_status),
    _R("C02", "error", "unknown err for the record kind", "Possible error codes in the status"
       " of messages or HLR requests (values of <err>): ... Possible error codes in the status"
       " of e-mail messages (values of <err>):", STATUS_PAGE, _unknown_err),
    _R("C03", "error", "unknown error code", "N – error number, can take the following"
       " values:", STATUS_PAGE + ", " + HISTORY_PAGE,
       _unknown_error_code),
    _R("C04", "warning", "unknown message type", _Q_TYPE, STATUS_PAGE, _unknown_type),
    _R("C05", "warning", "HLR record whose type is not 4",
       "<type><type> - message type (for HLR, it is equal to 4).", STATUS_PAGE, _hlr_type),
    # --- the flag ---
    _R("G01", "warning", "undescribed flag bits", _Q_FLAG, STATUS_PAGE, _undescribed_bits),
    _R("G02", "error", "flag type disagrees with type", _Q_FLAG, STATUS_PAGE, _flag_type),
    # --- dates and counts ---
    _R("D01", "error", "date disagrees with timestamp (Moscow time)", _Q_DATE, STATUS_PAGE,
       _dates),
    _R("S01", "warning", "sms_cnt disagrees with the message text", "<sms_cnt> – number of"
       " parts in an SMS message (or seconds in a voice message). ... Size of one SMS – 160"
       " characters in Latin or 70 characters in Cyrillic. When splitting a message into"
       " multiple SMS messages, ... the maximum length becomes 67 for Cyrillic and 153 for"
       " Latin letters.", STATUS_PAGE + ", " + SMTP_PAGE, _sms_cnt),
    _R("S02", "error", "OK - n SMS is not parts x recipients", "OK - <n> SMS, ID - <id> ..."
       " <n><n> is the number of SMS sent, calculated as the number of SMS messages in the"
       " message multiplied by the number of recipients.", SMTP_PAGE, _ok_count),
    _R("S03", "warning", "reply id or description", "ERROR = N (description) – for 1,2,4,5,9"
       " errors; ... ERROR = N (îïèñàíèå), ID - <id ñîîáùåíèÿ> – for 3 errors,6,7,8. ... <id> –"
       " the message ID sent by the Client or assigned automatically by the Server.",
       SMTP_PAGE, _reply_id),
    # --- multi-status ---
    _R("M01", "error", "statuses do not match the requested ids", _Q_MULTI, STATUS_PAGE,
       _multi_count),
    _R("M02", "error", "ids do not match the request", _Q_MULTI, STATUS_PAGE, _multi_ids),
    _R("M03", "error", "phones do not match the request", "For multiple requests, the numbers"
       " in the list must be be listed in the order corresponding to the message IDs. ... "
       + _Q_MULTI, STATUS_PAGE, _multi_phones),
    # --- charsets ---
    _R("H01", "warning", "Content-Type charset is not the request's", _Q_CHARSET, STATUS_PAGE,
       _charset_header),
    _R("H02", "error", "bytes not in the charset", _Q_CHARSET, STATUS_PAGE,
       _both(_by_defect("bad-charset"), _by_error("bad-charset", "charset-mismatch"))),
    _R("H03", "warning", "mojibake", _Q_CHARSET + ' ... You can also send a message to a group of'
       ' numbersby specifying a special code " G<íîìåð ãðóïïû>".',
       STATUS_PAGE + ", " + SMTP_PAGE, _mojibake),
    _R("H04", "notice", "charset guessed", _Q_MAIL, SMTP_PAGE, _charset_unsure),
    _R("H05", "error", "text in another charset", _Q_CHARSET + " ... The message must be"
       " transmitted in plain text with the encoding specified, by default koi8-r.",
       STATUS_PAGE + ", " + SMTP_PAGE, _by_defect("wrong-charset")),
    # --- canonical form ---
    _R("W01", "warning", "non-canonical spelling or spacing", _Q_ALL0, STATUS_PAGE,
       _by_defect("non-canonical", "space-after-separator", "param-order", "blank-line")),
    _R("W02", "warning", "line endings", _Q_LIST, STATUS_PAGE,
       _by_defect("line-endings", "line-ending", "trailing-newline")),
    _R("W03", "warning", "unexpected markup", "with fmt = 2 and all = 0: <sms>"
       " <status>status</status> <last_date>last_date</last_date> ... </sms>", STATUS_PAGE,
       _by_defect("unexpected-markup")),
    _R("W04", "notice", "not the canonical bytes", _Q_FMT, STATUS_PAGE, _canonical_form),
    # --- requests and sends ---
    _R("R01", "error", "bad request", "A phone number or a comma-separated list of numbers"
       " when requesting the statuses of multiple SMS messages. ... Message ID or a"
       " comma-separated list of IDs when requesting the statuses of multiple messages.",
       STATUS_PAGE + ", " + HISTORY_PAGE, _bad_request),
    _R("R02", "notice", "undocumented request parameter", "The following parameters are"
       " passed to the server:", STATUS_PAGE, _unknown_parameters),
    _R("R03", "warning", "UTF-8 request without charset", _Q_CHARSET, STATUS_PAGE,
       _utf8_without_charset),
    _R("T01", "error", "not a send line or reply", _Q_LINE, SMTP_PAGE, _send_line),
    _R("T02", "warning", "recipients", "The number or comma-separated or"
       " semicolon-separated list of mobile phone numbers in international format to which"
       " the message is sent.", SMTP_PAGE,
       _by_defect("bad-recipient", "mixed-separators", "empty-recipient")),
    _R("T03", "warning", "unknown send format", "Defines the type of SMS message. ..."
       " 0 (default) – plain text message. ... 12 – soc-a message sent to users of the"
       " Odnoklassniki, VKontakte, or Mail.Ru Agent social networks.", SMTP_PAGE,
       _by_defect("unknown-format")),
    _R("T04", "warning", "e-mail form", _Q_MAIL + ' If it is not possible to transmit the text'
       ' of the message with "Content-Type: text/plain", it is necessary to enclose the text'
       ' in special tags "[text]message text[/text]".', SMTP_PAGE,
       _by_defect("mail-defect", "bad-transfer-encoding", "undeclared-8bit", "unclosed-tag")),
)

#: Which rule each decoder defect kind maps to (built from the table's checks).
DEFECT_RULES: dict[str, str] = {
    "missing-field": "L03", "unknown-field": "L04", "field-not-in-layout": "L04",
    "duplicate-field": "L05", "expected-list": "L06", "legacy-layout": "L07",
    "ambiguous-split": "L08", "format-mismatch": "L10", "bad-value": "V01",
    "reply-id": "S03", "missing-description": "S03", "bad-charset": "H02",
    "mojibake-repaired": "H03", "charset-guessed": "H04", "unsupported-charset": "H04",
    "wrong-charset": "H05",
    "non-canonical": "W01", "space-after-separator": "W01", "param-order": "W01",
    "blank-line": "W01", "line-endings": "W02", "line-ending": "W02",
    "trailing-newline": "W02", "unexpected-markup": "W03", "bad-recipient": "T02",
    "mixed-separators": "T02", "empty-recipient": "T02", "unknown-format": "T03",
    "mail-defect": "T04", "bad-transfer-encoding": "T04", "undeclared-8bit": "T04",
    "unclosed-tag": "T04",
}
#: Which rule a decoding error maps to, by kind; every other kind is L09 (HTTP
#: replies) or T01 (SMTP).
ERROR_RULES: dict[str, str] = {"field-count": "L01", "bad-charset": "H02",
                               "charset-mismatch": "H02"}
_BY_ID = {rule.id: rule for rule in RULES}
assert len(_BY_ID) == len(RULES), "rule ids are unique"
assert set(DEFECT_RULES.values()) <= set(_BY_ID)


def _other_defects(ex: Exchange) -> Iterator[Finding]:
    for record, d in _defects(ex):
        if d.kind not in DEFECT_RULES:
            yield Finding(message=f"{d.kind}: {d.message}", record=record, field=d.field,
                          pos=d.pos, line=d.line)


#: A defect kind no rule names yet (a decoder grew a new one): reported, never lost.
OTHER = Rule("X01", "warning", "other deviation", "", "", _other_defects)


# --- running the rules -----------------------------------------------------------------


def check_exchange(exchange: Exchange, /) -> list[Deviation]:
    """Every deviation of one decoded exchange, in rule-table order."""
    out: list[Deviation] = []
    for rule in (*RULES, OTHER):
        if rule.id == "L09" and exchange.endpoint in ("smtp-send", "smtp-reply"):
            continue  # an SMTP message that does not decode is T01's
        if rule.id == "T01" and exchange.endpoint not in ("smtp-send", "smtp-reply"):
            continue
        for finding in rule.check(exchange):
            out.append(Deviation(rule=rule.id, severity=rule.severity, title=rule.title,
                                 message=finding.message, location=exchange.location,
                                 record=finding.record, field=finding.field, pos=finding.pos,
                                 line=finding.line, quote=rule.quote, source=rule.source))
    return out


@dataclass(slots=True)
class Report:
    """The deviations of one or more checks, and what was checked.

    With a *sink*, each deviation is handed to it as it is found and not kept, so a
    capture of any size is checked in flat memory (the counts are kept either way).
    """

    deviations: list[Deviation] = field(default_factory=list)
    checked: int = 0
    unusable: list[str] = field(default_factory=list)
    by_rule: Counter[str] = field(default_factory=Counter)
    by_severity: Counter[str] = field(default_factory=Counter)
    sink: Callable[[Deviation], None] | None = None

    def _take(self, deviation: Deviation) -> None:
        self.by_rule[deviation.rule] += 1
        self.by_severity[deviation.severity] += 1
        if self.sink is not None:
            self.sink(deviation)
        else:
            self.deviations.append(deviation)

    def add(self, exchange: Exchange) -> list[Deviation]:
        """Check one exchange; its deviations."""
        found = check_exchange(exchange)
        for deviation in found:
            self._take(deviation)
        self.checked += 1
        return found

    def extend(self, other: Report) -> None:
        """Take over what *other* (a report without a sink) found."""
        for deviation in other.deviations:
            self._take(deviation)
        self.checked += other.checked
        self.unusable += other.unusable

    def count(self, at_least: Severity = "notice") -> int:
        """Deviations of severity *at_least* or worse."""
        return sum(self.by_severity[s] for s in SEVERITIES[:SEVERITIES.index(at_least) + 1])

    def exit_code(self, fail_on: Severity = "warning") -> int:
        """0 clean, 1 deviations of *fail_on* or worse, 2 unusable input."""
        if self.unusable:
            return 2
        return 1 if self.count(fail_on) else 0

    def summary(self) -> dict[str, Any]:
        """The counts: exchanges checked, deviations by severity and by rule, and the
        inputs that could not be read at all."""
        return {"checked": self.checked,
                "by_severity": {s: self.by_severity[s] for s in SEVERITIES
                                if self.by_severity[s]},
                "by_rule": dict(sorted(self.by_rule.items())),
                "unusable": list(self.unusable)}

    def to_json(self) -> dict[str, Any]:
        """The kept deviations and the :meth:`summary`, as ``check --json`` writes them."""
        return {"deviations": [d.to_json() for d in self.deviations],
                "summary": self.summary()}

    def lines(self, *, quotes: bool = True) -> list[str]:
        """The kept deviations as text (see :func:`deviation_lines`), then the summary."""
        out = [line for d in self.deviations for line in deviation_lines(d, quotes=quotes)]
        return out + self.closing_lines()

    def closing_lines(self) -> list[str]:
        """The text report's last lines: each unusable input, then the counts."""
        counts = ", ".join(f"{self.by_severity[s]} {s}" for s in SEVERITIES
                           if self.by_severity[s])
        return [f"unusable: {u}" for u in self.unusable] + [
            f"{self.checked} checked: {counts or 'no deviations'}"]


def deviation_lines(deviation: Deviation, *, quotes: bool = True) -> list[str]:
    """One deviation for people: where, severity, rule, what; then the docs' words."""
    out = [str(deviation)]
    if quotes and deviation.quote:
        out.append(f'    {deviation.source}: "{deviation.quote}"')
    return out


def _sniffed(location: Location, body: bytes | str, charset: str | None) -> Exchange:
    if isinstance(body, str):
        body, charset = body.encode("utf-8"), charset or "utf-8"
    return bare_reply(location, body, charset=charset)


def _reply(location: Location, body: bytes | str, request: Request | ReplyLayout | str | None,
           layout_args: dict[str, Any]) -> Exchange:
    charset = layout_args["charset"]
    if isinstance(request, str):
        try:
            request = decode_request(request)
        except DecodeError as exc:
            return replace(_sniffed(location, body, charset), request_error=exc)
    if isinstance(request, ReplyLayout):
        return reply_exchange(location, body, request)
    if request is not None:
        return reply_exchange(location, body, reply_layout(request), request=request)
    fmt = layout_args["fmt"]
    if fmt is None:
        return _sniffed(location, body, charset)
    endpoint, multi = layout_args["endpoint"], layout_args["multi"]
    history = endpoint == "history"
    kind = layout_args["kind"]
    layout = ReplyLayout(endpoint=Endpoint.HISTORY if history else Endpoint.STATUS, fmt=fmt,
                         all=2 if history else layout_args["all"],
                         charset=normalize_charset(charset or "windows-1251"),
                         multi=True if history else bool(multi),
                         kind=None if kind is None else RecordKind(kind),
                         delete=endpoint == "delete")
    exchange = reply_exchange(location, body, layout)
    if multi is None and not history and exchange.error is not None:
        as_list = reply_exchange(location, body, replace(layout, multi=True))
        if as_list.error is None:
            return as_list
    return exchange


def check_reply(
    body: bytes | str,
    /,
    *,
    request: Request | ReplyLayout | str | None = None,
    endpoint: str | None = None,
    fmt: int | None = None,
    all: int = 0,
    charset: str | None = None,
    kind: RecordKind | str | None = None,
    multi: bool | None = None,
    name: str = "-",
) -> Report:
    """Check one reply body.

    The layout comes from *request* (a URL, a query string, a decoded request or its
    layout), else from *fmt* (with *endpoint* ``status``/``delete``/``history``,
    *all*, *charset*, *kind*, *multi*; *multi* ``None`` tries a single status, then a
    list), else the body is sniffed and its charset detected.  A request string that
    does not decode is itself a deviation (R01), and the body is sniffed.
    """
    report = Report()
    report.add(_reply(Location(file=name), body, request,
                      {"endpoint": endpoint, "fmt": fmt, "all": all, "charset": charset,
                       "kind": kind, "multi": multi}))
    return report


def check_request(request: str | bytes, /, *, name: str = "-") -> Report:
    """Check one captured request (a URL, a query string or a form body)."""
    report = Report()
    location = Location(file=name)
    try:
        decoded = decode_request(request)
    except DecodeError as exc:
        report.add(Exchange(location=location, endpoint="unknown", request_error=exc))
        return report
    report.add(Exchange(location=location, endpoint=decoded.kind.value, request=decoded))
    return report


def check_send(send: bytes, /, *, reply: bytes | None = None, charset: str = "koi8-r",
               name: str = "-") -> Report:
    """Check an SMTP send (a bare line or a whole e-mail) and, if given, the reply the
    server mailed back (an ``OK``/``ERROR`` line or e-mail): its ``n`` against the
    send's parts x recipients, its id against the send's."""
    report = Report()
    location = Location(file=name)
    try:
        value = decode_send(send, charset=charset)
    except DecodeError as exc:
        report.add(Exchange(location=location, endpoint="smtp-send", body=send, error=exc))
        return report
    if isinstance(value, SendMail):
        request = value.request
        report.add(Exchange(location=location, endpoint="smtp-send", request=request,
                            mail=value, body=send))
    else:
        request = value
        report.add(Exchange(location=location, endpoint="smtp-send", request=request,
                            body=send))
    if reply is not None:
        where = Location(file=f"{name} (reply)")
        try:
            answer = decode_reply_any(reply, charset=charset)
        except DecodeError as exc:
            report.add(Exchange(location=where, endpoint="smtp-reply", body=reply, error=exc))
            return report
        if isinstance(answer, ReplyMail):
            report.add(replace(mail_exchange(where, reply), request=request,
                               paired=location))
        else:
            report.add(Exchange(location=where, endpoint="smtp-reply", reply=answer,
                                request=request, paired=location, body=reply))
    return report


def check_smtp_reply(reply: bytes, /, *, charset: str = "koi8-r", name: str = "-") -> Report:
    """Check a reply the server mailed back (an ``OK``/``ERROR`` line or e-mail) alone."""
    report = Report()
    location = Location(file=name)
    try:
        answer = decode_reply_any(reply, charset=charset)
    except DecodeError as exc:
        report.add(Exchange(location=location, endpoint="smtp-reply", body=reply, error=exc))
        return report
    if isinstance(answer, ReplyMail):
        report.add(mail_exchange(location, reply))
    else:
        report.add(Exchange(location=location, endpoint="smtp-reply", reply=answer, body=reply))
    return report


def check_capture(source: ByteSource, /, *, name: str = "-", container: Any = None,
                  split: Any = "auto", charset: str | None = None,
                  report: Report | None = None) -> Report:
    """Check every exchange of a capture (HAR, mbox/``.eml``, dump; gzip too), into
    *report* if given (one with a sink streams the deviations).  A capture that
    breaks off before its first exchange is unusable."""
    report = report if report is not None else Report()
    scan = Scan(source, name=name, container=container, split=split, charset=charset)
    first = True
    for exchange in scan:
        if first and exchange.error is not None and exchange.location == Location(file=name):
            report.unusable.append(mask(f"{name}: {exchange.error.kind}: {exchange.error}"))
            return report
        first = False
        report.add(exchange)
    return report


def iter_rules() -> Iterator[Rule]:
    """The rules in table order, then the catch-all for defect kinds no rule names."""
    yield from RULES
    yield OTHER

