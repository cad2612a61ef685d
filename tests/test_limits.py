"""Every decoder's size limit, just under and just over (smsc_codec.limits).

Each limit is checked before any transcoding or parsing: an input one byte over is
refused with kind ``too-large`` at ``pos`` = the limit, whatever it contains.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from smsc_codec import DecodeError, ErrorReply, Policy, decode_delete, decode_status, smtp
from smsc_codec.history import decode_history
from smsc_codec.limits import (
    MAX_MAIL_BYTES,
    MAX_REPLY_BYTES,
    MAX_REQUEST_BYTES,
    MAX_SEND_REPLY_BYTES,
)
from smsc_codec.request import decode_form, decode_query, decode_url


def error_line(size: int) -> bytes:
    """``ERROR = 1 (xxx…)`` of exactly *size* bytes: valid in every reply decoder."""
    head, tail = b"ERROR = 1 (", b")"
    return head + b"x" * (size - len(head) - len(tail)) + tail


def query(size: int) -> bytes:
    head = b"login=a&psw=b&phone=7&id=1&note="
    return head + b"x" * (size - len(head))


REPLY_DECODERS: list[tuple[str, Callable[..., Any]]] = [
    ("status", lambda d, **kw: decode_status(d, fmt=0, **kw)),
    ("history", lambda d, **kw: decode_history(d, fmt=0, **kw)),
    ("delete", lambda d, **kw: decode_delete(d, fmt=0, **kw)),
]


@pytest.mark.parametrize(("name", "decode"), REPLY_DECODERS, ids=[n for n, _ in REPLY_DECODERS])
def test_reply_limit(name: str, decode: Callable[..., Any]) -> None:
    assert isinstance(decode(error_line(MAX_REPLY_BYTES)), ErrorReply)
    with pytest.raises(DecodeError) as info:
        decode(error_line(MAX_REPLY_BYTES + 1))
    assert (info.value.kind, info.value.pos) == ("too-large", MAX_REPLY_BYTES)


def test_the_policy_can_move_the_limit() -> None:
    small = Policy(max_input_bytes=100)
    assert isinstance(decode_status(error_line(100), fmt=0, policy=small), ErrorReply)
    with pytest.raises(DecodeError) as info:
        decode_status(error_line(101), fmt=0, policy=small)
    assert info.value.pos == 100
    big = Policy(max_input_bytes=MAX_REPLY_BYTES + 10)
    assert isinstance(decode_status(error_line(MAX_REPLY_BYTES + 10), fmt=0, policy=big),
                      ErrorReply)


@pytest.mark.parametrize("decode", [decode_query, decode_form])
def test_request_limit(decode: Callable[[bytes], Any]) -> None:
    assert decode(query(MAX_REQUEST_BYTES)).extra[0][0] == "note"
    with pytest.raises(DecodeError) as info:
        decode(query(MAX_REQUEST_BYTES + 1))
    assert (info.value.kind, info.value.pos) == ("too-large", MAX_REQUEST_BYTES)


def test_request_url_limit() -> None:
    head = "https://smsc.ru/sys/status.php?"
    url = head + query(MAX_REQUEST_BYTES - len(head)).decode()
    assert decode_url(url).extra[0][0] == "note"
    with pytest.raises(DecodeError) as info:
        decode_url(url + "x")
    assert info.value.kind == "too-large"


def test_send_line_limit() -> None:
    # Under the limit the line is read (its mes is then too long for the doc's 1000
    # characters: a different error); over it, nothing is read at all.
    line = b"alex:psw::::79999999999:"
    under = line + b"m" * (MAX_MAIL_BYTES - len(line))
    with pytest.raises(DecodeError) as info:
        smtp.decode_line(under, policy=Policy(strict=True))
    assert info.value.kind != "too-large"
    with pytest.raises(DecodeError) as info:
        smtp.decode_line(under + b"m")
    assert (info.value.kind, info.value.pos) == ("too-large", MAX_MAIL_BYTES)


def test_send_reply_limit() -> None:
    ok = b"OK - 1 SMS, ID - 5"
    under = ok + b" " * (MAX_SEND_REPLY_BYTES - len(ok))
    assert isinstance(smtp.decode_reply(under), smtp.SendOk)
    with pytest.raises(DecodeError) as info:
        smtp.decode_reply(under + b" ")
    assert (info.value.kind, info.value.pos) == ("too-large", MAX_SEND_REPLY_BYTES)


def mail(size: int) -> bytes:
    """A send e-mail of exactly *size* bytes, padded with X-Pad headers."""
    head = b"To: send@send.smscentre.com\r\nContent-Type: text/plain; charset=koi8-r\r\n"
    body = b"\r\nalex:psw::::79999999999:hi\r\n"
    pad = size - len(head) - len(body)
    lines = []
    while pad > 0:
        take = min(pad, 900)
        lines.append(b"X-Pad: " + b"x" * (take - 9) + b"\r\n")
        pad -= take
    data = head + b"".join(lines) + body
    assert len(data) == size
    return data


def test_mail_limit() -> None:
    padded = mail(MAX_MAIL_BYTES)
    assert smtp.decode_send_mail(padded).request.mes == "hi"
    with pytest.raises(DecodeError) as info:
        smtp.decode_send_mail(mail(MAX_MAIL_BYTES + 1))
    assert (info.value.kind, info.value.pos) == ("too-large", MAX_MAIL_BYTES)
