"""The example client's own tests, against the smsc_codec pytest fixtures."""

from __future__ import annotations

import asyncio
import urllib.request

import httpx
import pytest

from examples.smsc_client import status, status_async, status_httpx
from smsc_codec import StatusRecord
from smsc_codec.testing import FakeSmsc
from smsc_codec.testing.transport import AsyncSmscTransport

#: One message, every field of the fmt=3 all=2 reply (the shape `smsc-codec decode`
#: prints), with the id and phone the fake keys it by.
MESSAGE: dict[str, object] = {
    "status": 1, "last_date": "21.11.2026 09:15:02", "last_timestamp": 1795241702,
    "flag": 0, "err": 0, "send_date": "21.11.2026 09:14:55", "send_timestamp": 1795241695,
    "phone": "79991234567", "cost": "2.50", "sender_id": "SMSC.RU",
    "status_name": "Доставлено", "message": "Привет", "comment": "", "mccmnc": "25001",
    "country": "Россия", "operator": "МТС", "operator_orig": "МТС", "region": "Москва",
    "type": 0, "sms_cnt": 1, "id": 7}


def _seed(fake: FakeSmsc) -> StatusRecord:
    """Seed the message; what the client reads back (a single status reply does not
    repeat the id)."""
    return fake.add(MESSAGE).replace(id=None)


def test_sync_client(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    expected = _seed(smsc_fake)
    assert status(smsc_server, "demo", "secret", "79991234567", "7") == expected
    seen = smsc_fake.log[-1]
    assert seen.deviations == () and seen.request is not None and seen.request.charset


def test_async_client_and_a_wrong_password(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    expected = _seed(smsc_fake)
    found = asyncio.run(status_async(smsc_server, "demo", "secret", "79991234567", "7"))
    assert found == expected
    with pytest.raises(RuntimeError, match="code=2"):
        status(smsc_server, "demo", "wrong", "79991234567", "7")


def test_async_httpx_client_on_the_transport(smsc_fake: FakeSmsc) -> None:
    """No socket at all: httpx.AsyncClient on the fake's transport."""
    expected = _seed(smsc_fake)

    async def ask(psw: str) -> StatusRecord:
        async with httpx.AsyncClient(transport=AsyncSmscTransport(smsc_fake),
                                     base_url="https://smsc.ru") as client:
            return await status_httpx(client, "demo", psw, "79991234567", "7")

    assert asyncio.run(ask("secret")) == expected
    with pytest.raises(RuntimeError, match="code=2"):
        asyncio.run(ask("wrong"))
    assert [seen.rules for seen in smsc_fake.log] == [(), ()]


def test_the_fake_shows_what_a_sloppy_client_got_wrong(smsc_fake: FakeSmsc,
                                                        smsc_server: str) -> None:
    """Two phones for one id, and UTF-8 without charset=utf-8, are in the log."""
    for query in ("login=demo&psw=secret&phone=79991234567,79990000000&id=7&fmt=3",
                  "login=demo&psw=secret&phone=79991234567&id=%D0%B7-7&fmt=3"):
        with urllib.request.urlopen(smsc_server + "status.php?" + query) as reply:
            reply.read()
    assert [seen.rules for seen in smsc_fake.log] == [("R01",), ("R03",)]
