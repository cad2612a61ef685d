"""The push framer of the line formats (fmt 0 and 1): a reply cut line by line.

    "Message text with line breaks is transmitted as is" -- a line that does not
    start like a record continues the record above it (spec/decisions.md,
    D-newlines), so a record is decoded when the next one starts, or at the end.

Each record is read by the format's own list reader (``kv.read_record``,
``commas.read_list_record``).  A reply takes its line ending from its first line
break, a bare LF after CRLF endings being a ``line-endings`` error (D-line-endings),
as the whole-body ``split_lines`` says.  What is not a list (one record, an ERROR
line, nothing) is held and decoded whole.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from smsc_codec.models import StatusRecord
from smsc_codec.wire._common import Context, bare_lf_error
from smsc_codec.wire._push import Frame, Framer, Machine, size

__all__ = ["framer"]

#: A record of a list, from its lines' text, its start, its number, the context.
ReadLine = Callable[[str, int, int, Context], StatusRecord]


def framer(starts: re.Pattern[str], read_line: ReadLine) -> Framer:
    """The framer of a line format whose records start like *starts*."""
    def frame_lines(frame: Frame) -> Machine:
        return _frame(frame, starts, read_line)
    return frame_lines


def _frame(frame: Frame, starts: re.Pattern[str], read_line: ReadLine) -> Machine:
    limit, utf8 = frame.limit, frame.charset == "utf-8"
    decode = frame.text_decoder().decode
    ctx = frame.context()
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
                return (yield from frame.whole(raw, final))
        if not final and "\n" not in text:  # the line goes on: keep it, join it once
            tail.append(text)
            tail_len += len(text)
            if len(carry) + tail_len > limit:
                frame.too_large(group_byte, "a record")
            if (raw is not None and group and len(carry) + tail_len - len(text) < 64
                    and starts.match(carry + "".join(tail))):
                raw = None  # a second record has begun: a list
            if raw is not None and len(raw) > limit:
                frame.too_large(0, "the reply")
            continue
        lines = (carry + "".join(tail) + text).split("\n")
        tail.clear()
        tail_len = 0
        carry = "" if final else lines.pop()
        if len(carry) > limit:
            frame.too_large(group_byte, "a record")
        last = len(lines) - 1
        for i, line in enumerate(lines):
            ended = not (final and i == last)  # a line break follows it
            if ended:
                if newline is None:
                    newline = "\r\n" if line.endswith("\r") else "\n"
                    if newline == "\r\n":
                        frame.list_log(frame.line_defects).report(
                            "line-endings", "CRLF line endings; the canonical ending is LF")
                if newline == "\r\n":
                    if not line.endswith("\r"):
                        raise bare_lf_error(at_byte + size(line, utf8))
                    line = line[:-1]
            elif line == "" and newline is not None:
                frame.list_log(frame.line_defects).report(
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
                frame.too_large(group_byte, "a record")
        if raw is not None and group and carry and starts.match(carry[:64]):
            raw = None  # a second record has begun: a list
        if raw is not None and len(raw) > limit:
            frame.too_large(0, "the reply")
    if raw is not None:  # one record, an error, or nothing at all
        return (yield from frame.whole(raw, True))
    if group:
        number += 1
        yield record()
    return None
