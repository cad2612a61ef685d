"""Bytes in, chunk by chunk: the one way every capture reader takes its input.

The caller owns the I/O.  A reader takes either a binary file-like object (anything
with ``read(n)``: an open file, ``io.BytesIO``, a socket's ``makefile('rb')``) or an
iterable of ``bytes`` chunks, and never asks for more than :data:`CHUNK` bytes at a
time.  gzip is transparent: a stream that starts with the gzip magic is inflated as
it is read, member after member (``cat a.gz b.gz`` is a valid gzip file), with the
output of each step bounded, so a small compressed input cannot swell in memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from smsc_codec.errors import DecodeError

__all__ = ["CHUNK", "ByteSource", "Counter", "Readable", "chunks", "gunzip", "lines", "numbered",
           "peek"]

#: Bytes asked of the source per read, and the most one inflation step may produce.
CHUNK = 256 * 1024
#: "The header of a gzip file starts with the two bytes 1F 8B" (RFC 1952 §2.3.1).
GZIP_MAGIC = b"\x1f\x8b"


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


#: What a scan reads: a binary file-like object (anything with ``read(size)``) or an
#: iterable of ``bytes`` chunks.  The caller opens and closes files; a scan never does.
ByteSource = Readable | Iterable[bytes]


@dataclass(slots=True)
class Counter:
    """How many bytes of the raw source (before inflation) have been consumed: the
    figure a progress bar shows against the file size."""

    bytes_in: int = 0
    notes: list[str] = field(default_factory=list)


def chunks(source: ByteSource, counter: Counter | None = None) -> Iterator[bytes]:
    """The non-empty chunks of *source*, at most :data:`CHUNK` bytes each from a
    file-like object (an iterable's chunks are passed on as they come)."""
    pieces: Iterable[bytes]
    if isinstance(source, Iterable) and not hasattr(source, "read"):
        pieces = source
    else:
        reader: Readable = source  # type: ignore[assignment]
        pieces = iter(lambda: reader.read(CHUNK), b"")
    for chunk in pieces:
        if chunk:
            if counter is not None:
                counter.bytes_in += len(chunk)
            yield bytes(chunk)


def peek(stream: Iterator[bytes], size: int) -> tuple[bytes, Iterator[bytes]]:
    """The first *size* bytes (fewer at the end of input) and the whole stream again."""
    head: list[bytes] = []
    have = 0
    for chunk in stream:
        head.append(chunk)
        have += len(chunk)
        if have >= size:
            break
    first = b"".join(head)

    def again() -> Iterator[bytes]:
        if first:
            yield first
        yield from stream

    return first[:size], again()


def _inflate(stream: Iterator[bytes]) -> Iterator[bytes]:
    """Inflate gzip members one after another, at most :data:`CHUNK` bytes a step."""
    decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
    in_member = False  # the current decompressor has seen input of a member
    consumed = 0  # compressed bytes fully handed over (for error positions)
    pending = b""
    for chunk in stream:
        data, pending = pending + chunk, b""
        while data:
            if not in_member and len(data) < 2:
                pending = data  # too short to tell a next member from trailing bytes
                break
            if not in_member and data[:2] != GZIP_MAGIC:
                return  # trailing garbage after the last member: ignored, as gzip(1) does
            in_member = True
            try:
                out = decompressor.decompress(data, CHUNK)
                while out:
                    yield out
                    if decompressor.unconsumed_tail or decompressor.eof:
                        break
                    out = decompressor.decompress(b"", CHUNK)  # output still held back
            except zlib.error as exc:
                raise DecodeError(f"bad gzip data: {exc}", pos=consumed,
                                  kind="bad-gzip") from exc
            if decompressor.eof:
                # "A gzip file consists of a series of 'members'" (RFC 1952 §2.2).
                consumed += len(data) - len(decompressor.unused_data)
                data = decompressor.unused_data
                decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
                in_member = False
            else:
                consumed += len(data) - len(decompressor.unconsumed_tail)
                data = decompressor.unconsumed_tail
    if in_member:
        raise DecodeError("the gzip stream ends early", pos=consumed, kind="truncated")


def gunzip(stream: Iterator[bytes]) -> tuple[bool, Iterator[bytes]]:
    """Whether *stream* is gzip, and its inflated (or unchanged) chunks."""
    head, stream = peek(stream, 2)
    if head != GZIP_MAGIC:
        return False, stream
    return True, _inflate(stream)


def lines(stream: Iterator[bytes], limit: int) -> Iterator[bytes]:
    """The lines of *stream*, each with its line ending (``\\n``; a ``\\r`` before it
    stays part of the line).  A line longer than *limit* comes in pieces of at most
    *limit* bytes, so no line is ever held whole beyond that.

    The unfinished line is kept as a list of pieces and joined once, when it ends or
    reaches *limit*: re-joining it with every chunk would copy a long line once per
    chunk (quadratic) and hold two copies of it.
    """
    pending: list[bytes] = []
    have = 0
    for chunk in stream:
        start, size = 0, len(chunk)
        while start < size:
            end = chunk.find(b"\n", start)
            stop = size if end == -1 else end + 1
            room = limit - have
            if stop - start > room:  # the line reaches the limit: a full piece
                pending.append(chunk[start:start + room])
                yield b"".join(pending)
                pending, have, start = [], 0, start + room
                continue
            pending.append(chunk[start:stop] if start or stop < size else chunk)
            have += stop - start
            start = stop
            if end != -1:
                yield pending[0] if len(pending) == 1 else b"".join(pending)
                pending, have = [], 0
    if pending:
        yield b"".join(pending)


def numbered(stream: Iterator[bytes], limit: int) -> Iterator[tuple[int, bytes]]:
    """The pieces of :func:`lines`, each with the (1-based) number of its line."""
    lineno = 1
    for piece in lines(stream, limit):
        yield lineno, piece
        if piece.endswith(b"\n"):
            lineno += 1
