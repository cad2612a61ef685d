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

import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import FrozenInstanceError, dataclass
from datetime import datetime
from decimal import Decimal
from itertools import repeat
from typing import TYPE_CHECKING, Any, overload

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
from smsc_codec.flags import FLAG_MAX, MessageFlag
from smsc_codec.layouts import FIELDS, Endpoint, RecordKind
from smsc_codec.policy import Defect
from smsc_codec.rows import RowReader
from smsc_codec.values import DATE, ID, INT, MONEY, MSK, TEXT, flag_codec

#: An amount's text that is exactly one Decimal: digits, at most one point.
MONEY_TEXT = re.compile(r"-?[0-9]{1,30}(?:\.[0-9]{1,30})?", re.ASCII)

__all__ = [
    "DeleteOk", "ErrorReply", "Reply", "StatusList", "StatusRecord", "StatusReply", "wire_record",
    "wire_records",
]

#: A value as fmt=3 JSON can hold it (unknown fields keep their JSON type).
JsonValue = Any


def _frozen(value: Any) -> Any:
    """A hashable view of a JSON value that is equal where the values are: an array as
    a tuple, an object as a frozenset of its items (equal dicts in any order)."""
    if isinstance(value, list | tuple):
        return tuple(map(_frozen, value))
    if isinstance(value, dict):
        return frozenset((key, _frozen(item)) for key, item in value.items())
    return value


