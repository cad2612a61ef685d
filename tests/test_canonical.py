"""Canonical JSON: the fmt=3 shape of any decoded value, in one field order."""

from __future__ import annotations

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import (
    CHARSETS,
    DeleteOk,
    ErrorReply,
    Reply,
    decode_status,
    encode_status,
    from_canonical,
    to_canonical,
    to_canonical_json,
)
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import LAYOUTS, Endpoint, Layout
from smsc_codec.models import StatusList, StatusRecord
from smsc_codec.testing import strategies
from tests.modes import examples


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


_FMT3 = [layout for layout in sorted(LAYOUTS.values(), key=lambda la: la.describe())
         if layout.fmt == 3]


@pytest.mark.parametrize("layout", _FMT3, ids=[layout.describe() for layout in _FMT3])
@settings(max_examples=examples(30), deadline=None)
@given(data=st.data(), charset=st.sampled_from(CHARSETS))
def test_a_fmt3_wire_record_is_its_own_canonical_json(layout: Layout, data: st.DataObject,
                                                      charset: str) -> None:
    """canonical._record writes a decoded fmt=3 record's checked wire values as they
    are (issue 14); the typed path -- the same record rebuilt from its values --
    gives the same JSON, and the wire text read back is that JSON."""
    value = data.draw(strategies.reply(layout))
    if layout.endpoint is Endpoint.HISTORY:
        assert isinstance(value, StatusList)
        back: Reply = decode_history(encode_history(value, fmt=3, charset=charset), fmt=3,
                                     charset=charset)
    else:
        back = decode_status(encode_status(value, fmt=3, all=layout.all, charset=charset),
                             fmt=3, all=layout.all, charset=charset, kind=layout.kind,
                             multi=layout.multi)
    records = back.records if isinstance(back, StatusList) else (back,)
    for record in records:  # a fast-lane record (wire_family "json") or a typed one
        assert isinstance(record, StatusRecord)
        typed = record.replace()
        assert typed.wire_family is None  # the typed path
        assert to_canonical(record) == to_canonical(typed)
    if isinstance(back, StatusList) and layout.endpoint is Endpoint.HISTORY:
        wire = encode_history(back, fmt=3, charset="utf-8")
    else:
        wire = encode_status(back, fmt=3, all=layout.all, charset="utf-8")
    assert to_canonical(back) == orjson.loads(wire)
