"""The charset boundary: names, lossless escapes, offsets, refusing what cannot be written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec import (
    STRICT,
    DecodeError,
    EncodeError,
    StatusRecord,
    decode_status,
    encode_status,
    normalize_charset,
)
from smsc_codec.charset import byte_offset, decode_text, encode_text
from smsc_codec.policy import LENIENT, DefectLog


@pytest.mark.parametrize(("name", "canonical"), [
    ("windows-1251", "windows-1251"), ("CP1251", "windows-1251"), ("win-1251", "windows-1251"),
    ("koi8-r", "koi8-r"), ("KOI8R", "koi8-r"), ("utf8", "utf-8"), ("UTF-8", "utf-8"),
])
def test_names(name: str, canonical: str) -> None:
    assert normalize_charset(name) == canonical


@pytest.mark.parametrize("name", ["latin-1", "utf-16", "nonsense", "", "cp8\x00", "utf\x00-8"])
def test_other_charsets_are_refused(name: str) -> None:
    with pytest.raises(EncodeError):
        normalize_charset(name)


@given(st.binary(max_size=64), st.sampled_from(["windows-1251", "koi8-r", "utf-8"]))
def test_lenient_decoding_keeps_every_byte(data: bytes, charset: str) -> None:
    log = DefectLog(LENIENT)
    text = decode_text(data, charset, log)  # type: ignore[arg-type]
    assert encode_text(text, charset) == data  # type: ignore[arg-type]


def test_strict_decoding_says_which_byte() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(b"1,1795241702,\x98", fmt=1, policy=STRICT)  # 0x98 is unmapped in cp1251
    assert (info.value.kind, info.value.pos) == ("bad-charset", 13)


def test_undecodable_bytes_in_fmt0_are_kept_and_written_back() -> None:
    body = b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0, message = \x98"
    record = decode_status(body, fmt=0, all=1)
    assert "bad-charset" in [d.kind for d in record.defects]
    assert encode_status(record, fmt=0, all=1) == body


def test_byte_offsets_count_bytes_in_utf8() -> None:
    assert byte_offset("ёж!", 2, "utf-8") == 4
    assert byte_offset("ёж!", 2, "koi8-r") == 2


def test_unencodable_text_names_the_field() -> None:
    with pytest.raises(EncodeError) as info:
        encode_text("№", "koi8-r", field="message")
    assert info.value.field == "message"


def test_str_input_is_taken_as_decoded_text() -> None:
    record = decode_status("1,1795241702,0", fmt=1, charset="koi8-r")
    assert isinstance(record, StatusRecord)
    assert record.status == 1
