"""The canonical JSON form of any decoded reply, and back.

Canonical JSON is the ``fmt=3`` shape: the same keys and JSON types (``cost`` as a
string, dates as ``DD.MM.YYYY hh:mm:ss`` strings), fields the source format did not
carry absent, ``fmt=0``'s ``Status``/``check_time`` named ``status``/``last_date``.
Keys follow the one order of :data:`~smsc_codec.layouts.FIELDS` (it agrees with every
documented ``fmt=3`` layout); unknown fields follow, as they came.  A list is an
array, an error ``{"error": ..., "error_code": N}``, a delete ``{"result": "OK"}``.

Defects are not part of the canonical form (they describe the wire, not the value).

Two values JSON has no plain spelling for are still written, losslessly (spec/README.md,
"Canonical JSON"): a byte a lenient decode could not read in the declared charset is
held as a lone surrogate (``U+DC80``..``U+DCFF``, Python's ``surrogateescape``) and
written as the JSON escape ``"\\udcXX"``; an integer beyond 64 bits is written as the
JSON number it is.  :func:`from_canonical` reads both back.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from typing import Any, overload

import orjson

from smsc_codec.errors import DecodeError
from smsc_codec.layouts import FIELDS, Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.policy import LENIENT, DefectLog, Policy
from smsc_codec.shape import ReplyShape, reply_shape
from smsc_codec.values import INT_MAX, INT_MIN, WideInt, exact_json_int
from smsc_codec.wire import jsondoc
from smsc_codec.wire._common import Context

__all__ = ["VALUE_DEFECTS", "dumps", "from_canonical", "loads", "to_canonical",
           "to_canonical_json", "without_defects"]


def _record(record: StatusRecord) -> dict[str, Any]:
    if record.wire_family == "json":
        # A fmt=3 wire row holds only values its decoder checked to be canonical
        # (spec/decisions.md, D-lazy-typing): for each, to_json(from_json(v)) is v
        # itself, of its JSON type (smsc_codec.values, ``read_json``).  So the row's
        # values are the canonical JSON as they are, untyped (issue 14: typing each
        # field to write it back was most of what a record cost here).  Such a record
        # has no raw fields and no extras (models.wire_record).
        return {name: value for name in FIELDS
                if (value := record.wire_value(name)) is not None}
    raw = dict(record.raw)
    out: dict[str, Any] = {}
    for name, spec in FIELDS.items():
        value = getattr(record, name)
        if value is not None:
            out[name] = spec.codec.to_json(value)
        elif name in raw:
            out[name] = raw[name]
    out.update(record.extra)
    return out


#: An error or delete reply's object is the same in every shape: the status one's.
_SHAPE = ReplyShape(endpoint=Endpoint.STATUS, fmt=3, all=0, charset="utf-8")


def to_canonical(reply: Reply) -> Any:
    """The canonical JSON value (dicts, lists, str, int) of a decoded reply."""
    if isinstance(reply, StatusRecord):
        return _record(reply)
    if isinstance(reply, StatusList):
        return [_record(r) for r in reply.records]
    return jsondoc.reply_obj(reply, Context(_SHAPE, DefectLog(LENIENT)))


def dumps(value: Any, *, indent: bool = False) -> bytes:
    """A JSON value as UTF-8 bytes, lone surrogates and big integers included.

    orjson refuses both (``TypeError``); the standard library writes them: a surrogate
    left raw by ``ensure_ascii=False`` becomes its ``\\udcXX`` escape on encoding
    (any backslash of the text itself is already escaped, so none is ambiguous).
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2 if indent else 0)
    except TypeError:
        text = json.dumps(value, ensure_ascii=False, indent=2 if indent else None,
                          separators=None if indent else (",", ":"))
        return text.encode("utf-8", "backslashreplace")


def loads(text: str | bytes) -> Any:
    """The JSON value of *text*; reads what :func:`dumps` writes (lone surrogates and
    integers beyond 64 bits, exactly, as :class:`~smsc_codec.values.WideInt`, too)."""
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        try:  # orjson refuses a lone surrogate escape, which JSON's grammar allows
            return json.loads(text, parse_int=exact_json_int)
        except (ValueError, RecursionError):
            raise DecodeError(f"malformed JSON: {exc.msg}", pos=exc.pos) from exc
    long_digits = _LONG_DIGITS_B.search(text) if isinstance(text, bytes) else \
        _LONG_DIGITS.search(text)
    if long_digits is None:
        return value
    # 20 digits in a row somewhere: maybe an integer beyond 64 bits, which orjson
    # read as a float.  The standard library's integers are exact.
    try:
        return json.loads(text, parse_int=exact_json_int)
    except (ValueError, RecursionError):  # beyond Python's digit limit: orjson's float
        return value


