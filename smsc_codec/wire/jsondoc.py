"""``fmt=3``: JSON objects, arrays of them, and the error/delete objects.

Grammar (status page, "with fmt = 3"; "statuses are separated by commas, and the
entire list is framed by square brackets"; error and delete replies)::

    reply   = record / "[" [record *("," record)] "]" / error / result
    record  = "{" "\\"status\\":" N *("," "\\"" name "\\":" value) "}"
    error   = {"error": "description", "error_code": N}
    result  = {"result": "OK"}

Strategy: orjson parses text (the charset was applied at the boundary, so a
windows-1251 or koi8-r body is decoded to text first -- it is never handed to a
UTF-8-only parser as bytes).  Keys are the canonical field names; values must have
the JSON type the vendor documents (a quoted number where a number belongs decodes,
with a defect).  Unknown keys are kept with their JSON value.

Canonical output is orjson's compact form in layout order.  For a single-byte
charset, characters it lacks are written as ``\\uXXXX`` escapes, so any text fits.
"""

from __future__ import annotations

import codecs
import json
import re
from typing import Any

import orjson

from smsc_codec.charset import Charset, can_encode, encode_text
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusRecord, wire_record
from smsc_codec.values import INT_MAX, INT_MIN, exact_json_int
from smsc_codec.wire import _fast
from smsc_codec.wire._common import (
    READ_JSON,
    TO_JSON,
    VERBATIM,
    Context,
    FieldReader,
    check_carried,
    kind_from_names,
    records_list,
)
from smsc_codec.wire._fast import JSON_READER, json_plan

__all__ = ["decode", "encode", "read_items", "read_record", "start_run"]


def _load(text: str, ctx: Context) -> Any:
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise DecodeError(f"malformed JSON: {exc.msg}", pos=ctx.pos(min(exc.pos, len(text))),
                          kind="malformed") from exc


def read_record(obj: dict[str, Any], ctx: Context, multi: bool, path: str) -> StatusRecord:
    """One record's parsed JSON object; *path* (``$[3]``) says where, in errors."""
    fast = _fast_record(obj, ctx, multi)
    if fast is not None:
        return fast
    obj = _exact_numbers(obj, ctx, path)
    reader = FieldReader(ctx, ctx.log)
    kind = kind_from_names(obj.keys(), ctx.kind)
    layout = ctx.layout(kind, multi)
    carried, values = layout.carried, reader.values
    for key, value in obj.items():
        # FieldReader.json, unrolled: this loop is the whole decoder.
        read = READ_JSON.get(key)
        if read is None:
            ctx.log.report("unknown-field", f"undocumented field {key!r} kept",
                           field=f"{path}.{key}")
            reader.extra.append((key, value))
            continue
        if key not in carried:
            ctx.log.report("field-not-in-layout",
                           f"{layout.describe()} does not document {key!r}",
                           field=f"{path}.{key}")
        if type(value) is str and key in VERBATIM:
            values[key] = value
            continue
        try:
            typed, canonical = read(value)
        except ValueError:
            reader.bad_json(key, value, path)
            continue
        if not canonical:
            reader.non_canonical_json(key, value, typed, path)
        values[key] = typed
    reader.check_missing(layout)
    return reader.record(kind, ctx.log.take())


#: Where a push framer (wire/push_json.py) puts the text of the element being read.
ELEMENT = "jsondoc.element"
#: Where a context keeps the reply parsed exactly (see _exact_numbers), once per call
#: (per run of elements a push framer reads at once: ``start_run`` drops it).
_EXACT = "jsondoc.exact"
#: The array index of the first element ``ctx.text`` holds (a framer's run).
_FIRST = "jsondoc.first"


def start_run(ctx: Context, text: str, first: int) -> None:
    """*ctx* reads a run of a framer's elements: *text* is ``[...]`` holding them, the
    first being element *first* of the reply's array."""
    ctx.text = text
    ctx.plans.pop(ELEMENT, None)
    ctx.plans.pop(_EXACT, None)
    ctx.plans[_FIRST] = first


