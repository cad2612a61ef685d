"""The pytest plugin's fixtures, used as a client's suite would (issue 13)."""

from __future__ import annotations

import urllib.request

from smsc_codec import StatusRecord, decode_reply_to, decode_request
from smsc_codec.testing import FakeSmsc
from tests.testing.test_core import SMS


def test_the_live_fixture_serves_the_core_fixture(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    smsc_fake.add(SMS)
    query = f"apikey=demo-key&phone={SMS.phone}&id={SMS.id}&fmt=2&all=2&charset=koi8-r"
    with urllib.request.urlopen(smsc_server + "status.php?" + query) as reply:
        decoded = decode_reply_to(decode_request(query), reply.read())
    assert isinstance(decoded, StatusRecord) and decoded.status == SMS.status
    assert [seen.path for seen in smsc_fake.log] == ["/sys/status.php"]
