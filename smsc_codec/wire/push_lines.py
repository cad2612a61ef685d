"""The framer of the line formats (fmt 0 and 1): a reply cut into runs of records.

    "Message text with line breaks is transmitted as is" -- a line that does not
    start like a record continues the record above it (spec/decisions.md,
    D-newlines), so a record is complete once the next one starts, or at the end.

The text read so far is cut at the last line break that a record start follows;
the records before it are read in one go by the format's own list reader
(``kv.read_lines``, ``commas.read_lines``, the readers the whole-body decoder's lists
went through), the rest waits for more.  A body fed whole is one such run.  The text
is looked at again once it has doubled (or at the end), so a record of any length in
chunks of any size costs linear time.  A reply takes its line ending from its first
line break, a bare LF after CRLF endings being a ``line-endings`` error
(D-line-endings).  What is not a list (one record, an ERROR line, nothing) is held
and decoded whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cached_property

from smsc_codec.models import StatusRecord
from smsc_codec.wire._common import BARE_LF, Context, bare_lf_error, record_splitter
from smsc_codec.wire._push import Frame, Framer, Held, Machine, size

__all__ = ["ReadLines", "framer"]

#: A format's list reader: the records of *bodies* (LF line breaks), which start at
#: the given character offsets of the reply, numbered from the int given.
ReadLines = Callable[[list[str], list[int], int, Context], list[StatusRecord]]


def framer(starts: re.Pattern[str], read_lines: ReadLines) -> Framer:
    """The framer of a line format whose records start like *starts*."""
    def frame_lines(frame: Frame) -> Machine:
        return _frame(frame, starts, read_lines)
    return frame_lines


def _frame(frame: Frame, starts: re.Pattern[str], read_lines: ReadLines) -> Machine:
    limit, utf8 = frame.limit, frame.utf8
    decoder = frame.text_decoder()
    decode, strict = decoder.decode, frame.policy.strict
    ctx = None  # the context the runs are read in, once there is one
    raw: Held | None = Held()  # the body, kept until it proves to be a list
    head = ""  # its first characters after line breaks (an ERROR line?)
    newline: str | None = None  # as its first line break says
    pieces: list[str] = []  # the text not cut yet (from the record being read on)
    have = 0  # its length
    looked = 0  # its length when it was last looked at
    checked = 0  # CRLF endings: the text is free of bare LFs up to here
    at = at_byte = 0  # where it starts in the reply, in characters and bytes
    number = 0  # records read

    final = False
    while not final:
        chunk, final = yield None
        text = decode(chunk, final)
        final = final and decoder.cut is None  # (see TextDecoder.cut)
        if raw is not None:
            raw.add(chunk, text)
        pieces.append(text)
        have += len(text)
        if raw is not None and len(head) < 5:
            head = (head + text).lstrip("\r\n")[:5]
            if len(head) < 5 and not final:
                continue
            if head.startswith("ERROR"):  # as decode_reply: an error line, read whole
                return (yield from frame.whole(raw, final))
        if raw is not None:
            if raw.size > limit:
                frame.too_large(0, "the reply")
            if final:  # all of it at hand, still held: a list only if a second record starts
                whole = pieces[0] if len(pieces) == 1 else "".join(pieces)
                if record_splitter(starts, "\n").search(whole) is None:
                    return (yield from frame.whole(raw, True))  # one record, or none
                pieces = [whole]
        over = frame.fed - at_byte > limit  # the record being read may be too large
        if have < 2 * looked and not final and not over:
            continue  # looked at again once doubled: linear in any chunking
        if strict and decoder.judging and not final:
            continue
        buf = "".join(pieces)
        pieces, looked = [buf], have
        if newline is None:
            first = buf.find("\n")
            if first >= 0:
                newline = "\r\n" if first > 0 and buf[first - 1] == "\r" else "\n"
                checked = first + 1
                if newline == "\r\n":
                    frame.list_log(frame.line_defects).report(
                        "line-endings", "CRLF line endings; the canonical ending is LF")
        if newline == "\r\n":
            bare = BARE_LF.search(buf, checked)
            if bare is not None:
                raise bare_lf_error(at_byte + size(buf[: bare.start()], utf8))
            checked = max(len(buf) - 1, 0)  # a CR at the end may pair with a coming LF
        sep = newline or "\n"
        bodies = record_splitter(starts, sep).split(buf)  # the last may be unfinished
        if raw is not None and len(bodies) > 1:
            raw = None  # a second record has begun: a list (held at the end, it is one)
        if final:
            if buf.endswith(sep) and newline is not None:
                frame.list_log(frame.line_defects).report(
                    "trailing-newline", "reply ends with a line break")
                bodies[-1] = bodies[-1][: -len(sep)]
            rest = ""
        else:
            rest = bodies.pop()
        if bodies:
            run = _Run(bodies, sep, at, at_byte, utf8)
            if run.chars * (4 if utf8 else 1) > limit and run.bytes > limit:
                run.check_sizes(frame)
            if ctx is None:
                ctx = frame.context()
                ctx.crlf = newline == "\r\n"
            ctx.text, ctx.text_start, ctx.byte_start = buf[: run.chars], at, at_byte
            records = read_lines(run.lines(), run.offsets, number + 1, ctx)
            number += len(records)
            yield records
            if final:
                break  # (nor where the next run would start: there is none)
            at, at_byte = at + run.chars + len(sep), at_byte + run.bytes + len(sep)
            checked = max(checked - run.chars - len(sep), 0)
            pieces, have = [rest], len(rest)
            looked = have
        if frame.fed - at_byte > limit:
            frame.too_large(at_byte, "a record")
    return None


class _Run:
    """A run of whole records: their bodies (with the reply's line breaks), where each
    starts, and the run's length in characters and bytes (without the break after)."""

    def __init__(self, bodies: list[str], sep: str, at: int, at_byte: int, utf8: bool
                 ) -> None:
        self.bodies, self.sep, self.at_byte, self.utf8 = bodies, sep, at_byte, utf8
        self.offsets = []
        start = at
        for body in bodies:
            self.offsets.append(start)
            start += len(body) + len(sep)
        self.chars = start - at - len(sep)

    @cached_property
    def bytes(self) -> int:
        """The run's length in bytes (counted only when needed: UTF-8 is encoded)."""
        return size(self.sep.join(self.bodies), True) if self.utf8 else self.chars

    def lines(self) -> list[str]:
        """The bodies with LF line breaks, as the list readers take them."""
        if self.sep == "\n":
            return self.bodies
        return [body.replace(self.sep, "\n") for body in self.bodies]

    def check_sizes(self, frame: Frame) -> None:
        """A record over the decoder's limit is an error at its first byte past it."""
        byte = self.at_byte
        for body in self.bodies:
            length = size(body, self.utf8)
            if length > frame.limit:
                frame.too_large(byte, "a record")
            byte += length + len(self.sep)
