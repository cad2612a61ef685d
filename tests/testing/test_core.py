"""The fake server's core answers every layout byte-exactly (issue 13)."""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

import pytest

from smsc_codec import (
    ErrorReply,
    StatusRecord,
    decode_reply_to,
    decode_request,
    from_canonical,
)
from smsc_codec.testing import Account, FakeSmsc

VECTORS = Path(__file__).parents[2] / "spec" / "vectors" / "status"


def _seed(name: str, id: int) -> StatusRecord:
    expect = json.loads((VECTORS / name).read_text("utf-8"))["expect"]
    # koi8-r has no '№': the fake does not invent a substitute (D-fake-charset).
    if "comment" in expect:
        expect["comment"] = expect["comment"].replace("№", "N")
    # fmt=1 cannot tell where commas in both message and comment split (spec/decisions.md).
    if "message" in expect:
        expect["message"] = expect["message"].replace(",", ";")
    record = from_canonical({**expect, "id": id})
    assert isinstance(record, StatusRecord)
    return record


SMS = _seed("sms-all2-fmt3-single.json", 101)
HLR = _seed("hlr-all2-fmt3-single.json", 102)


def fake() -> FakeSmsc:
    return FakeSmsc(accounts=[Account("demo", "secret", apikeys=("K1",))], records=[SMS, HLR])


def _get(server: FakeSmsc, path: str, query: str) -> Any:
    reply = server.handle("GET", path, query)
    return decode_reply_to(decode_request(query), reply.body)


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
def test_bad_credentials_and_unknown_ids(fmt: int) -> None:
    server = fake()
    bad = _get(server, "/sys/status.php",
               f"login=demo&psw=wrong&phone={SMS.phone}&id=101&fmt={fmt}&charset=utf-8")
    assert isinstance(bad, ErrorReply) and bad.code == 2
    unknown = _get(server, "/sys/status.php",
                   f"apikey=K1&phone={SMS.phone}&id=999&fmt={fmt}&charset=utf-8")
    assert isinstance(unknown, StatusRecord) and unknown.status == -3
    none = _get(server, "/sys/get.php",
                f"get_messages=1&apikey=K1&phone=70000000000&fmt={fmt}&charset=utf-8")
    assert isinstance(none, ErrorReply) and none.code == 3
    missing = server.handle("GET", "/sys/status.php", f"login=demo&psw=secret&fmt={fmt}")
    assert b"1" in missing.body and server.log[-1].error is not None


def test_post_is_answered_as_get() -> None:
    server = fake()
    query = f"login=demo&psw=secret&phone={SMS.phone}&id=101&fmt=3&charset=utf-8"
    assert server.handle("POST", "/sys/status.php", "", query.encode()).body == \
        server.handle("GET", "/sys/status.php", query).body


def test_delete_forgets_the_message() -> None:
    server = fake()
    query = f"login=demo&psw=secret&phone={SMS.phone}&id=101&fmt=3&charset=utf-8"
    assert server.handle("GET", "/sys/status.php", query + "&del=1").body == b'{"result":"OK"}'
    after = _get(server, "/sys/status.php", query)
    assert isinstance(after, StatusRecord) and after.status == -3


def test_a_sloppy_client_shows_in_the_log() -> None:
    server = fake()
    server.handle("GET", "/sys/status.php",
                  f"login=demo&psw=secret&phone={SMS.phone},79990000000&id=101&fmt=3")
    assert server.log[-1].rules == ("R01",) and server.log[-1].request is None
    server.handle("GET", "/sys/status.php",
                  f"login=demo&psw=secret&phone={SMS.phone}&id=101&fmt=3&mes=hi")
    assert server.log[-1].rules == ("R02",)

    # A client that writes UTF-8 and forgets charset=utf-8 (D-forgotten-charset).
    forgot = urllib.parse.urlencode({"login": "demo", "psw": "secret", "phone": SMS.phone,
                                     "id": "заказ-17", "fmt": 3})
    server.handle("GET", "/sys/status.php", forgot)
    server.handle("GET", "/sys/status.php", forgot + "&charset=utf-8")
    assert [s.rules for s in server.log[-2:]] == [("R03",), ()]
    assert server.log[-2].deviations[0].field == "id"


def test_too_many_requests_with_an_injected_clock() -> None:
    now = [0.0]
    server = FakeSmsc(accounts=[Account("demo", "secret")], records=[SMS],
                      clock=lambda: now[0], rate_limit=True)
    query = f"login=demo&psw=secret&phone={SMS.phone}&id=101&fmt=3"
    codes = [_get(server, "/sys/status.php", query) for _ in range(6)]
    assert isinstance(codes[-1], ErrorReply) and codes[-1].code == 9
    assert all(isinstance(c, StatusRecord) for c in codes[:5])
    now[0] = 60.0
    assert isinstance(_get(server, "/sys/status.php", query), StatusRecord)


def test_unescaped_bytes_are_read_in_the_requests_charset() -> None:
    """Raw UTF-8 bytes in a query or form body (no %XX) are the request's charset's
    bytes: the fake finds the message (it read them as Latin-1 text before)."""
    order = StatusRecord(status=1, err=0, id="заказ-7", phone="79991234567")
    server = FakeSmsc(accounts=[Account("demo", "secret")], records=[order])
    query = "login=demo&psw=secret&phone=79991234567&id=заказ-7&fmt=3&charset=utf-8"
    replies = [server.handle("POST", "/sys/status.php", "", query.encode("utf-8")).body,
               server.handle("GET", "/sys/status.php", query.encode("utf-8")).body,
               server.handle("GET", "/sys/status.php", query).body]
    assert replies == [b'{"status":1,"err":0}'] * 3
    assert [seen.rules for seen in server.log] == [(), (), ()]
