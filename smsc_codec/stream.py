"""Push decoders: a reply decoded as its bytes arrive, record by record, in bounded memory.

The sans-I/O shape of h11 and wsproto: the caller reads (a socket, a file, an
``httpx`` or ``aiohttp`` stream, sync or async), the decoder never opens anything::

    decoder = StatusDecoder(fmt=3, charset="utf-8")
    for chunk in chunks:                 # any sizes, split anywhere
        for record in decoder.feed(chunk):
            ...                          # each record as soon as its bytes are in
    reply = decoder.close()              # exactly what decode_status(b"".join(chunks)) is

:class:`StatusDecoder` (``status.php``) and :class:`HistoryDecoder`
(``get.php?get_messages=1``) take the keywords of :func:`~smsc_codec.decode_status` /
:func:`~smsc_codec.decode_history`.  ``feed(data)`` returns the records that chunk
completed; ``close()`` returns the finished reply -- the value the whole-body decoder
returns for the concatenated bytes (a :class:`StatusList` with its defects, a
:class:`StatusRecord`, an :class:`ErrorReply`) -- or raises what it raises.  An error
reply is a value, as for the whole-body decoders.  ``keep_records=False`` (what the
iterators use) drops the records ``feed`` handed out: the list ``close()`` returns
then holds only the records the end of the body completed.  :func:`iter_status` /
:func:`iter_history` (sync iterables of chunks) and :func:`aiter_status` /
:func:`aiter_history` (async iterables) are thin loops over a decoder; their
``.reply`` is ``close()``'s value once they are exhausted.

Each record is read by the very reader :func:`decode_status` uses (``wire/``); what a
decoder adds is only the cutting of the reply into records:

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
    there is no incremental JSON parser in the dependencies, so the decoder cuts the
    top-level array into its elements -- the next ``}`` is tried first, a scan that
    counts brackets outside strings when that fails -- and hands each element to
    orjson (wrapped in ``[...]``, so nesting limits match a whole-body parse).

Memory holds one record (and one chunk) at a time.  A record larger than the
decoders' size limit (``smsc_codec.limits.MAX_REPLY_BYTES``, or
``Policy(max_input_bytes=...)``) is a ``DecodeError`` of kind ``too-large``.  What is
not a list (a single record, an error reply, a delete ``OK``, bytes that are no reply)
is short: it is held, and decoded whole by ``close()``.

Two rules of the whole-body decoders are the ones a stream can keep, so that a
record handed out early is the record the whole reply gives: a not-found record of a
list takes the HLR kind when a record *before* it is HLR (spec/decisions.md D-kind),
and a ``fmt`` 0/1 reply takes its line ending from its first line break, a bare LF
after CRLF endings being a ``line-endings`` error (D-line-endings).  Errors surface
where they are met, after the records before them; under a strict policy a decoder
raises at the first deviation it reaches.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import AsyncIterable, AsyncIterator, Generator, Iterable, Iterator
from typing import Any

import orjson
from lxml import etree

from smsc_codec.charset import DEFAULT_CHARSET, Charset, normalize_charset
from smsc_codec.errors import DecodeError, UsageError
from smsc_codec.history import decode_history
from smsc_codec.layouts import HLR_ONLY, Endpoint, RecordKind
from smsc_codec.limits import MAX_REPLY_BYTES
from smsc_codec.models import StatusList, StatusRecord, StatusReply
from smsc_codec.policy import LENIENT, STRICT, Defect, DefectLog, Policy
from smsc_codec.status import ALL_LEVELS, decode_status
from smsc_codec.wire import jsondoc, xml
from smsc_codec.wire._common import NOT_FOUND, Context, bare_lf_error
from smsc_codec.wire.formats import wire_format

__all__ = [
    "AsyncRecordStream", "Chunk", "HistoryDecoder", "RecordStream", "StatusDecoder",
    "aiter_history", "aiter_status", "iter_history", "iter_status",
]

#: What a chunk may be: any bytes-like object the caller read.
Chunk = bytes | bytearray | memoryview
#: A format's machine: yields each record it completes, ``None`` when it needs the
#: next ``(chunk, final)``; returns the reply when it read one whole, else ``None``.
_Machine = Generator[StatusRecord | None, tuple[bytes, bool], StatusReply | None]


class StatusDecoder:
    """A push decoder for one ``status.php`` reply (see the module docstring).

    The keywords are :func:`~smsc_codec.decode_status`'s; *keep_records* ``False``
    lets a list of any length pass in bounded memory (``close()``'s list then holds
    only the records the end of the body completed).
    """

    _endpoint = Endpoint.STATUS

    def __init__(self, *, fmt: int, all: int = 0, charset: str = DEFAULT_CHARSET,
                 kind: RecordKind | str | None = None, multi: bool | None = None,
                 policy: Policy = LENIENT, keep_records: bool = True) -> None:
        self._format = wire_format(fmt)
        if all not in ALL_LEVELS:
            raise UsageError(f"all must be 0, 1 or 2, not {all!r}")
        self._fmt = fmt
        self._all = all
        self._charset: Charset = normalize_charset(charset)
        self._kind = None if kind is None else RecordKind(kind)
        self._multi = multi
        self._policy = policy
        self._keep = keep_records
        self._limit = policy.limit(MAX_REPLY_BYTES)
        self._fed = 0  # bytes fed so far: the offset of the next chunk
        # The list's own defects, in the order a whole-body decode gives them.
        self._charset_defects: list[Defect] = []
        self._line_defects: list[Defect] = []
        self._seen_hlr = False
        self._kept: list[StatusRecord] = []
        self._reply: StatusReply | None = None
        self._closed = False
        self._failed: BaseException | None = None
        self._machine = self._start()
        next(self._machine)  # to its first request for data

    def feed(self, data: Chunk) -> list[StatusRecord]:
        """The records *data* (the next bytes of the body) completed, in order."""
        if self._closed:
            raise UsageError("feed() after close(): a decoder reads one reply")
        chunk = bytes(data)
        self._fed += len(chunk)
        return self._send(chunk, False)

    def close(self) -> StatusReply:
        """The end of the body: the finished reply, as the whole-body decoder gives it."""
        if not self._closed:
            self._closed = True
            last = self._send(b"", True)
            if self._reply is None:  # a list the machine cut
                kept = self._kept if self._keep else last
                self._reply = StatusList(records=tuple(kept), defects=self.defects)
            self._kept = []
        elif self._failed is not None:
            raise self._failed
        assert self._reply is not None
        return self._reply

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's) so far: complete after close()."""
        return (*self._charset_defects, *self._line_defects)

    # --- the driver -----------------------------------------------------------------

    def _send(self, chunk: bytes, final: bool) -> list[StatusRecord]:
        if self._failed is not None:
            raise self._failed
        out: list[StatusRecord] = []
        try:
            item = self._machine.send((chunk, final))
            while item is not None:
                out.append(self._sibling_kind(item))
                item = next(self._machine)
        except StopIteration as stop:
            self._reply = stop.value
        except BaseException as exc:
            self._failed = exc  # the machine is gone: every later call says why
            raise
        else:
            assert not final, "a machine asked for data after the end"
        if self._keep:
            self._kept += out
        return out

    def _start(self) -> _Machine:
        if self._multi is False:  # one record pinned: nothing to cut
            return self._whole(bytearray(), False)
        framing = self._format.framing
        if framing == "lines":
            return self._lines()
        return self._xml() if framing == "xml" else self._json()

    def _context(self) -> Context:
        return Context(self._endpoint, self._all, DefectLog(self._policy), kind=self._kind,
                       multi=self._multi, charset=self._charset, fmt=self._fmt)

    def _list_log(self, defects: list[Defect]) -> DefectLog:
        """A log whose defects go to the list, not to the record being read."""
        return DefectLog(self._policy, defects)

    def _text_decoder(self) -> _TextDecoder:
        # As status._context decides: fmt 0/1 keep undecodable bytes as escapes under
        # a lenient policy; the XML and JSON parsers hold only real characters.
        if self._format.keeps_undecodable:
            return _TextDecoder(self._charset, self._list_log(self._charset_defects))
        return _TextDecoder(self._charset, DefectLog(STRICT))

    def _whole(self, raw: bytearray, final: bool) -> _Machine:
        """The rest of a reply that is not a list -- or not one the decoder can cut --
        held to the end and decoded whole, as decode_status does: it is short."""
        while not final:
            if len(raw) > self._limit:
                self._too_large(0, "the reply")
            chunk, final = yield None
            raw += chunk
        return self._decode_whole(bytes(raw))

    def _decode_whole(self, data: bytes) -> StatusReply:
        return decode_status(data, fmt=self._fmt, all=self._all, charset=self._charset,
                             kind=self._kind, multi=self._multi, policy=self._policy)

    def _sibling_kind(self, record: StatusRecord) -> StatusRecord:
        """records_list's rule for a not-found record: the kind of the records before it."""
        if self._kind is None:
            if record.kind is RecordKind.HLR:
                self._seen_hlr = True
            elif (self._seen_hlr and record.status == NOT_FOUND
                  and not HLR_ONLY.intersection(record.values())):
                return record.replace(kind=RecordKind.HLR)
        return record

    def _too_large(self, start: int, what: str) -> None:
        raise DecodeError(
            f"{what} is larger than this decoder accepts",
            expected=f"at most {self._limit} bytes (Policy(max_input_bytes=...) to raise it)",
            found=f"more than {self._limit} bytes",
            pos=start + self._limit,
            kind="too-large",
        )

    # --- fmt 0 and 1: line by line ------------------------------------------------

    def _lines(self) -> _Machine:
        limit, utf8 = self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        starts, read_line = self._format.record_start, self._format.read_line
        assert starts is not None and read_line is not None  # (a line format's row)
        ctx = self._context()
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
            ctx.text = (newline or "\n").join(group)
            ctx.crlf = newline == "\r\n"
            ctx.text_start, ctx.byte_start, ctx.log.line = group_at, group_byte, number
            return read_line("\n".join(group), group_at, number, ctx)

        final = False
        while not final:
            chunk, final = yield None
            if raw is not None:
                raw += chunk
            text = decode(chunk, final)
            if raw is not None and len(head) < 5:
                head = (head + text).lstrip("\r\n")[:5]
                if len(head) < 5 and not final:
                    carry += text
                    continue
                if head.startswith("ERROR"):  # as decode_reply: an error line, read whole
                    return (yield from self._whole(raw, final))
            if not final and "\n" not in text:  # the line goes on: keep it, join it once
                tail.append(text)
                tail_len += len(text)
                if len(carry) + tail_len > limit:
                    self._too_large(group_byte, "a record")
                if (raw is not None and group and len(carry) + tail_len - len(text) < 64
                        and starts.match(carry + "".join(tail))):
                    raw = None  # a second record has begun: a list
                if raw is not None and len(raw) > limit:
                    self._too_large(0, "the reply")
                continue
            lines = (carry + "".join(tail) + text).split("\n")
            tail.clear()
            tail_len = 0
            carry = "" if final else lines.pop()
            if len(carry) > limit:
                self._too_large(group_byte, "a record")
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
                            raise bare_lf_error(at_byte + _size(line, utf8))
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
                    self._too_large(group_byte, "a record")
            if raw is not None and group and carry and starts.match(carry[:64]):
                raw = None  # a second record has begun: a list
            if raw is not None and len(raw) > limit:
                self._too_large(0, "the reply")
        if raw is not None:  # one record, an error, or nothing at all
            return (yield from self._whole(raw, True))
        if group:
            number += 1
            yield record()
        return None

    # --- fmt 2: lxml's pull parser ------------------------------------------------

    def _xml(self) -> _Machine:
        limit, utf8 = self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        # Events for the <list> and its <sms> only: the fields are read from the tree.
        parser = etree.XMLPullParser(events=("start", "end"), tag=("list", "sms"),
                                     **xml.PARSER_OPTIONS)
        ctx = self._context()
        raw: bytearray | None = bytearray()  # the body, kept until its root is <list>
        pending = ""  # text not yet handed to the parser
        fed_bytes = 0  # bytes of the text handed to the parser
        head_checked = dtd_checked = False
        prolog_check = 0  # the held prolog is looked at again from this length on
        root: Any = None
        last: Any = None  # the last record read, still (empty) in the tree
        waiting: Any = None  # a record read to its end tag, waiting for its tail
        not_a_list = False
        number = 0
        since_record = 0  # bytes read since the last record ended

        def feed(text: str) -> bool:
            """Hand *text* to the parser; ``False`` if the parser refused it before the
            root proved a list (the body is all held: the whole decoder then says
            exactly where the XML breaks)."""
            nonlocal fed_bytes
            data = text.encode("utf-8")
            fed_bytes += len(data) if utf8 else len(text)
            try:
                parser.feed(data)
            except etree.XMLSyntaxError as exc:
                if raw is not None:
                    return False
                raise _malformed(exc) from exc
            return True

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

        final = False
        while not final:
            chunk, final = yield None
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
                    return (yield from self._whole(raw, final))
                xml.check_declaration(pending, self._charset)
                head_checked = True
            upto = len(pending)
            if not dtd_checked:
                # Every "<!" of the prolog but a comment's is refused, as by the whole
                # decoder (D-dtd-prolog): the prolog is held back from the parser until
                # its end is seen.  Looked at again only once the held text has doubled,
                # so a long prolog in small chunks costs linear time.
                at = None
                if final or len(pending) >= prolog_check:
                    at = xml.dtd_in_prolog(pending)
                    prolog_check = 2 * len(pending)
                if at is not None and at >= 0:
                    before = pending[:at].encode("utf-8") if utf8 else pending[:at]
                    xml.refuse_dtd(pending, at, fed_bytes + len(before), prolog=True)
                if at is not None or final:
                    dtd_checked = True
                else:
                    upto = 0
                    if len(pending) > limit:
                        self._too_large(0, "the reply")
            if upto:
                if not feed(pending[:upto]):
                    assert raw is not None
                    return (yield from self._whole(raw, final))
                pending = pending[upto:]
            yield from records(parser.read_events())
            if raw is not None and (not_a_list or final):
                return (yield from self._whole(raw, final))  # not a list, or no root at all
            if raw is not None and len(raw) > limit:
                self._too_large(0, "the reply")
            if final:
                try:
                    parser.close()
                except etree.XMLSyntaxError as exc:
                    raise _malformed(exc) from exc
                yield from records(parser.read_events())
                no_strangers(None)
            if since_record > limit:
                self._too_large(self._fed - since_record, "a record")
        return None

    # --- fmt 3: the array cut into elements ---------------------------------------

    def _json(self) -> _Machine:
        limit, utf8 = self._limit, self._charset == "utf-8"
        decode = self._text_decoder().decode
        ctx = self._context()
        raw: bytearray | None = bytearray()  # the body, kept until it starts with "["
        buf = ""  # text at hand; buf[pos:] is still to read
        pos = 0
        buf_byte = 0  # byte offset of buf[0] in the body
        final = False

        def more(want: int = 1) -> Generator[None, tuple[bytes, bool], int]:
            """Read chunks onto buf (dropping what was read) until buf[pos:] holds *want*
            characters or the body ends; how far buf shifted. Joined once, so that a long
            element read in small chunks costs linear time (issue 19)."""
            nonlocal buf, pos, buf_byte, raw, final
            if final:
                raise DecodeError("malformed JSON: the body ends inside the array",
                                  pos=self._fed, kind="malformed")
            parts, have = [buf[pos:]], len(buf) - pos
            while True:
                chunk, final = yield None
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

        def skip_space() -> Generator[None, tuple[bytes, bool], str | None]:
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
                    self._too_large(0, "the reply")
                yield from more()

        first = yield from skip_space()
        if first != "[":  # an object, an error, an ERROR line: read it whole
            assert raw is not None
            return (yield from self._whole(raw, final))
        raw = None
        pos += 1
        index = 0
        c = yield from skip_space()
        if c is None:
            raise DecodeError("malformed JSON: the body ends inside the array",
                              pos=self._fed, kind="malformed")
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
                        self._too_large(byte_at(pos), "a record")
                    # Read on (double what is held) and cut again.
                    cut.shift((yield from more(2 * (len(buf) - pos) + 1)))
                if (end - pos) * (4 if utf8 else 1) > limit and byte_at(end) - byte_at(pos) > limit:
                    self._too_large(byte_at(pos), "a record")
                try:
                    parsed = cut.parsed or orjson.loads("[" + buf[pos:end] + "]")
                except orjson.JSONDecodeError as exc:
                    # orjson's position, in "[" + element + "]": where a whole parse breaks.
                    at = min(max(pos + exc.pos - 1, pos), end)
                    raise DecodeError(f"malformed JSON: {exc.msg}", pos=byte_at(at),
                                      kind="malformed") from exc
                item = parsed[0]
                if not isinstance(item, dict):
                    raise DecodeError("an array of status objects holds objects only",
                                      expected="an object", found=item, field=f"$[{index}]",
                                      kind="malformed")
                yield jsondoc.read_record(item, ctx, multi=True, path=f"$[{index}]")
                index += 1
                pos = end
                c = yield from skip_space()
                if c == "]":
                    pos += 1
                    break
                if c != ",":
                    raise DecodeError("malformed JSON: expected ',' or ']' after an element",
                                      found=c, pos=self._fed if c is None else byte_at(pos),
                                      kind="malformed")
                pos += 1
                if (yield from skip_space()) is None:
                    raise DecodeError("malformed JSON: the body ends inside the array",
                                      pos=self._fed, kind="malformed")
        if (yield from skip_space()) is not None:
            raise DecodeError("malformed JSON: trailing characters", pos=byte_at(pos),
                              kind="malformed")
        return None




