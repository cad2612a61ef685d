"""The fake as ``httpx`` transports: ``httpx.Client(transport=SmscTransport(fake))``
and ``httpx.AsyncClient(transport=AsyncSmscTransport(fake))`` talk to it in memory,
no socket.  Needs ``httpx`` (the ``[testing]`` extra); nothing else imports this
module."""

from __future__ import annotations

import httpx

from smsc_codec.testing._core import FakeSmsc

__all__ = ["AsyncSmscTransport", "SmscTransport"]


def _answer(fake: FakeSmsc, request: httpx.Request, body: bytes) -> httpx.Response:
    reply = fake.handle(request.method, request.url.path, request.url.query, body)
    return httpx.Response(reply.status, headers={"Content-Type": reply.content_type},
                          content=reply.body, request=request)


class SmscTransport(httpx.BaseTransport):
    """A sync transport answering every request from *fake* (any host; the path is
    ``/sys/status.php`` or ``/sys/get.php``, else 404)."""

    def __init__(self, fake: FakeSmsc) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """The fake's reply to *request* (its query, or its form body for POST)."""
        return _answer(self.fake, request, request.read())


class AsyncSmscTransport(httpx.AsyncBaseTransport):
    """The same for ``httpx.AsyncClient``.  The core answers at once (it does no
    I/O), so the coroutine never waits on it."""

    def __init__(self, fake: FakeSmsc) -> None:
        self.fake = fake

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """The fake's reply to *request* (its query, or its form body for POST)."""
        return _answer(self.fake, request, await request.aread())
