"""fmt=1: reading by position, free text with commas, the legacy layout, counts."""

from __future__ import annotations

from decimal import Decimal

import pytest

from smsc_codec import (
    STRICT,
    DecodeError,
    EncodeError,
    ErrorReply,
    Policy,
    RecordKind,
    StatusList,
    StatusRecord,
    decode_status,
    encode_status,
)
from tests.vectors import defect_kinds

SMS1 = "1,1795241702,0,1795241695,79991234567,2.50,SMSC,Доставлено,{message},{comment},0"


def sms1(message: str, comment: str = "") -> bytes:
    return SMS1.format(message=message, comment=comment).encode("cp1251")


def test_one_free_text_field_takes_every_comma() -> None:
    # HLR all=1: message is the only free text; type follows it.
    line = ("1,1795241702,0,250011234567890,7916,250,01,RU,MTS,,,1795241695,79161234567,"
            "0.20,HLR,ok,a, b,, c,4")
    record = decode_status(line, fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    assert (record.kind, record.message, record.type) == (RecordKind.HLR, "a, b,, c", 4)
    assert record.defects == ()


def test_message_and_comment_split_unambiguously_with_one_comma() -> None:
    record = decode_status(sms1("привет", "заказ 17"), fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    assert (record.message, record.comment, record.defects) == ("привет", "заказ 17", ())


def test_surplus_commas_go_to_the_message_and_say_so() -> None:
    record = decode_status(sms1("a, b", "c"), fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    assert (record.message, record.comment) == ("a, b", "c")
    assert defect_kinds(record) == ["ambiguous-split"]
    with pytest.raises(DecodeError) as info:
        decode_status(sms1("a, b", "c"), fmt=1, all=1, policy=STRICT)
    assert (info.value.kind, info.value.field) == ("ambiguous-split", "comment")


def test_a_comma_in_the_comment_cannot_be_written() -> None:
    record = decode_status(sms1("a", "b"), fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    bad = StatusRecord(**{**record.values(), "comment": "b, c"})
    with pytest.raises(EncodeError) as info:
        encode_status(bad, fmt=1, all=1)
    assert info.value.field == "comment"


def test_a_comma_in_a_fixed_field_cannot_be_written() -> None:
    record = decode_status(sms1("a", "b"), fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    with pytest.raises(EncodeError) as info:
        encode_status(StatusRecord(**{**record.values(), "sender_id": "A,B"}), fmt=1, all=1)
    assert info.value.field == "sender_id"


def test_fmt1_cannot_leave_a_field_out() -> None:
    with pytest.raises(EncodeError) as info:
        encode_status(StatusRecord(status=1, err=0), fmt=1)
    assert info.value.field == "last_timestamp"


def test_legacy_layout_is_read_by_count_and_recorded() -> None:
    line = "1,1795241702,0,1795241695,79991234567,2.50,SMSC,Доставлено,hi, there"
    record = decode_status(line, fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    assert (record.message, record.comment, record.type) == ("hi, there", None, None)
    assert defect_kinds(record) == ["legacy-layout"]
    with pytest.raises(DecodeError) as info:  # 10 fields: too few for the documented row
        decode_status(line, fmt=1, all=1, policy=Policy(fmt1_variant="documented"))
    assert info.value.kind == "field-count"


def test_legacy_layout_can_be_written() -> None:
    record = StatusRecord(status=1, last_timestamp=1, err=0, send_timestamp=1, phone="7",
                          cost=Decimal("1"), sender_id="S", status_name="ok", message="m, n")
    assert encode_status(record, fmt=1, all=1, variant="legacy") == b"1,1,0,1,7,1,S,ok,m, n"


def test_the_reading_that_assumes_least_wins() -> None:
    # 18 fields at all=1 fit an SMS record (message absorbing 7 commas) and an HLR
    # record exactly: the HLR reading absorbs none.
    line = "1,1,0,250011234567890,7916,250,01,RU,MTS,,,1,7916,0.20,HLR,ok,,4"
    record = decode_status(line, fmt=1, all=1)
    assert isinstance(record, StatusRecord)
    assert record.kind is RecordKind.HLR


def test_wrong_field_count_names_the_counts() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(b"1,2,3,4", fmt=1)
    assert info.value.kind == "field-count"
    assert "3 or 5" in str(info.value)


def test_error_reply_and_its_description_rule() -> None:
    assert decode_status(b"0,-9", fmt=1) == ErrorReply(code=9)
    with pytest.raises(EncodeError):
        encode_status(ErrorReply(code=9, description="slow down"), fmt=1)
    assert encode_status(ErrorReply(code=9, description="slow down"), fmt=1, lossy=True) == (
        b"0,-9")


def test_spaces_after_commas_are_values_not_separators() -> None:
    record = decode_status(b"1, 1795241702, 0", fmt=1)
    assert isinstance(record, StatusRecord)
    assert (record.status, record.last_timestamp, record.err) == (1, 1795241702, 0)
    assert defect_kinds(record) == ["non-canonical", "non-canonical"]


def test_one_line_is_single_unless_multi_is_pinned() -> None:
    line = b"1,1795241702,0,7,79990000000"
    assert isinstance(decode_status(line, fmt=1), StatusList)  # 5 fields: only multi fits
    with pytest.raises(DecodeError):  # pinned multi: 3 fields lack the id and phone
        decode_status(b"1,1795241702,0", fmt=1, multi=True)
