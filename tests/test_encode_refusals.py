"""The encoder refuses what its decoder would not read back as the same value.

Issue 19: an int id of 0, a negative one or one of 21+ digits was written by fmt
0/1/2 and read back as text; text holding a lone surrogate was written in
windows-1251/koi8-r as a byte read back as another letter; a cost of more than 30
digits or an integer of more than 20 was written and then refused by the decoder; a
JSON integer beyond 64 bits made ``encode_status(fmt=2)`` raise TypeError; an aware
datetime at the end of the range made ``StatusRecord()`` raise OverflowError
(spec/decisions.md D-encode-refusals).
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsc_codec import CHARSETS, EncodeError, decode_status, encode_status
from smsc_codec.canonical import without_defects
from smsc_codec.exchange import encode_reply_to
from smsc_codec.history import encode_history
from smsc_codec.layouts import Endpoint, RecordKind, layout_for
from smsc_codec.models import StatusList, StatusRecord
from smsc_codec.request import Auth, HistoryRequest, Secret
from smsc_codec.testing.strategies import records
from tests.modes import examples

#: Values at and past the edges of what each codec's text reads back as.
HOSTILE: dict[str, st.SearchStrategy[Any]] = {
    "id": st.one_of(st.integers(), st.sampled_from([0, -1, 10**19, 10**20, -(10**20)])),
    "err": st.one_of(st.integers(), st.sampled_from([10**20 - 1, 10**20, -(10**20), 2**64])),
    "cost": st.one_of(
        st.decimals(allow_nan=False, allow_infinity=False),
        st.sampled_from([Decimal("1E+29"), Decimal("1E+30"), Decimal("1E-30"),
                         Decimal("1E-31"), Decimal("-0")])),
    "message": st.text(st.one_of(st.sampled_from(records.SHARED),
                                 st.characters(min_codepoint=0xDC80, max_codepoint=0xDCFF)),
                       max_size=6),
}


def _layout(fmt: int) -> Any:
    return layout_for(Endpoint.STATUS, RecordKind.SMS, 1, fmt, True)


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from([0, 1, 2, 3]), st.sampled_from(CHARSETS),
       st.sampled_from(sorted(HOSTILE)))
def test_encode_refuses_or_reads_back(data: st.DataObject, fmt: int, charset: str,
                                      name: str) -> None:
    """For a generated record with one hostile value: ``EncodeError``, or the very
    record back."""
    base = data.draw(records.record(_layout(fmt), free_commas=False))
    record = base.replace(**{name: data.draw(HOSTILE[name])})
    reply = StatusList(records=(record,))
    try:
        wire = encode_status(reply, fmt=fmt, all=1, charset=charset)
    except EncodeError:
        return
    back = decode_status(wire, fmt=fmt, all=1, charset=charset, multi=True)
    assert without_defects(back) == reply


@pytest.mark.parametrize("fmt", [0, 1, 2])
@pytest.mark.parametrize("bad", [0, -5, 10**20])
def test_an_int_id_that_reads_back_as_text_is_refused(fmt: int, bad: int) -> None:
    base = StatusRecord(status=1, last_timestamp=1, err=0, send_timestamp=1, phone="7",
                        cost=Decimal(1), sender_id="s", status_name="n", message="m",
                        comment="c", type=0, id=5)
    encode_status(StatusList(records=(base,)), fmt=fmt, all=1, lossy=True)  # (it can)
    with pytest.raises(EncodeError) as info:
        encode_status(StatusList(records=(base.replace(id=bad),)), fmt=fmt, all=1, lossy=True)
    assert info.value.field == "id"


def test_fmt3_keeps_any_int_id_a_64_bit_json_number_holds() -> None:
    reply = StatusList(records=(StatusRecord(status=1, id=0),))
    assert without_defects(decode_status(encode_status(reply, fmt=3), fmt=3)) == reply


@pytest.mark.parametrize("charset", ["windows-1251", "koi8-r"])
def test_a_lone_surrogate_for_a_decodable_byte_is_refused(charset: str) -> None:
    record = StatusRecord(status=1, message="a\udcc0b")
    with pytest.raises(EncodeError):
        encode_status(record, fmt=0, all=1, charset=charset, lossy=True)


def test_an_undecodable_byte_still_round_trips() -> None:
    """windows-1251 has no 0x98: its escape is written back as that byte."""
    wire = b"Status = 1, message = a\x98b"
    back = decode_status(wire, fmt=0, all=1, charset="windows-1251")
    assert encode_status(back, fmt=0, all=1, charset="windows-1251", lossy=True) == wire


@pytest.mark.parametrize("fmt", [0, 2, 3])
@pytest.mark.parametrize("field, value", [("cost", Decimal("1E+40")), ("cost", Decimal("1E-40")),
                                          ("err", 10**25)])
def test_a_value_the_decoder_would_refuse_is_refused(fmt: int, field: str, value: Any) -> None:
    record = StatusRecord(status=1, **{field: value})
    with pytest.raises(EncodeError):
        encode_status(record, fmt=fmt, all=1, lossy=True)


def test_a_raw_json_integer_beyond_64_bits_is_an_encode_error_in_xml() -> None:
    with pytest.raises(EncodeError):
        encode_status(StatusRecord(status=1, raw=(("err", 10**30),)), fmt=2)


@pytest.mark.parametrize("offset", [-12, 0, 3])
def test_a_datetime_at_the_end_of_the_range_is_a_library_error(offset: int) -> None:
    late = datetime.max.replace(tzinfo=timezone(timedelta(hours=offset)))
    try:
        StatusRecord(status=1, last_date=late)
    except EncodeError:
        return  # past year 9999 in Moscow time
    # (UTC+3 and later: still in range)


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
@pytest.mark.parametrize("single", [True, False])
def test_an_hlr_record_in_a_history_reply_is_refused(fmt: int, single: bool) -> None:
    """History has no HLR layout: every way in refuses it in the library's terms (it
    was written as an SMS row under lossy, or failed on a column it lacks)."""
    hlr = StatusRecord(kind=RecordKind.HLR, status=1, err=0, imsi="250011234567890",
                       id=5, phone="79161234567")
    request = HistoryRequest(auth=Auth(login="a", psw=Secret("p")), fmt=fmt)
    listed = StatusList(records=(hlr,))
    with pytest.raises(EncodeError) as caught:
        encode_reply_to(request, hlr if single else listed, lossy=True)
    with pytest.raises(EncodeError) as also:
        encode_history(listed, fmt=fmt, lossy=True)
    for refusal in (caught.value, also.value):
        assert (refusal.field, str(refusal)) == (
            "kind", "kind: a history reply lists SMS records, not HLR ones")