# The shortest integer literal beyond 64 bits has 20 digits (2**64 = 18446744073709551616).
_LONG_DIGITS = re.compile("[0-9]{20}")
_LONG_DIGITS_B = re.compile(b"[0-9]{20}")


def to_canonical_json(reply: Reply, *, indent: bool = False) -> bytes:
    """Canonical JSON as UTF-8 bytes (``indent`` for people, compact for machines)."""
    return dumps(to_canonical(reply), indent=indent)


#: The defects canonical JSON can have.  It is no wire form: fields absent, unknown
#: ones kept, any key order are its normal shape, and a quoted number is a spelling;
#: but a value that is not its field's type (``"status": "delivered"``, ``"last_date":
#: "yesterday"``) is a bad value wherever it comes from.
VALUE_DEFECTS = frozenset({"bad-value"})


def from_canonical(
    data: Any,
    /,
    *,
    endpoint: Endpoint = Endpoint.STATUS,
    kind: RecordKind | str | None = None,
    policy: Policy = LENIENT,
) -> Reply:
    """The reply value of canonical JSON (a parsed value, or JSON text/bytes).

    The inverse of :func:`to_canonical` for every value it produces (defects aside):
    an array is a :class:`StatusList`, an object a record, an error or a delete.

    A value that is not its field's type is kept as it came (in ``raw``, as a decoder
    keeps it) with a ``bad-value`` defect; under a strict *policy* it raises
    :class:`DecodeError` instead.  No other defect is recorded (:data:`VALUE_DEFECTS`).
    """
    data = loads(data) if isinstance(data, str | bytes) else _widened(data)
    shape = reply_shape(endpoint=endpoint, fmt=3, all=2, charset="utf-8", kind=kind)
    ctx = Context(shape, DefectLog(LENIENT))
    return _value_defects(jsondoc.decode_value(data, ctx), policy)


def _widened(data: Any) -> Any:
    """Parsed canonical JSON with each plain ``int`` beyond 64 bits that is a record's
    value made the :class:`~smsc_codec.values.WideInt` :func:`loads` would give (the
    fast lane takes plain ints unchecked; a WideInt is a bad value, D-int64)."""
    rows = data if isinstance(data, list) else [data]
    if not any(type(v) is int and not INT_MIN <= v <= INT_MAX
               for row in rows if isinstance(row, dict) for v in row.values()):
        return data
    wide = [{k: WideInt(v) if type(v) is int and not INT_MIN <= v <= INT_MAX else v
             for k, v in row.items()} if isinstance(row, dict) else row for row in rows]
    return wide if isinstance(data, list) else wide[0]


def _value_defects(reply: Reply, policy: Policy) -> Reply:
    """*reply* with only its :data:`VALUE_DEFECTS`, or the first of them raised."""
    records = reply.records if isinstance(reply, StatusList) else \
        (reply,) if isinstance(reply, StatusRecord) else ()
    kept = [tuple(d for d in r.defects if d.kind in VALUE_DEFECTS) for r in records]
    if policy.strict:
        for defects in kept:
            if defects:
                first = defects[0]
                raise DecodeError(first.message, field=first.field, kind=first.kind)
    if isinstance(reply, StatusList):
        return StatusList(records=tuple(r.replace(defects=d)
                                        for r, d in zip(reply.records, kept, strict=True)))
    if isinstance(reply, StatusRecord):
        return reply.replace(defects=kept[0])
    return without_defects(reply)


@overload
def without_defects(reply: StatusRecord) -> StatusRecord: ...
@overload
def without_defects(reply: StatusList) -> StatusList: ...
@overload
def without_defects(reply: ErrorReply) -> ErrorReply: ...
@overload
def without_defects(reply: DeleteOk) -> DeleteOk: ...
def without_defects(reply: Reply) -> Reply:
    """*reply* with every defect dropped (a list's and its records'); the same type."""
    if isinstance(reply, StatusList):
        return StatusList(records=tuple(r.replace(defects=()) for r in reply.records))
    if isinstance(reply, StatusRecord):
        return reply.replace(defects=())
    return replace(reply, defects=())
