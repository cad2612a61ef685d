"""The push decoders behind a real HTTP client: httpx's streamed responses, sync and
async, over httpx.MockTransport (no network: the transport answers in-process).

The mock answers with a chunked body (an iterator of 5-byte chunks, no
Content-Length), so the records arrive split inside values, as from a slow server.
Every multi-record golden vector of status.php and get.php streams to the records
the whole-body decoder gives, and ``.reply`` is its list's defects.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest

from smsc_codec import (
    StatusList,
    StatusRecord,
    aiter_history,
    aiter_status,
    iter_history,
    iter_status,
)
from smsc_codec.models import StatusReply
from smsc_codec.stream import AsyncRecordStream, RecordStream
from tests.test_stream import policy_of
from tests.vectors import VECTORS, Vector

LISTS = [v for v in VECTORS if v.endpoint in ("status", "history")
         and isinstance(e := v.meta.get("expect"), list) and len(e) > 1]
URL = "http://127.0.0.1/sys/status.php"
CHUNK = 5


def _pieces(body: bytes) -> list[bytes]:
    return [body[i : i + CHUNK] for i in range(0, len(body), CHUNK)]


def _sync_transport(body: bytes) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter(_pieces(body)))
    return httpx.MockTransport(handler)


def _async_transport(body: bytes) -> httpx.MockTransport:
    async def chunks() -> AsyncIterator[bytes]:
        for piece in _pieces(body):
            yield piece

    async def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks())
    return httpx.MockTransport(handler)


def _options(vector: Vector) -> dict[str, Any]:
    """The keywords of the vector's iterator (history takes no ``all``)."""
    m = vector.meta
    if vector.endpoint == "history":
        return {"fmt": m["fmt"], "charset": m["charset"]}
    return {"fmt": m["fmt"], "all": m["all"], "charset": m["charset"],
            "policy": policy_of(vector)}


def _iter(vector: Vector, chunks: Iterator[bytes]) -> RecordStream:
    stream = iter_history if vector.endpoint == "history" else iter_status
    return stream(chunks, **_options(vector))


def _aiter(vector: Vector, chunks: AsyncIterator[bytes]) -> AsyncRecordStream:
    stream = aiter_history if vector.endpoint == "history" else aiter_status
    return stream(chunks, **_options(vector))


@pytest.mark.parametrize("vector", LISTS, ids=lambda v: v.name)
def test_an_async_httpx_stream_decodes_as_the_whole_body(vector: Vector) -> None:
    whole = vector.decode()
    assert isinstance(whole, StatusList)

    async def main() -> tuple[list[StatusRecord], StatusReply | None, bool]:
        async with (httpx.AsyncClient(transport=_async_transport(vector.wire)) as client,
                    client.stream("GET", URL) as response):
            chunked = response.headers.get("transfer-encoding") == "chunked"
            records = _aiter(vector, response.aiter_bytes())
            return [r async for r in records], records.reply, chunked

    got, reply, chunked = asyncio.run(main())
    assert chunked
    assert got == list(whole.records)
    assert isinstance(reply, StatusList)
    assert reply.defects == whole.defects


@pytest.mark.parametrize("vector", LISTS, ids=lambda v: v.name)
def test_a_sync_httpx_stream_decodes_as_the_whole_body(vector: Vector) -> None:
    whole = vector.decode()
    assert isinstance(whole, StatusList)
    with (httpx.Client(transport=_sync_transport(vector.wire)) as client,
          client.stream("GET", URL) as response):
        assert response.headers.get("transfer-encoding") == "chunked"
        records = _iter(vector, response.iter_bytes())
        got = list(records)
    assert got == list(whole.records)
    assert isinstance(records.reply, StatusList)
    assert records.reply.defects == whole.defects


def test_both_endpoints_are_streamed() -> None:
    assert {v.endpoint for v in LISTS} == {"status", "history"}
    assert {v.meta["fmt"] for v in LISTS} == {0, 1, 2, 3}
