"""The full matrix (tests/testing/matrix.py: fmt 0-3 x all 0-2 x three charsets x
single, multi, trailing comma, history, wrong password, unknown id) through the
sans-I/O core and the httpx transports, sync and async: all in memory, so all of
it; the live servers (test_asgi.py, test_plugin.py) run its slice."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from smsc_codec.testing.transport import AsyncSmscTransport, SmscTransport
from tests.testing.matrix import MATRIX, Case, check
from tests.testing.test_core import fake

#: Any host: the transport answers whatever the client names (the vendor's here).
BASE = "https://smsc.ru"


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_core(case: Case) -> None:
    server = fake()
    reply = server.handle("GET", case.path, case.query)
    assert reply.status == 200
    check(case, reply.body)
    assert [seen.deviations for seen in server.log] == [()]


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_httpx_client(case: Case) -> None:
    server = fake()
    with httpx.Client(transport=SmscTransport(server), base_url=BASE) as client:
        reply = client.get(case.path + "?" + case.query)
        posted = client.post(case.path, content=case.query.encode("ascii"),
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (reply.status_code, posted.content) == (200, reply.content)
    check(case, reply.content)
    assert [(seen.method, seen.deviations) for seen in server.log] == [("GET", ()), ("POST", ())]


@pytest.mark.parametrize("case", MATRIX, ids=[c.id for c in MATRIX])
def test_httpx_async_client(case: Case) -> None:
    server = fake()

    async def ask() -> httpx.Response:
        async with httpx.AsyncClient(transport=AsyncSmscTransport(server),
                                     base_url=BASE) as client:
            return await client.get(case.path + "?" + case.query)

    reply = asyncio.run(ask())
    assert reply.status_code == 200
    check(case, reply.content)


def test_other_paths_are_404_and_not_logged() -> None:
    server = fake()
    with httpx.Client(transport=SmscTransport(server), base_url=BASE) as client:
        reply = client.get("/sys/send.php?login=demo&psw=secret")
    assert (reply.status_code, reply.content, server.log) == (404, b"not found", [])
