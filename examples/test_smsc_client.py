"""The example client's own tests, against the smsc_codec pytest fixtures."""

from __future__ import annotations

import asyncio

import pytest

from examples.smsc_client import status, status_async
from smsc_codec import StatusRecord
from smsc_codec.testing import FakeSmsc


def _seed(fake: FakeSmsc) -> None:
    fake.add(StatusRecord(status=1, err=0, id=7, phone="79991234567", message="Привет"))


def test_sync_client(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    _seed(smsc_fake)
    assert status(smsc_server, "demo", "secret", "79991234567", "7").message == "Привет"
    seen = smsc_fake.log[-1]
    assert seen.deviations == () and seen.request is not None and seen.request.charset


def test_async_client_and_a_wrong_password(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    _seed(smsc_fake)
    found = asyncio.run(status_async(smsc_server, "demo", "secret", "79991234567", "7"))
    assert found.status == 1
    with pytest.raises(RuntimeError, match="code=2"):
        status(smsc_server, "demo", "wrong", "79991234567", "7")