class HistoryDecoder(StatusDecoder):
    """A push decoder for one ``get.php?get_messages=1`` reply: its keywords are
    :func:`~smsc_codec.decode_history`'s; ``close()`` gives a :class:`StatusList` or an
    :class:`ErrorReply`."""

    _endpoint = Endpoint.HISTORY

    def __init__(self, *, fmt: int, charset: str = DEFAULT_CHARSET, policy: Policy = LENIENT,
                 keep_records: bool = True) -> None:
        # The history rule (one level, a list of SMS/e-mail records): decode_history's.
        super().__init__(fmt=fmt, all=2, charset=charset, kind=RecordKind.SMS, multi=True,
                         policy=policy, keep_records=keep_records)

    def _decode_whole(self, data: bytes) -> StatusReply:
        return decode_history(data, fmt=self._fmt, charset=self._charset, policy=self._policy)


# --- the iterators: thin loops over a decoder ------------------------------------------


class RecordStream(Iterator[StatusRecord]):
    """The records of one reply from a sync iterable of chunks; ``.reply`` is the
    decoder's ``close()`` once the stream is exhausted (an :class:`ErrorReply`, a
    list's defects)."""

    def __init__(self, chunks: Iterable[Chunk], decoder: StatusDecoder) -> None:
        self.decoder = decoder
        self.reply: StatusReply | None = None
        self._records = self._run(chunks)

    def __iter__(self) -> RecordStream:
        return self

    def __next__(self) -> StatusRecord:
        return next(self._records)

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's), complete once the stream ends."""
        return self.decoder.defects if self.reply is None else self.reply.defects

    def _run(self, chunks: Iterable[Chunk]) -> Iterator[StatusRecord]:
        for chunk in chunks:
            yield from self.decoder.feed(chunk)
        self.reply = self.decoder.close()
        yield from _last_records(self.reply)


