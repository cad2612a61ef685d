"""Streaming decoders: a multi-record reply, record by record, in bounded memory.

A multi-status or history reply can hold a million records; :func:`decode_status`
wants the whole body and builds the whole list.  :func:`iter_status` and
:func:`iter_history` take the body as an iterable of byte chunks -- whatever the
caller reads from its socket or file, any sizes, split anywhere, even inside a
multibyte UTF-8 character -- and yield the records as they complete.  Still I/O-free:
the caller reads, the decoder never opens anything.

Each record is read by the very reader :func:`decode_status` uses (``wire/``); what
the stream adds is only the cutting of the reply into records:

``fmt`` 0 and 1
    line by line.  A line that does not start like a record continues the record
    above it (a message with line breaks, spec/decisions.md D-newlines), so a record
    is decoded when the next one starts, or at the end.
``fmt=2``
    lxml's pull parser, with the settings of ``wire/xml.py`` (no DTD: a
    ``<!DOCTYPE`` is refused before the parser sees it, no entities, no network).
    Each ``<sms>`` of the ``<list>`` is read on its end tag, then cleared and
    dropped from the tree.
``fmt=3``
    there is no incremental JSON parser in the dependencies, so the stream cuts the
    top-level array into its elements -- the next ``}`` is tried first, a scan that
    counts brackets outside strings when that fails -- and hands each element to
    orjson (wrapped in ``[...]``, so nesting limits match a whole-body parse).

Memory holds one record (and one chunk) at a time.  A record larger than the
decoders' size limit (``smsc_codec.limits.MAX_REPLY_BYTES``, or
``Policy(max_input_bytes=...)``) is a ``DecodeError`` of kind ``too-large``.

What is not a list is decoded whole, as :func:`decode_status` would, and is short:

* a single record (``fmt`` 0/1: a reply whose first record is its last; a ``<sms>``
  root; a JSON object) is yielded as the only record;
* an error reply (``ERROR = N``, ``0,-N``, ``<result><error>``, ``{"error": ...}``)
  raises :class:`ErrorReplyError`, a ``DecodeError`` of kind ``error-reply`` that
  carries the decoded :class:`~smsc_codec.models.ErrorReply` as ``.reply``;
* anything else raises what :func:`decode_status` raises (a delete ``OK`` is a
  ``wrong-endpoint`` error, and so on).

The records are those :func:`decode_status` / :func:`decode_history` return, with
their defects, byte offsets (absolute, in the whole body) and line numbers, except
where a whole-body decoder looks at the whole body:

* a not-found record carries nothing that tells its kind; :func:`decode_status`
  gives it the kind of its siblings (HLR if any record of the list is HLR), the
  stream the kind of the records *before* it.  Pass ``kind=`` to be exact.
* the list's own defects (line endings, a final line break, undecodable bytes) are
  on :attr:`RecordStream.defects`, complete once the stream is exhausted.
* a ``fmt`` 0/1 reply takes its line ending from its first line break; a bare LF
  after CRLF line endings raises ``DecodeError`` (kind ``line-endings``): the
  records already yielded would read differently (decode such a reply whole).
* errors surface where they are met, after the records before them; under a strict
  policy the stream raises at the first deviation it reaches.
* malformed-XML and malformed-JSON errors say the line (XML) or the byte offset of
  the element (JSON), not always the exact byte.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson
from lxml import etree

from smsc_codec.charset import DEFAULT_CHARSET, Charset, normalize_charset
from smsc_codec.errors import DecodeError, UsageError
from smsc_codec.history import decode_history
from smsc_codec.layouts import HLR_ONLY, Endpoint, Layout, RecordKind
from smsc_codec.limits import MAX_REPLY_BYTES
from smsc_codec.models import ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.policy import LENIENT, STRICT, Defect, DefectLog, Policy
from smsc_codec.status import ALL_LEVELS, WIRE, decode_status
from smsc_codec.wire import commas, jsondoc, kv, xml
from smsc_codec.wire._common import NOT_FOUND, Context

__all__ = ["Chunk", "ErrorReplyError", "RecordStream", "iter_history", "iter_status"]

#: What a chunk may be: any bytes-like object the caller read.
Chunk = bytes | bytearray | memoryview


class ErrorReplyError(DecodeError):
    """The stream held the server's error reply, not records: ``.reply`` is it."""

    def __init__(self, reply: ErrorReply) -> None:
        super().__init__(f"the server answered with error {reply.code}", found=reply,
                         kind="error-reply")
        self.reply = reply