def _exact_numbers(obj: dict[str, Any], ctx: Context, path: str) -> dict[str, Any]:
    """*obj* with each float that is an integer literal on the wire replaced by that
    integer, exactly (a :class:`~smsc_codec.values.WideInt`).

    orjson reads an integer beyond 64 bits as a float, losing digits.  Such a float
    takes no fast lane (a float fits no field's JSON types), so only here, on the
    general reader's path, is the reply parsed again, by the standard library (whose
    integers are exact), once per call; the record is found by its *path* (``$`` or
    ``$[i]``).  Anything that does not line up leaves *obj* as it is.
    """
    if not any(type(value) is float for value in obj.values()):
        return obj
    element = ctx.plans.get(ELEMENT)
    if element is not None:  # a push framer's element: the one text at hand
        return with_exact_numbers(obj, parse_exactly(element))
    exact = ctx.plans.get(_EXACT, False)
    if exact is False:
        exact = ctx.plans[_EXACT] = parse_exactly(ctx.text)
    if path != "$":
        index = int(path[2:-1]) - ctx.plans.get(_FIRST, 0)
        exact = exact[index] if isinstance(exact, list) and index < len(exact) else None
    return with_exact_numbers(obj, exact)


def parse_exactly(text: str) -> Any:
    """*text* parsed by the standard library, its integers exact; ``None`` when it
    cannot be (beyond the digit limit, too deep, or no whole JSON text)."""
    try:
        return json.loads(text, parse_int=exact_json_int)
    except (ValueError, RecursionError):
        return None


def with_exact_numbers(obj: dict[str, Any], exact: Any) -> dict[str, Any]:
    """*obj* (orjson's) with each float that *exact* (the same object parsed exactly)
    holds as an integer replaced by it; *obj* itself when the two do not line up."""
    if not isinstance(exact, dict) or exact.keys() != obj.keys():
        return obj
    return {key: exact[key] if type(value) is float and isinstance(exact[key], int) else value
            for key, value in obj.items()}


def read_items(items: list[Any], first: int, ctx: Context) -> list[StatusRecord]:
    """The records of an array's *items*, the first being element *first* of the
    reply's array (``ctx.text`` holds them as ``[...]``): what the whole-body decoder
    and the framer both read."""
    fast = _fast.by_chunks(items, lambda chunk, _: _fast.json_list(chunk, ctx)
                           ) if _fast.ENABLED else None
    if fast is not None:
        return fast
    ctx.plans[_FIRST] = first
    records = []
    for i, item in enumerate(items, start=first):
        if not isinstance(item, dict):
            raise DecodeError("an array of status objects holds objects only",
                              expected="an object", found=item, field=f"$[{i}]",
                              kind="malformed")
        records.append(_fast_record(item, ctx, True)
                       or read_record(item, ctx, multi=True, path=f"$[{i}]"))
    return records


def _fast_record(obj: dict[str, Any], ctx: Context, multi: bool) -> StatusRecord | None:
    """The record of a canonical object, its values typed on access; ``None`` for
    anything else (the general reader's business)."""
    if not _fast.ENABLED:
        return None
    keys, types = tuple(obj), tuple(map(type, obj.values()))
    # Records of a reply share their shape: compare with the last one before hashing.
    last = ctx.plans.get(multi)
    if last is not None and last[0] == keys and last[1] == types:
        plan = last[2]
    else:
        plan = json_plan(ctx, multi, keys, types)
        ctx.plans[multi] = (keys, types, plan)
    if plan is None or not plan.accepts(obj):
        return None
    # Defects the caller logged before the record (a list where one was asked) are its.
    return wire_record(plan.kind, obj, JSON_READER, ctx.log.take() if ctx.log.defects else ())


def _read_object(obj: dict[str, Any], ctx: Context) -> Reply:
    if "error_code" in obj and "status" not in obj:
        code, error = obj["error_code"], obj.get("error")
        if isinstance(code, bool) or not isinstance(code, int) or code < 0:
            raise DecodeError("bad error code", expected="a non-negative number", found=code,
                              field="$.error_code", kind="bad-value")
        if error is not None and not isinstance(error, str):
            raise DecodeError("bad error description", expected="a string", found=error,
                              field="$.error", kind="bad-value")
        others = set(obj) - {"error", "error_code"}
        if others:
            ctx.log.report("unknown-field", f"fields {sorted(others)} beside an error dropped")
        return ErrorReply(code=code, description=error, endpoint=ctx.endpoint,
                          defects=ctx.log.take())
    if "result" in obj and "status" not in obj:
        if obj["result"] != "OK" or len(obj) != 1:
            raise DecodeError("a result that is not OK", expected='{"result": "OK"}',
                              found=obj, field="$.result", kind="malformed")
        return DeleteOk(defects=ctx.log.take())
    if ctx.multi:
        ctx.log.report("expected-list", "a single object where an array was expected")
    return read_record(obj, ctx, multi=False, path="$")


def decode(text: str, ctx: Context) -> Reply:
    """A whole ``fmt=3`` body (already text): one JSON document."""
    return decode_value(_load(text, ctx), ctx)


