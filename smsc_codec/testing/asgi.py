"""The fake as an ASGI app: serve it under any ASGI server (uvicorn, hypercorn) on
127.0.0.1 and talk to it from any HTTP client (aiohttp, httpx, ``requests``) or
language.  The standard library only: the server is the caller's (``[testing]``
brings uvicorn)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine, MutableMapping
from typing import Any

from smsc_codec.testing._core import MAX_BODY_BYTES, TOO_LARGE, FakeSmsc

__all__ = ["make_asgi_app"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Coroutine[Any, Any, None]]

def make_asgi_app(fake: FakeSmsc) -> App:
    """An ASGI 3 application answering ``/sys/status.php`` and ``/sys/get.php`` from
    *fake* (GET and POST); other paths are 404, other scopes (websocket) refused,
    and the lifespan protocol is acknowledged."""

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        if scope["type"] == "websocket":  # the API is HTTP only: refuse the handshake
            await receive()
            await send({"type": "websocket.close"})
            return
        body = bytearray()
        while True:
            message = await receive()
            body += message.get("body", b"")
            if len(body) > MAX_BODY_BYTES:
                await _respond(send, TOO_LARGE.status, TOO_LARGE.content_type, TOO_LARGE.body)
                return
            if not message.get("more_body", False):
                break
        reply = fake.handle(scope["method"], scope["path"], scope.get("query_string", b""),
                            bytes(body))
        await _respond(send, reply.status, reply.content_type, reply.body)

    return app


async def _respond(send: Send, status: int, content_type: str, body: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type.encode("ascii")),
                            (b"content-length", str(len(body)).encode("ascii"))]})
    await send({"type": "http.response.body", "body": body})
