"""Property: any record the shipped strategies draw, seeded in the fake, comes back
exactly through the fake's reply, in every fmt, all and charset (issue 13)."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import StatusRecord, decode_reply_to, decode_request
from smsc_codec.layouts import Endpoint, RecordKind, layout_for
from smsc_codec.testing import Account, FakeSmsc, strategies
from tests.modes import examples

ID, PHONE = 7, "79991234567"


@pytest.mark.parametrize("kind", [RecordKind.SMS, RecordKind.HLR])
@pytest.mark.parametrize("all_", [0, 1, 2])
@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
@settings(max_examples=examples(25))
@given(data=st.data(), charset=st.sampled_from(["windows-1251", "koi8-r", "utf-8"]))
def test_a_drawn_record_comes_back_through_the_fake(fmt: int, all_: int, kind: RecordKind,
                                                    data: st.DataObject,
                                                    charset: str) -> None:
    layout = layout_for(Endpoint.STATUS, kind, all_, fmt, False)
    drawn = data.draw(strategies.record(layout, free_commas=False))
    # The key the client asks by: the fake answers (id, phone) as seeded.
    names = {wf.name for wf in layout.fields}
    seeded = drawn.replace(id=ID, phone=PHONE)
    expected = seeded.replace(**{n: None for n in ("id", "phone") if n not in names})
    fake = FakeSmsc(accounts=[Account("demo", "secret")], records=[seeded])
    query = urllib.parse.urlencode({"login": "demo", "psw": "secret", "phone": PHONE,
                                    "id": ID, "fmt": fmt, "all": all_, "charset": charset})
    reply = fake.handle("GET", "/sys/status.php", query)
    back = decode_reply_to(decode_request(query), reply.body)
    assert isinstance(back, StatusRecord)
    assert back == expected
