"""Canonical JSON: the doc's names, secrets masked, and what reading it refuses."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from smsc_codec.errors import DecodeError
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    SEND_ENVELOPE,
    Envelope,
    HourWindow,
    ListEntry,
    Phone,
    Prefix,
    ReplyMail,
    SendErrorReply,
    SendMail,
    SendOk,
    SendRequest,
    TestMode,
    reply_from_json,
    reply_mail_from_json,
    reply_mail_to_json,
    reply_to_json,
    request_from_json,
    request_to_json,
    send_mail_from_json,
    send_mail_to_json,
)
from smsc_codec.smtp.canonical import envelope_to_json

P = Phone(number="79999999999")


def test_the_doc_names_in_the_doc_order() -> None:
    request = SendRequest(login="alex", psw=Secret("pw"), id=7, time=HourWindow(start=9, end=21),
                          tz=2, translit=1, format=0, sender="Alex", test=1,  # type: ignore[arg-type]
                          phones=(P, Phone(number="79999999998")), phones_sep=";",
                          prefix=Prefix.VIBER, mes="message")
    assert list(request_to_json(request).items()) == [
        ("secrets", "masked"), ("login", "alex"), ("psw", "***"), ("id", 7), ("time", "9-21"),
        ("tz", 2), ("translit", 1), ("format", 0), ("sender", "Alex"), ("test", 1),
        ("phones", "79999999999;79999999998"), ("prefix", "__VIBER__"), ("mes", "message")]
    assert request_to_json(request, reveal_secrets=True)["psw"] == "pw"


def test_an_api_key_and_a_list() -> None:
    request = SendRequest(psw=Secret("KEY"), test=TestMode.MULTILINE, list_break=True,
                          entries=(ListEntry(phones=(P,), mes="a\nb", sep=";"),), subj="S")
    assert request_to_json(request) == {
        "secrets": "masked", "apikey": "***", "test": 2,
        "list": [{"phones": "79999999999", "mes": "a\nb", "sep": ";"}], "list_break": True,
        "subj": "S"}
    revealed = request_to_json(request, reveal_secrets=True)
    assert revealed["apikey"] == "KEY"
    assert request_from_json(revealed) == request


def test_json_text_and_bytes_are_read_too() -> None:
    text = '{"login": "alex", "psw": "pw", "phones": "79999999999", "mes": "hi"}'
    value = SendRequest(login="alex", psw=Secret("pw"), phones=(P,), mes="hi")
    assert request_from_json(text) == request_from_json(text.encode()) == value
    # Spellings other than the canonical one are accepted from people.
    assert request_from_json({"login": "a", "psw": "p", "phones": "7", "time": "09-21",
                              "id": "12"}).time == HourWindow(start=9, end=21)


@pytest.mark.parametrize(("obj", "kind", "field"), [
    ({"secrets": "masked", "login": "a", "psw": "***", "phones": "7"}, "masked-secret", "psw"),
    ({"secrets": "masked", "apikey": "***", "phones": "7"}, "masked-secret", "apikey"),
    ({"login": "a", "phones": "7"}, "missing-field", "psw"),
    ({"apikey": "k", "login": "a", "phones": "7"}, "bad-json", "apikey"),
    ({"login": "a", "psw": "p", "phones": "7", "colour": "red"}, "unknown-key", "request"),
    ({"login": "a", "psw": "p", "phones": "7", "tz": "3"}, "bad-json", "tz"),
    ({"login": "a", "psw": "p", "phones": "7", "test": True}, "bad-json", "test"),
    ({"login": "a", "psw": "p", "phones": "7", "time": "noon"}, "bad-value", "time"),
    ({"login": "a", "psw": "p", "phones": "7,8;9"}, "mixed-separators", "phones"),
    ({"login": "a", "psw": "p", "phones": "7,,8"}, "bad-value", "phones"),
    ({"login": "a", "psw": "p", "phones": "7", "prefix": "__FAX__"}, "bad-value", "prefix"),
    ({"login": "a", "psw": "p", "phones": "7", "mes": "a\r"}, "invalid", "mes"),
    ({"login": "a", "psw": "p", "list": [{"phones": "7", "mes": "x", "bcc": 1}]},
     "unknown-key", "list[0]"),
    ({"login": "a", "psw": "p", "list": "7:x"}, "bad-json", "list"),
    ([1, 2], "bad-json", "request"),
])
def test_what_reading_refuses(obj: Any, kind: str, field: str) -> None:
    with pytest.raises(DecodeError) as info:
        request_from_json(obj)
    assert (info.value.kind, info.value.field) == (kind, field)


def test_malformed_json_text_says_where() -> None:
    with pytest.raises(DecodeError) as info:
        request_from_json('{"login": "a",, }')
    assert (info.value.kind, info.value.pos) == ("bad-json", 14)


@pytest.mark.parametrize(("reply", "obj"), [
    (SendOk(cnt=2, id=5), {"id": 5, "cnt": 2}),
    (SendErrorReply(code=3, description="no money", id="x"),
     {"error": "no money", "error_code": 3, "id": "x"}),
    (SendErrorReply(code=1), {"error": None, "error_code": 1}),
])
def test_replies(reply: Any, obj: dict[str, Any]) -> None:
    assert reply_to_json(reply) == obj
    assert reply_from_json(obj) == reply


def test_envelopes_write_every_key_and_read_defaults_for_missing_ones() -> None:
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=3)))
    envelope = Envelope(charset=None, subject="Тема", date=when)
    obj = envelope_to_json(envelope)
    assert obj == {"charset": None, "transfer_encoding": "quoted-printable",
                   "body_type": "text/plain", "tagged": False, "from": None, "to": None,
                   "subject": "Тема", "date": "Tue, 02 Jan 2024 03:04:05 +0300",
                   "message_id": None}
    request = SendRequest(login="alex", psw=Secret("pw"), phones=(P,), mes="hi")
    value = SendMail(request=request, envelope=envelope)
    assert send_mail_from_json(send_mail_to_json(value, reveal_secrets=True)) == value
    # No "mail" object, or one with keys left out: the send defaults fill in.
    plain = request_to_json(request, reveal_secrets=True)
    assert send_mail_from_json(plain).envelope == SEND_ENVELOPE
    assert send_mail_from_json({**plain, "mail": {"charset": "utf-8"}}).envelope == Envelope(
        charset="utf-8", to_addr=SEND_ENVELOPE.to_addr)
    reply = ReplyMail(reply=SendOk(cnt=1, id=1), envelope=Envelope(from_addr="robot@x.ru"))
    assert reply_mail_from_json(reply_mail_to_json(reply)) == reply
    with pytest.raises(DecodeError) as info:
        send_mail_from_json({**plain, "mail": {"date": "yesterday"}})
    assert (info.value.kind, info.value.field) == ("bad-value", "date")