class StatusRecord:
    """The status of one message or HLR query.

    Every wire field is an attribute named as in ``fmt=3`` (``check_time`` and
    ``Status`` of ``fmt=0`` are ``last_date`` and ``status``); ``None`` means the
    reply did not carry it.  Codes are enum members when the docs name them and
    plain ints otherwise; dates are aware datetimes in Moscow time; ``cost`` is a
    :class:`~decimal.Decimal`.

    Immutable, validated on construction, equal (and hashing equal) when every
    field, ``kind``, ``extra``, ``raw`` and ``defects`` are.  A decoder may build a
    record from a wire row it has already checked, canonical value by canonical
    value (:func:`wire_record`): such a record types each field on first access,
    which cannot fail, and keeps its wire text for the encoders.  That is
    invisible here but for speed (spec/decisions.md, D-lazy-typing).
    """

    __slots__ = ("_defects", "_reader", "_row", "_values", "extra", "kind", "raw")

    kind: RecordKind
    #: Fields no layout knows, in wire order, with the value as it came.
    extra: tuple[tuple[str, JsonValue], ...]
    #: Known fields whose wire value did not parse as their type, kept verbatim: the
    #: text for fmt 0/1/2, the JSON value for fmt=3.
    raw: tuple[tuple[str, JsonValue], ...]
    #: The defects, or a wire record's line number in its list while they are still
    #: to be written out by its reader (see the ``defects`` property).
    _defects: tuple[Defect, ...] | int
    #: The typed values known so far (all of them for a record built by hand).
    _values: dict[str, Any]
    #: The checked wire row the other values come from, and how (or ``None``).
    _row: Any
    _reader: RowReader | None

    if TYPE_CHECKING:  # the field attributes: read-only properties made from FIELDS below
        @property
        def status(self) -> StatusCode | int | None: ...
        @property
        def last_date(self) -> datetime | None: ...
        @property
        def last_timestamp(self) -> int | None: ...
        @property
        def flag(self) -> MessageFlag | None: ...
        @property
        def err(self) -> int | None: ...
        @property
        def imsi(self) -> str | None: ...
        @property
        def msc(self) -> str | None: ...
        @property
        def mcc(self) -> str | None: ...
        @property
        def mnc(self) -> str | None: ...
        @property
        def cn(self) -> str | None: ...
        @property
        def net(self) -> str | None: ...
        @property
        def rcn(self) -> str | None: ...
        @property
        def rnet(self) -> str | None: ...
        @property
        def send_date(self) -> datetime | None: ...
        @property
        def send_timestamp(self) -> int | None: ...
        @property
        def phone(self) -> str | None: ...
        @property
        def cost(self) -> Decimal | None: ...
        @property
        def sender_id(self) -> str | None: ...
        @property
        def status_name(self) -> str | None: ...
        @property
        def message(self) -> str | None: ...
        @property
        def comment(self) -> str | None: ...
        @property
        def mccmnc(self) -> str | None: ...
        @property
        def country(self) -> str | None: ...
        @property
        def operator(self) -> str | None: ...
        @property
        def operator_orig(self) -> str | None: ...
        @property
        def region(self) -> str | None: ...
        @property
        def type(self) -> MessageType | int | None: ...
        @property
        def id(self) -> int | str | None: ...
        @property
        def int_id(self) -> str | None: ...
        @property
        def sms_cnt(self) -> int | None: ...
        @property
        def format(self) -> int | None: ...
        @property
        def crc(self) -> int | None: ...

    def __init__(
        self,
        *,
        kind: RecordKind = RecordKind.SMS,
        extra: tuple[tuple[str, JsonValue], ...] = (),
        raw: tuple[tuple[str, JsonValue], ...] = (),
        defects: tuple[Defect, ...] = (),
        **values: Any,
    ) -> None:
        if not isinstance(kind, RecordKind):
            raise EncodeError(f"expected a RecordKind, got {kind!r}", field="kind")
        for name, value in values.items():
            spec = FIELDS.get(name)
            if spec is None:
                raise TypeError(f"StatusRecord() got an unexpected keyword argument {name!r}")
            if value is not None and not spec.codec.accepts(value):
                value = values[name] = _obvious(spec.codec, value)
            if value is not None and not spec.codec.accepts(value):
                raise EncodeError(
                    f"expected {spec.codec.expected} (pass {_python(spec.codec)}),"
                    f" got {type(value).__name__}", field=name
                )
        extra, raw, defects = tuple(extra), tuple(raw), tuple(defects)
        for name, _ in extra:
            if not isinstance(name, str) or name in FIELDS:
                raise EncodeError(f"{name!r} is a known field, not an extra", field="extra")
        for name, _ in raw:
            if name not in FIELDS:
                raise EncodeError(f"{name!r} is not a known field", field="raw")
            if values.get(name) is not None:
                raise EncodeError("a field cannot have both a value and raw text", field=name)
        typed = dict.fromkeys(FIELDS)
        typed.update(values)
        # Normalise known codes to their enum members, so equality and repr agree
        # however the record was built.
        for name, enum in (("status", StatusCode), ("type", MessageType)):
            number = typed[name]
            if number is not None:
                typed[name] = lookup(enum, number)
        _init(self, kind, typed, None, None, extra, _in_field_order(raw), defects)

    @property
    def defects(self) -> tuple[Defect, ...]:
        """What lenient decoding accepted in this record (see :class:`Defect`)."""
        found = self._defects
        if isinstance(found, int):
            # A wire record whose reading is a deviation in itself (fmt=1: commas in
            # two free-text fields) keeps its line number until asked: a Defect per
            # record of a large list is two more objects for the garbage collector.
            reader = self._reader
            assert reader is not None and reader.row_defects is not None
            found = reader.row_defects(self._row, found)
            _SET_DEFECTS(self, found)
        return found

    def __setattr__(self, name: str, value: Any) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")

    def _key(self) -> tuple[Any, ...]:
        return (self.kind, tuple(getattr(self, name) for name in FIELDS), self.extra,
                self.raw, self.defects)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        # Extras and raw values from JSON may be arrays and objects: hashed through a
        # frozen view, so that every record hashes (equal records alike).
        kind, values, extra, raw, defects = self._key()
        return hash((kind, values, _frozen(extra), _frozen(raw), defects))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled and copied by value (the wire row is an implementation detail).
        return (_rebuild, (self.kind, self.values(), self.extra, self.raw, self.defects))

    def __repr__(self) -> str:
        # Only what the reply carried: a record has 30-odd fields, most of them None.
        shown = {"kind": self.kind, **self.values()}
        shown |= {k: v for k in ("extra", "raw", "defects") if (v := getattr(self, k))}
        return f"StatusRecord({', '.join(f'{k}={v!r}' for k, v in shown.items())})"

    def replace(self, **changes: Any) -> StatusRecord:
        """A copy with *changes* (checked as the constructor checks)."""
        current: dict[str, Any] = {"kind": self.kind, "extra": self.extra, "raw": self.raw,
                                   "defects": self.defects}
        current.update(self.values())
        current.update(changes)
        return StatusRecord(**current)

    def values(self) -> dict[str, Any]:
        """The fields this record carries, in canonical order (no extras, no raw)."""
        reader = self._reader
        if reader is None:
            return {name: v for name in FIELDS if (v := getattr(self, name)) is not None}
        held = reader.names(self._row)  # a wire row: only its fields can have a value
        return {name: v for name in FIELDS
                if name in held and (v := getattr(self, name)) is not None}

    def wire_value(self, name: str) -> Any:
        """The checked wire form of field *name* this record was decoded from: its
        canonical text (fmt 0/1/2) or JSON value (fmt=3) -- or ``None`` (a record
        built by hand, or a field the wire row did not hold)."""
        reader = self._reader
        if reader is None:
            return None
        return reader.wire(self._row, name)

    @property
    def wire_family(self) -> str | None:
        """``"text"`` or ``"json"``: what :meth:`wire_value` gives, if anything."""
        reader = self._reader
        return None if reader is None else reader.family

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


