"""Record tables: one flat, typed row per status/history record read from a capture.

``smsc-codec scan --records`` writes these rows.  Each exchange gives one row per
record of its reply; an error reply, a delete ``OK``, an SMTP reply, an exchange that
did not decode or a reply without records gives one row of its own (``row_kind``).
The columns are fixed (:data:`COLUMNS`): the source and request columns below, then
one column per field of the layout table (:data:`smsc_codec.layouts.FIELDS`, its
type from the field's value codec), then the names and defects.  Every row carries
every column (``None`` where it does not apply), so JSON Lines, CSV and Parquet files
of different runs have one schema (``spec/records.schema.json``).

JSON values: ``cost`` is the exact decimal as text, dates are ISO 8601 with their
``+03:00`` offset, ``id`` is always text.  Secrets (``psw``, ``apikey``) are never
columns: of the request only ``login`` and the ids/phones asked are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Literal

import orjson

from smsc_codec.codes import HistoryApiError, SendError, StatusApiError, StatusCode, lookup
from smsc_codec.flags import MessageFlag
from smsc_codec.layouts import FIELDS
from smsc_codec.models import DeleteOk, ErrorReply, StatusList, StatusRecord
from smsc_codec.request import DeleteRequest, HistoryRequest, StatusRequest
from smsc_codec.smtp import SendErrorReply, SendOk, SendRequest
from smsc_codec.values import DATE, ID, INT, MONEY, TEXT

from ._model import Exchange

__all__ = ["COLUMNS", "Column", "ColumnType", "exchange_rows", "json_row", "rows"]

#: The logical column types; :mod:`.arrow` maps each to one Arrow type.
ColumnType = Literal["text", "code", "int", "decimal", "timestamp", "float"]
#: ``cost`` in Arrow/Parquet: decimal(38, 10).  The wire allows up to 30 digits each
#: side of the point (values.MONEY); a cost that does not fit is null there, its exact
#: text is always in ``cost_text`` (spec/captures.md, "Record tables").
COST_PRECISION, COST_SCALE = 38, 10


@dataclass(frozen=True, slots=True)
class Column:
    """One column of the record table: its name, type and what it holds."""

    name: str
    type: ColumnType
    doc: str


def _field_type(name: str) -> ColumnType:
    codec = FIELDS[name].codec
    if codec is MONEY:
        return "decimal"
    if codec is DATE:
        return "timestamp"
    if codec.expected.endswith(" code") or codec.expected.startswith("a flag"):
        return "code"  # 32-bit: status, flag, type
    if codec is INT:
        return "int"
    if codec is TEXT or codec is ID:
        return "text"
    raise AssertionError(f"no column type for field {name!r} ({codec.expected})")


_SOURCE = (
    Column("file", "text", "the capture's name"),
    Column("entry", "int", "0-based HAR entry"),
    Column("mail_message", "int", "1-based mail in an mbox (not ``message``: a record field)"),
    Column("line", "int", "1-based line where a dump record or mail starts"),
    Column("record", "int", "1-based record in the reply (null: not a record row)"),
    Column("row_kind", "text", "record | error | delete | smtp-ok | smtp-error |"
           " smtp-send | empty | failed"),
    Column("endpoint", "text", "status | delete | history | smtp-send | smtp-reply | unknown"),
    Column("fmt", "code", "the reply's fmt (from the request, else sniffed)"),
    Column("all", "code", "the request's all= level"),
    Column("charset", "text", "the charset the body was read in"),
    Column("charset_source", "text", "declared (request or header) | detected"),
    Column("charset_confidence", "float", "1.0 when declared"),
    Column("login", "text", "the request's login (psw/apikey never kept)"),
    Column("ids_asked", "text", "the ids the request asked for, comma-separated"),
    Column("phones_asked", "text", "the phones the request asked for, comma-separated"),
)
_FIELD_COLUMNS = tuple(Column(name, _field_type(name), "record field (layouts.FIELDS)")
                       for name in FIELDS)
_TAIL = (
    Column("cost_text", "text", "cost exactly as decoded"),
    Column("status_label", "text", "the status code's name (codes.StatusCode)"),
    Column("error_code", "code", "an error reply's code"),
    Column("error_name", "text", "the error code's name"),
    Column("extra", "text", "fields no layout knows, as a JSON object"),
    Column("defects", "text", "defect kinds of the row's record/reply, space-separated"),
    Column("failure", "text", "why the exchange did not decode: error kind"),
    Column("failure_message", "text", "the error's message"),
    Column("unfit", "text", "Arrow/Parquet only: values too large for their column (which"
           " is null there), as a JSON object of exact texts"),
)
#: Every column, in order: source and request, the FIELDS, names and defects.
COLUMNS: tuple[Column, ...] = _SOURCE + _FIELD_COLUMNS + _TAIL
if len({c.name for c in COLUMNS}) != len(COLUMNS):  # a new field named like a source column
    raise AssertionError("record table: two columns share a name")


def _fmt(ex: Exchange) -> int | None:
    if ex.layout is not None:
        return ex.layout.fmt
    return ex.sniffed.fmt if ex.sniffed is not None else None


def _base(ex: Exchange) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(c.name for c in COLUMNS)
    loc = ex.location
    row.update(file=loc.file, entry=loc.entry, mail_message=loc.message, line=loc.line,
               endpoint=ex.endpoint, fmt=_fmt(ex), charset=ex.charset,
               charset_confidence=ex.charset_confidence)
    if ex.layout is not None:
        row["all"] = ex.layout.all
    if ex.charset is not None:
        row["charset_source"] = "declared" if ex.charset_confidence in (None, 1.0) \
            else "detected"
    req = ex.request
    if isinstance(req, StatusRequest | DeleteRequest | HistoryRequest):
        row["login"] = req.auth.login
        row["phones_asked"] = ",".join(req.phones) or None
        if isinstance(req, StatusRequest | DeleteRequest):
            row["ids_asked"] = ",".join(req.ids) or None
    failure = ex.error or ex.request_error
    if failure is not None:
        row["failure"], row["failure_message"] = failure.kind, failure.message
    return row


def _record_values(record: StatusRecord, row: dict[str, Any]) -> None:
    for name in FIELDS:
        value = getattr(record, name)
        if value is None:
            continue
        if isinstance(value, MessageFlag):
            value = value.to_int()
        elif name == "id":
            value = str(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = int(value)  # an enum member -> its plain code
        row[name] = value
    if record.cost is not None:
        row["cost_text"] = str(record.cost)
    if record.status is not None:
        code = lookup(StatusCode, int(record.status))
        row["status_label"] = code.name_en if isinstance(code, StatusCode) else "unknown"
    if record.extra:
        row["extra"] = orjson.dumps(dict(record.extra)).decode()
    kinds = [d.kind for d in record.defects]
    row["defects"] = " ".join(kinds) or None


def exchange_rows(ex: Exchange) -> Iterator[dict[str, Any]]:
    """The rows of one exchange (typed Python values: ``Decimal``, aware ``datetime``)."""
    reply = ex.reply
    records = reply.records if isinstance(reply, StatusList) else \
        (reply,) if isinstance(reply, StatusRecord) else ()
    for number, record in enumerate(records, start=1):
        row = _base(ex)
        row["row_kind"], row["record"] = "record", number
        _record_values(record, row)
        yield row
    if records:
        return
    row = _base(ex)
    if isinstance(reply, ErrorReply):
        meaning = reply.meaning()
        row["row_kind"], row["error_code"] = "error", reply.code
        row["error_name"] = meaning.name_en if isinstance(
            meaning, StatusApiError | HistoryApiError) else "unknown"
    elif isinstance(reply, SendErrorReply):
        row["row_kind"], row["error_code"] = "smtp-error", int(reply.code)
        row["error_name"] = reply.code.name_en if isinstance(reply.code, SendError) \
            else "unknown"
        row["id"] = None if reply.id is None else str(reply.id)
    elif isinstance(reply, SendOk):
        row["row_kind"], row["id"], row["sms_cnt"] = "smtp-ok", str(reply.id), reply.cnt
    elif isinstance(reply, DeleteOk):
        row["row_kind"] = "delete"
    elif ex.endpoint == "smtp-send" and isinstance(ex.request, SendRequest):
        row["row_kind"] = "smtp-send"
    else:
        row["row_kind"] = "failed" if not ex.ok else "empty"
    if reply is not None and not isinstance(reply, StatusList | StatusRecord):
        row["defects"] = " ".join(d.kind for d in reply.defects) or None
    yield row


def rows(exchanges: Iterable[Exchange]) -> Iterator[dict[str, Any]]:
    """The rows of every exchange, in order."""
    for ex in exchanges:
        yield from exchange_rows(ex)


def json_row(row: dict[str, Any]) -> dict[str, Any]:
    """*row* with JSON values: decimals as exact text, dates as ISO 8601 with offset."""
    out = dict(row)
    for key, value in row.items():
        if isinstance(value, Decimal):
            out[key] = str(value)
        elif isinstance(value, datetime):
            out[key] = value.isoformat()
    return out
