"""Push decoders: a reply decoded as its bytes arrive, record by record, in bounded memory.

The sans-I/O shape of h11 and wsproto: the caller reads (a socket, a file, an
``httpx`` or ``aiohttp`` stream, sync or async), the decoder never opens anything::

    decoder = StatusDecoder(fmt=3, charset="utf-8")
    for chunk in chunks:                 # any sizes, split anywhere
        for record in decoder.feed(chunk):
            ...                          # each record as soon as its bytes are in
    reply = decoder.close()              # exactly what decode_status(b"".join(chunks)) is

:class:`StatusDecoder` (``status.php``) and :class:`HistoryDecoder` (``get.php``) take
the whole-body decoders' keywords; ``close()`` returns what the whole-body decoder
returns (or raises what it raises).  ``iter_*`` (sync chunks) and ``aiter_*`` (async)
are thin loops over a decoder.  This is the driver only: each format's framer is its
``WireFormat`` row's ``framer`` (``wire/push_*.py``).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator

from smsc_codec.charset import DEFAULT_CHARSET
from smsc_codec.errors import UsageError
from smsc_codec.history import history_list
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import StatusList, StatusRecord, StatusReply
from smsc_codec.policy import LENIENT, Defect, Policy
from smsc_codec.shape import HISTORY_LEVEL, ReplyShape, reply_shape
from smsc_codec.status import start_frame

__all__ = [
    "AsyncRecordStream", "Chunk", "HistoryDecoder", "RecordStream", "StatusDecoder",
    "aiter_history", "aiter_status", "iter_history", "iter_status",
]

Chunk = bytes | bytearray | memoryview  #: What a chunk may be: any bytes-like object.


class StatusDecoder:
    """A push decoder for one ``status.php`` reply, with :func:`~smsc_codec.decode_status`'s
    keywords; *keep_records* ``False`` lets a list of any length pass in bounded memory
    (``close()``'s list then holds only the records the end of the body completed)."""

    def __init__(self, *, fmt: int, all: int = 0, charset: str = DEFAULT_CHARSET,
                 kind: RecordKind | str | None = None, multi: bool | None = None,
                 policy: Policy = LENIENT, keep_records: bool = True) -> None:
        self._start(reply_shape(endpoint=Endpoint.STATUS, fmt=fmt, all=all, charset=charset,
                                kind=kind, multi=multi), policy, keep_records)

    def _start(self, shape: ReplyShape, policy: Policy, keep_records: bool) -> None:
        self._frame = start_frame(shape, policy)
        self._keep = keep_records
        self._kept: list[StatusRecord] = []
        self._reply: StatusReply | None = None
        self._closed = False

    def feed(self, data: Chunk) -> list[StatusRecord]:
        """The records *data* (the next bytes of the body) completed, in order."""
        if self._closed:
            raise UsageError("feed() after close(): a decoder reads one reply")
        out = self._frame.send(bytes(data), False)
        if self._keep:
            self._kept += out
        return out

    def close(self) -> StatusReply:
        """The end of the body: the finished reply, as the whole-body decoder gives it."""
        if not self._closed:
            self._closed = True
            last = self._frame.send(b"", True)
            kept, self._kept = [*self._kept, *last] if self._keep else last, []
            self._reply = self._frame.status_result(kept)  # read whole, or the list cut
        elif self._frame.failed is not None:
            raise self._frame.failed
        assert self._reply is not None
        return self._reply

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's) so far: complete after close()."""
        return self._frame.list_defects()


class HistoryDecoder(StatusDecoder):
    """A push decoder for one ``get.php?get_messages=1`` reply, with
    :func:`~smsc_codec.decode_history`'s keywords."""

    def __init__(self, *, fmt: int, charset: str = DEFAULT_CHARSET, policy: Policy = LENIENT,
                 keep_records: bool = True) -> None:
        self._start(reply_shape(endpoint=Endpoint.HISTORY, fmt=fmt, all=HISTORY_LEVEL,
                                charset=charset), policy, keep_records)

    def close(self) -> StatusReply:
        """The end of the body: the finished reply, as decode_history gives it."""
        return history_list(super().close())


class _Stream:  # what the iterators share: thin loops over a decoder
    def __init__(self, decoder: StatusDecoder) -> None:
        self.decoder = decoder
        #: The decoder's close() once the stream is exhausted (an ErrorReply, a list).
        self.reply: StatusReply | None = None

    @property
    def defects(self) -> tuple[Defect, ...]:
        """The list's own defects (not a record's), complete once the stream ends."""
        return self.decoder.defects if self.reply is None else self.reply.defects

    def _last(self) -> tuple[StatusRecord, ...]:
        """Closes the decoder: the records close() completed (those feed did not give)."""
        self.reply = reply = self.decoder.close()
        if isinstance(reply, StatusList):
            return reply.records
        return (reply,) if isinstance(reply, StatusRecord) else ()


class RecordStream(_Stream, Iterator[StatusRecord]):
    """The records of one reply from a sync iterable of chunks; ``.reply`` is the
    decoder's ``close()`` once the stream is exhausted."""

    def __init__(self, chunks: Iterable[Chunk], decoder: StatusDecoder) -> None:
        super().__init__(decoder)
        self._records = self._run(chunks)

    def __next__(self) -> StatusRecord:
        return next(self._records)

    def _run(self, chunks: Iterable[Chunk]) -> Iterator[StatusRecord]:
        for chunk in chunks:
            yield from self.decoder.feed(chunk)
        yield from self._last()


class AsyncRecordStream(_Stream, AsyncIterator[StatusRecord]):
    """:class:`RecordStream` over an async iterable of chunks (``async for``)."""

    def __init__(self, chunks: AsyncIterable[Chunk], decoder: StatusDecoder) -> None:
        super().__init__(decoder)
        self._records = self._run(chunks)

    async def __anext__(self) -> StatusRecord:
        return await self._records.__anext__()

    async def _run(self, chunks: AsyncIterable[Chunk]) -> AsyncIterator[StatusRecord]:
        async for chunk in chunks:
            for record in self.decoder.feed(chunk):
                yield record
        for record in self._last():
            yield record


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
    return AsyncRecordStream(chunks, StatusDecoder(fmt=fmt, all=all, charset=charset, kind=kind,
                                                   multi=multi, policy=policy, keep_records=False))


def aiter_history(chunks: AsyncIterable[Chunk], /, *, fmt: int, charset: str = DEFAULT_CHARSET,
                  policy: Policy = LENIENT) -> AsyncRecordStream:
    """:func:`iter_history` over an async iterable of chunks."""
    return AsyncRecordStream(chunks, HistoryDecoder(fmt=fmt, charset=charset, policy=policy,
                                                    keep_records=False))
