"""``fmt=1``: comma-separated values, told apart by position only.

Grammar (status page, "with fmt = 1"; history page, "when fmt = 1")::

    reply   = error / "OK" / record *("\\n" record)
    error   = "0,-" number
    record  = value *("," value)         ; no quoting, no escaping

Nothing escapes a comma, so the reader leans on the layout: the fields left of the
free-text run (``message``, or ``message`` and ``comment``) are read from the left,
the fields right of it from the right, and the run keeps every comma in between.
With one free-text field that split is exact.  With two (``message, comment``) it
is not: we give all surplus commas to ``message`` (``comment`` is usually short and
empty) and record an ``ambiguous-split`` defect -- strict decoding raises instead.
spec/decisions.md (D-fmt1-ambiguity) lists the accepted field counts.

A reply does not say which layout it uses (SMS or HLR, single or multi, the
documented or the older layout of the vendor's PHP library), so every layout the
caller did not rule out is tried, in preference order, and the first one whose
typed fields all parse wins.
"""

from __future__ import annotations

import re

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import Layout, find_layouts
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.policy import Defect, DefectLog, Policy
from smsc_codec.wire._common import (
    Context,
    FieldReader,
    check_carried,
    line_break_field,
    records_list,
    split_lines,
    wire_text,
)

__all__ = ["RECORD_START", "candidate_layouts", "decode", "encode", "read_record"]

# "When fmt = 1: 0,-N"
_ERROR = re.compile(r"0,-([0-9]{1,9})", re.ASCII)
# A record starts with its status and timestamp; anything else continues a message.
RECORD_START = re.compile(r"-?[0-9]+,-?[0-9]*,", re.ASCII)


def _split(layout: Layout, parts: list[str]) -> list[str] | None:
    """The layout's field values from the comma-split *parts*, or ``None``."""
    n = len(layout.fields)
    free = layout.free
    if not free:
        return parts if len(parts) == n else None
    if len(parts) < n:
        return None
    first, last = free[0], free[-1]
    right = n - last - 1
    middle = parts[first : len(parts) - right]
    # One free-text field takes every comma; of two (message, comment), the message
    # takes the surplus.
    runs = [",".join(middle)] if last == first else [",".join(middle[:-1]), middle[-1]]
    return parts[:first] + runs + parts[len(parts) - right :]


def _known_score(layout: Layout, parts: list[str], ctx: Context) -> tuple[int, int]:
    """The parts of a reading's score known before reading it: a multi reading of a
    line nothing marks as multi, and the commas the free text has to absorb."""
    return int(layout.multi and ctx.multi is None), len(parts) - len(layout.fields)


def _try(layout: Layout, parts: list[str], offset: int, ctx: Context
         ) -> tuple[tuple[int, int, int], FieldReader] | None:
    """Read the comma-split line *parts* as *layout* into a scratch reader, or
    ``None`` if it cannot fit.

    The score ranks the readings (lower is better): values that do not parse, then
    a multi reading of a line nothing marks as multi, then commas the free text had to
    absorb -- the reading that assumes least.
    """
    values = _split(layout, parts)
    if values is None:
        return None
    scratch = DefectLog(Policy(), line=ctx.log.line)
    reader = FieldReader(ctx, scratch)
    at = offset
    for name, value in zip(layout.names, values, strict=True):
        reader.text(name, value, at)
        at += len(value) + 1
    if len(layout.free) == 2 and len(parts) > len(layout.fields):
        first, second = (layout.names[i] for i in layout.free)
        scratch.report(
            "ambiguous-split",
            f"{len(parts) - len(layout.fields) + 1} commas fall in {first} and {second};"
            f" all but the last were given to the {first}",
            field=second,
        )
    if layout.variant == "legacy":
        scratch.report("legacy-layout", f"read as {layout.describe()}")
    bad = sum(d.kind == "bad-value" for d in scratch.defects)
    return (bad, *_known_score(layout, parts, ctx)), reader


