"""The streaming example against the fake SMSC: the same records as a whole decode."""

from __future__ import annotations

import pytest
import requests

from examples.streaming import ServerError, history
from smsc_codec import Auth, StatusList, StatusRecord, decode_history
from smsc_codec.testing import FakeSmsc

AUTH = Auth.with_password("demo", "secret")
PHONE = "79991234567"
#: Enough records, with long texts, for the body to span many chunks.
COUNT = 300


def test_the_stream_yields_what_the_whole_body_decodes_to(smsc_fake: FakeSmsc,
                                                         smsc_server: str) -> None:
    for n in range(1, COUNT + 1):
        smsc_fake.add(StatusRecord(id=n, phone=PHONE, status=1, err=0,
                                   message=f"сообщение {n}: " + "текст " * 20))
    streamed = list(history(smsc_server, AUTH, PHONE))
    whole = requests.post(smsc_server + "get.php", timeout=10, data={
        "get_messages": "1", "login": "demo", "psw": "secret", "phone": PHONE, "fmt": "3",
        "cnt": "1000", "charset": "utf-8"})
    assert len(whole.content) > 20 * 4096  # many chunks
    decoded = decode_history(whole.content, fmt=3, charset="utf-8")
    assert isinstance(decoded, StatusList)
    assert tuple(streamed) == decoded.records
    assert [r.id for r in streamed] == list(range(1, COUNT + 1))


def test_an_error_reply_raises_with_the_decoded_error(smsc_server: str) -> None:
    with pytest.raises(ServerError) as caught:
        list(history(smsc_server, AUTH, PHONE))  # no message on the fake: error 3
    assert caught.value.reply.code == 3
