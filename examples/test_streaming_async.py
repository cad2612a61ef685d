"""The asyncio streaming example against the fake SMSC's httpx transport, chunked."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from examples.streaming import ServerError
from examples.streaming_async import history
from smsc_codec import Auth, StatusList, StatusRecord, decode_history
from smsc_codec.testing import FakeSmsc
from smsc_codec.testing.transport import AsyncSmscTransport

AUTH = Auth.with_password("demo", "secret")
PHONE = "79991234567"
COUNT = 300
BASE = "https://smsc.ru/sys/"
CHUNK = 1000


class _Chunked(httpx.AsyncBaseTransport):
    """The fake's answer, its body handed out CHUNK bytes at a time (as a socket would)."""

    def __init__(self, fake: FakeSmsc) -> None:
        self._inner = AsyncSmscTransport(fake)
        self.bodies: list[bytes] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        answer = await self._inner.handle_async_request(request)
        body = await answer.aread()
        self.bodies.append(body)

        return httpx.Response(answer.status_code, headers=answer.headers,
                              stream=_Pieces(body))


class _Pieces(httpx.AsyncByteStream):
    def __init__(self, body: bytes) -> None:
        self._body = body

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for i in range(0, len(self._body), CHUNK):
            yield self._body[i:i + CHUNK]


def _collect(fake: FakeSmsc) -> tuple[list[StatusRecord], _Chunked]:
    transport = _Chunked(fake)

    async def main() -> list[StatusRecord]:
        async with httpx.AsyncClient(transport=transport) as client:
            return [record async for record in history(client, BASE, AUTH, PHONE)]

    return asyncio.run(main()), transport


def test_the_async_stream_yields_what_the_whole_body_decodes_to(smsc_fake: FakeSmsc) -> None:
    for n in range(1, COUNT + 1):
        smsc_fake.add(StatusRecord(id=n, phone=PHONE, status=1, err=0,
                                   message=f"сообщение {n}: " + "текст " * 20))
    streamed, transport = _collect(smsc_fake)
    [body] = transport.bodies
    assert len(body) > 20 * CHUNK  # many chunks
    whole = decode_history(body, fmt=3, charset="utf-8")
    assert isinstance(whole, StatusList)
    assert tuple(streamed) == whole.records
    assert [r.id for r in streamed] == list(range(1, COUNT + 1))


def test_an_error_reply_raises_with_the_decoded_error(smsc_fake: FakeSmsc) -> None:
    with pytest.raises(ServerError) as caught:
        _collect(smsc_fake)  # no message on the fake: error 3
    assert caught.value.reply.code == 3
