"""Fast lanes: records whose wire is canonical, checked as a whole and typed later.

Nearly every record a server sends is canonical: the fields its layout names, each
in its canonical form.  For such a record the general reader's work -- one codec
call per field, defects, a dict of typed values -- comes out the same every time,
so a fast lane checks the record's *shape* instead and keeps its values as they
came (:func:`smsc_codec.models.wire_record`; the record types a field on first
access, spec/decisions.md D-lazy-typing).

A shape is the row's field names and value types.  The first record of a shape
builds a :class:`JsonPlan` or :class:`TextPlan` from the layout table and the
codecs' canonical forms (``ValueCodec.pattern``, ``json_types``, ``json_check``);
every later record of that shape costs one dictionary lookup and the value checks
the plan names.  A record that fits no plan, or fails a check, goes to the general
reader, which reads it exactly as before -- so a fast lane can only ever decline,
never decide differently (tests/wire/test_fast.py checks both readers agree, and
every fuzz harness does on every input).

A list is checked :data:`CHUNK` records at a time, a column at a time: each typed
field's values of the chunk joined and matched once (:func:`columns_ok`), the
records then built slot by slot (:func:`smsc_codec.models.wire_records`).  This
module holds what the dict-shaped rows of ``fmt`` 2/3 share; the line grammars of
``fmt`` 0/1 build their own plans in ``kv.py`` and ``commas.py`` from the same codec
patterns.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import itemgetter
from typing import Any

from smsc_codec.layouts import FIELDS, Layout, RecordKind
from smsc_codec.models import StatusRecord, wire_records
from smsc_codec.rows import RowReader
from smsc_codec.wire._common import Context, kind_from_names

__all__ = [
    "CHUNK", "ENABLED", "JSON_READER", "SEP", "TEXT_DICT_READER", "JsonPlan", "TextPlan",
    "by_chunks", "column_pattern", "columns_ok", "joined", "json_list", "json_plan",
    "text_dict_list", "text_plan",
]

#: Off only to test that the general reader alone decodes every input alike.
ENABLED = True

#: Rows of fmt=3 JSON values / fmt=2 texts, by field name.
JSON_READER = RowReader.for_names(
    "json", FIELDS, {name: f.codec.json_typer for name, f in FIELDS.items()}, keyed=True)
TEXT_DICT_READER = RowReader.for_names(
    "text", FIELDS, {name: f.codec.typer for name, f in FIELDS.items()}, keyed=True)

#: Separates a text row's values when its typed ones are checked in one match: a
#: control character no canonical typed value holds (a row holding it is declined).
SEP = "\x1f"


#: Plans outlive the call: building one (a layout lookup, a joined pattern, a column
#: pattern per typed field) cost ~20 us, a third of a one-record decode, every call.
#: A plan is a pure function of its key -- the row's shape and the context's layout
#: parameters -- so sharing it can only save time.  Shapes come from the data (JSON
#: keys, XML element names), so the cache is bounded like commas.MAX_PLANS: past
#: this many, the oldest plan goes (rebuilt if it comes back).
MAX_PLANS = 256
_PLANS: dict[tuple[Any, ...], JsonPlan | TextPlan | None] = {}


def _layout_key(ctx: Context) -> tuple[Any, ...]:
    """What of *ctx* a plan depends on: the parameters its layouts are looked up by."""
    return (ctx.endpoint, ctx.all_level, ctx.fmt, ctx.variant, ctx.kind)


def _remember(key: tuple[Any, ...], plan: JsonPlan | TextPlan | None
              ) -> JsonPlan | TextPlan | None:
    if len(_PLANS) >= MAX_PLANS:
        del _PLANS[next(iter(_PLANS))]  # the oldest: dicts keep insertion order
    _PLANS[key] = plan
    return plan


@dataclass(frozen=True, slots=True)
class JsonPlan:
    """How to accept a JSON object of one shape: its string values at *texts*, joined
    by ``SEP``, must match *pattern*; its other values must pass *checks*."""

    kind: RecordKind
    texts: tuple[str, ...]
    pattern: re.Pattern[str] | None
    checks: tuple[tuple[str, Callable[[Any], bool]], ...]
    #: Each of *texts* with its pattern over a column of records.
    columns: tuple[tuple[str, re.Pattern[str]], ...]

    def accepts(self, obj: dict[str, Any]) -> bool:
        pattern = self.pattern
        if pattern is not None and pattern.fullmatch(
                SEP.join([obj[key] for key in self.texts])) is None:
            return False
        for name, check in self.checks:  # noqa: SIM110 -- all() costs a generator per record
            if not check(obj[name]):
                return False
        return True


@dataclass(frozen=True, slots=True)
class TextPlan:
    """How to accept a text row of one shape: its typed values, joined by ``SEP``
    in *typed* order, must match *pattern* (``None``: nothing typed to check)."""

    kind: RecordKind
    layout: Layout
    typed: tuple[Any, ...]  # the keys (or indexes) of the values to check
    pattern: re.Pattern[str] | None
    #: Each of *typed* with its pattern over a column of records.
    columns: tuple[tuple[Any, re.Pattern[str]], ...]

    def accepts(self, row: dict[str, str]) -> bool:
        """Whether every typed value of *row* is canonical."""
        pattern = self.pattern
        return pattern is None or pattern.fullmatch(
            SEP.join([row[key] for key in self.typed])) is not None


def _layout_of(names: Sequence[str], ctx: Context, multi: bool) -> Layout | None:
    """The layout a record carrying exactly *names* is read with, if it carries all
    of that layout's fields and nothing else -- the only shape a fast lane takes
    (a missing, extra or unknown field needs the general reader's defects)."""
    known = FIELDS.keys()
    if not known >= set(names):
        return None
    layout = ctx.layout(kind_from_names(names, ctx.kind), multi)
    if len(names) != len(layout.names) or layout.carried != set(names):
        return None
    return layout


def json_plan(ctx: Context, multi: bool, names: tuple[str, ...], types: tuple[type, ...]
              ) -> JsonPlan | None:
    """The plan for JSON objects with these keys and value types, or ``None`` (made
    once per shape and layout parameters, for the process: see :data:`_PLANS`)."""
    key = ("json", multi, names, types, *_layout_key(ctx))
    plan = _PLANS.get(key, False)
    if plan is False:
        plan = _remember(key, _json_plan(ctx, multi, names, types))
    return plan  # type: ignore[return-value]


def _json_plan(ctx: Context, multi: bool, names: tuple[str, ...], types: tuple[type, ...]
               ) -> JsonPlan | None:
    layout = _layout_of(names, ctx, multi)
    if layout is None:
        return None
    texts, patterns, checks = [], [], []
    for name, kind in zip(names, types, strict=True):
        codec = FIELDS[name].codec
        if kind not in codec.json_types:
            return None
        if kind is str and codec.pattern is not None:
            # a string value with a text grammar (a date, an amount): its pattern
            # decides exactly what json_check decides, and all of them take one match
            texts.append(name)
            patterns.append(codec.pattern)
        elif codec.json_check is not None:
            checks.append((name, codec.json_check))
    return JsonPlan(layout.kind, tuple(texts), joined(patterns), tuple(checks),
                    tuple((name, column_pattern(p)) for name, p in zip(texts, patterns,
                                                                       strict=True)))


def joined(patterns: list[str]) -> re.Pattern[str] | None:
    """One pattern for values joined by ``SEP``, each matching its own."""
    return re.compile(SEP.join(f"(?:{p})" for p in patterns), re.ASCII) if patterns else None


def text_plan(ctx: Context, multi: bool, names: tuple[str, ...]) -> TextPlan | None:
    """The plan for dict rows of texts holding *names*, or ``None`` (made once per
    shape and layout parameters, for the process: see :data:`_PLANS`)."""
    key = ("text", multi, names, *_layout_key(ctx))
    plan = _PLANS.get(key, False)
    if plan is False:
        plan = _remember(key, _text_plan(ctx, multi, names))
    return plan  # type: ignore[return-value]


def _text_plan(ctx: Context, multi: bool, names: tuple[str, ...]) -> TextPlan | None:
    layout = _layout_of(names, ctx, multi)
    if layout is None:
        return None
    typed = [(name, FIELDS[name].codec.pattern) for name in names
             if FIELDS[name].codec.pattern is not None]
    return TextPlan(layout.kind, layout, tuple(key for key, _ in typed),
                    joined([p for _, p in typed if p is not None]),
                    tuple((key, column_pattern(p)) for key, p in typed if p is not None))




def column_pattern(pattern: str) -> re.Pattern[str]:
    """*pattern* over a column: values joined by ``SEP``, each matching it."""
    return re.compile(f"(?:{pattern})(?:{SEP}(?:{pattern}))*", re.ASCII)


def column_ok(values: Iterable[str], count: int, pattern: re.Pattern[str]) -> bool:
    """Whether each of *count* values matches the column *pattern*: their text joined
    by ``SEP`` matches, and holds no ``SEP`` but the joints (a value holding one
    would read as two values)."""
    text = SEP.join(values)
    return text.count(SEP) == count - 1 and pattern.fullmatch(text) is not None


def columns_ok(rows: list[Any], columns: Sequence[tuple[Any, re.Pattern[str]]]) -> bool:
    """Whether the value at each key of every row matches that key's column pattern
    (one match per column, however many rows)."""
    return all(column_ok(map(itemgetter(key), rows), len(rows), pattern)
               for key, pattern in columns)


#: Records a list lane takes at once: the rows of a chunk are checked column by
#: column and built slot by slot while they are still in the processor's caches (a
#: pass over a whole 100 000-record list would not find them there).
CHUNK = 256


def by_chunks(items: list[Any], build: Callable[[list[Any], int], list[StatusRecord] | None]
              ) -> list[StatusRecord] | None:
    """``build(chunk, start)`` over *items* a chunk at a time, the records joined --
    or ``None`` as soon as one chunk is declined."""
    out: list[StatusRecord] = []
    for start in range(0, len(items), CHUNK):
        part = build(items[start : start + CHUNK], start)
        if part is None:
            return None
        out += part
    return out


def one_shape(rows: list[dict[str, Any]]) -> tuple[str, ...] | None:
    """The keys every dict row holds, in the same order, or ``None`` if they differ."""
    keys = list(map(tuple, rows))
    first = keys[0]
    return first if keys.count(first) == len(keys) else None


def json_list(rows: list[Any], ctx: Context) -> list[StatusRecord] | None:
    """The records of a JSON array whose objects share one canonical shape, checked a
    column at a time; ``None`` if it is not so (each object then goes its own way)."""
    if not rows or not all(map(isinstance, rows, repeat(dict))):
        return None
    names = one_shape(rows)
    if names is None:
        return None
    # Value types may vary by record (an id is a number or a string): one plan per
    # mix, and they must agree on the kind and on what to check.
    plans = []
    for types in set(map(tuple, map(map, repeat(type), map(dict.values, rows)))):
        found = json_plan(ctx, True, names, types)
        if found is None:
            return None
        plans.append(found)
    plan = plans[0]
    if any((p.kind, p.texts, p.checks) != (plan.kind, plan.texts, plan.checks) for p in plans):
        return None
    if not columns_ok(rows, plan.columns):
        return None
    for name, check in plan.checks:
        if not all(map(check, map(itemgetter(name), rows))):
            return None
    return wire_records(plan.kind, rows, JSON_READER)


def text_dict_list(rows: list[dict[str, str]], ctx: Context) -> list[StatusRecord] | None:
    """The records of fmt=2 field dicts that share one canonical shape, checked a
    column at a time; ``None`` if it is not so."""
    if not rows:
        return None
    names = one_shape(rows)
    if names is None:
        return None
    plan = text_plan(ctx, True, names)
    if plan is None or not columns_ok(rows, plan.columns):
        return None
    return wire_records(plan.kind, rows, TEXT_DICT_READER)
