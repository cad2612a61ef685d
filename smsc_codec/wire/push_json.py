"""The push framer of fmt=3: the top-level array cut into its elements.

There is no incremental JSON parser in the dependencies, so the framer cuts the
array itself.  The elements up to the last ``}`` at hand are tried first as one run
(wrapped in ``[...]`` for orjson, so nesting limits match a whole-body parse) and read
by ``jsondoc.read_items``, the whole-body decoder's list reader.  When that does not
parse (a ``}`` in a string, a malformed element), one element is cut -- the next
``}`` is tried first, a scan that counts brackets outside strings when that fails --
and read by ``jsondoc.read_record``; the run is tried again once more text is in.
What does not start with ``[`` (an object, an error, an ERROR line) is held and
decoded whole.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from typing import Any

import orjson

from smsc_codec.errors import DecodeError
from smsc_codec.models import StatusRecord
from smsc_codec.wire import jsondoc
from smsc_codec.wire._push import Frame, Held, Machine

__all__ = ["frame_json"]


def frame_json(frame: Frame) -> Machine:
    """fmt=3's framer (see the module docstring)."""
    limit, utf8 = frame.limit, frame.utf8
    decoder = frame.text_decoder()
    decode, strict = decoder.decode, frame.policy.strict
    raw: Held | None = Held()  # the body, kept until it starts with "["
    buf = ""  # text at hand; buf[pos:] is still to read
    pos = 0
    buf_byte = 0  # byte offset of buf[0] in the body
    final = False
    refills = 0  # times more() read on
    run_failed = -1  # the refill at which the elements at hand did not parse as a run

    def more(want: int = 1) -> Generator[None, tuple[bytes, bool], int]:
        """Read chunks onto buf (dropping what was read) until buf[pos:] holds *want*
        characters or the body ends; how far buf shifted. Joined once, so that a long
        element read in small chunks costs linear time (issue 19)."""
        nonlocal buf, pos, buf_byte, raw, final, refills
        refills += 1
        if final:
            raise DecodeError("malformed JSON: the body ends inside the array",
                              pos=frame.fed, kind="malformed")
        parts, have = [buf[pos:]], len(buf) - pos
        while True:
            chunk, final = yield None
            parts.append(decode(chunk, final))
            final = final and decoder.cut is None  # (see TextDecoder.cut)
            if raw is not None:
                raw.add(chunk, parts[-1])
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
            if raw is not None and raw.size > limit:  # nothing but whitespace so far
                frame.too_large(0, "the reply")
            yield from more()

    def element(index: int
                ) -> Generator[list[StatusRecord] | None, tuple[bytes, bool], int]:
        """Cut the element at pos (reading on as needed) and read it; the next index."""
        nonlocal pos
        cut = _Cut(buf, pos)
        while (end := cut.end(buf, pos, final)) is None:
            if len(buf) - pos > limit:
                frame.too_large(byte_at(pos), "a record")
            # Read on (double what is held) and cut again.
            cut.shift((yield from more(2 * (len(buf) - pos) + 1)))
        if (end - pos) * (4 if utf8 else 1) > limit and byte_at(end) - byte_at(pos) > limit:
            frame.too_large(byte_at(pos), "a record")
        try:
            parsed = cut.parsed or orjson.loads("[" + buf[pos:end] + "]")
        except orjson.JSONDecodeError as exc:
            # orjson's position, in "[" + element + "]": where a whole parse breaks.
            at = min(max(pos + exc.pos - 1, pos), end)
            raise DecodeError(f"malformed JSON: {exc.msg}", pos=byte_at(at),
                              kind="malformed") from exc
        item = parsed[0]
        # An integer beyond 64 bits is a float to orjson: the general reader parses
        # the element again, exactly, as the whole-body decoder parses the reply.
        ctx.plans[jsondoc.ELEMENT] = buf[pos:end]
        if not isinstance(item, dict):
            raise DecodeError("an array of status objects holds objects only",
                              expected="an object", found=item, field=f"$[{index}]",
                              kind="malformed")
        yield [jsondoc.read_record(item, ctx, multi=True, path=f"$[{index}]")]
        pos = end
        return index + 1

    first = yield from skip_space()
    if first != "[":  # an object, an error, an ERROR line: read it whole
        assert raw is not None
        return (yield from frame.whole(raw, final))
    raw = None
    ctx = frame.context()  # a list: its records are read in this context
    pos += 1
    index = 0
    c = yield from skip_space()
    if c is None:
        raise DecodeError("malformed JSON: the body ends inside the array",
                          pos=frame.fed, kind="malformed")
    if c == "]":
        pos += 1
    else:
        while True:
            # An element starts at pos: find its end, reading on as needed.
            if buf[pos] in ",]}:":
                raise DecodeError("malformed JSON: a value was expected", found=buf[pos],
                                  pos=byte_at(pos), kind="malformed")
            while strict and decoder.judging and not final:  # (see TextDecoder.judging)
                yield from more(len(buf) - pos + 1)
            run = None if refills == run_failed else _run(buf, pos, limit // (4 if utf8 else 1))
            if run is not None:  # every element up to the last "}" at hand, in one parse
                end, items, text = run
                jsondoc.start_run(ctx, text, index)
                yield jsondoc.read_items(items, index, ctx)
                index += len(items)
                pos = end
            else:
                run_failed = refills  # not tried again until more text is in
                index = yield from element(index)
            c = yield from skip_space()
            if c == "]":
                pos += 1
                break
            if c != ",":
                raise DecodeError("malformed JSON: expected ',' or ']' after an element",
                                  found=c, pos=frame.fed if c is None else byte_at(pos),
                                  kind="malformed")
            pos += 1
            if (yield from skip_space()) is None:
                raise DecodeError("malformed JSON: the body ends inside the array",
                                  pos=frame.fed, kind="malformed")
    if (yield from skip_space()) is not None:
        raise DecodeError("malformed JSON: trailing characters", pos=byte_at(pos),
                          kind="malformed")
    return None


def _run(buf: str, pos: int, most: int) -> tuple[int, list[Any], str] | None:
    """The elements from *pos* to the last ``}`` of *buf* when they parse as a run of
    whole elements (at most *most* characters): its end, orjson's values, and the
    run as a JSON array (*buf* itself when the run is all of it: a body at hand
    whole is parsed as it is, not copied)."""
    end = buf.rfind("}") + 1
    if end <= pos or end - pos > most:
        return None
    whole = pos <= 64 and buf[:pos].strip(_JSON_SPACE) == "[" and \
        buf[end:].strip(_JSON_SPACE) == "]"  # (64: a prefix of spaces is only a copy)
    text = buf if whole else "[" + buf[pos:end] + "]"
    try:
        items = orjson.loads(text)
    except orjson.JSONDecodeError:
        return None  # a "}" in a string, a malformed element: cut one by one
    return end, items, text


# --- cutting an element -----------------------------------------------------------

_JSON_SPACE = " \t\n\r"
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
