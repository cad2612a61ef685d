"""fmt=3: charsets, JSON types, escapes, what JSON cannot hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from smsc_codec import (
    DecodeError,
    EncodeError,
    StatusList,
    StatusRecord,
    decode_status,
    encode_status,
)
from smsc_codec.charset import Charset, encode_text
from smsc_codec.layouts import Endpoint
from smsc_codec.policy import DefectLog, Policy
from smsc_codec.shape import ReplyShape
from smsc_codec.wire import jsondoc
from smsc_codec.wire._common import Context
from tests.modes import examples
from tests.vectors import defect_kinds


def test_a_windows_1251_body_is_decoded_before_parsing() -> None:
    body = '{"status":1,"message":"Привет"}'.encode("cp1251")
    record = decode_status(body, fmt=3, all=1)
    assert isinstance(record, StatusRecord)
    assert record.message == "Привет"


def test_escapes_for_what_the_charset_lacks() -> None:
    record = StatusRecord(status=1, message="№ 😀")
    assert encode_status(record, fmt=3, all=1, charset="koi8-r", lossy=True) == (
        b'{"status":1,"message":"\\u2116 \\ud83d\\ude00"}')
    back = decode_status(b'{"status":1,"message":"\\u2116 \\ud83d\\ude00"}', fmt=3, all=1,
                         charset="koi8-r")
    assert isinstance(back, StatusRecord)
    assert back.message == "№ 😀"


def test_cost_is_a_string_and_a_number_is_read_with_a_defect() -> None:
    text = decode_status(b'{"status":1,"cost":"1.50"}', fmt=3, all=1)
    assert isinstance(text, StatusRecord)
    assert text.cost == Decimal("1.50")
    record = decode_status(b'{"status":1,"cost":1.5}', fmt=3, all=1)
    assert isinstance(record, StatusRecord)
    assert record.cost == Decimal("1.5")
    assert "non-canonical" in defect_kinds(record)


def test_id_keeps_its_json_type() -> None:
    numbers = decode_status(b'[{"status":1,"id":12},{"status":1,"id":"12"}]', fmt=3, all=1)
    assert isinstance(numbers, StatusList)
    assert [r.id for r in numbers.records] == [12, "12"]
    assert encode_status(numbers, fmt=3, all=1) == b'[{"status":1,"id":12},{"status":1,"id":"12"}]'


def test_a_value_of_the_wrong_type_is_kept_as_it_came() -> None:
    record = decode_status(b'{"status":1,"sms_cnt":[1]}', fmt=3, all=1)
    assert isinstance(record, StatusRecord)
    assert record.raw == (("sms_cnt", [1]),)
    assert encode_status(record, fmt=3, all=1) == b'{"status":1,"sms_cnt":[1]}'


def test_integers_beyond_64_bits() -> None:
    # orjson reads them as floats (digits lost): never taken for the integer.
    record = decode_status(b'{"status":123456789012345678901234567890}', fmt=3)
    assert isinstance(record, StatusRecord)
    assert record.status is None and "bad-value" in defect_kinds(record)
    with pytest.raises(EncodeError):
        encode_status(StatusRecord(status=1, last_timestamp=2**70), fmt=3, lossy=True)


def test_an_array_of_non_objects_says_where() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(b'[{"status":1},2]', fmt=3)
    assert info.value.field == "$[1]"


@settings(max_examples=examples(200))
@given(text=st.text(), charset=st.sampled_from(["windows-1251", "koi8-r", "utf-8"]))
def test_encoding_in_one_pass_writes_what_checking_first_writes(text: str, charset: Charset
                                                                ) -> None:
    # encode_bytes escapes what the charset lacks as it encodes; encode checks first
    # and escapes, then the text is encoded: the same bytes, always.
    assume(not any("\ud800" <= c <= "\udfff" for c in text))  # no lone surrogates in JSON
    record = StatusRecord(status=1, message=text, comment=text[::-1])
    ctx = Context(ReplyShape(endpoint=Endpoint.STATUS, fmt=3, all=1, charset=charset),
                  DefectLog(Policy()))
    assert jsondoc.encode_bytes(record, ctx) == encode_text(jsondoc.encode(record, ctx), charset)
