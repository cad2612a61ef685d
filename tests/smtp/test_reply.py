"""The server's replies: both forms, the table, and what each policy makes of deviations."""

from __future__ import annotations

import dataclasses

import pytest

from smsc_codec.codes import SEND_ERRORS_WITH_ID, SendError
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import LENIENT, STRICT
from smsc_codec.smtp import SendErrorReply, SendOk, decode_reply, encode_reply


@pytest.mark.parametrize(("text", "value"), [
    ("OK - 1 SMS, ID - 1", SendOk(cnt=1, id=1)),
    ("OK - 0 SMS, ID - 007", SendOk(cnt=0, id="007")),
    ("ERROR = 2 (Invalid username or password)",
     SendErrorReply(code=SendError.AUTHORIZATION, description="Invalid username or password")),
    ("ERROR = 7 (bad phone), ID - abc", SendErrorReply(code=7, description="bad phone", id="abc")),
    ("ERROR = 8 (), ID - 9", SendErrorReply(code=8, description="", id=9)),
    ("ERROR = 3 (a (nested) note), ID - 1",
     SendErrorReply(code=3, description="a (nested) note", id=1)),
    ("ERROR = 1 (looks like ), ID - 5)",
     SendErrorReply(code=1, description="looks like ), ID - 5")),
])
def test_canonical_replies(text: str, value: object) -> None:
    assert decode_reply(text, policy=STRICT) == value
    assert encode_reply(value) == text


def test_the_table_fills_descriptions_in_both_languages() -> None:
    for code in SendError:
        id_ = 42 if code in SEND_ERRORS_WITH_ID else None
        reply = SendErrorReply.of(code, id=id_)
        assert reply.documented
        assert decode_reply(encode_reply(reply), policy=STRICT) == reply
    ru = SendErrorReply.of(SendError.INSUFFICIENT_FUNDS, id=1, lang="ru")
    assert encode_reply(ru) == "ERROR = 3 (Недостаточно средств на счете Клиента), ID - 1"
    assert encode_reply(ru, charset="koi8-r") == encode_reply(ru).encode("koi8_r")
    assert SendErrorReply.of(99).description is None


def test_codes_are_members_or_plain_ints() -> None:
    assert SendErrorReply(code=4, description="x").code is SendError.IP_BLOCKED
    assert SendErrorReply(code=42, description="x").code == 42
    assert type(SendErrorReply(code=42, description="x").code) is int


@pytest.mark.parametrize(("text", "kinds", "value"), [
    ("OK-1 SMS,ID-5", ["non-canonical"], SendOk(cnt=1, id=5)),
    ("  OK - 1 SMS, ID - 5\r\n", ["non-canonical"], SendOk(cnt=1, id=5)),
    ("error=9(dup)", ["non-canonical"], SendErrorReply(code=9, description="dup")),
    ("ERROR = 1", ["missing-description"], SendErrorReply(code=1)),
    ("ERROR = 3 (no money)", ["reply-id"], SendErrorReply(code=3, description="no money")),
    ("ERROR = 5 (date), ID - 1", ["reply-id"], SendErrorReply(code=5, description="date", id=1)),
])
def test_deviations(text: str, kinds: list[str], value: SendOk | SendErrorReply) -> None:
    got = decode_reply(text, policy=LENIENT)
    assert [d.kind for d in got.defects] == kinds
    assert got == dataclasses.replace(value, defects=got.defects)
    with pytest.raises(DecodeError) as info:
        decode_reply(text, policy=STRICT)
    assert info.value.kind == kinds[0]


@pytest.mark.parametrize("text", ["", "OK", "OK - x SMS, ID - 1", "OK - 1 SMS, ID - a b",
                                  "ERROR = (x)", "ERROR = 1 (a\nb)", "OK - 1 SMS, ID - " + "x" * 41,
                                  "OK - 99999999999 SMS, ID - 1", "x" * 3000])
def test_not_a_reply(text: str) -> None:
    with pytest.raises(DecodeError):
        decode_reply(text, policy=LENIENT)


@pytest.mark.parametrize(("build", "field"), [
    (lambda: SendOk(cnt=-1, id=1), "cnt"),
    (lambda: SendOk(cnt=1, id=0), "id"),
    (lambda: SendOk(cnt=True, id=1), "cnt"),
    (lambda: SendErrorReply(code=-1), "code"),
    (lambda: SendErrorReply(code=1, description="a\nb"), "description"),
    (lambda: SendErrorReply(code=1, id="a b"), "id"),
])
def test_replies_refuse_what_the_line_cannot_carry(build: object, field: str) -> None:
    with pytest.raises(EncodeError) as info:
        build()  # type: ignore[operator]
    assert info.value.field == field
