"""``fmt=0``: ``Status = 1, check_time = 10.10.2010 10:10:10, err = 0`` lines.

Grammar (status page, "with fmt = 0 and all = 0/1/2"; our words in spec/status.md)::

    reply   = error / "OK" / record *("\\n" record)
    error   = "ERROR = " number [" (" description ")"]
    record  = item *(", " item)          ; starts with "Status = "
    item    = key " = " value            ; "operator_orig= " is written without a space

Strategy: the format is key-driven, so a record decodes whatever the order of its
items, with documented ones missing or undocumented ones added (each a defect).  The
hard part is free text: a message may contain ``", x = "`` itself.  A separator
candidate is any ``", <identifier> = "``; a plain field ends at the next candidate,
and a free-text field (``message``, ``comment``) ends at the *last* candidate that
names the next field the layout expects, so commas, ``=`` and even key-like runs
inside a message survive.  A message can also hold newlines: in a list, a line that
does not start with ``Status =`` continues the record above it.

Encoding writes the layout's items in order; a value that the grammar above could
not read back (checked by decoding the result) is an :class:`EncodeError`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import FIELDS, HLR_ONLY, Layout, RecordKind
from smsc_codec.models import (
    DeleteOk,
    ErrorReply,
    Reply,
    StatusList,
    StatusRecord,
    decoded_record,
    wire_record,
)
from smsc_codec.policy import DefectLog, Policy
from smsc_codec.rows import RowReader
from smsc_codec.wire import _fast
from smsc_codec.wire._common import (
    FORMAT,
    PARSE,
    READ,
    ROUND_TRIPS,
    VERBATIM,
    Context,
    FieldReader,
    check_carried,
    kind_from_names,
    line_break_field,
    records_list,
    split_lines,
    wire_text,
)

__all__ = ["RECORD_START", "decode", "decode_error", "encode", "encode_error", "read_lines",
           "read_record"]

# "ERROR = N (description)"
_ERROR = re.compile(r"ERROR ?= ?(-?[0-9]{1,9})(?: \((.*)\))?", re.ASCII | re.DOTALL)
_FIRST = re.compile(r"([A-Za-z_]\w*)( ?= ?)", re.ASCII)
_SEP = re.compile(r", ([A-Za-z_]\w*)( ?= ?)", re.ASCII)
#: How a record's line begins (``Status =``, any case): in a list, a line that does not
#: begin so continues the message of the record above it.
RECORD_START = re.compile(r"status ?=", re.ASCII | re.IGNORECASE)
# A value that may fool the reader: something that looks like a separator, or a line break.
_RISKY = re.compile(r", \w+ ?=|[\r\n]", re.ASCII)
_SEPARATOR_LIKE = re.compile(r", \w+ ?=", re.ASCII)
# How far a record's line may not read back as written (see _encode_record).
_SAFE, _BREAKS, _SPLITS = 0, 1, 2


def decode_error(text: str) -> ErrorReply | None:
    """``ERROR = N (description)``, the fmt=0 error line, or ``None``."""
    m = _ERROR.fullmatch(text.strip("\r\n"))
    if m is None:
        return None
    return ErrorReply(code=abs(int(m[1])), description=m[2])


def encode_error(reply: ErrorReply) -> str:
    """``ERROR = N (description)``, or ``ERROR = N`` for an error without one."""
    if reply.description is None:
        return f"ERROR = {reply.code}"
    return f"ERROR = {reply.code} ({reply.description})"


def _items(line: str) -> list[tuple[str, str, int, int, int]]:
    """Every separator candidate: (key, sep, key start, value start, candidate start)."""
    first = _FIRST.match(line)
    if first is None:
        return []
    out = [(first[1], first[2], 0, first.end(), 0)]
    out += [(m[1], m[2], m.start(1), m.end(), m.start()) for m in _SEP.finditer(line, first.end())]
    return out


def _lookup_key(key: str, layout: Layout) -> str | None:
    """The field *key* names: one of the layout's keys or names (any case), else any
    registry name, else ``None`` (see ``Layout.by_key``)."""
    return layout.by_key.get(key.lower())


def read_lines(bodies: list[str], offsets: list[int], first: int, ctx: Context
               ) -> list[StatusRecord]:
    """The records of a list's *bodies* (each starting at its offset in the reply),
    numbered from *first*: what the whole-body decoder and the framer both read."""
    records = []
    for number, (offset, body) in enumerate(zip(offsets, bodies, strict=True), start=first):
        ctx.log.line = number
        records.append(read_record(body, offset, number, ctx))
    ctx.log.line = None
    return records


def read_record(line: str, offset: int, index: int, ctx: Context) -> StatusRecord:
    """One record's line(s) of a list: *offset* is where it starts in the body (in
    characters, for error positions), *index* its number (for its defects)."""
    fast = _fast_record(line, ctx)
    if fast is not None:
        return fast
    items = _items(line)
    if not items or items[0][0].lower() != "status":
        raise DecodeError(
            "not a status line",
            expected="'Status = <status>, ...'",
            found=line,
            pos=ctx.pos(offset),
            line=index,
        )
    lows = [item[0].lower() for item in items]
    multi = ctx.multi if ctx.multi is not None else "id" in lows
    kind = kind_from_names(map(_probe_layout(ctx).by_key.get, lows), ctx.kind)
    if kind is RecordKind.HLR and ctx.kind is None:
        # An HLR-looking key may sit inside free text; the kind is what was read.
        scratch = DefectLog(Policy(), line=ctx.log.line)
        reader = _read_items(line, offset, items, lows, ctx.layout(kind, multi), ctx, scratch)
        if HLR_ONLY.intersection(reader.values) or HLR_ONLY.intersection(dict(reader.raw)):
            for d in scratch.take():
                ctx.log.report(d.kind, d.message, field=d.field, pos=d.pos)
            return reader.record(kind, ctx.log.take())
        kind = RecordKind.SMS
    reader = _read_items(line, offset, items, lows, ctx.layout(kind, multi), ctx, ctx.log)
    return reader.record(kind, ctx.log.take())


def _read_items(line: str, offset: int, items: list[tuple[str, str, int, int, int]],
                lows: list[str], layout: Layout, ctx: Context, log: DefectLog) -> FieldReader:
    by_key, by_name = layout.by_key, layout.by_name
    names = [by_key.get(low) for low in lows]  # the field each candidate names
    reader = FieldReader(ctx, log)
    values = reader.values
    seen: set[str] = set()
    i = 0
    while i < len(items):
        key, sep, _key_at, value_at, _ = items[i]
        name = names[i]
        j = i + 1 if name not in _FREE_TEXT else _end_of(names, i, name, seen, layout)
        end = items[j][4] if j < len(items) else len(line)
        value = line[value_at:end]
        where = ctx.index_in(offset, line, value_at)
        if name is None:
            log.report("unknown-field", f"undocumented field {key!r} kept", field=key,
                       pos=ctx.pos(ctx.index_in(offset, line, items[i][2])))
            reader.extra.append((key, value))
        elif name in seen:
            # A record has one value per field: the first wins, the defect keeps the rest.
            log.report("duplicate-field", f"{key!r} appears again with {value!r};"
                       " the first value is kept", field=name, pos=ctx.pos(where))
        else:
            seen.add(name)
            wf = by_name.get(name)
            if wf is None:
                log.report("field-not-in-layout",
                           f"{layout.describe()} does not document {key!r}", field=name,
                           pos=ctx.pos(where))
            elif key != wf.key or sep != wf.sep:
                log.report("non-canonical", f"{key + sep!r} is written "
                           f"{wf.key + wf.sep!r}", field=name, pos=ctx.pos(where))
            # FieldReader.text, unrolled: this loop is most of the decoder.
            if name in VERBATIM:
                values[name] = value
            else:
                try:
                    typed, canonical = READ[name](value)
                except ValueError:
                    reader.bad_text(name, value, where)
                else:
                    if not canonical:
                        reader.non_canonical_text(name, value, typed, where)
                    values[name] = typed
        i = j
    reader.check_missing(layout)
    return reader


# --- the fast lane: a canonical line of its layout, in one match --------------------
#
# What the general reader above decides from separator candidates, a line of its
# layout's items in order, each key and separator as the layout writes them, decides
# the same way (tests/wire/test_fast.py): a plain value holds no candidate, so it
# ends at the next item; a free-text value ends at the *last* candidate naming the
# field after it, which the lookahead after that field's separator demands.

#: A separator candidate as _SEP finds it (its trailing space aside).
_CANDIDATE = r", [A-Za-z_]\w* ?="
#: Text holding no candidate and no line break.
_PLAIN = r"[^,\r\n]*(?:,(?! [A-Za-z_]\w* ?=)[^,\r\n]*)*"
#: A candidate naming a field only an HLR record has, or naming ``id``: the general
#: reader picks the kind and the multi layout by these, wherever they stand.
_HLR_CANDIDATE = re.compile(rf", (?:{'|'.join(sorted(HLR_ONLY))}) ?=", re.ASCII | re.IGNORECASE)
_ID_CANDIDATE = re.compile(r", id ?=", re.ASCII | re.IGNORECASE)


#: The line plan of each layout, by the layout's identity (the entry keeps the layout
#: alive, so its id cannot be reused): hashing the Layout itself walks all its fields,
#: a third of a one-record decode.  The table's layouts are all a decoder looks up;
#: the bound is for layouts built by hand.
_LINE_PLANS: dict[int, tuple[Layout, tuple[re.Pattern[str], RowReader]]] = {}
MAX_LINE_PLANS = 256


def _line_plan(layout: Layout) -> tuple[re.Pattern[str], RowReader]:
    """The plan of *layout* (made once per layout, for the process)."""
    entry = _LINE_PLANS.get(id(layout))
    if entry is None or entry[0] is not layout:
        if len(_LINE_PLANS) >= MAX_LINE_PLANS:
            del _LINE_PLANS[next(iter(_LINE_PLANS))]  # the oldest
        entry = _LINE_PLANS[id(layout)] = (layout, _make_line_plan(layout))
    return entry[1]


def _make_line_plan(layout: Layout) -> tuple[re.Pattern[str], RowReader]:
    """The canonical line of *layout* as one pattern (a group per field), and the
    reader of the lines it takes."""
    out = []
    fields = layout.fields
    for i, wf in enumerate(fields):
        out.append(re.escape(("" if i == 0 else ", ") + wf.key + wf.sep))
        pattern = wf.field.codec.pattern
        if wf.field.free_text and i + 1 < len(fields):
            # Free text ends at the *last* candidate naming the next field, which must
            # then be written canonically.  The atomic group finds that candidate in
            # one backward scan and never returns to it: ``(.*)`` followed by a
            # ``(?!.*, next ?=)`` lookahead rescanned the tail at every earlier
            # candidate, quadratic on a text of many look-alikes (issue 19).
            nxt = fields[i + 1]
            naming = "|".join(re.escape(k) for k, n in layout.by_key.items() if n == nxt.name)
            out.append(f"((?>.*(?=, (?i:{naming}) ?=)))")
        else:
            out.append(f"({_PLAIN if pattern is None else pattern})")
    line = re.compile("".join(out), re.ASCII | re.DOTALL)
    # The checked line is the row; the first field read matches it again, and the match
    # is kept as the row from then on: group i + 1 is field i (substrings made only when
    # read).  Keeping the line, not the match, until then keeps a large list small.
    reader = RowReader.for_names("text", layout.names, PARSE, keyed=False, first=1,
                                 source=layout, expand=line.fullmatch)
    return line, reader


def _fast_record(line: str, ctx: Context) -> StatusRecord | None:
    """The record of a canonical line, its values typed on access, or ``None``."""
    if not _fast.ENABLED:
        return None
    kind = ctx.kind
    if kind is None:
        kind = RecordKind.HLR if _HLR_CANDIDATE.search(line) else RecordKind.SMS
    multi = ctx.multi
    if multi is None:
        multi = _ID_CANDIDATE.search(line) is not None
    try:
        pattern, reader = ctx.plans[kind, multi]
    except KeyError:
        pattern, reader = ctx.plans[kind, multi] = _line_plan(ctx.layout(kind, multi))
    if pattern.fullmatch(line) is None:
        return None
    return wire_record(kind, line, reader)


def _probe_layout(ctx: Context) -> Layout:
    return ctx.layout(ctx.kind or RecordKind.SMS, bool(ctx.multi))


#: The fields whose value may hold ", key = " runs (FIELDS' free text).
_FREE_TEXT = frozenset(name for name, f in FIELDS.items() if f.free_text)


def _end_of(names: list[str | None], i: int, name: str, seen: set[str], layout: Layout) -> int:
    """Index of the candidate that ends free-text item *i* (``len(names)`` for the
    line's end); *names* are the fields the candidates name."""
    # Free text ends at the last candidate naming the next expected field ...
    order = layout.names
    after = order[order.index(name) + 1 :] if name in layout.carried else ()
    expected = next((n for n in after if n not in seen), None)
    if expected is not None:
        for j in range(len(names) - 1, i, -1):
            if names[j] == expected:
                return j
    # ... or, if that one is missing, at the first known field not yet seen.
    for j in range(i + 1, len(names)):
        other = names[j]
        if other is not None and other not in seen and other != name:
            return j
    return len(names)


def decode(text: str, ctx: Context) -> Reply:
    """A whole ``fmt=0`` body (already text) by the grammar above."""
    error = decode_error(text)
    if error is not None:
        return ErrorReply(code=error.code, description=error.description,
                          endpoint=ctx.endpoint, defects=ctx.log.take())
    if text == "" and ctx.multi is not False:
        return StatusList(records=(), defects=ctx.log.take())
    lines = split_lines(text, ctx, RECORD_START)
    list_defects = ctx.log.take()
    records = read_lines([line for _, line in lines], [offset for offset, _ in lines], 1, ctx)
    multi = ctx.multi
    if multi is None:
        multi = len(records) > 1 or any(r.id is not None for r in records)
    if multi:
        return records_list(records, ctx, list_defects)
    only = records[0]
    if list_defects:
        return only.replace(defects=list_defects + only.defects)
    return only


def _encode_record(record: StatusRecord, ctx: Context, multi: bool
                   ) -> tuple[str, int, str | None]:
    """The record's line; how far the reader may not split it at the items written
    (_SAFE; _BREAKS: a value holds a line break; _SPLITS: a value holds something
    like a separator, or there are extras); and the field written first."""
    layout = ctx.layout(record.kind, multi)
    reader = record._reader
    if reader is not None and reader.source is layout:
        # Decoded from a canonical line of this very layout, which the fast lane
        # proved reads back as this record: that line is its encoding.
        row = record._row
        return row if type(row) is str else row.string, _SAFE, layout.names[0]
    check_carried(record, layout, ctx)
    parts = []
    first = None
    # Extras go last; after a free-text field they would be read as part of it.
    risk = _SPLITS if record.extra else _SAFE
    from_row = record._reader is not None  # its wire texts at hand: write them
    for wf in layout.fields:
        name = wf.name
        value = None if from_row else getattr(record, name)
        if value is not None:  # wire_text, unrolled for the common case
            text = value if name in VERBATIM else FORMAT[name](value)
        else:
            raw_text = wire_text(record, wf, ctx)  # kept raw, from the row, or absent
            if raw_text is None:
                continue
            text = raw_text
        if risk != _SPLITS and _RISKY.search(text) is not None:
            risk = _SPLITS if _SEPARATOR_LIKE.search(text) else _BREAKS
        parts.append(f"{wf.key}{wf.sep}{text}")
        first = first or name
    for key, value in record.extra:
        if not isinstance(value, str):
            if ctx.lossy:
                continue
            raise EncodeError("fmt=0 carries text extras only", field=key)
        parts.append(f"{key} = {value}")
    return ", ".join(parts), risk, first


def encode(reply: Reply, ctx: Context) -> str:
    """A reply as ``fmt=0`` text, checked to read back (:class:`EncodeError` if not)."""
    if isinstance(reply, ErrorReply):
        return encode_error(reply)
    if isinstance(reply, DeleteOk):
        return "OK"
    if isinstance(reply, StatusRecord):
        line, risk, _ = _encode_record(reply, ctx, multi=False)
        if risk != _SAFE:
            _verify(line, reply, ctx, multi=False)
        return line
    # Three lists rather than a tuple per record: nothing per record outlives the call
    # but its line (each survivor costs the garbage collector on a large reply).
    lines, risks, firsts = [], [], []
    for record in reply.records:
        line, risk, first = _encode_record(record, ctx, multi=True)
        lines.append(line)
        risks.append(risk)
        firsts.append(first)
    text = "\n".join(lines)
    if any(risks):
        _verify_list(text, lines, risks, firsts, reply, ctx)
    return text


def _verify(text: str, reply: StatusRecord | StatusList, ctx: Context, *, multi: bool) -> None:
    """Decode what we wrote; a value the grammar cannot carry shows up as a difference."""
    probe = _probe(text, ctx, multi)
    try:
        back = decode(text, probe)
    except DecodeError as exc:
        raise EncodeError(f"the line would not read back: {exc.message}") from exc
    if not isinstance(back, StatusRecord | StatusList):  # e.g. an extra named ERROR
        raise EncodeError("the line would read back as an error or delete reply")
    sent = reply.records if isinstance(reply, StatusList) else (reply,)
    got = back.records if isinstance(back, StatusList) else (back,)
    for a, b in zip(sent, got, strict=False):
        _check_same(a, b, ctx, multi)
    if len(sent) != len(got):
        raise EncodeError("a line break in a value would split the record",
                          field=line_break_field(sent))


def _probe(text: str, ctx: Context, multi: bool) -> Context:
    return Context(replace(ctx.shape, multi=multi), DefectLog(Policy()), variant=ctx.variant,
                   text=text)


def _check_same(sent: StatusRecord, back: Any, ctx: Context, multi: bool) -> None:
    if ctx.lossy:  # compare what was written: the fields, raw texts and text extras kept
        carried = ctx.layout(sent.kind, multi).carried
        names: tuple[str, ...] = tuple(name for name in FIELDS if name in carried)
        pairs = [(tuple(kv for kv in sent.extra if isinstance(kv[1], str)), back.extra, "extra"),
                 (tuple(kv for kv in sent.raw if kv[0] in carried), back.raw, "raw")]
        for mine, theirs, name in pairs:
            if mine != theirs:
                raise EncodeError("fmt=0 cannot carry this value unambiguously", field=name)
    else:
        names = _COMPARED
    for name in names:
        if getattr(sent, name) != getattr(back, name):
            raise EncodeError("fmt=0 cannot carry this value unambiguously", field=name)


_COMPARED = (*FIELDS, "extra", "raw")


def _verify_list(text: str, lines: list[str], risks: list[int], firsts: list[str | None],
                 reply: StatusList, ctx: Context) -> None:
    """:func:`_verify` for a list, reading back in full only the records that need it.

    Split the text as the decoder does.  If that gives the lines written, a line
    that came back as written, starts with the status and holds nothing like a
    separator (nor an extra) splits into exactly the items written, so what the
    decoder reads from it is what each item's text reads as (:func:`_read_back`);
    only the other lines are decoded.  Then compare in order, as _verify does.  Any
    other text (a record split or joined by a line break, an ERROR line) is left to
    _verify itself.
    """
    probe = _probe(text, ctx, multi=True)
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    try:
        read = split_lines(text, probe, RECORD_START)
    except DecodeError as exc:  # e.g. a CR in a value makes the text's endings CRLF
        raise EncodeError(f"the lines would not read back: {exc.message}",
                          field=line_break_field(reply.records)) from exc
    if decode_error(text) is not None or [start for start, _ in read] != starts:
        _verify(text, reply, ctx, multi=True)
        return
    back: dict[int, StatusRecord] = {}
    for number, ((start, line), written_line, risk, first) in enumerate(
            zip(read, lines, risks, firsts, strict=True), start=1):
        # A line that does not start with the status is "not a status line": decoded.
        if risk == _SPLITS or line != written_line or first != "status":
            probe.log.line = number
            try:
                back[number] = read_record(line, start, number, probe)
            except DecodeError as exc:
                raise EncodeError(f"the line would not read back: {exc.message}") from exc
    for number, record in enumerate(reply.records, start=1):
        got = back.get(number)
        if got is None:
            layout = ctx.layout(record.kind, True)
            if not ctx.lossy and _reads_back(record, layout, ctx):
                continue
            got = _read_back(_written(record, layout, ctx), record.kind)
        _check_same(record, got, ctx, True)


def _written(record: StatusRecord, layout: Layout, ctx: Context) -> list[tuple[str, str]]:
    """The (field, text) items _encode_record writes for the layout's fields."""
    return [(wf.name, text) for wf in layout.fields
            if (text := wire_text(record, wf, ctx)) is not None]


def _read_back(written: list[tuple[str, str]], kind: RecordKind) -> StatusRecord:
    """The record the decoder reads from a line that splits into exactly these
    (field, text) items: each text read as its field (the kind is not compared)."""
    values: dict[str, object] = {}
    raw = []
    for name, text in written:
        if name in VERBATIM:
            values[name] = text
            continue
        try:
            values[name] = READ[name](text)[0]
        except ValueError:
            raw.append((name, text))
    return decoded_record(kind, values, (), tuple(raw), ())


def _reads_back(record: StatusRecord, layout: Layout, ctx: Context) -> bool:
    """Whether :func:`_read_back` gives *record* back, field for field -- without
    building it, for a record whose every field is written (not lossy): each value's
    text reads as that value, each raw text fails to read, and nothing else is kept."""
    raw = []
    for wf in layout.fields:
        name = wf.name
        value = getattr(record, name)
        if value is not None:
            if ROUND_TRIPS[name](value):
                continue  # its codec says its text reads back as it (plain text, dates...)
            text = FORMAT[name](value)
        else:
            raw_text = wire_text(record, wf, ctx)
            if raw_text is None:
                continue
            text = raw_text
        try:
            back = READ[name](text)[0]
        except ValueError:
            if value is not None:
                return False
            raw.append((name, text))
            continue
        if value is None or back != value:
            return False
    if len(raw) > 1:
        return record.raw == _read_back(_written(record, layout, ctx), record.kind).raw
    return record.raw == tuple(raw)
