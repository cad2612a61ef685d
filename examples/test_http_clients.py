"""The HTTP client examples against the fake SMSC, live on 127.0.0.1."""

from __future__ import annotations

import asyncio
from datetime import datetime
from decimal import Decimal
from typing import Any

import pytest

from examples.http_clients import (
    SmscError,
    history_with_requests,
    status_with_aiohttp,
    status_with_httpx,
    status_with_httpx_async,
    status_with_requests,
)
from smsc_codec import MSK, Auth, StatusRecord
from smsc_codec.testing import FakeSmsc

AUTH = Auth.with_password("demo", "secret")
PHONE = "79991234567"
#: Every field a status reply at all=2 carries (what the examples ask for).
FIELDS: dict[str, Any] = {
    "status": 1, "last_date": datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK),
    "last_timestamp": 1795241702, "flag": 0, "err": 0,
    "send_date": datetime(2026, 11, 21, 9, 14, 55, tzinfo=MSK), "send_timestamp": 1795241695,
    "phone": PHONE, "cost": Decimal("1.20"), "sender_id": "SMSC.RU",
    "status_name": "Доставлено", "message": "Привет, мир", "comment": "",
    "mccmnc": "25001", "country": "Россия", "operator": "МТС", "operator_orig": "МТС",
    "region": "Москва", "type": 0, "sms_cnt": 1,
}
#: What each client reads back: the seeded record less its id (the request names it).
EXPECTED = StatusRecord(**FIELDS)


@pytest.fixture(autouse=True)
def seeded(smsc_fake: FakeSmsc) -> None:
    """One delivered message, id 7, on the fake."""
    smsc_fake.add(StatusRecord(id=7, **FIELDS))


def test_requests(smsc_server: str) -> None:
    found = status_with_requests(smsc_server, AUTH, PHONE, "7")
    assert found == EXPECTED


def test_requests_history_posts_a_form(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    found = history_with_requests(smsc_server, AUTH, PHONE)
    # The history layout has no flag, comment or operator_orig, and adds its own fields.
    row = {k: v for k, v in FIELDS.items() if k not in ("flag", "comment", "operator_orig")}
    assert found == (StatusRecord(**row, id=7, int_id="7", format=0, crc=0),)
    assert smsc_fake.log[-1].method == "POST"
    assert smsc_fake.log[-1].deviations == ()


def test_httpx(smsc_server: str) -> None:
    assert status_with_httpx(smsc_server, AUTH, PHONE, "7") == EXPECTED


def test_httpx_async(smsc_server: str) -> None:
    found = asyncio.run(status_with_httpx_async(smsc_server, AUTH, PHONE, "7"))
    assert found == EXPECTED


def test_aiohttp(smsc_server: str) -> None:
    found = asyncio.run(status_with_aiohttp(smsc_server, AUTH, PHONE, "7"))
    assert found == EXPECTED


def test_an_error_reply_raises_with_the_decoded_error(smsc_server: str) -> None:
    with pytest.raises(SmscError) as caught:
        status_with_requests(smsc_server, Auth.with_password("demo", "wrong"), PHONE, "7")
    assert (caught.value.reply.code, str(caught.value)) == (
        2, "SMSC error 2: неверный логин или пароль")
