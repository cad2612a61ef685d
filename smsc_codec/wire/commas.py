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
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from itertools import accumulate
from operator import methodcaller

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import Layout, find_layouts
from smsc_codec.models import (
    DeleteOk,
    ErrorReply,
    Reply,
    StatusList,
    StatusRecord,
    wire_record,
    wire_records,
)
from smsc_codec.policy import Defect, DefectLog, Policy, new_defect
from smsc_codec.rows import RowReader
from smsc_codec.wire import _fast
from smsc_codec.wire._common import (
    PARSE,
    Context,
    FieldReader,
    check_carried,
    line_break_field,
    record_bodies,
    records_list,
    split_lines,
    wire_text,
)

__all__ = ["RECORD_START", "candidate_layouts", "decode", "encode", "read_lines", "read_record"]

# "When fmt = 1: 0,-N"
_ERROR = re.compile(r"0,-([0-9]{1,9})", re.ASCII)
#: A record starts with its status and timestamp; in a list, a line that does not
#: continues the message of the record above it.
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
    for kind, message, field in _reading_defects(layout, len(parts)):
        scratch.report(kind, message, field=field)
    bad = sum(d.kind == "bad-value" for d in scratch.defects)
    return (bad, *_known_score(layout, parts, ctx)), reader


@lru_cache(maxsize=1024)
def _reading_defects(layout: Layout, count: int) -> tuple[tuple[str, str, str | None], ...]:
    """(kind, message, field) of what reading *count* comma-separated parts as
    *layout* is a deviation for, whatever their values."""
    out: list[tuple[str, str, str | None]] = []
    if len(layout.free) == 2 and count > len(layout.fields):
        first, second = (layout.names[i] for i in layout.free)
        out.append((
            "ambiguous-split",
            f"{count - len(layout.fields) + 1} commas fall in {first} and {second};"
            f" all but the last were given to the {first}",
            second,
        ))
    if layout.variant == "legacy":
        out.append(("legacy-layout", f"read as {layout.describe()}", None))
    return tuple(out)


def _row_defects(layout: Layout, row: str | list[str], number: int) -> tuple[Defect, ...]:
    """The defects of record *number* of a list whose (checked) line *row* was read as
    *layout*: those its part count makes (a row is the line or its parts)."""
    count = row.count(",") + 1 if type(row) is str else len(row)
    return tuple(new_defect(kind, message, number, field, None)
                 for kind, message, field in _reading_defects(layout, count))


# --- the fast lane: the reading that wins, decided by the comma count ----------------
#
# Every layout that can take a line of n parts has a score known before its values
# are read (_known_score); one whose values are all canonical has no bad value, the
# best score there is.  So the general reader's choice for a line whose typed values
# are canonical in the best-known-score layout (the earliest of equals) is that
# layout.  Its row is the line's comma-split parts: a field left of the free text
# is a part by position, one right of it a part from the end, the free text the
# parts between, joined back on access (RowReader takes a slice as such a run).


@dataclass(frozen=True, slots=True)
class _Plan:
    """How a line of one part count is read when its typed values are canonical."""

    layout: Layout
    reader: RowReader
    #: The typed fields' parts (an index from the start or from the end) ...
    typed: tuple[int, ...]
    #: ... whose texts, joined by _fast.SEP, match this (``None``: nothing typed).
    pattern: re.Pattern[str] | None
    #: Each typed field's pattern alone, repeated over a column of records.
    columns: tuple[re.Pattern[str], ...]
    #: What reading this many parts as this layout is a deviation for.
    defects: tuple[tuple[str, str, str | None], ...]


@lru_cache(maxsize=256)  # one per layout in practice: each call looks its own up in Candidates
def _split_row(layout: Layout) -> tuple[RowReader, tuple[int, ...], tuple[str, ...]]:
    """The reader of *layout*'s comma-split rows, its typed fields' parts and patterns."""
    n, free = len(layout.fields), layout.free
    keys: list[int | slice] = []
    for i in range(n):
        if not free or i < free[0]:
            keys.append(i)
        elif i == free[0]:
            right = n - i - 1
            keys.append(slice(i, -right if right else None))
        else:
            keys.append(i - n)
    reader = RowReader("text", {wf.name: (key, PARSE[wf.name])
                                for wf, key in zip(layout.fields, keys, strict=True)},
                       source=layout, expand=methodcaller("split", ","),
                       row_defects=partial(_row_defects, layout))
    typed = [(key, wf.field.codec.pattern) for wf, key in zip(layout.fields, keys, strict=True)
             if wf.field.codec.pattern is not None]
    return reader, tuple(k for k, _ in typed if isinstance(k, int)), tuple(
        p for _, p in typed if p is not None)


