"""The ASGI app under a real ASGI server (uvicorn) on 127.0.0.1, driven by aiohttp.

A representative slice of the matrix (tests/testing/matrix.py SLICE: every fmt, all
and charset, every kind of case), GET and POST: the full matrix runs in memory
through the core and the httpx transports (test_matrix.py).
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator, MutableMapping
from typing import Any

import aiohttp
import pytest
import uvicorn

from smsc_codec.testing import MAX_BODY_BYTES, FakeSmsc
from smsc_codec.testing.asgi import make_asgi_app
from tests.testing.matrix import SLICE, Case, check
from tests.testing.test_core import fake


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, FakeSmsc]]:
    server_fake = fake()
    config = uvicorn.Config(make_asgi_app(server_fake), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    # Bound and listening before the thread starts: connections wait in the backlog,
    # so the test needs no wait for "started".
    sock = socket.create_server(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", server_fake
    finally:
        server.should_exit = True
        thread.join()
        sock.close()


async def _ask(base: str, case: Case) -> tuple[int, bytes, bytes]:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{base}{case.path}?{case.query}") as reply:
            body = await reply.read()
            status = reply.status
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        async with session.post(f"{base}{case.path}", data=case.query.encode("ascii"),
                                headers=form) as posted:
            return status, body, await posted.read()


@pytest.mark.parametrize("case", SLICE, ids=[c.id for c in SLICE])
def test_slice_through_aiohttp(served: tuple[str, FakeSmsc], case: Case) -> None:
    base, server_fake = served
    before = len(server_fake.log)
    status, body, posted = asyncio.run(_ask(base, case))
    assert (status, posted) == (200, body)
    check(case, body)
    assert [(s.method, s.deviations) for s in server_fake.log[before:]] == [
        ("GET", ()), ("POST", ())]


def test_other_paths_are_404(served: tuple[str, FakeSmsc]) -> None:
    async def ask() -> tuple[int, bytes]:
        async with aiohttp.ClientSession() as session, \
                session.get(served[0] + "/sys/send.php") as reply:
            return reply.status, await reply.read()

    assert asyncio.run(ask()) == (404, b"not found")


def _drive(scope: dict[str, Any], messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the app once on *scope*, feeding *messages*; what it sent."""
    sent: list[dict[str, Any]] = []
    incoming = iter(messages)

    async def receive() -> MutableMapping[str, Any]:
        return next(incoming)

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(dict(message))

    asyncio.run(make_asgi_app(fake())(scope, receive, send))
    return sent


def test_a_body_over_the_limit_is_413_before_it_is_all_read() -> None:
    chunk = {"type": "http.request", "body": b"x" * (MAX_BODY_BYTES // 2 + 1),
             "more_body": True}
    sent = _drive({"type": "http", "method": "POST", "path": "/sys/status.php",
                   "query_string": b""}, [chunk, chunk])  # a third chunk is never asked
    assert [m.get("status") for m in sent] == [413, None]
    assert sent[1]["body"] == b"request body too large"


def test_lifespan_is_acknowledged_and_websockets_are_refused() -> None:
    assert _drive({"type": "lifespan"}, [{"type": "lifespan.startup"},
                                         {"type": "lifespan.shutdown"}]) == [
        {"type": "lifespan.startup.complete"}, {"type": "lifespan.shutdown.complete"}]
    assert _drive({"type": "websocket", "path": "/sys/status.php"},
                  [{"type": "websocket.connect"}]) == [{"type": "websocket.close"}]