def _field_property(name: str) -> property:
    """The attribute of one field: its typed value, typed from the wire row the
    first time it is asked for (and remembered)."""

    def get(self: StatusRecord) -> Any:
        values = self._values
        value = values.get(name, _UNTYPED)  # (a miss is common: no KeyError raised)
        if value is not _UNTYPED:
            return value
        reader = self._reader
        if reader is None:
            value = None
        else:
            row = self._row
            if reader.expand is not None and type(row) is str:  # read once, kept read
                row = reader.expand(row)
                _SET_ROW(self, row)
            value = reader.value(row, name)
        if values is _NO_VALUES:  # the first field asked for: the record's own dict
            values = {}
            _SET_VALUES(self, values)
        values[name] = value
        return value

    # The doc is the field's row of the registry (layouts.FIELDS): written once.
    return property(get, doc=f"{FIELDS[name].doc} ``None`` when the record lacks it.")


for _name in FIELDS:
    setattr(StatusRecord, _name, _field_property(_name))
del _name

_UNTYPED = object()
#: What a wire record's typed values start as: shared, never written to (a record
#: gets a dict of its own when a first field is typed).
_NO_VALUES: dict[str, Any] = {}
_NEW = object.__new__
_SET_KIND, _SET_EXTRA, _SET_RAW, _SET_DEFECTS, _SET_VALUES, _SET_ROW, _SET_READER = (
    StatusRecord.__dict__[name].__set__
    for name in ("kind", "extra", "raw", "_defects", "_values", "_row", "_reader")
)
_FIELD_ORDER = {name: i for i, name in enumerate(FIELDS)}


def _init(record: StatusRecord, kind: RecordKind, values: dict[str, Any], row: Any,
          reader: RowReader | None, extra: tuple[tuple[str, JsonValue], ...],
          raw: tuple[tuple[str, JsonValue], ...], defects: tuple[Defect, ...]) -> None:
    _SET_KIND(record, kind)
    _SET_VALUES(record, values)
    _SET_ROW(record, row)
    _SET_READER(record, reader)
    _SET_EXTRA(record, extra)
    _SET_RAW(record, raw)
    _SET_DEFECTS(record, defects)


def _in_field_order(raw: tuple[tuple[str, JsonValue], ...]) -> tuple[tuple[str, JsonValue], ...]:
    # raw holds known fields: keep them in field order, as values are, so a record is
    # equal to itself however its wire ordered them.
    return raw if len(raw) < 2 else tuple(sorted(raw, key=lambda kv: _FIELD_ORDER[kv[0]]))


def _rebuild(kind: RecordKind, values: dict[str, Any], extra: tuple[tuple[str, JsonValue], ...],
             raw: tuple[tuple[str, JsonValue], ...], defects: tuple[Defect, ...]
             ) -> StatusRecord:
    return StatusRecord(kind=kind, extra=extra, raw=raw, defects=defects, **values)