class AsyncRecordStream(AsyncIterator[StatusRecord]):
    """:class:`RecordStream` over an async iterable of chunks (``async for``)."""

    def __init__(self, chunks: AsyncIterable[Chunk], decoder: StatusDecoder) -> None:
        self.decoder = decoder
        self.reply: StatusReply | None = None
        self._chunks = chunks.__aiter__()
        self._ready: list[StatusRecord] = []
        self._done = False

    def __aiter__(self) -> AsyncRecordStream:
        return self

    async def __anext__(self) -> StatusRecord:
        while not self._ready:
            if self._done:
                raise StopAsyncIteration
            try:
                chunk = await self._chunks.__anext__()
            except StopAsyncIteration:
                self._done = True
                self.reply = self.decoder.close()
                self._ready = list(_last_records(self.reply))
            else:
                self._ready = self.decoder.feed(chunk)
            self._ready.reverse()  # popped from the end, in order
        return self._ready.pop()

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's), complete once the stream ends."""
        return self.decoder.defects if self.reply is None else self.reply.defects


def _last_records(reply: StatusReply) -> tuple[StatusRecord, ...]:
    """The records close() completed: a list's (with keep_records=False, those feed
    did not hand out), a single record; an error reply has none."""
    if isinstance(reply, StatusList):
        return reply.records
    if isinstance(reply, StatusRecord):
        return (reply,)
    return ()


