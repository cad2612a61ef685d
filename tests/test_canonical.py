"""Canonical JSON: the fmt=3 shape of any decoded value, in one field order."""

from __future__ import annotations

import orjson

from smsc_codec import (
    DeleteOk,
    ErrorReply,
    decode_status,
    from_canonical,
    to_canonical,
    to_canonical_json,
)


def test_fmt0_names_map_to_fmt3_names_and_cost_is_a_string() -> None:
    body = ("Status = 1, check_time = 21.11.2026 09:15:02, err = 0, send_date = 21.11.2026 "
            "09:14:55, phone = 7, cost = 2.50, sender_id = S, status_name = ok, message = m, "
            "comment = c, type = 0")
    assert to_canonical(decode_status(body, fmt=0, all=1)) == {
        "status": 1, "last_date": "21.11.2026 09:15:02", "err": 0,
        "send_date": "21.11.2026 09:14:55", "phone": "7", "cost": "2.50", "sender_id": "S",
        "status_name": "ok", "message": "m", "comment": "c", "type": 0}


def test_keys_follow_the_canonical_order_whatever_the_wire_order() -> None:
    record = decode_status(b'{"err":0,"status":1,"zz":[1],"flag":0}', fmt=3)
    assert list(to_canonical(record)) == ["status", "flag", "err", "zz"]


def test_errors_and_deletes() -> None:
    assert to_canonical(ErrorReply(code=2, description="x")) == {"error": "x", "error_code": 2}
    assert to_canonical(ErrorReply(code=2)) == {"error_code": 2}
    assert to_canonical(DeleteOk()) == {"result": "OK"}
    assert from_canonical({"result": "OK"}) == DeleteOk()


def test_json_bytes_read_back() -> None:
    record = decode_status(b'{"status":1,"cost":"0.10","extra_thing":null}', fmt=3, all=1)
    text = to_canonical_json(record)
    assert orjson.loads(text) == {"status": 1, "cost": "0.10", "extra_thing": None}
    assert from_canonical(text) == from_canonical(orjson.loads(text))