def iter_status(
    chunks: Iterable[Chunk],
    /,
    *,
    fmt: int,
    all: int = 0,
    charset: str = DEFAULT_CHARSET,
    kind: RecordKind | str | None = None,
    policy: Policy = LENIENT,
) -> RecordStream:
    """The records of a ``status.php`` multi-status reply, as its *chunks* arrive.

    The parameters are :func:`~smsc_codec.decode_status`'s; see the module docstring
    for what a reply that is not a list does.
    """
    return RecordStream(chunks, endpoint=Endpoint.STATUS, fmt=fmt, all_level=all,
                        charset=charset, kind=kind, multi=None, policy=policy)


def iter_history(
    chunks: Iterable[Chunk],
    /,
    *,
    fmt: int,
    charset: str = DEFAULT_CHARSET,
    policy: Policy = LENIENT,
) -> RecordStream:
    """The records of a ``get.php?get_messages=1`` reply, as its *chunks* arrive."""
    return RecordStream(chunks, endpoint=Endpoint.HISTORY, fmt=fmt, all_level=2,
                        charset=charset, kind=RecordKind.SMS, multi=True, policy=policy)


class RecordStream(Iterator[StatusRecord]):
    """An iterator over the records of one reply (see :func:`iter_status`)."""

    def __init__(self, chunks: Iterable[Chunk], *, endpoint: Endpoint, fmt: int,
                 all_level: int, charset: str, kind: RecordKind | str | None,
                 multi: bool | None, policy: Policy) -> None:
        if fmt not in WIRE:
            raise UsageError(f"fmt must be 0, 1, 2 or 3, not {fmt!r}")
        if all_level not in ALL_LEVELS:
            raise UsageError(f"all must be 0, 1 or 2, not {all_level!r}")
        self._endpoint = endpoint
        self._fmt = fmt
        self._all = all_level
        self._charset: Charset = normalize_charset(charset)
        self._kind = None if kind is None else RecordKind(kind)
        self._multi = multi
        self._policy = policy
        self._limit = policy.limit(MAX_REPLY_BYTES)
        self._source = _Source(chunks, self._limit)
        # The list's own defects, in the order a whole-body decode gives them.
        self._charset_defects: list[Defect] = []
        self._line_defects: list[Defect] = []
        self._whole_defects: tuple[Defect, ...] = ()
        self._seen_hlr = False
        self._records = self._run()

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> StatusRecord:
        return next(self._records)

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's), complete once the stream ends."""
        return (*self._charset_defects, *self._line_defects, *self._whole_defects)

    # --- what every format shares -------------------------------------------------

    def _context(self) -> Context:
        return Context(self._endpoint, self._all, DefectLog(self._policy), kind=self._kind,
                       multi=self._multi, charset=self._charset, fmt=self._fmt)

    def _list_log(self, defects: list[Defect]) -> DefectLog:
        """A log whose defects go to the list, not to the record being read."""
        return DefectLog(self._policy, defects)

    def _text_decoder(self) -> _TextDecoder:
        # As status._context decides: fmt 0/1 keep undecodable bytes as escapes under
        # a lenient policy; the XML and JSON parsers hold only real characters.
        if self._fmt in (0, 1):
            return _TextDecoder(self._charset, self._list_log(self._charset_defects))
        return _TextDecoder(self._charset, DefectLog(STRICT))

    def _whole(self, raw: bytearray) -> Iterator[StatusRecord]:
        """Decode the rest of a reply that is not a list -- or not one the stream can
        cut -- whole, as decode_status / decode_history do: it is short."""
        raw += self._source.rest()
        self._charset_defects.clear()  # the whole-body decode reports its own
        self._line_defects.clear()
        reply: Reply
        if self._endpoint is Endpoint.HISTORY:
            reply = decode_history(bytes(raw), fmt=self._fmt, charset=self._charset,
                                   policy=self._policy)
        else:
            reply = decode_status(bytes(raw), fmt=self._fmt, all=self._all,
                                  charset=self._charset, kind=self._kind, policy=self._policy)
        if isinstance(reply, ErrorReply):
            raise ErrorReplyError(reply)
        if isinstance(reply, StatusList):
            self._whole_defects = reply.defects
            yield from reply.records
        elif isinstance(reply, StatusRecord):
            yield reply

    def _sibling_kind(self, record: StatusRecord) -> StatusRecord:
        """records_list's rule for a not-found record, over the records so far."""
        if self._kind is None:
            if record.kind is RecordKind.HLR:
                self._seen_hlr = True
            elif (self._seen_hlr and record.status == NOT_FOUND
                  and not HLR_ONLY.intersection(record.values())):
                return record.replace(kind=RecordKind.HLR)
        return record

    def _run(self) -> Iterator[StatusRecord]:
        if self._fmt in (0, 1):
            records = self._lines()
        elif self._fmt == 2:
            records = self._xml()
        else:
            records = self._json()
        for record in records:
            yield self._sibling_kind(record)

    # --- fmt 0 and 1: line by line ------------------------------------------------

    def _lines(self) -> Iterator[StatusRecord]:
        source, limit, utf8 = self._source, self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        starts = kv.RECORD_START if self._fmt == 0 else commas.RECORD_START
        ctx = self._context()
        candidates: list[Layout] | None = None
        raw: bytearray | None = bytearray()  # the body, kept until it proves to be a list
        head = ""  # its first characters after line breaks (an ERROR line?)
        newline: str | None = None  # as its first line break says
        carry = ""  # the unfinished last line
        tail: list[str] = []  # text after carry with no line break: joined once one comes
        tail_len = 0
        group: list[str] = []  # the lines of the record being read
        group_at = group_byte = 0  # where it starts, in characters and bytes
        at = at_byte = 0  # where the next line starts
        number = 0  # records read

        def record() -> StatusRecord:
            nonlocal candidates
            ctx.text = (newline or "\n").join(group)
            ctx.crlf = newline == "\r\n"
            ctx.text_start, ctx.byte_start, ctx.log.line = group_at, group_byte, number
            line = "\n".join(group)
            if self._fmt == 0:
                return kv.read_record(line, group_at, number, ctx)
            if candidates is None:  # more than one record: a list
                candidates = commas.candidate_layouts(ctx, True if ctx.multi is None else ctx.multi)
            return commas.read_record(line, group_at, number, ctx, candidates)

        for chunk, final in source:
            if raw is not None:
                raw += chunk
            text = decode(chunk, final)
            if raw is not None and len(head) < 5:
                head = (head + text).lstrip("\r\n")[:5]
                if len(head) < 5 and not final:
                    carry += text
                    continue
                if head.startswith("ERROR"):  # as decode_reply: an error line, read whole
                    yield from self._whole(raw)
                    return
            if not final and "\n" not in text:  # the line goes on: keep it, join it once
                tail.append(text)
                tail_len += len(text)
                if len(carry) + tail_len > limit:
                    source.too_large(group_byte, "a record")
                if (raw is not None and group and len(carry) + tail_len - len(text) < 64
                        and starts.match(carry + "".join(tail))):
                    raw = None  # a second record has begun: a list
                if raw is not None and len(raw) > limit:
                    source.too_large(0, "the reply")
                continue
            lines = (carry + "".join(tail) + text).split("\n")
            tail.clear()
            tail_len = 0
            carry = "" if final else lines.pop()
            if len(carry) > limit:
                source.too_large(group_byte, "a record")
            last = len(lines) - 1
            for i, line in enumerate(lines):
                ended = not (final and i == last)  # a line break follows it
                if ended:
                    if newline is None:
                        newline = "\r\n" if line.endswith("\r") else "\n"
                        if newline == "\r\n":
                            self._list_log(self._line_defects).report(
                                "line-endings", "CRLF line endings; the canonical ending is LF")
                    if newline == "\r\n":
                        if not line.endswith("\r"):
                            if raw is not None:  # nothing yielded yet: read it whole
                                yield from self._whole(raw)
                                return
                            raise DecodeError(
                                "a bare LF after CRLF line endings: the records already read"
                                " would read otherwise (decode this reply whole)",
                                pos=at_byte, line=number + 1, kind="line-endings")
                        line = line[:-1]
                elif line == "" and newline is not None:
                    self._list_log(self._line_defects).report(
                        "trailing-newline", "reply ends with a line break")
                    break
                if not group or starts.match(line):
                    if group:
                        raw = None  # a second record: a list
                        number += 1
                        yield record()
                    group, group_at, group_byte = [line], at, at_byte
                else:
                    group.append(line)
                end = line + newline if ended and newline else line
                at += len(end)
                at_byte += len(end.encode("utf-8", "surrogateescape")) if utf8 else len(end)
                if at_byte - group_byte > limit:
                    source.too_large(group_byte, "a record")
            if raw is not None and group and carry and starts.match(carry[:64]):
                raw = None  # a second record has begun: a list
            if raw is not None and len(raw) > limit:
                source.too_large(0, "the reply")
        if raw is not None:  # one record, an error, or nothing at all
            yield from self._whole(raw)
        elif group:
            number += 1
            yield record()

    # --- fmt 2: lxml's pull parser ------------------------------------------------

    def _xml(self) -> Iterator[StatusRecord]:
        source, limit, utf8 = self._source, self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        # Events for the <list> and its <sms> only: the fields are read from the tree.
        parser = etree.XMLPullParser(events=("start", "end"), tag=("list", "sms"),
                                     **xml.PARSER_OPTIONS)
        ctx = self._context()
        raw: bytearray | None = bytearray()  # the body, kept until its root is <list>
        pending = ""  # text not yet handed to the parser
        fed_bytes = 0  # bytes of the text handed to the parser
        head_checked = dtd_checked = False
        root: Any = None
        last: Any = None  # the last record read, still (empty) in the tree
        waiting: Any = None  # a record read to its end tag, waiting for its tail
        not_a_list = False
        number = 0
        since_record = 0  # bytes read since the last record ended

        def feed(text: str) -> None:
            nonlocal fed_bytes
            data = text.encode("utf-8")
            fed_bytes += len(data) if utf8 else len(text)
            try:
                parser.feed(data)
            except etree.XMLSyntaxError as exc:
                raise _malformed(exc) from exc

        def no_strangers(upto: Any) -> None:
            """As xml.decode: an element of the <list> before *upto* (None: to the
            end) that is not an <sms> -- and not the last record read -- is an error."""
            for child in root:
                if child is upto:
                    return
                if child is not last and isinstance(child.tag, str):
                    raise DecodeError("a <list> holds <sms> elements", expected="<sms>",
                                      found=f"<{child.tag}>", line=child.sourceline,
                                      field=f"record {number + 1}")

        def records(events: Iterable[tuple[str, Any]]) -> Iterator[StatusRecord]:
            """The records the parser's events complete (none once the root says the
            reply is not a list: raw stays set).  A <sms> is read once its tail is
            complete too (text after it is a defect of its own): when the next one
            starts, or the list ends."""
            nonlocal root, raw, waiting, not_a_list
            for event, element in events:
                if root is None:  # the first event: is it the root's, and a <list>?
                    if element.tag != "list" or element.getparent() is not None:
                        not_a_list = True  # a record, anything else: read it whole
                        return
                    root, raw = element, None
                    continue
                if element.getparent() is not root:
                    if element is root:  # the end of the list
                        yield from flush()
                    continue  # a <sms> nested in a field
                if event == "start":
                    yield from flush()
                    continue
                if element.getprevious() is not last:
                    no_strangers(element)
                waiting = element

        def flush() -> Iterator[StatusRecord]:
            """Read the record waiting for its tail, then drop what is before it."""
            nonlocal waiting, last, number, since_record
            if waiting is None:
                return
            number += 1
            ctx.log.line = waiting.sourceline
            yield xml.read_record(waiting, ctx, multi=True)
            waiting.clear()
            while waiting.getprevious() is not None:
                del root[0]
            last, waiting = waiting, None
            since_record = 0

        for chunk, final in source:
            if raw is not None:
                raw += chunk
            since_record += len(chunk)
            pending += decode(chunk, final)
            if not head_checked:
                # As decode_status: an ERROR line is read whole; a declaration must
                # agree with the charset (it ends at the first ">").
                head = pending.lstrip("\r\n")
                if (len(head) < 5 or ">" not in pending) and not final:
                    continue
                if head.startswith("ERROR") and raw is not None:
                    yield from self._whole(raw)
                    return
                xml.check_declaration(pending, self._charset)
                head_checked = True
            upto = len(pending)
            if not dtd_checked:
                # The first "<!" of the reply must not open a DTD: hold the text from it
                # back from the parser until there is enough of it to tell.
                at = pending.find("<!")
                if at >= 0 and (len(pending) - at >= 20 or final):
                    before = pending[:at].encode("utf-8") if utf8 else pending[:at]
                    xml.refuse_dtd(pending, at, fed_bytes + len(before))
                    dtd_checked = True
                elif at >= 0:
                    upto = at
                elif not final:
                    upto = len(pending) - 1  # it may end with the "<" of a "<!"
            if upto:
                feed(pending[:upto])
                pending = pending[upto:]
            yield from records(parser.read_events())
            if raw is not None and (not_a_list or final):
                yield from self._whole(raw)  # not a list, or no root at all
                return
            if raw is not None and len(raw) > limit:
                source.too_large(0, "the reply")
            if final:
                try:
                    parser.close()
                except etree.XMLSyntaxError as exc:
                    raise _malformed(exc) from exc
                yield from records(parser.read_events())
                no_strangers(None)
            if since_record > limit:
                source.too_large(source.fed - since_record, "a record")

    # --- fmt 3: the array cut into elements ---------------------------------------

    def _json(self) -> Iterator[StatusRecord]:
        source, limit, utf8 = self._source, self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        ctx = self._context()
        raw: bytearray | None = bytearray()  # the body, kept until it starts with "["
        buf = ""  # text at hand; buf[pos:] is still to read
        pos = 0
        buf_byte = 0  # byte offset of buf[0] in the body
        final = False

        def more(want: int = 1) -> int:
            """Read chunks onto buf (dropping what was read) until buf[pos:] holds *want*
            characters or the body ends; how far buf shifted. Joined once, so that a long
            element read in small chunks costs linear time (issue 19)."""
            nonlocal buf, pos, buf_byte, raw, final
            if final:
                raise DecodeError("malformed JSON: the body ends inside the array",
                                  pos=source.fed, kind="malformed")
            parts, have = [buf[pos:]], len(buf) - pos
            while True:
                chunk, final = next(source)
                if raw is not None:
                    raw += chunk
                parts.append(decode(chunk, final))
                have += len(parts[-1])
                if final or have >= want:
                    break
            shift, done = pos, buf[:pos]
            buf_byte += len(done.encode("utf-8", "surrogateescape")) if utf8 else len(done)
            buf, pos = "".join(parts), 0
            return shift

        def byte_at(index: int) -> int:
            return buf_byte + (len(buf[:index].encode("utf-8")) if utf8 else index)

        def skip_space() -> str | None:
            """The next character that is not JSON whitespace (at pos), or None at the end."""
            nonlocal pos
            while True:
                m = _JSON_NON_SPACE.search(buf, pos)
                if m is not None:
                    pos = m.start()
                    return buf[pos]
                pos = len(buf)
                if final:
                    return None
                if raw is not None and len(raw) > limit:  # nothing but whitespace so far
                    source.too_large(0, "the reply")
                more()

        first = skip_space()
        if first != "[":  # an object, an error, an ERROR line: read it whole
            assert raw is not None
            yield from self._whole(raw)
            return
        raw = None
        pos += 1
        index = 0
        c = skip_space()
        if c is None:
            raise DecodeError("malformed JSON: the body ends inside the array",
                              pos=source.fed, kind="malformed")
        if c == "]":
            pos += 1
        else:
            while True:
                # An element starts at pos: find its end, reading on as needed.
                if buf[pos] in ",]}:":
                    raise DecodeError("malformed JSON: a value was expected", found=buf[pos],
                                      pos=byte_at(pos), kind="malformed")
                cut = _Cut(buf, pos)
                while (end := cut.end(buf, pos, final)) is None:
                    if len(buf) - pos > limit:
                        source.too_large(byte_at(pos), "a record")
                    cut.shift(more(2 * (len(buf) - pos) + 1))  # read on: double, cut again
                if (end - pos) * (4 if utf8 else 1) > limit and byte_at(end) - byte_at(pos) > limit:
                    source.too_large(byte_at(pos), "a record")
                try:
                    parsed = cut.parsed or orjson.loads("[" + buf[pos:end] + "]")
                except orjson.JSONDecodeError as exc:
                    raise DecodeError(f"malformed JSON: {exc.msg}", pos=byte_at(pos),
                                      kind="malformed") from exc
                item = parsed[0]
                if not isinstance(item, dict):
                    raise DecodeError("an array of status objects holds objects only",
                                      expected="an object", found=item, field=f"$[{index}]",
                                      kind="malformed")
                yield jsondoc.read_record(item, ctx, multi=True, path=f"$[{index}]")
                index += 1
                pos = end
                c = skip_space()
                if c == "]":
                    pos += 1
                    break
                if c != ",":
                    raise DecodeError("malformed JSON: expected ',' or ']' after an element",
                                      found=c, pos=source.fed if c is None else byte_at(pos),
                                      kind="malformed")
                pos += 1
                if skip_space() is None:
                    raise DecodeError("malformed JSON: the body ends inside the array",
                                      pos=source.fed, kind="malformed")
        if skip_space() is not None:
            raise DecodeError("malformed JSON: trailing characters", pos=byte_at(pos),
                              kind="malformed")


