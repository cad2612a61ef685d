"""fmt=0: key-driven reading, free text, line breaks, what cannot be written."""

from __future__ import annotations

from datetime import datetime

import pytest

from smsc_codec import (
    MSK,
    STRICT,
    DecodeError,
    EncodeError,
    ErrorReply,
    RecordKind,
    StatusList,
    StatusRecord,
    decode_status,
    encode_status,
)
from tests.vectors import defect_kinds

WHEN = datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK)
HEAD = "Status = 1, check_time = 21.11.2026 09:15:02, err = 0, send_date = 21.11.2026 09:15:02"


def test_message_with_separators_inside_survives() -> None:
    record = StatusRecord(status=1, last_date=WHEN, err=0, send_date=WHEN, phone="7",
                          cost=None, message="a, comment = b, type = 3", comment="x, y = 1",
                          type=0)
    wire = encode_status(record, fmt=0, all=1)  # fmt=0 may leave a field out
    assert b"message = a, comment = b, type = 3, comment = x, y = 1, type = 0" in wire
    back = decode_status(wire, fmt=0, all=1)
    assert isinstance(back, StatusRecord)
    assert back.message == "a, comment = b, type = 3"
    assert back.comment == "x, y = 1"
    assert defect_kinds(back) == ["missing-field"] * 3  # cost, sender_id, status_name


def test_fields_in_any_order_decode_the_same() -> None:
    canonical = decode_status(b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0", fmt=0)
    shuffled = decode_status(b"Status = 1, err = 0, check_time = 21.11.2026 09:15:02", fmt=0)
    assert shuffled == canonical == StatusRecord(status=1, last_date=WHEN, err=0)


def test_operator_orig_is_written_without_a_space_before_the_equals() -> None:
    record = decode_status((HEAD + ", operator_orig= Мегафон").encode("cp1251"), fmt=0, all=2)
    assert isinstance(record, StatusRecord)
    assert record.operator_orig == "Мегафон"
    assert "non-canonical" not in defect_kinds(record)
    wire = decode_status(b"Status = 1, operator_orig = X", fmt=0, all=2)
    assert "non-canonical" in defect_kinds(wire)


def test_key_spelling_is_case_insensitive_but_recorded() -> None:
    record = decode_status(b"Status = 1, CHECK_TIME = 21.11.2026 09:15:02, err = 0", fmt=0)
    assert isinstance(record, StatusRecord)
    assert record.last_date == WHEN
    assert defect_kinds(record) == ["non-canonical"]


def test_a_line_break_in_a_single_message_survives() -> None:
    record = StatusRecord(status=1, last_date=WHEN, err=0, send_date=WHEN, phone="7",
                          cost=None, sender_id="S", status_name="ok",
                          message="line 1\nline 2", comment="", type=0)
    wire = encode_status(record, fmt=0, all=1, lossy=True)
    back = decode_status(wire, fmt=0, all=1)
    assert isinstance(back, StatusRecord)
    assert back.message == "line 1\nline 2"


def test_a_line_break_that_would_start_a_record_is_refused() -> None:
    record = StatusRecord(status=1, last_date=WHEN, err=0, message="x\nStatus = 2", type=0,
                          id=5)
    with pytest.raises(EncodeError) as info:
        encode_status(StatusList(records=(record,)), fmt=0, all=1)
    assert info.value.field is not None


def test_multi_is_told_by_the_id_and_by_several_lines() -> None:
    one = decode_status(b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0, ID = 7,"
                        b" phone = 79990000000", fmt=0)
    assert isinstance(one, StatusList) and one.records[0].id == 7
    two = decode_status(b"Status = 1, err = 0\nStatus = 2, err = 0", fmt=0)
    assert isinstance(two, StatusList) and len(two) == 2


def test_hlr_keys_make_an_hlr_record() -> None:
    record = decode_status(b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0, imsi = 1,"
                           b" msc = 2, mcc = 250, mnc = 01, cn = RU, net = MTS, rcn = , rnet = ",
                           fmt=0)
    assert isinstance(record, StatusRecord)
    assert record.kind is RecordKind.HLR and record.mnc == "01" and record.rcn == ""
    assert record.defects == ()


def test_error_line_with_parentheses_in_the_description() -> None:
    reply = decode_status("ERROR = 9 (слишком много (5) запросов)".encode("cp1251"), fmt=0)
    assert isinstance(reply, ErrorReply)
    assert (reply.code, reply.description) == (9, "слишком много (5) запросов")


def test_a_line_that_starts_no_record_continues_the_one_above() -> None:
    # "hello" continues the record, so err reads "0\nhello": not a number.
    with pytest.raises(DecodeError) as info:
        decode_status(b"Status = 1, err = 0\nhello", fmt=0, multi=False, policy=STRICT)
    assert (info.value.kind, info.value.field, info.value.pos) == ("bad-value", "err", 18)


def test_garbage_first_line_is_malformed_at_offset_zero() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(b"OK", fmt=0)
    assert (info.value.kind, info.value.pos, info.value.line) == ("malformed", 0, 1)


def test_lossy_encoding_drops_fields_without_tripping_the_read_back() -> None:
    from smsc_codec import MessageFlag

    record = StatusRecord(status=1, err=0, flag=MessageFlag.from_int(0), message="a, b = c\nd",
                          type=0)
    wire = encode_status(record, fmt=0, all=1, lossy=True)
    assert wire == b"Status = 1, err = 0, message = a, b = c\nd, type = 0"
    back = decode_status(wire, fmt=0, all=1)
    assert isinstance(back, StatusRecord)
    assert back.message == "a, b = c\nd"


def test_an_extra_that_would_read_as_an_error_line_is_refused() -> None:
    with pytest.raises(EncodeError):
        encode_status(StatusRecord(extra=(("ERROR", "x"),)), fmt=0)