def _plan_for(count: int, ctx: Context, candidates: list[Layout]) -> _Plan | None:
    """How a line of *count* parts is read when its typed values are canonical."""
    fitting = [layout for layout in candidates if len(layout.fields) == count
               or (layout.free and count > len(layout.fields))]
    if not fitting:
        return None  # the general reader's field-count error
    best = min(fitting, key=lambda layout: _known_score(layout, [""] * count, ctx))
    reader, typed, patterns = _split_row(best)
    return _Plan(best, reader, typed, _fast.joined(list(patterns)),
                 tuple(re.compile(f"(?:{p})(?:{_fast.SEP}(?:{p}))*", re.ASCII)
                       for p in patterns),
                 _reading_defects(best, count))


#: Plans one set of candidates keeps, by part count.  Candidates live for the
#: process (candidate_layouts), and a line's part count is the layout's plus the
#: commas its free text holds: an unbounded cache grew ~3.3 KB per distinct count
#: ever seen (issue 19).  A real list shows a few dozen counts; past this many the
#: oldest plan goes (it is rebuilt if it comes back: time, never a different answer).
MAX_PLANS = 256


def _plan(count: int, ctx: Context, candidates: Candidates) -> _Plan | None:
    plans = candidates.plans
    try:
        return plans[count]
    except KeyError:
        if len(plans) >= MAX_PLANS:
            del plans[next(iter(plans))]  # the oldest: dicts keep insertion order
        plan = plans[count] = _plan_for(count, ctx, candidates)
        return plan


def _fast_record(line: str, ctx: Context, candidates: list[Layout]) -> StatusRecord | None:
    """The record of a line whose typed values are canonical, or ``None``."""
    if not _fast.ENABLED or not isinstance(candidates, Candidates) or (
            candidates.unmarked is not (ctx.multi is None)):
        return None
    parts = line.split(",")
    plan = _plan(len(parts), ctx, candidates)
    if plan is None or (plan.pattern is not None and plan.pattern.fullmatch(
            _fast.SEP.join([parts[i] for i in plan.typed])) is None):
        return None
    log = ctx.log
    for kind, message, field in plan.defects:
        log.report(kind, message, field=field)
    return wire_record(plan.layout.kind, parts, plan.reader, log.take() if log.defects else ())


def _fast_list(bodies: list[str], ctx: Context, candidates: Candidates, first: int
               ) -> list[StatusRecord] | None:
    """The records of a list whose lines read, a chunk at a time, as one layout with
    canonical typed values, checked a column at a time; ``None`` if that is not so."""
    return _fast.by_chunks(bodies, lambda chunk, start: _fast_chunk(
        chunk, start + first - 1, ctx, candidates))


def _fast_chunk(bodies: list[str], start: int, ctx: Context, candidates: Candidates
                ) -> list[StatusRecord] | None:
    """_fast_list's work on the records *start* + 1, ... of the list."""
    rows = [body.split(",") for body in bodies]
    counts = list(map(len, rows))
    plans = {count: _plan(count, ctx, candidates) for count in set(counts)}
    plan = plans[counts[0]]
    if plan is None or any(p is None or p.layout is not plan.layout for p in plans.values()):
        return None
    if not _fast.columns_ok(rows, tuple(zip(plan.typed, plan.columns, strict=True))):
        return None
    # The records keep their lines, split again when a field is first read: a list of
    # parts per record would be one more object for the garbage collector to walk.
    del rows
    deviant = {count for count, p in plans.items() if p is not None and p.defects}
    if not deviant:
        return wire_records(plan.layout.kind, bodies, plan.reader)
    if ctx.log.policy.strict:
        return None  # the general reader raises at the first, where it is
    # A record whose part count is a deviation keeps its line number: its defects are
    # written out from its line when asked (StatusRecord.defects, _row_defects).
    defects: list[tuple[Defect, ...] | int] = [
        number if count in deviant else ()
        for number, count in enumerate(counts, start=start + 1)]
    return wire_records(plan.layout.kind, bodies, plan.reader, defects)


def read_record(line: str, offset: int, number: int, ctx: Context,
                 candidates: list[Layout]) -> StatusRecord:
    """One record's line(s) of a list, read by the best of *candidates*: *offset* is
    where it starts in the body (in characters), *number* its number in the list."""
    fast = _fast_record(line, ctx, candidates)
    if fast is not None:
        return fast
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


