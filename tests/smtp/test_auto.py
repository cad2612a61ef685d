"""Bare line or e-mail, whichever the input is: what the CLI calls."""

from __future__ import annotations

import orjson
import pytest

from smsc_codec.errors import DecodeError
from smsc_codec.policy import STRICT
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    Envelope,
    Phone,
    ReplyMail,
    SendMail,
    SendOk,
    SendRequest,
    all_defects,
    decode_reply_any,
    decode_send,
    encode_reply_json,
    encode_send_json,
    encode_send_mail,
    to_json,
)

LINE = "alex:123::::79999999999:Привет"
REQUEST = SendRequest(login="alex", psw=Secret("123"), phones=(Phone(number="79999999999"),),
                      mes="Привет")


def test_a_bare_line_from_a_file() -> None:
    data = LINE.encode("koi8_r") + b"\n"
    assert decode_send(data, policy=STRICT) == REQUEST
    assert decode_send(LINE.encode("koi8_r") + b"\r\n", policy=STRICT) == REQUEST
    assert decode_send(LINE.encode("utf-8"), charset="utf-8", policy=STRICT) == REQUEST
    # Only the file's own final line break goes.
    with pytest.raises(DecodeError) as info:
        decode_send(data + b"\n", policy=STRICT)
    assert info.value.kind == "trailing-newline"


def test_an_e_mail() -> None:
    mail = SendMail(request=REQUEST, envelope=Envelope(subject="x"))
    assert decode_send(encode_send_mail(mail), policy=STRICT) == mail


def test_json_both_ways() -> None:
    revealed = to_json(REQUEST, reveal_secrets=True)
    assert to_json(REQUEST)["psw"] == "***"
    assert encode_send_json(revealed) == LINE.encode("koi8_r")
    assert encode_send_json(orjson.dumps(revealed), charset="utf-8") == LINE.encode()
    eml = encode_send_json(revealed, eml=True)
    assert decode_send(eml, policy=STRICT) == SendMail(request=REQUEST)
    # The JSON of a decoded e-mail encodes to the bare line too (envelope dropped).
    mail_json = to_json(decode_send(eml), reveal_secrets=True)
    assert "mail" in mail_json
    assert encode_send_json(mail_json) == LINE.encode("koi8_r")
    assert encode_send_json(mail_json, eml=True) == eml


def test_replies() -> None:
    lenient = decode_reply_any(b"OK - 1 SMS, ID - 5\n")
    assert (lenient.cnt, lenient.id) == (1, 5)  # type: ignore[union-attr]
    # The file's final line break is not the reply's (issue 18: strict took it for one).
    assert [d.kind for d in all_defects(lenient)] == []
    assert decode_reply_any(b"OK - 1 SMS, ID - 5\n", policy=STRICT) == SendOk(cnt=1, id=5)
    assert decode_reply_any(b"OK - 1 SMS, ID - 5", policy=STRICT) == SendOk(cnt=1, id=5)
    eml = encode_reply_json({"id": 5, "cnt": 1}, eml=True)
    assert decode_reply_any(eml, policy=STRICT) == ReplyMail(reply=SendOk(cnt=1, id=5))
    assert encode_reply_json({"id": 5, "cnt": 1}) == b"OK - 1 SMS, ID - 5"
    assert to_json(decode_reply_any(eml)) == {**to_json(SendOk(cnt=1, id=5)),
                                             "mail": to_json(ReplyMail(reply=SendOk(
                                                 cnt=1, id=5)))["mail"]}


def test_all_defects_lists_the_mail_then_the_line() -> None:
    eml = (b"Content-Type: text/plain; charset=koi8-r\r\nContent-Transfer-Encoding: binary\r\n"
           b"\r\nalex:123:::01:79999999999:hi\r\n")
    value = decode_send(eml)
    assert [d.kind for d in all_defects(value)] == ["non-canonical", "non-canonical"]
    assert [d.field for d in all_defects(value)] == ["transfer_encoding",
                                                     "translit"]