# --- helpers ------------------------------------------------------------------------------

_JSON_NON_SPACE = re.compile(r"[^ \t\n\r]")
# A complete JSON string, a bracket, or a quote whose string is not complete yet.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]|"', re.DOTALL)
# JSON whitespace only: Python's \s also takes \x1c-\x1f, and an empty cut broke (issue 19).
_JSON_SCALAR_END = re.compile(r"[,\] \t\n\r]")


class _Cut:
    """Finds where the JSON element at the start of the text ends.

    A status record is a flat object, so its first ``}`` usually ends it: orjson is
    asked whether the text up to the next ``}`` is a whole element, a few times; after
    that (braces in strings, nested extras) brackets are counted outside strings.
    """

    TRIES = 8

    def __init__(self, buf: str, start: int) -> None:
        self._searched = start  # "}" before this index were tried
        self._tries = 0
        #: orjson's reading of "[element]", when that is how the end was found.
        self.parsed: list[Any] | None = None

    def shift(self, by: int) -> None:
        self._searched -= by

    def end(self, buf: str, start: int, final: bool) -> int | None:
        """The index just past the element, or ``None`` if it runs past *buf*."""
        first = buf[start]
        if first == "{" and self._tries < self.TRIES:
            while self._tries < self.TRIES:
                close = buf.find("}", max(self._searched, start))
                if close < 0:
                    self._searched = len(buf)
                    if not final:
                        return None
                    self._tries = self.TRIES  # no "}" will come: count brackets
                    break
                self._searched = close + 1
                try:
                    self.parsed = orjson.loads("[" + buf[start : close + 1] + "]")
                except orjson.JSONDecodeError:
                    self._tries += 1
                    continue
                return close + 1
        if first in "{[":
            depth = 0
            for m in _JSON_TOKEN.finditer(buf, start):
                token = m.group()
                if token == '"':
                    break  # a string not complete yet
                if token[0] == '"':
                    continue
                depth += 1 if token in "{[" else -1
                if depth == 0:
                    return m.end()
            return len(buf) if final else None
        if first == '"':
            string = _JSON_TOKEN.match(buf, start)
            if string is not None and string.group() != '"':
                return string.end()
            return len(buf) if final else None
        scalar_end = _JSON_SCALAR_END.search(buf, start)
        return scalar_end.start() if scalar_end is not None else len(buf) if final else None