def read_record(line: str, offset: int, number: int, ctx: Context,
                 candidates: list[Layout]) -> StatusRecord:
    parts = line.split(",")
    best: tuple[tuple[int, int, int], Layout, FieldReader] | None = None
    for layout in candidates:
        # A reading wins only with a lower score: one that could not, even with no
        # bad value, is not read at all.
        if best is not None and (0, *_known_score(layout, parts, ctx)) >= best[0]:
            continue
        tried = _try(layout, parts, offset, ctx)
        if tried is not None and (best is None or tried[0] < best[0]):
            best = (tried[0], layout, tried[1])
    if best is None:
        counts = sorted({len(c.fields) for c in candidates})
        raise DecodeError(
            "no fmt=1 layout has this many fields",
            expected=f"{' or '.join(map(str, counts))} comma-separated fields"
            " (more where free text holds commas)",
            found=line,
            line=number,
            pos=ctx.pos(offset),
            kind="field-count",
        )
    _, layout, reader = best
    for defect in reader.log.take():
        ctx.log.report(defect.kind, defect.message, field=defect.field, pos=defect.pos)
    return reader.record(layout.kind, ctx.log.take())


def candidate_layouts(ctx: Context, multi: bool | None) -> list[Layout]:
    """The layouts a line may be read as, in preference order (D-fmt1-counts)."""
    variant = ctx.log.policy.fmt1_variant
    return [
        layout
        for layout in find_layouts(ctx.endpoint, ctx.all_level, 1, kind=ctx.kind, multi=multi)
        if variant == "auto" or layout.variant == variant
        or not any(o.variant == variant for o in find_layouts(
            ctx.endpoint, ctx.all_level, 1, kind=layout.kind, multi=layout.multi))
    ]


def decode(text: str, ctx: Context) -> Reply:
    m = _ERROR.fullmatch(text.rstrip("\r\n"))
    if m is not None:
        return ErrorReply(code=int(m[1]), endpoint=ctx.endpoint, defects=ctx.log.take())
    if text == "" and ctx.multi is not False:
        return StatusList(records=(), defects=ctx.log.take())
    lines = split_lines(text, ctx, RECORD_START)
    list_defects: tuple[Defect, ...] = ctx.log.take()
    multi = ctx.multi if ctx.multi is not None else (True if len(lines) > 1 else None)
    candidates = candidate_layouts(ctx, multi)
    records = []
    for number, (offset, line) in enumerate(lines, start=1):
        ctx.log.line = number
        records.append(read_record(line, offset, number, ctx, candidates))
    ctx.log.line = None
    if multi is None:
        multi = any(r.id is not None for r in records)
    if multi:
        return records_list(records, ctx, list_defects)
    only = records[0]
    return only.replace(defects=list_defects + only.defects) if list_defects else only


def _encode_record(record: StatusRecord, ctx: Context, multi: bool) -> str:
    layout = ctx.layout(record.kind, multi)
    check_carried(record, layout, ctx)
    if record.extra and not ctx.lossy:
        raise EncodeError("fmt=1 has no place for undocumented fields", field=record.extra[0][0])
    free = [wf.name for wf in layout.fields if wf.field.free_text]
    values = []
    for wf in layout.fields:
        text = wire_text(record, wf, ctx)
        if text is None:
            raise EncodeError(f"{layout.describe()} cannot leave a field out", field=wf.name)
        if "," in text and (wf.name not in free or wf.name != free[0]):
            raise EncodeError("fmt=1 cannot carry a comma in this field", field=wf.name)
        values.append(text)
    return ",".join(values)


def encode(reply: Reply, ctx: Context) -> str:
    if isinstance(reply, ErrorReply):
        if reply.description is not None and not ctx.lossy:
            raise EncodeError("fmt=1 errors carry no description (encode with lossy=True"
                              " to drop it)", field="error")
        return f"0,-{reply.code}"
    if isinstance(reply, DeleteOk):
        return "OK"
    if isinstance(reply, StatusRecord):
        lines, records = [_encode_record(reply, ctx, multi=False)], [reply]
    else:
        lines = [_encode_record(r, ctx, multi=True) for r in reply.records]
        records = list(reply.records)
    text = "\n".join(lines)
    # A value holding a line break (beyond the len(lines) - 1 joining the lines) or a
    # CR might start a false record: read the lines back.
    if lines and (text.count("\n") >= len(lines) or "\r" in text):
        probe = DefectLog(Policy())
        parts = split_lines(text, Context(ctx.endpoint, ctx.all_level, probe, fmt=1),
                            RECORD_START)
        if len(parts) != len(records) or probe.defects:
            raise EncodeError("a line break in this value would split the record",
                              field=line_break_field(records))
    return text
