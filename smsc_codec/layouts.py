"""The table of layouts: the single source of truth for every reply record.

Two tables live here, and every decoder and encoder in ``wire/`` is driven by them:

``FIELDS``
    every field a record can carry, in the one order that agrees with every
    ``fmt=3`` layout the vendor documents (canonical JSON uses it), with its value
    codec and whether it is free text.
``LAYOUTS``
    per endpoint x record kind x ``all`` x ``fmt`` (x multi x variant): the ordered
    wire fields.  The rows are the vendor's own templates, quoted; they are parsed
    once, at import.  A new field is one entry in ``FIELDS`` plus the rows that carry
    it; a new layout is one row.

Decisions the docs leave open are named constants here (``MULTI_EXTRAS_AT``) or
policy switches, and are written up in ``spec/decisions.md``.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import field as dataclass_field
from typing import Any, Literal

from smsc_codec.codes import MessageType, StatusCode
from smsc_codec.errors import UsageError
from smsc_codec.values import DATE, ID, INT, MONEY, TEXT, ValueCodec, code, flag_codec

__all__ = [
    "FIELDS",
    "LAYOUTS",
    "MULTI_EXTRAS",
    "MULTI_EXTRAS_AT",
    "Endpoint",
    "Field",
    "Layout",
    "RecordKind",
    "WireField",
    "find_layouts",
    "layout_for",
]


class RecordKind(enum.StrEnum):
    """What a status record describes: an SMS/e-mail message or an HLR query."""

    SMS = "sms"
    HLR = "hlr"


class Endpoint(enum.StrEnum):
    """Which script a reply answers: its layouts and its error table follow."""

    STATUS = "status"  #: status.php
    HISTORY = "history"  #: get.php?get_messages=1


Variant = Literal["documented", "legacy"]


@dataclass(frozen=True, slots=True)
class Field:
    """A row of the field registry."""

    name: str  #: the canonical name: the fmt=2 element and fmt=3 key
    codec: ValueCodec[Any]
    #: User-written text that may hold commas: ``fmt=1`` reads it from both ends.
    free_text: bool = False
    #: What the field holds, in the vendor's words where they have some (the "Where:"
    #: lists of the status and history pages): the doc of the record's attribute.
    doc: str = ""


_F = Field
#: The field registry: every record field by its canonical name, in the one canonical
#: order (the documented ``fmt=3`` orders all agree with it), with its value codec.
FIELDS: dict[str, Field] = {
    f.name: f
    for f in (
        _F("status", code(StatusCode),
           doc="Status code (:class:`~smsc_codec.codes.StatusCode`; a code the table lacks stays "
               "an int)."),
        _F("last_date", DATE,
           doc="The date of the last status change (``check_time`` at ``fmt=0``), in Moscow time."),
        _F("last_timestamp", INT, doc="Time stamp of the last status change (Unix seconds)."),
        _F("flag", flag_codec,
           doc="A 2 byte number containing various information about the message: type, second "
               "balance, template (:class:`~smsc_codec.flags.MessageFlag`)."),
        _F("err", INT,
           doc="Error code if the message was not delivered (``error_code()`` looks it up)."),
        _F("imsi", TEXT, doc="HLR: unique IMSI code of the subscriber's SIM card."),
        _F("msc", TEXT,
           doc="HLR: the number of the service center of the operator in whose network the "
               "subscriber is located."),
        _F("mcc", TEXT, doc="HLR: numeric code of the subscriber's country."),
        _F("mnc", TEXT, doc="HLR: numeric code of the subscriber's operator."),
        _F("cn", TEXT, doc="HLR: name of the country of registration of the subscriber."),
        _F("net", TEXT, doc="HLR: name of the subscriber registration operator."),
        _F("rcn", TEXT,
           doc="HLR: the name of the roaming country of the subscriber when in a foreign network."),
        _F("rnet", TEXT,
           doc="HLR: the name of the roaming operator of the subscriber when in someone else's "
               "network."),
        _F("send_date", DATE, doc="Date the message was sent, in Moscow time."),
        _F("send_timestamp", INT, doc="Time stamp for sending the message (Unix seconds)."),
        _F("phone", TEXT, doc="Subscriber's phone number or e-mail address."),
        _F("cost", MONEY, doc="Message cost, a :class:`~decimal.Decimal` (never a float)."),
        _F("sender_id", TEXT, doc="Sender ID."),
        _F("status_name", TEXT, doc="Status name, as the server words it."),
        _F("message", TEXT, free_text=True, doc="The text of the message."),
        _F("comment", TEXT, free_text=True, doc="Message comment."),
        _F("mccmnc", TEXT,
           doc="The numeric code of the subscriber's country plus the numeric code of the "
               "subscriber's operator."),
        _F("country", TEXT, doc="Name of the country of registration of the subscriber number."),
        _F("operator", TEXT, doc="Current mobile operator of the subscriber."),
        _F("operator_orig", TEXT,
           doc="The subscriber's operator by mobile code before porting the number."),
        _F("region", TEXT, doc="Region of registration of the subscriber number."),
        _F("type", code(MessageType),
           doc='Message type (:class:`~smsc_codec.codes.MessageType`; "for HLR, it is equal to '
               '4").'),
        _F("id", ID, doc="Message ID (history records, and each record of a multi-status reply)."),
        _F("int_id", TEXT, doc="History: global message ID."),
        _F("sms_cnt", INT,
           doc="Number of parts in an SMS message (or seconds in a voice message)."),
        _F("format", INT, doc="History: message format."),
        _F("crc", INT, doc="History: message checksum."),
    )
}

#: Fields only an HLR record carries: their presence tells the kind.
HLR_ONLY = frozenset({"imsi", "msc", "mcc", "mnc", "cn", "net", "rcn", "rnet"})


@dataclass(frozen=True, slots=True)
class WireField:
    """A field as one layout writes it."""

    field: Field
    key: str  #: fmt=0 key ("Status", "check_time", ...); the element/key name for fmt 2/3
    sep: str = " = "  #: fmt=0 separator between key and value
    #: The field's canonical name (``field.name``, kept at hand: encoders ask per value).
    name: str = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.field.name)


@dataclass(frozen=True, slots=True)
class Layout:
    """The ordered fields of one record in one wire format."""

    endpoint: Endpoint
    kind: RecordKind
    all: int  #: detail level 0/1/2 (history has one level, recorded as 2)
    fmt: int
    multi: bool
    variant: Variant
    fields: tuple[WireField, ...]
    #: The multi-status extras this layout appends (``id``, and ``phone`` at all=0).
    extras: tuple[str, ...] = ()

    # Derived from the row above once, when the table is built, so that decoders and
    # encoders look fields up instead of searching the row for every record.
    #: The canonical field names, in wire order.
    names: tuple[str, ...] = field(init=False, repr=False, compare=False)
    #: The same, as a set.
    carried: frozenset[str] = field(init=False, repr=False, compare=False)
    #: Field name -> its WireField.
    by_name: dict[str, WireField] = field(init=False, repr=False, compare=False)
    #: A key-driven reader's lookup: lower-cased key or name -> field name.  The
    #: row's own keys and names come first (in row order); any other registry name
    #: reads as itself.
    by_key: dict[str, str] = field(init=False, repr=False, compare=False)
    #: Positions of the free-text fields in the row.
    free: tuple[int, ...] = field(init=False, repr=False, compare=False)
    #: The registry fields the row lacks, in registry order (what an encoder refuses).
    uncarried: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        carried = frozenset(wf.name for wf in self.fields)
        by_key: dict[str, str] = {}
        for wf in self.fields:
            by_key.setdefault(wf.key.lower(), wf.name)
            by_key.setdefault(wf.name, wf.name)
        for name in FIELDS:
            by_key.setdefault(name, name)
        derived = {
            "names": tuple(wf.name for wf in self.fields),
            "carried": carried,
            "by_name": {wf.name: wf for wf in self.fields},
            "by_key": by_key,
            "free": tuple(i for i, wf in enumerate(self.fields) if wf.field.free_text),
            "uncarried": tuple(name for name in FIELDS if name not in carried),
        }
        for name, value in derived.items():
            object.__setattr__(self, name, value)

    def describe(self) -> str:
        """The layout in words, for errors and reports (``status sms fmt=1 all=2 multi``)."""
        multi = " multi" if self.multi else ""
        variant = " (legacy)" if self.variant == "legacy" else ""
        return (
            f"{self.endpoint} {self.kind} fmt={self.fmt} all={self.all}{multi}{variant}"
        )


# --- the vendor's templates -----------------------------------------------------
#
# fmt=0 and fmt=1 rows are the documentation's strings verbatim (status page,
# "Responses for SMS messages" / "Responses for HLR queries"; history page, "when
# fmt = 0/1").  fmt=2 and fmt=3 rows list the element/key names: the vendor documents
# the very same names in the same order for both, so one row serves the two.
# Placeholder names that differ from the field they fill:
_PLACEHOLDER = {"sender": "sender_id", "check_time": "last_date"}
_SMS, _HLR = RecordKind.SMS, RecordKind.HLR
_ST, _HI = Endpoint.STATUS, Endpoint.HISTORY

_SMS_KEYED_0 = "status last_date last_timestamp flag err"
_SMS_KEYED_1 = " send_date send_timestamp phone cost sender_id status_name message comment"
_HLR_KEYED_0 = "status last_date last_timestamp flag err imsi msc mcc mnc cn net rcn rnet"
_HLR_KEYED_1 = " send_date send_timestamp phone cost sender_id status_name message"
_SMS_KEYED = {
    0: _SMS_KEYED_0,
    1: _SMS_KEYED_0 + _SMS_KEYED_1 + " type sms_cnt",
    2: _SMS_KEYED_0 + _SMS_KEYED_1 + " mccmnc country operator operator_orig region type sms_cnt",
}
_HLR_KEYED = {
    0: _HLR_KEYED_0,
    1: _HLR_KEYED_0 + _HLR_KEYED_1 + " type",
    2: _HLR_KEYED_0 + _HLR_KEYED_1 + " country operator region type",
}

#: (endpoint, kind, all, fmt, variant) -> template
TEMPLATES: dict[tuple[Endpoint, RecordKind, int, int, Variant], str] = {
    # --- SMS / e-mail ---
    (_ST, _SMS, 0, 0, "documented"): "Status = <status>, check_time = <last_date>, err = <err>",
    (_ST, _SMS, 0, 1, "documented"): "<status>,<last_timestamp>,<err>",
    (_ST, _SMS, 1, 0, "documented"): "Status = <status>, check_time = <last_date>, err = <err>,"
    " send_date = <send_date>, phone = <phone>, cost = <cost>, sender_id = <sender>,"
    " status_name = <status_name>, message = <message>, comment = <comment>, type = <type>",
    (_ST, _SMS, 1, 1, "documented"): "<status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,"
    "<cost>,<sender>,<status_name>,<message>, <comment>, <type>",
    (_ST, _SMS, 2, 0, "documented"): "Status = <status>, check_time = <last_date>, err = <err>,"
    " send_date = <send_date>, phone = <phone>, mccmnc = <mccmnc>, country = <country>,"
    " operator = <operator>, operator_orig= <operator_orig>, region = <region>, cost = <cost>,"
    " sender_id = <sender>, status_name = <status_name>, message = <message>,"
    " comment = <comment>, type = <type>",
    (_ST, _SMS, 2, 1, "documented"): "<status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,"
    "<country>,<operator>,<region>,<cost>,<sender>,<status_name>,<message>, <comment>, <type>",
    # The vendor's PHP library (v3.x) describes an older fmt=1 row without comment
    # and type, "(<send time>, <phone>, <cost>, <sender id>, <status name>, <message>)"
    # appended "at the end", and "<country>, <operator>, <region>" with all=2.
    (_ST, _SMS, 1, 1, "legacy"): "<status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,"
    "<cost>,<sender>,<status_name>,<message>",
    (_ST, _SMS, 2, 1, "legacy"): "<status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,"
    "<country>,<operator>,<region>,<cost>,<sender>,<status_name>,<message>",
    # --- HLR ---
    (_ST, _HLR, 0, 0, "documented"): "Status = <status>, check_time = <check_time>, err = <err>,"
    " imsi = <imsi>, msc = <msc>, mcc = <mcc>, mnc = <mnc>, cn = <cn>, net = <net>,"
    " rcn = <rcn>, rnet = <rnet>",
    (_ST, _HLR, 0, 1, "documented"): "<status>,<last_timestamp>,<err>,<imsi>,<msc>,<mcc>,<mnc>,"
    "<cn>,<net>,<rcn>,<rnet>",
    (_ST, _HLR, 1, 0, "documented"): "Status = <status>, check_time = <check_time>, err = <err>,"
    " imsi = <imsi>, msc = <msc>, mcc = <mcc>, mnc = <mnc>, cn = <cn>, net = <net>,"
    " rcn = <rcn>, rnet = <rnet>, send_date = <send_date>, phone = <phone>, cost = <cost>,"
    " sender_id = <sender_id>, status_name = <status_name>, message = <message>, type = <type>",
    (_ST, _HLR, 1, 1, "documented"): "<status>,<last_timestamp>,<err>,<imsi>,<msc>,<mcc>,<mnc>,"
    "<cn>,<net>,<rcn>,<rnet>, <send_timestamp>,<phone>,<cost>,<sender_id>,<status_name>,"
    "<message>,<type>",
    (_ST, _HLR, 2, 0, "documented"): "Status = <status>, check_time = <check_time>, err = <err>,"
    " imsi = <imsi>, msc = <msc>, mcc = <mcc>, mnc = <mnc>, cn = <cn>, net = <net>,"
    " rcn = <rcn>, rnet = <rnet>, send_date = <send_date>, phone = <phone>,"
    " country = <country>, operator = <operator>, region = <region>, cost = <cost>,"
    " sender_id = <sender_id>, status_name = <status_name>, message = <message>, type = <type>",
    (_ST, _HLR, 2, 1, "documented"): "<status>,<last_timestamp>,<err>,<imsi>,<msc>,<mcc>,<mnc>,"
    "<cn>,<net>,<rcn>,<rnet>, <send_timestamp>,<phone>,<country>,<operator>,<region>,<cost>,"
    "<sender_id>,<status_name>,<message>,<type>",
    # --- history (get.php?get_messages=1): one detail level, always a list ---
    (_HI, _SMS, 2, 0, "documented"): "Status = <status>, check_time = <last_date>, err = <err>,"
    " send_date = <send_date>, phone = <phone>, mccmnc = <mccmnc>, country = <country>,"
    " operator = <operator>, region = <region>, cost = <cost>, sender_id = <sender>,"
    " status_name = <status_name>, message = <message>, type = <type>, ID = <id>,"
    " int_id = <int_id>, sms_cnt = <sms_cnt>, format = <format>, crc = <crc>",
    (_HI, _SMS, 2, 1, "documented"): "<status>,<last_timestamp>,<err>,<send_timestamp>,<phone>,"
    "<mccmnc>,<country>,<operator>,<region>,<cost>,<sender>,<status_name>, <message>,<type>,"
    "<id>,<int_id>,<sms_cnt>,<format>,<crc>",
    (_HI, _SMS, 2, 2, "documented"): "status last_date last_timestamp err send_date"
    " send_timestamp phone cost sender_id status_name message mccmnc country operator region"
    " type id int_id sms_cnt format crc",
}
for _all, _names in _SMS_KEYED.items():
    TEMPLATES[_ST, _SMS, _all, 2, "documented"] = _names
for _all, _names in _HLR_KEYED.items():
    TEMPLATES[_ST, _HLR, _all, 2, "documented"] = _names

#: Where a multi-status reply puts its extra fields (status page: "the message
#: identifier is additionally returned for each status ... If all = 0, the message ID
#: and phone number are additionally returned").  The docs do not say where; we put
#: them after the documented fields ("end"); "start" puts them before.  One switch:
#: see spec/decisions.md (D-multi-extras).
MULTI_EXTRAS_AT: Literal["end", "start"] = "end"
#: The extras per ``all`` level, with their fmt=0 spelling: "ID" as on the only fmt=0
#: line the vendor documents with an id (the history reply).
MULTI_EXTRAS: dict[int, tuple[tuple[str, str], ...]] = {
    0: (("id", "ID"), ("phone", "phone")),
    1: (("id", "ID"),),
    2: (("id", "ID"),),
}

_KV_ITEM = re.compile(r"(\w+)( ?= ?)<(\w+)>")
_CSV_ITEM = re.compile(r"<(\w+)>")


def _wire_field(placeholder: str, key: str | None = None, sep: str = " = ") -> WireField:
    name = _PLACEHOLDER.get(placeholder, placeholder)
    return WireField(FIELDS[name], key if key is not None else name, sep)


def _kv_fields(template: str) -> tuple[WireField, ...]:
    items = [_KV_ITEM.fullmatch(part) for part in template.split(", ")]
    return tuple(_wire_field(m[3], m[1], m[2]) for m in items if m)


def _comma_fields(template: str) -> tuple[WireField, ...]:
    # The docs write ", " before some fields (", <comment>, <type>"): a
    # typographic artefact; the wire has bare commas (spec/decisions.md D-fmt1-spaces).
    return tuple(_wire_field(m[1]) for m in _CSV_ITEM.finditer(template))


def _named_fields(template: str) -> tuple[WireField, ...]:
    return tuple(_wire_field(name) for name in template.split())


@dataclass(frozen=True, slots=True)
class _Spelling:
    """How one ``fmt``'s templates are written in the docs (the table's side of the
    format registry, smsc_codec.wire.formats, which sits above this module)."""

    parse: Callable[[str], tuple[WireField, ...]]
    #: Fields carry a key of their own (fmt=0's ``ID``), not the canonical name.
    keyed: bool = False
    #: Every field is a ``<placeholder>``: the parse must have found each one.
    placeholders: bool = False
    #: The docs' template serves another fmt too, with the same names (fmt=2 -> 3).
    same_names_at: int | None = None


_SPELLINGS: dict[int, _Spelling] = {
    0: _Spelling(_kv_fields, keyed=True, placeholders=True),
    1: _Spelling(_comma_fields, placeholders=True),
    2: _Spelling(_named_fields, same_names_at=3),
    3: _Spelling(_named_fields),
}
# fmt=3 spells each record with the key names of fmt=2 (the docs give one table for both).
for (_ep, _kind, _all, _fmt, _var), _t in list(TEMPLATES.items()):
    if (_also := _SPELLINGS[_fmt].same_names_at) is not None:
        TEMPLATES[_ep, _kind, _all, _also, _var] = _t


def _with_extras(fields: tuple[WireField, ...], all_level: int, fmt: int) -> tuple[WireField, ...]:
    keyed = _SPELLINGS[fmt].keyed
    extras = tuple(
        WireField(FIELDS[name], key if keyed else name) for name, key in MULTI_EXTRAS[all_level]
    )
    return fields + extras if MULTI_EXTRAS_AT == "end" else extras + fields


LayoutKey = tuple[Endpoint, RecordKind, int, int, bool, Variant]


def _build() -> dict[LayoutKey, Layout]:
    table: dict[LayoutKey, Layout] = {}
    for (endpoint, kind, all_level, fmt, variant), template in TEMPLATES.items():
        spelling = _SPELLINGS[fmt]
        fields = spelling.parse(template)
        if spelling.placeholders and len(fields) != template.count("<") - template.count("</"):
            raise AssertionError(f"unparsed template item in {template!r}")
        multis = (True,) if endpoint is Endpoint.HISTORY else (False, True)
        for multi in multis:
            row, extras = fields, tuple[str, ...]()
            if multi and endpoint is Endpoint.STATUS:
                row = _with_extras(fields, all_level, fmt)
                extras = tuple(name for name, _ in MULTI_EXTRAS[all_level])
            table[endpoint, kind, all_level, fmt, multi, variant] = Layout(
                endpoint, kind, all_level, fmt, multi, variant, row, extras
            )
    return table


#: Every layout, built once at import from :data:`TEMPLATES` and the ``fmt=2``/``fmt=3``
#: field lists: the table every row decoder and encoder is driven by.
LAYOUTS: dict[LayoutKey, Layout] = _build()


def layout_for(
    endpoint: Endpoint,
    kind: RecordKind,
    all_level: int,
    fmt: int,
    multi: bool,
    variant: Variant = "documented",
) -> Layout:
    """The one layout for these parameters (legacy rows exist for fmt=1 SMS only)."""
    if endpoint is Endpoint.HISTORY:
        all_level, multi = 2, True
    key = (endpoint, kind, all_level, fmt, multi, variant)
    if key not in LAYOUTS:
        key = (endpoint, kind, all_level, fmt, multi, "documented")
    found = LAYOUTS.get(key)
    if found is None:  # e.g. kind=hlr for history: the vendor documents no such reply
        raise UsageError(f"no {kind.value} layout for {endpoint.value} replies"
                         f" (fmt={fmt}, all={all_level})")
    return found


def find_layouts(
    endpoint: Endpoint,
    all_level: int,
    fmt: int,
    *,
    kind: RecordKind | None = None,
    multi: bool | None = None,
) -> list[Layout]:
    """Every layout that matches the pinned parameters, in preference order:
    single before multi, SMS before HLR, documented before legacy."""
    if endpoint is Endpoint.HISTORY:
        all_level = 2
    return [
        layout
        for (ep, k, a, f, m, v), layout in sorted(
            LAYOUTS.items(), key=lambda kv: (kv[0][4], kv[0][1] != RecordKind.SMS, kv[0][5])
        )
        if ep is endpoint
        and a == all_level
        and f == fmt
        and (kind is None or k is kind)
        and (multi is None or m == multi)
    ]
