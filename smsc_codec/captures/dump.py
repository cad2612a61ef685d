"""Plain dumps: reply bodies saved one after another, with no HTTP around them.

Two layouts, as people write them:

``"blank"``
    records separated by one or more empty lines -- any reply, multi-line lists and
    pretty-printed XML included.  A record may start with its request on a line of
    its own (``GET https://smsc.ru/sys/status.php?...``, a bare URL or a path with a
    query, ``curl -v``'s ``> GET ...`` line or a ``curl`` command line:
    :func:`request_target`); the reply is then decoded exactly as that request shapes it.
``"line"``
    one reply per line: right for single-line formats (a single ``fmt`` 0/1
    status, JSON, compact XML, errors), wrong for ``fmt`` 0/1 lists, whose lines
    would each read as a reply of its own.

``"auto"`` picks ``"blank"`` when the first :data:`AUTO_WINDOW` bytes hold an empty
line, else ``"line"``.  The line ending that closes a record belongs to the dump, not
to the reply, and is dropped.

A dump carries no charset: each record's is detected
(:func:`smsc_codec.mojibake.detect_charset`, among windows-1251, koi8-r and utf-8;
the request's charset wins a near tie) and reported with its confidence, mojibake is
repaired, and without a request the layout is sniffed
(:func:`smsc_codec.sniff.sniff`).  Lines are read as they come: a record longer than
:data:`MAX_RECORD_BYTES` is skipped unread and reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from smsc_codec.errors import DecodeError

from ._decode import API_SCRIPTS, bare_reply, script_of
from ._model import Exchange, Location
from ._stream import numbered, peek

__all__ = ["AUTO_WINDOW", "MAX_RECORD_BYTES", "Record", "Split", "exchanges", "records",
           "request_target"]

#: How a dump separates its replies: ``"blank"`` lines between them, one per
#: ``"line"``, or ``"auto"``: blank lines if the first megabyte has any, else lines.
Split = Literal["auto", "blank", "line"]

#: A reply body larger than this is not one the API writes (a history reply holds at
#: most 1000 records of a few hundred bytes).
MAX_RECORD_BYTES = 16 * 1024 * 1024
#: The longest piece of a line read at once: a longer line comes in pieces, kept
#: until the record passes MAX_RECORD_BYTES (then dropped), so no line is held
#: twice at its full length.
PIECE = 1024 * 1024
#: How much of a dump ``"auto"`` looks at.
AUTO_WINDOW = 1024 * 1024
#: The methods a request line may start with.
_METHODS = frozenset({b"GET", b"POST"})
#: ``HTTP/1.1`` and the like, closing a request line.
_VERSION = re.compile(rb"HTTP/\d(?:\.\d)?", re.IGNORECASE)
_QUOTES = b"'\""


@dataclass(frozen=True, slots=True)
class Record:
    """One reply of a dump: the line it starts on, its request line if any, and its
    bytes (``None`` when it was too large to keep)."""

    line: int
    data: bytes | None
    request: str | None = None


def _strip_end(data: bytes) -> bytes:
    if data.endswith(b"\r\n"):
        return data[:-2]
    return data[:-1] if data.endswith(b"\n") else data


def _blank(line: bytes) -> bool:
    return line in (b"\n", b"\r\n", b"\r")


def request_target(line: bytes) -> str | None:
    """The URL or path of a request line, ``None`` when *line* is none.

    Read word by word (split at whitespace: one pass, no pattern that could
    backtrack), as people paste them: ``[GET|POST] TARGET [HTTP/1.1]``, with
    spaces around; ``curl -v``'s ``> GET TARGET HTTP/1.1``; a ``curl`` command
    line, whose first word naming an API script (quotes taken off) is the target.
    The target's path must end in one of :data:`~._decode.API_SCRIPTS`.
    """
    words = line.split()
    if words[:1] == [b">"]:
        words = words[1:]
    if words[:1] == [b"curl"]:
        targets = [w.strip(_QUOTES) for w in words[1:] if not w.startswith(b"-")]
        words = [next((t for t in targets if _is_target(t)), b"")]
    if words and words[0].upper() in _METHODS:
        words = words[1:]
    if len(words) == 2 and _VERSION.fullmatch(words[1]):
        words = words[:1]
    if len(words) != 1 or not _is_target(words[0]):
        return None
    return words[0].decode("ascii")


def _is_target(word: bytes) -> bool:
    return word.isascii() and script_of(word.decode("ascii")) in API_SCRIPTS


def _split_request(line: int, parts: list[bytes]) -> Record:
    request = request_target(parts[0])
    if request is not None:  # a request line alone: a request with an empty reply
        return Record(line, _strip_end(b"".join(parts[1:])), request)
    return Record(line, _strip_end(b"".join(parts)))


def records(stream: Iterator[bytes], split: Split = "auto") -> Iterator[Record]:
    """The records of a dump, split as *split* says."""
    if split == "auto":
        head, stream = peek(stream, AUTO_WINDOW)
        body = head.replace(b"\r\n", b"\n")
        split = "blank" if b"\n\n" in body.strip(b"\n") else "line"
    if split == "line":
        yield from _paired(_by_line(stream))
        return
    parts: list[bytes] = []
    start = size = 0
    too_large = False
    at_start = True  # the piece starts a line (a line's last piece may be b"\n")
    for lineno, line in numbered(stream, PIECE):
        starts, at_start = at_start, line.endswith(b"\n")
        if starts and _blank(line):
            if parts or too_large:
                yield Record(start, None) if too_large else _split_request(start, parts)
            parts, size, too_large = [], 0, False
            continue
        if not parts and not too_large:
            start = lineno
        size += len(line)
        if size > MAX_RECORD_BYTES:
            too_large, parts = True, []
        elif not too_large:
            parts.append(line)
    if parts or too_large:
        yield Record(start, None) if too_large else _split_request(start, parts)


def _by_line(stream: Iterator[bytes]) -> Iterator[Record]:
    start, parts, size = 0, list[bytes](), 0
    for lineno, piece in numbered(stream, PIECE):
        if size == 0:
            start = lineno
        size += len(piece)
        if size <= MAX_RECORD_BYTES:
            parts.append(piece)
        else:
            parts = []  # too large: what was kept of it goes now, not at its end
        if piece.endswith(b"\n"):
            if size > MAX_RECORD_BYTES:
                yield Record(start, None)
            elif not _blank(b"".join(parts)):
                yield Record(start, _strip_end(b"".join(parts)))
            parts, size = [], 0
    if size:
        yield Record(start, None if size > MAX_RECORD_BYTES else b"".join(parts))


def _paired(records: Iterator[Record]) -> Iterator[Record]:
    """One reply per line, where a request line is the request of the reply on the
    next line (it is no reply itself)."""
    request: Record | None = None
    for record in records:
        target = None if record.data is None else request_target(record.data)
        if target is not None:
            if request is not None:
                yield Record(request.line, b"", request.request)  # a request, no reply
            request = Record(record.line, None, target)
            continue
        if request is not None:
            record = Record(record.line, record.data, request.request)
            request = None
        yield record
    if request is not None:
        yield Record(request.line, b"", request.request)


def exchanges(stream: Iterator[bytes], name: str, *, split: Split = "auto",
              charset: str | None = None) -> Iterator[Exchange]:
    """The exchanges of a dump: every record decoded (by its request line, or
    sniffed); a record too large to keep is an exchange with a ``too-large`` error."""
    for record in records(stream, split):
        location = Location(file=name, line=record.line)
        if record.data is None:
            yield Exchange(location=location, endpoint="unknown",
                           error=DecodeError(f"a record longer than {MAX_RECORD_BYTES} bytes",
                                             kind="too-large"))
            continue
        yield bare_reply(location, record.data, request=record.request, charset=charset)