def iter_status(chunks: Iterable[Chunk], /, *, fmt: int, all: int = 0,
                charset: str = DEFAULT_CHARSET, kind: RecordKind | str | None = None,
                multi: bool | None = None, policy: Policy = LENIENT) -> RecordStream:
    """The records of a ``status.php`` reply, as its *chunks* arrive (bounded memory)."""
    return RecordStream(chunks, StatusDecoder(fmt=fmt, all=all, charset=charset, kind=kind,
                                              multi=multi, policy=policy, keep_records=False))


def iter_history(chunks: Iterable[Chunk], /, *, fmt: int, charset: str = DEFAULT_CHARSET,
                 policy: Policy = LENIENT) -> RecordStream:
    """The records of a ``get.php?get_messages=1`` reply, as its *chunks* arrive."""
    return RecordStream(chunks, HistoryDecoder(fmt=fmt, charset=charset, policy=policy,
                                               keep_records=False))


def aiter_status(chunks: AsyncIterable[Chunk], /, *, fmt: int, all: int = 0,
                 charset: str = DEFAULT_CHARSET, kind: RecordKind | str | None = None,
                 multi: bool | None = None, policy: Policy = LENIENT) -> AsyncRecordStream:
    """:func:`iter_status` over an async iterable (``response.aiter_bytes()``)."""
    return AsyncRecordStream(chunks, StatusDecoder(
        fmt=fmt, all=all, charset=charset, kind=kind, multi=multi, policy=policy,
        keep_records=False))


def aiter_history(chunks: AsyncIterable[Chunk], /, *, fmt: int, charset: str = DEFAULT_CHARSET,
                  policy: Policy = LENIENT) -> AsyncRecordStream:
    """:func:`iter_history` over an async iterable of chunks."""
    return AsyncRecordStream(chunks, HistoryDecoder(fmt=fmt, charset=charset, policy=policy,
                                                    keep_records=False))


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


def _size(text: str, utf8: bool) -> int:
    """Bytes of *text* in the body: UTF-8 (escapes kept as their bytes), else one each."""
    return len(text.encode("utf-8", "surrogateescape")) if utf8 else len(text)


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
