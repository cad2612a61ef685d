"""A captured request tells exactly how to decode its reply."""

from __future__ import annotations

import pytest

from smsc_codec import (
    DeleteOk,
    ErrorReply,
    RecordKind,
    StatusList,
    StatusRecord,
    decode_reply_to,
    decode_request,
    encode_reply_to,
)

BASE = "https://smscentre.com/sys/"


def test_a_trailing_comma_keeps_the_multi_format_for_one_message() -> None:
    request = decode_request(BASE + "status.php?login=a&psw=p&phone=79999999999,&id=5,&fmt=3")
    reply = decode_reply_to(request, b'[{"status":-3,"id":5,"phone":"79999999999"}]')
    assert reply == StatusList(records=(StatusRecord(status=-3, id=5, phone="79999999999"),))
    assert encode_reply_to(request, reply) == b'[{"status":-3,"id":5,"phone":"79999999999"}]'


def test_without_the_comma_one_message_is_a_single_record() -> None:
    request = decode_request(BASE + "status.php?login=a&psw=p&phone=79999999999&id=5&fmt=1")
    assert decode_reply_to(request, b"1,1795241702,0") == StatusRecord(
        status=1, last_timestamp=1795241702, err=0)


def test_the_charset_comes_from_the_request() -> None:
    request = decode_request(BASE + "status.php?login=a&psw=p&phone=7&id=5&fmt=2&charset=koi8-r")
    body = "<result><error>ошибка</error><error_code>2</error_code></result>".encode("koi8_r")
    assert decode_reply_to(request, body) == ErrorReply(code=2, description="ошибка")


def test_a_delete_request_reads_ok() -> None:
    request = decode_request(BASE + "status.php?del=1&login=a&psw=p&phone=7&id=5&fmt=3")
    assert decode_reply_to(request, b'{"result":"OK"}') == DeleteOk()
    assert encode_reply_to(request, DeleteOk()) == b'{"result":"OK"}'


def test_history_is_always_a_list_and_hlr_kind_can_be_pinned() -> None:
    history = decode_request(BASE + "get.php?get_messages=1&login=a&psw=p&fmt=3")
    assert decode_reply_to(history, b"[]") == StatusList()
    status = decode_request(BASE + "status.php?login=a&psw=p&phone=7&id=5&fmt=3")
    reply = decode_reply_to(status, b'{"status":-3}', kind="hlr")
    assert reply == StatusRecord(kind=RecordKind.HLR, status=-3)


def test_encode_reply_to_lossy_drops_what_the_layout_cannot_carry() -> None:
    # An all=2 record answered to an all=0 request: an error unless lossy (issue 13).
    from smsc_codec import EncodeError, decode_status

    record = decode_status(b'{"status":1,"last_date":"21.11.2026 09:15:02",'
                           b'"last_timestamp":1795241702,"flag":0,"err":0,'
                           b'"send_date":"21.11.2026 09:15:00","phone":"79999999999",'
                           b'"cost":"1.50","sms_cnt":1,"message":"hi"}', fmt=3, all=2)
    request = decode_request("login=a&psw=b&phone=79999999999&id=5&fmt=3")
    with pytest.raises(EncodeError):
        encode_reply_to(request, record)
    body = encode_reply_to(request, record, lossy=True)
    assert decode_reply_to(request, body) == decode_status(body, fmt=3)
    assert b"message" not in body