def read_lines(bodies: list[str], offsets: list[int], first: int, ctx: Context,
               candidates: Candidates | None = None) -> list[StatusRecord]:
    """The records of a list's *bodies* (each starting at its offset in the reply),
    numbered from *first*, read against *candidates* (the list layouts the context
    allows when not given): what the whole-body decoder and the framer both read."""
    if candidates is None:
        candidates = candidate_layouts(ctx, True if ctx.multi is None else ctx.multi)
    fast = _fast_list(bodies, ctx, candidates, first) if _fast.ENABLED else None
    if fast is not None:
        return fast
    records = []
    for number, (offset, line) in enumerate(zip(offsets, bodies, strict=True), start=first):
        ctx.log.line = number
        records.append(read_record(line, offset, number, ctx, candidates))
    ctx.log.line = None
    return records


class Candidates(list[Layout]):
    """The layouts a line may be read as, in preference order, and the fast lane's
    plans for them by a line's part count (for contexts whose ``multi`` is as
    *unmarked* says: ``None``, or given)."""

    __slots__ = ("plans", "unmarked")

    def __init__(self, layouts: Iterable[Layout], unmarked: bool) -> None:
        super().__init__(layouts)
        self.plans: dict[int, _Plan | None] = {}
        self.unmarked = unmarked


def candidate_layouts(ctx: Context, multi: bool | None) -> Candidates:
    """The layouts a line may be read as, in preference order (D-fmt1-counts).

    One object per set of parameters, kept: its fast-lane plans then serve every call
    after the first (a reply of a few records would otherwise pay for them again)."""
    variant = ctx.log.policy.fmt1_variant
    key = (ctx.endpoint, ctx.all_level, ctx.kind, multi, variant, ctx.multi is None)
    found = _CANDIDATES.get(key)
    if found is None:
        found = _CANDIDATES[key] = _candidates(ctx, multi, variant)
    return found


#: candidate_layouts' answers, by their parameters (a few hundred at most).
_CANDIDATES: dict[tuple[object, ...], Candidates] = {}


def _candidates(ctx: Context, multi: bool | None, variant: str) -> Candidates:
    return Candidates((
        layout
        for layout in find_layouts(ctx.endpoint, ctx.all_level, 1, kind=ctx.kind, multi=multi)
        if variant == "auto" or layout.variant == variant
        or not any(o.variant == variant for o in find_layouts(
            ctx.endpoint, ctx.all_level, 1, kind=layout.kind, multi=layout.multi))
    ), ctx.multi is None)


def decode(text: str, ctx: Context) -> Reply:
    """A whole ``fmt=1`` body (already text) by the grammar above."""
    m = _ERROR.fullmatch(text.rstrip("\r\n"))
    if m is not None:
        return ErrorReply(code=int(m[1]), endpoint=ctx.endpoint, defects=ctx.log.take())
    if text == "" and ctx.multi is not False:
        return StatusList(records=(), defects=ctx.log.take())
    bodies = record_bodies(text, RECORD_START)
    lines = None
    if bodies is None:  # CRLF or a final line break: split_lines records them
        lines = split_lines(text, ctx, RECORD_START)
        bodies = [line for _, line in lines]
    list_defects: tuple[Defect, ...] = ctx.log.take()
    multi = ctx.multi if ctx.multi is not None else (True if len(bodies) > 1 else None)
    if lines is None:  # plain LF endings: offsets from the lengths, nothing to report
        offsets = list(accumulate((len(b) + 1 for b in bodies[:-1]), initial=0))
    else:
        offsets = [offset for offset, _ in lines]
    records = read_lines(bodies, offsets, 1, ctx, candidate_layouts(ctx, multi))
    if multi is None:
        multi = any(r.id is not None for r in records)
    if multi:
        return records_list(records, ctx, list_defects)
    only = records[0]
    return only.replace(defects=list_defects + only.defects) if list_defects else only


def _encode_record(record: StatusRecord, ctx: Context, multi: bool) -> str:
    layout = ctx.layout(record.kind, multi)
    reader = record._reader
    if reader is not None and reader.source is layout:
        # Read from a canonical line of this very layout: that line is its encoding.
        row = record._row
        return row if type(row) is str else ",".join(row)
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
    """A reply as ``fmt=1`` text; an error's description has no place in ``0,-N``
    (:class:`EncodeError`, unless ``lossy`` drops it)."""
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
        try:
            parts = split_lines(text, Context(ctx.shape, probe),
                                RECORD_START)
        except DecodeError as exc:  # e.g. a CR in a value makes the text's endings CRLF
            raise EncodeError(f"the lines would not read back: {exc.message}",
                              field=line_break_field(records)) from exc
        if len(parts) != len(records) or probe.defects:
            raise EncodeError("a line break in this value would split the record",
                              field=line_break_field(records))
    return text