def decode_value(data: Any, ctx: Context) -> Reply:
    """The reply held by an already parsed JSON value."""
    if isinstance(data, dict):
        return _read_object(data, ctx)
    if isinstance(data, list):
        list_defects = ctx.log.take()
        return records_list(read_items(data, 0, ctx), ctx, list_defects)
    raise DecodeError("not a status reply", expected="a JSON object or array", found=data,
                      kind="malformed")


def _record_obj(record: StatusRecord, ctx: Context, multi: bool) -> dict[str, Any]:
    layout = ctx.layout(record.kind, multi)
    check_carried(record, layout, ctx)
    if record.wire_family == "json":  # its checked JSON values: written as they came
        row: dict[str, Any] = record._row
        if tuple(row) == layout.names:
            return row  # in layout order already (orjson writes it, never changes it)
        return {name: row[name] for name in layout.names if name in row}
    out: dict[str, Any] = {}
    for name in layout.names:
        value = getattr(record, name)
        if value is not None:
            out[name] = value if name in VERBATIM else TO_JSON[name](value)
        elif record.raw and name in (raw := dict(record.raw)):
            out[name] = raw[name]
    for name, value in record.extra:
        out[name] = value
    return out


def reply_obj(reply: Reply, ctx: Context) -> Any:
    """The JSON value of a reply, as ``fmt=3`` writes it."""
    if isinstance(reply, ErrorReply):
        return ({} if reply.description is None else {"error": reply.description}) | {
            "error_code": reply.code
        }
    if isinstance(reply, DeleteOk):
        return {"result": "OK"}
    if isinstance(reply, StatusRecord):
        return _record_obj(reply, ctx, multi=False)
    return [_record_obj(r, ctx, multi=True) for r in reply.records]


def dumps(obj: Any, charset: Charset) -> str:
    """Compact JSON text, with ``\\uXXXX`` escapes for what *charset* cannot hold."""
    text = _json_text(obj)
    if charset == "utf-8" or can_encode(text, charset):
        return text
    return "".join(c if can_encode(c, charset) else _u_escape(c) for c in text)


def _json_text(obj: Any) -> str:
    """Compact JSON text of *obj* (orjson's).  An integer beyond 64 bits kept verbatim
    (a :class:`~smsc_codec.values.WideInt` in ``raw``), which orjson cannot write,
    takes the standard library, whose compact form is the same.  A plain ``int``
    beyond 64 bits (a value built by hand: it would read back as a bad value, not as
    itself) and a lone surrogate stay refused (spec/decisions.md, D-encode-refusals)."""
    try:
        return orjson.dumps(obj).decode("utf-8")
    except TypeError as exc:  # orjson: integers beyond 64 bits, lone surrogates, non-JSON
        text = None
        if _only_wide_ints(obj):
            try:
                text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
                                  allow_nan=False)
            except (TypeError, ValueError):
                text = None
        if text is None or _SURROGATE.search(text) is not None:
            raise EncodeError(f"not representable in JSON: {exc}") from exc
        return text


def _only_wide_ints(obj: Any) -> bool:
    """Whether every integer beyond 64 bits in *obj* is a WideInt (kept verbatim)."""
    if type(obj) is int:
        return INT_MIN <= obj <= INT_MAX
    if isinstance(obj, dict):
        return all(map(_only_wide_ints, obj.values()))
    if isinstance(obj, list):
        return all(map(_only_wide_ints, obj))
    return True


_SURROGATE = re.compile("[\ud800-\udfff]")


def _u_escape(char: str) -> str:
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def encode(reply: Reply, ctx: Context) -> str:
    """A reply as ``fmt=3`` text, in the vendor's key order and JSON types (what the
    charset lacks written as ``\\uXXXX`` escapes)."""
    return dumps(reply_obj(reply, ctx), ctx.charset)


def encode_bytes(reply: Reply, ctx: Context) -> bytes:
    """``encode`` in ``ctx.charset``, in one pass: a character the charset lacks is
    written as a ``\\uXXXX`` escape by the codec's error handler as the text is
    encoded, instead of the text being encoded once to find out and then again."""
    return encode_text(_json_text(reply_obj(reply, ctx)), ctx.charset, errors=_ESCAPE_ERRORS)


def _escape_unencodable(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: the characters a charset lacks, as JSON escapes."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return "".join(map(_u_escape, exc.object[exc.start : exc.end])), exc.end


_ESCAPE_ERRORS = "smsc_codec.json-escape"
codecs.register_error(_ESCAPE_ERRORS, _escape_unencodable)
