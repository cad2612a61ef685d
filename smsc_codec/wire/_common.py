"""What the four wire formats share: the decode context and typed field reading."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from operator import attrgetter
from typing import Any

import orjson

from smsc_codec.charset import ByteOffsets, Charset
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import (
    FIELDS,
    HLR_ONLY,
    Endpoint,
    Layout,
    RecordKind,
    Variant,
    WireField,
    layout_for,
)
from smsc_codec.models import StatusList, StatusRecord, decoded_record
from smsc_codec.policy import Defect, DefectLog
from smsc_codec.shape import ReplyShape

__all__ = ["NOT_FOUND", "Context", "FieldReader", "kind_from_names"]

#: "If the message is not found or is in the archive database (the status value is
#: -3), then the status code in the appropriate format is returned for fmt = 0,2,3."
NOT_FOUND = -3


@dataclass(slots=True)
class Context:
    """The parameters of one decode or encode call: the reply's shape and the call's
    state.

    ``endpoint`` .. ``fmt`` are the shape's, read often enough to be copied once
    (``kind`` is the shape's ``record_kind``: SMS for a history reply).  ``kind`` and
    ``multi`` are ``None`` when the caller lets the data tell.  ``text`` and
    ``charset`` turn character positions into byte offsets.  The layout parameters
    are fixed for the life of a context: its layouts are looked up once per kind and
    multi.
    """

    shape: ReplyShape
    log: DefectLog
    variant: Variant = "documented"
    text: str = ""
    lossy: bool = False
    endpoint: Endpoint = field(init=False)
    all_level: int = field(init=False)
    kind: RecordKind | None = field(init=False)
    multi: bool | None = field(init=False)
    charset: Charset = field(init=False)
    fmt: int = field(init=False)
    #: Where ``text`` starts in the whole reply, in characters and in bytes: a
    #: streaming decoder holds one record's text at a time (both 0 otherwise).
    text_start: int = 0
    byte_start: int = 0
    _layouts: dict[tuple[RecordKind, bool], Layout] = field(default_factory=dict, repr=False)
    #: The reply's bytes when they are exactly ``text`` in UTF-8 (a parser that
    #: reads bytes takes them instead of encoding the text again).
    utf8: bytes | None = field(default=None, repr=False)
    #: The fast lanes' plans by record shape (see wire/_fast.py), for this call.
    plans: dict[Any, Any] = field(default_factory=dict, repr=False)
    #: The reply's lines end in CRLF: the record bodies a decoder reads hold an LF for
    #: each of their line breaks, one character fewer than the reply (split_lines).
    crlf: bool = False
    #: Byte offsets in ``text``, counted once forward (replaced when ``text`` is).
    _offsets: ByteOffsets = field(default_factory=lambda: ByteOffsets("", "utf-8"), repr=False)

    def __post_init__(self) -> None:
        shape = self.shape
        self.endpoint, self.all_level, self.fmt = shape.endpoint, shape.all, shape.fmt
        self.kind, self.multi, self.charset = shape.record_kind, shape.multi, shape.charset

    def index_in(self, offset: int, body: str, index: int) -> int:
        """Where in the reply's text character *index* of a record *body* stands, the
        body starting at character *offset*."""
        if self.crlf:
            index += body.count("\n", 0, index)
        return offset + index

    def pos(self, index: int | None) -> int | None:
        """Byte offset in the reply of character *index* of the decoded reply."""
        if index is None:
            return None
        index -= self.text_start
        if self.charset != "utf-8":
            return self.byte_start + index  # one character, one byte
        # Counted once forward, not from byte 0 at each position asked further back
        # (fmt=1 tries several layouts per line): a defect per record stays linear.
        offsets = self._offsets
        if offsets.text is not self.text:
            offsets = self._offsets = ByteOffsets(self.text, "utf-8")
        return self.byte_start + offsets(index)

    def layout(self, kind: RecordKind, multi: bool) -> Layout:
        found = self._layouts.get((kind, multi))
        if found is None:
            if kind is RecordKind.HLR and self.endpoint is Endpoint.HISTORY:
                # The history lists sent SMS/e-mail only: a record that looks like an
                # HLR one there is read (or written) as the SMS layout, its HLR fields
                # then undocumented -- not a KeyError from the table (issue 19).
                kind = RecordKind.SMS
            found = self._layouts[kind, multi] = layout_for(
                self.endpoint, kind, self.all_level, self.fmt, multi, self.variant)
        return found


#: Each registry field's fused parse-and-check, looked up once (see ValueCodec.read).
READ: dict[str, Callable[[str], tuple[Any, bool]]] = {
    name: f.codec.read for name, f in FIELDS.items()}
READ_JSON: dict[str, Callable[[Any], tuple[Any, bool]]] = {
    name: f.codec.read_json for name, f in FIELDS.items()}
#: Each registry field's text reader, for text already known to be canonical.
PARSE: dict[str, Callable[[str], Any]] = {name: f.codec.typer for name, f in FIELDS.items()}
#: Each registry field's text writer.
FORMAT: dict[str, Callable[[Any], str]] = {name: f.codec.format for name, f in FIELDS.items()}
#: Each registry field's JSON writer.
TO_JSON: dict[str, Callable[[Any], Any]] = {name: f.codec.to_json for name, f in FIELDS.items()}
#: Each registry field's quick test that a value's text reads back as the value.
ROUND_TRIPS: dict[str, Callable[[Any], bool]] = {
    name: f.codec.round_trips for name, f in FIELDS.items()}
#: The fields whose text (and JSON string) is their value as it is: stored, not read.
VERBATIM = frozenset(name for name, f in FIELDS.items() if f.codec.verbatim)


def kind_from_names(names: Any, pinned: RecordKind | None) -> RecordKind:
    """The pinned kind, else HLR when any HLR-only field is present."""
    if pinned is not None:
        return pinned
    return RecordKind.SMS if HLR_ONLY.isdisjoint(names) else RecordKind.HLR


_KIND = attrgetter("kind")


def records_list(records: list[StatusRecord], ctx: Context, defects: tuple[Defect, ...]
                 ) -> StatusList:
    """A list of decoded records, with the kind rule below applied."""
    if ctx.kind is None:
        records = hlr_siblings(records, False)[0]
    return StatusList(records=tuple(records), defects=defects)


def hlr_siblings(records: list[StatusRecord], seen: bool) -> tuple[list[StatusRecord], bool]:
    """A not-found record carries nothing that tells its kind (only its status comes
    back), so unless the caller pinned the kind it takes the HLR kind when a sibling
    before it is HLR (spec/decisions.md, D-kind) -- what a push decoder, which hands
    each record out as it completes, can know too.  *seen*: an HLR record came before
    *records*; returned with the records as it stands after them."""
    if seen:
        first = 0
    elif RecordKind.HLR in set(map(_KIND, records)):
        first = next(i for i, r in enumerate(records) if r.kind is RecordKind.HLR)
    else:
        return records, False
    return records[:first] + [
        r.replace(kind=RecordKind.HLR)
        if r.status == NOT_FOUND and not HLR_ONLY.intersection(r.values()) else r
        for r in records[first:]
    ], True


@dataclass(slots=True)
class FieldReader:
    """Accumulates the typed fields of one record as a decoder reads them."""

    ctx: Context
    log: DefectLog
    values: dict[str, Any] = field(default_factory=dict)
    raw: list[tuple[str, Any]] = field(default_factory=list)
    extra: list[tuple[str, Any]] = field(default_factory=list)

    def text(self, name: str, text: str, index: int | None = None) -> None:
        """Read a known field from its fmt 0/1/2 text (at character *index*)."""
        if name in VERBATIM:
            self.values[name] = text
            return
        try:
            value, canonical = READ[name](text)
        except ValueError:
            self.bad_text(name, text, index)
            return
        if not canonical:
            self.non_canonical_text(name, text, value, index)
        self.values[name] = value

    def bad_text(self, name: str, text: str, index: int | None = None) -> None:
        """Text that does not parse as its field's type: kept verbatim in ``raw``."""
        self.log.report(
            "bad-value",
            f"expected {FIELDS[name].codec.expected}, found {text!r}; kept verbatim",
            field=name,
            pos=self.ctx.pos(index),
        )
        self.raw.append((name, text))

    def non_canonical_text(self, name: str, text: str, value: Any, index: int | None = None
                           ) -> None:
        self.log.report(
            "non-canonical",
            f"{text!r} is written {FIELDS[name].codec.format(value)!r} canonically",
            field=name,
            pos=self.ctx.pos(index),
        )

    def json(self, name: str, obj: Any, path: str) -> None:
        """Read a known field from its fmt=3 JSON value (at ``path.name``)."""
        try:
            value, canonical = READ_JSON[name](obj)
        except ValueError:
            self.bad_json(name, obj, path)
            return
        if not canonical:
            self.non_canonical_json(name, obj, value, path)
        self.values[name] = value

    def bad_json(self, name: str, obj: Any, path: str) -> None:
        """A JSON value that is not of its field's type: kept as it came in ``raw``."""
        self.log.report(
            "bad-value",
            f"expected {FIELDS[name].codec.expected}, found {obj!r}",
            field=f"{path}.{name}",
        )
        self.raw.append((name, obj))  # kept as it came, JSON type and all

    def non_canonical_json(self, name: str, obj: Any, value: Any, path: str) -> None:
        self.log.report(
            "non-canonical",
            f"{obj!r} is written {FIELDS[name].codec.to_json(value)!r} canonically",
            field=f"{path}.{name}",
        )

    def has(self, name: str) -> bool:
        if name in self.values:
            return True
        return bool(self.raw) and any(n == name for n, _ in self.raw)

    def record(self, kind: RecordKind, defects: tuple[Defect, ...]) -> StatusRecord:
        return decoded_record(kind, self.values, tuple(self.extra), tuple(self.raw), defects)

    def check_missing(self, layout: Layout, line: int | None = None) -> None:
        """Report the layout's fields the reply did not carry (none are expected
        besides the status, and the multi extras, of a not-found record)."""
        if self.values.get("status") == NOT_FOUND:  # (key-driven formats only call this)
            wanted: tuple[str, ...] = ("status", *layout.extras)
        elif self.values.keys() >= layout.carried:
            return  # every field read as a value
        else:
            wanted = layout.names
        for name in wanted:
            if not self.has(name):
                self.log.report(
                    "missing-field",
                    f"{layout.describe()} has no {name!r}",
                    field=name,
                    line=line,
                )


def record_bodies(text: str, starts: re.Pattern[str]) -> list[str] | None:
    """The records of a fmt 0/1 list as :func:`split_lines` gives them, without their
    offsets, for a reply with plain LF endings and no final line break (``None``
    otherwise: those are defects, split_lines reports them)."""
    if "\r\n" in text or text.endswith("\n"):
        return None
    return record_splitter(starts, "\n").split(text)


def split_lines(text: str, ctx: Context, starts: re.Pattern[str]) -> list[tuple[int, str]]:
    """(offset, text) of each record of a fmt 0/1 list.

    A line that does not match *starts* continues the record above it: that is how
    a message with line breaks survives in a list.  CRLF endings and a final line
    break are accepted as defects.
    """
    newline = "\n"
    first = text.find("\n")
    if first > 0 and text[first - 1] == "\r":  # the first line break decides (D-line-endings)
        bare = BARE_LF.search(text, first + 1)
        if bare is not None:
            at = bare.start()
            raise bare_lf_error(len(text[:at].encode("utf-8", "surrogateescape"))
                                if ctx.charset == "utf-8" else at)
        ctx.log.report("line-endings", "CRLF line endings; the canonical ending is LF")
        newline, ctx.crlf = "\r\n", True
    if text.endswith(newline):
        ctx.log.report("trailing-newline", "reply ends with a line break")
        text = text[: -len(newline)]
    # One split at every line break that a record start follows (a continuation
    # line keeps its break); offsets from the lengths, in characters of *text*.
    bodies = record_splitter(starts, newline).split(text)
    offsets = accumulate(map(len(newline).__add__, map(len, bodies)), initial=0)
    if newline != "\n":
        bodies = [body.replace(newline, "\n") for body in bodies]
    return list(zip(offsets, bodies, strict=False))  # offsets has one more: the end


#: A line feed without its carriage return.
BARE_LF = re.compile(r"(?<!\r)\n")


def bare_lf_error(pos: int) -> DecodeError:
    """A bare LF (at byte *pos*) in a reply whose first line break is CRLF: the lines
    before it were read as CRLF lines, a push decoder may have handed them out already,
    so the reply cannot be read again as LF lines (spec/decisions.md D-line-endings)."""
    return DecodeError("a bare LF after CRLF line endings", expected="CRLF, as the first line"
                       " break", found="LF", pos=pos, kind="line-endings")


@lru_cache(maxsize=16)
def record_splitter(starts: re.Pattern[str], newline: str) -> re.Pattern[str]:
    """Splits a reply at each *newline* followed by what *starts* a record."""
    return re.compile(f"{re.escape(newline)}(?={starts.pattern})", starts.flags)


def line_break_field(records: Iterable[StatusRecord]) -> str | None:
    """The first field (or extra) of *records* whose text holds a CR or LF: the one
    to name when a line break would split a fmt 0/1 record."""
    for record in records:
        for name, value in (*record.values().items(), *record.raw, *record.extra):
            if isinstance(value, str) and ("\n" in value or "\r" in value):
                return name
    return None


def wire_text(record: StatusRecord, wf: WireField, ctx: Context) -> str | None:
    """The fmt 0/1/2 text of one field of *record*, or ``None`` if it is absent."""
    name = wf.name
    reader = record._reader
    if reader is not None:
        # A record over a checked wire row: its canonical text, or JSON value (whose
        # text is the canonical text: a string as it is, a number in digits).
        found = reader.wire(record._row, name)
        return found if found is None or type(found) is str else str(found)
    value = getattr(record, name)
    if value is None:
        if not record.raw:
            return None
        raw = dict(record.raw)
        if name not in raw:
            return None
        # A raw value from JSON may be a number or null: written as its JSON text.
        kept = raw[name]
        if isinstance(kept, str):
            return kept
        try:
            return orjson.dumps(kept).decode()
        except TypeError as exc:  # orjson: an integer beyond 64 bits
            raise EncodeError(f"a raw value not representable in JSON: {exc}",
                              field=name) from exc
    if name in VERBATIM:
        return value  # type: ignore[no-any-return]
    text: str = FORMAT[name](value)
    return text


def check_carried(record: StatusRecord, layout: Layout, ctx: Context) -> None:
    """Refuse to drop fields the layout cannot carry, unless the caller said lossy."""
    if ctx.lossy:
        return
    reader = record._reader
    if reader is not None and layout.carried.issuperset(reader.names(record._row)):
        uncarried: tuple[str, ...] = ()  # a wire row (no raw values) the layout holds
    else:
        uncarried = layout.uncarried
    for name in uncarried:  # registry order, as record.values() gives them
        if getattr(record, name) is not None:
            raise EncodeError(
                f"{layout.describe()} cannot carry this field (encode with lossy=True to drop it)",
                field=name,
            )
    carried = layout.carried
    for name, _ in record.raw:
        if name not in carried:
            raise EncodeError(f"{layout.describe()} cannot carry this field", field=name)
    if record.kind is not layout.kind:
        raise EncodeError(f"a {record.kind} record in a {layout.kind} layout", field="kind")