def _malformed(exc: Any) -> DecodeError:
    line = exc.position[0] if getattr(exc, "position", None) else None
    return DecodeError(f"malformed XML: {exc.msg}", line=line, kind="malformed")


class _Source(Iterator[tuple[bytes, bool]]):
    """The caller's chunks as (chunk, is the last) pairs, counting bytes.  One chunk
    is read ahead, to know the last; nothing is read before the first record is asked."""

    def __init__(self, chunks: Iterable[Chunk], limit: int) -> None:
        self._chunks = iter(chunks)
        self._ahead: bytes | None = None
        self._started = self._done = False
        self._limit = limit
        self.fed = 0

    def _pull(self) -> bytes | None:
        for chunk in self._chunks:
            return bytes(chunk)
        return None

    def __next__(self) -> tuple[bytes, bool]:
        if self._done:
            raise StopIteration
        if not self._started:
            self._started, self._ahead = True, self._pull()
        chunk = self._ahead if self._ahead is not None else b""
        self._ahead = self._pull() if self._ahead is not None else None
        self._done = self._ahead is None
        self.fed += len(chunk)
        return chunk, self._done

    def rest(self) -> bytes:
        """Every chunk still to come (a short reply's remainder), within the limit."""
        out = bytearray()
        for chunk, _ in self:
            out += chunk
            if self.fed > self._limit:
                self.too_large(0, "the reply")
        return bytes(out)

    def too_large(self, start: int, what: str) -> None:
        raise DecodeError(
            f"{what} is larger than this decoder accepts",
            expected=f"at most {self._limit} bytes (Policy(max_input_bytes=...) to raise it)",
            found=f"more than {self._limit} bytes",
            pos=start + self._limit,
            kind="too-large",
        )


class _TextDecoder:
    """Bytes in *charset* to text, chunk by chunk, as charset.decode_text decodes a
    whole body: the first undecodable byte is an error under a strict *log*, else a
    ``bad-charset`` defect, and from there on every such byte is kept as an escape."""

    def __init__(self, charset: Charset, log: DefectLog) -> None:
        self._charset = charset
        self._log = log
        self._decoder = codecs.getincrementaldecoder(charset)("strict")
        self._fed = 0

    def decode(self, chunk: bytes, final: bool) -> str:
        state = self._decoder.getstate()
        try:
            text: str = self._decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            start = self._fed - len(state[0]) + exc.start  # the absolute offset
            found = exc.object[exc.start : exc.end]
            if self._log.policy.strict:
                raise DecodeError(f"bytes that are not {self._charset}",
                                  expected=f"{self._charset} text", found=found, pos=start,
                                  kind="bad-charset") from exc
            self._log.report("bad-charset", f"undecodable bytes {found!r} kept as escapes",
                             pos=start)
            self._decoder = codecs.getincrementaldecoder(self._charset)("surrogateescape")
            self._decoder.setstate(state)
            text = self._decoder.decode(chunk, final)
        self._fed += len(chunk)
        return text
