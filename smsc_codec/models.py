"""The decoded values: immutable, validated on construction, equal when their wire is.

A status or history reply decodes to one of four values:

* :class:`StatusRecord` -- one message's (or HLR query's) status;
* :class:`StatusList` -- a multi-status or history reply, zero or more records;
* :class:`ErrorReply` -- the server's ``ERROR = N (description)`` in any format (an
  error reply is a valid message, not an exception);
* :class:`DeleteOk` -- the ``OK`` of a ``del=1`` request.

Every value carries the ``defects`` lenient decoding recorded (part of equality: a
canonical encoding decodes with none).  Records keep what no layout knows:
``extra`` holds unknown fields as they came, ``raw`` holds the wire value of known
fields whose text did not parse as their type.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from typing import Any

from smsc_codec.codes import (
    DeliveryError,
    EmailError,
    HistoryApiError,
    MessageType,
    StatusApiError,
    StatusCode,
    lookup,
)
from smsc_codec.errors import EncodeError
from smsc_codec.flags import MessageFlag
from smsc_codec.layouts import FIELDS, Endpoint, RecordKind
from smsc_codec.policy import Defect

__all__ = ["DeleteOk", "ErrorReply", "Reply", "StatusList", "StatusRecord"]

#: A value as fmt=3 JSON can hold it (unknown fields keep their JSON type).
JsonValue = Any


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class StatusRecord:
    """The status of one message or HLR query.

    Every wire field is an attribute named as in ``fmt=3`` (``check_time`` and
    ``Status`` of ``fmt=0`` are ``last_date`` and ``status``); ``None`` means the
    reply did not carry it.  Codes are enum members when the docs name them and
    plain ints otherwise; dates are aware datetimes in Moscow time; ``cost`` is a
    :class:`~decimal.Decimal`.
    """

    kind: RecordKind = RecordKind.SMS
    status: StatusCode | int | None = None
    last_date: datetime | None = None
    last_timestamp: int | None = None
    flag: MessageFlag | None = None
    err: int | None = None
    imsi: str | None = None
    msc: str | None = None
    mcc: str | None = None
    mnc: str | None = None
    cn: str | None = None
    net: str | None = None
    rcn: str | None = None
    rnet: str | None = None
    send_date: datetime | None = None
    send_timestamp: int | None = None
    phone: str | None = None
    cost: Decimal | None = None
    sender_id: str | None = None
    status_name: str | None = None
    message: str | None = None
    comment: str | None = None
    mccmnc: str | None = None
    country: str | None = None
    operator: str | None = None
    operator_orig: str | None = None
    region: str | None = None
    type: MessageType | int | None = None
    id: int | str | None = None
    int_id: str | None = None
    sms_cnt: int | None = None
    format: int | None = None
    crc: int | None = None
    #: Fields no layout knows, in wire order, with the value as it came.
    extra: tuple[tuple[str, JsonValue], ...] = ()
    #: Known fields whose wire value did not parse as their type, kept verbatim: the
    #: text for fmt 0/1/2, the JSON value for fmt=3.
    raw: tuple[tuple[str, JsonValue], ...] = ()
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.kind, RecordKind):
            raise EncodeError(f"expected a RecordKind, got {self.kind!r}", field="kind")
        for name, spec in FIELDS.items():
            value = getattr(self, name)
            if value is not None and not spec.codec.accepts(value):
                raise EncodeError(
                    f"expected {spec.codec.expected}, got {type(value).__name__}", field=name
                )
        for name, _ in self.extra:
            if not isinstance(name, str) or name in FIELDS:
                raise EncodeError(f"{name!r} is a known field, not an extra", field="extra")
        for name, _ in self.raw:
            if name not in FIELDS:
                raise EncodeError(f"{name!r} is not a known field", field="raw")
            if getattr(self, name) is not None:
                raise EncodeError("a field cannot have both a value and raw text", field=name)
        # raw holds known fields: keep them in field order, as values are, so a record
        # is equal to itself however its wire ordered them.
        order = list(FIELDS)
        object.__setattr__(self, "raw", tuple(sorted(self.raw, key=lambda kv: order.index(kv[0]))))
        # Normalise known codes to their enum members, so equality and repr agree
        # however the record was built.
        for name, enum in (("status", StatusCode), ("type", MessageType)):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, lookup(enum, value))

    def __repr__(self) -> str:
        # Only what the reply carried: a record has 30-odd fields, most of them None.
        shown = {"kind": self.kind, **self.values()}
        shown |= {k: v for k in ("extra", "raw", "defects") if (v := getattr(self, k))}
        return f"StatusRecord({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    def values(self) -> dict[str, Any]:
        """The fields this record carries, in canonical order (no extras, no raw)."""
        return {name: v for name in FIELDS if (v := getattr(self, name)) is not None}

    def raw_value(self, name: str) -> JsonValue | None:
        """The verbatim wire value kept for a field that did not parse, if any."""
        return dict(self.raw).get(name)

    @property
    def is_email(self) -> bool:
        """An e-mail message (type 8, flag type 8 or an address for a phone)."""
        mtype = self.type if self.type is not None else (
            self.flag.message_type if self.flag is not None else None
        )
        if mtype is not None:
            return mtype == MessageType.EMAIL
        return self.phone is not None and "@" in self.phone

    def error_code(self) -> DeliveryError | EmailError | int | None:
        """``err`` looked up in the table that applies: e-mail errors differ
        (``err=2`` is "crowded inbox" only for e-mail)."""
        if self.err is None:
            return None
        return lookup(EmailError if self.is_email else DeliveryError, self.err)


def record_field_names() -> tuple[str, ...]:
    """The record attributes that are wire fields (checked against ``FIELDS``)."""
    skip = {"kind", "extra", "raw", "defects"}
    return tuple(f.name for f in fields(StatusRecord) if f.name not in skip)


#: Each wire field's slot setter, in field order: :func:`decoded_record` fills a
#: record through them (a frozen record refuses plain attribute assignment).
_FIELD_SLOTS = tuple(
    (name, StatusRecord.__dict__[name].__set__) for name in record_field_names()
)
_SET_KIND, _SET_EXTRA, _SET_RAW, _SET_DEFECTS = (
    StatusRecord.__dict__[name].__set__ for name in ("kind", "extra", "raw", "defects")
)
_FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


def decoded_record(
    kind: RecordKind,
    values: dict[str, Any],
    extra: tuple[tuple[str, JsonValue], ...],
    raw: tuple[tuple[str, JsonValue], ...],
    defects: tuple[Defect, ...],
) -> StatusRecord:
    """The record a decoder read: equal to ``StatusRecord(kind=kind, extra=extra,
    raw=raw, defects=defects, **values)``, without re-checking what the decoders
    guarantee -- every value came from its field's codec (``parse``/``from_json``
    give only values that codec ``accepts``, codes already looked up in their
    table), extras are named by no registry field, raw fields are registry fields
    without a value.  Checking that again costs more than reading the record."""
    record = object.__new__(StatusRecord)
    get = values.get
    for name, set_slot in _FIELD_SLOTS:
        set_slot(record, get(name))
    _SET_KIND(record, kind)
    _SET_EXTRA(record, extra)
    _SET_RAW(record, raw if len(raw) < 2 else tuple(
        sorted(raw, key=lambda kv: _FIELD_ORDER[kv[0]])))
    _SET_DEFECTS(record, defects)
    return record


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusList:
    """A multi-status reply (``fmt`` 0/1 lines, ``<list>``, a JSON array) or a history
    reply: zero or more records, each with its own defects."""

    records: tuple[StatusRecord, ...] = ()
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if not all(isinstance(r, StatusRecord) for r in self.records):
            raise EncodeError("a StatusList holds StatusRecords only", field="records")

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Any:
        return iter(self.records)


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorReply:
    """``ERROR = N (description)`` / ``0,-N`` / ``<result><error>`` / ``{"error": ...}``.

    ``description`` is ``None`` where the wire carries none (``fmt=1``).
    """

    code: int
    description: str | None = None
    endpoint: Endpoint = Endpoint.STATUS
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.code, int) or isinstance(self.code, bool) or self.code < 0:
            raise EncodeError(f"expected a non-negative error number, got {self.code!r}",
                              field="error_code")
        if self.description is not None and not isinstance(self.description, str):
            raise EncodeError("expected text", field="error")

    def meaning(self) -> StatusApiError | HistoryApiError | int:
        """The code in this endpoint's table (the two tables differ: 3 is
        "message not found" for history, 5 "error deleting" for status)."""
        table = HistoryApiError if self.endpoint is Endpoint.HISTORY else StatusApiError
        return lookup(table, self.code)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteOk:
    """The ``OK`` a successful ``del=1`` request answers."""

    defects: tuple[Defect, ...] = ()


Reply = StatusRecord | StatusList | ErrorReply | DeleteOk