def record_field_names() -> tuple[str, ...]:
    """The record attributes that are wire fields (the registry's, in its order)."""
    return tuple(name for name in FIELDS if isinstance(getattr(StatusRecord, name), property))


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
    without a value.  Checking that again costs more than reading the record.
    The record keeps *values* itself: the caller hands it over."""
    record = _NEW(StatusRecord)
    _init(record, kind, values, None, None, extra, _in_field_order(raw), defects)
    return record


def wire_record(kind: RecordKind, row: Any, reader: RowReader,
                defects: tuple[Defect, ...] = ()) -> StatusRecord:
    """A record over a wire row whose every value the caller has checked to be the
    canonical wire form of its field (what ``reader`` types it with cannot fail)."""
    record = _NEW(StatusRecord)
    _SET_KIND(record, kind)
    _SET_VALUES(record, _NO_VALUES)
    _SET_ROW(record, row)
    _SET_READER(record, reader)
    _SET_EXTRA(record, ())
    _SET_RAW(record, ())
    _SET_DEFECTS(record, defects)
    return record


def wire_records(kind: RecordKind, rows: list[Any], reader: RowReader,
                 defects: list[tuple[Defect, ...] | int] | None = None) -> list[StatusRecord]:
    """:func:`wire_record` for many rows at once: each slot of every record is set in
    one pass over the records (no Python call per record: a list of 10 000 records
    costs what building the objects costs).  A record's *defects* may be its line
    number instead, when ``reader.row_defects`` tells them from the row."""
    records = list(map(_NEW, repeat(StatusRecord, len(rows))))
    for set_slot, values in (
        (_SET_KIND, repeat(kind)),
        (_SET_VALUES, repeat(_NO_VALUES)),
        (_SET_ROW, rows),
        (_SET_READER, repeat(reader)),
        (_SET_EXTRA, repeat(())),
        (_SET_RAW, repeat(())),
        (_SET_DEFECTS, repeat(()) if defects is None else defects),
    ):
        deque(map(set_slot, records, values), maxlen=0)
    return records


#: The Python value each kind of field takes, named in the error for any other.
_PYTHON: dict[object, str] = {
    DATE: "an aware datetime", MONEY: "a Decimal or its text, like '2.50'",
    flag_codec: "a MessageFlag or an int 0..65535", INT: "an int", TEXT: "a str",
    ID: "an int or a str",
}


def _python(codec: Any) -> str:
    """The Python value a field of *codec* takes; a code table's enum or an int."""
    if codec in _PYTHON:
        return _PYTHON[codec]
    expected = str(codec.expected)
    if expected.startswith("a ") and expected.endswith(" code"):  # code(enum): "a StatusCode code"
        return f"a {expected[2:-5]} or an int"
    return "one"


def _obvious(codec: object, value: Any) -> Any:
    """The field's value for a Python value that can mean only one thing, else *value*:
    an int flag, an aware datetime (in Moscow time), an amount's exact decimal text."""
    if codec is flag_codec and type(value) is int and 0 <= value <= FLAG_MAX:
        return MessageFlag.from_int(value)
    if codec is DATE and isinstance(value, datetime) and value.utcoffset() is not None:
        try:
            return value.astimezone(MSK)
        except OverflowError:  # past year 9999 in Moscow time: the codec refuses it
            return value
    if codec is MONEY and isinstance(value, str) and MONEY_TEXT.fullmatch(value):
        return Decimal(value)
    return value


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusList(Sequence[StatusRecord]):
    """A multi-status reply (``fmt`` 0/1 lines, ``<list>``, a JSON array) or a history
    reply: zero or more records, each with its own defects.

    A read-only sequence of its records: ``reply[0]``, ``reply[1:]`` (a tuple),
    ``reversed(reply)``, ``reply.index(record)``, ``reply.count(record)``.  ``records``
    and ``defects`` may be given as lists; they are kept as tuples.
    """

    records: tuple[StatusRecord, ...] = ()
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        for name in ("records", "defects"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
            elif not isinstance(value, tuple):
                raise EncodeError(f"expected a tuple or list of "
                                  f"{'StatusRecord' if name == 'records' else 'Defect'}"
                                  f", got {type(value).__name__}", field=name)
        if not all(map(isinstance, self.records, repeat(StatusRecord))):
            bad = next(r for r in self.records if not isinstance(r, StatusRecord))
            raise EncodeError(f"a StatusList holds StatusRecords only, got "
                              f"{type(bad).__name__}", field="records")

    def __len__(self) -> int:
        return len(self.records)

    def __iter__(self) -> Iterator[StatusRecord]:
        return iter(self.records)

    @overload
    def __getitem__(self, index: int) -> StatusRecord: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[StatusRecord, ...]: ...

    def __getitem__(self, index: int | slice) -> StatusRecord | tuple[StatusRecord, ...]:
        return self.records[index]


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


#: Anything a reply decoder returns: a status/history reply or a delete's ``OK``.
Reply = StatusRecord | StatusList | ErrorReply | DeleteOk
#: What a status or history reply decodes to (a delete reply is read by its own call).
StatusReply = StatusRecord | StatusList | ErrorReply

