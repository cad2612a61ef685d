"""Decoding details the golden vectors do not show: positions, lines, charsets, lists."""

from __future__ import annotations

import pytest

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import LENIENT, STRICT
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    ListEntry,
    Phone,
    RawRecipient,
    SendRequest,
    TestMode,
    decode_line,
    encode_line,
)

P = "79999999999"


def test_positions_are_byte_offsets_of_the_input() -> None:
    line = f"alex:Пароль:::,,,7:{P}:hi"  # test=7 is no test value
    found = []
    for data, charset in ((line, "utf-8"), (line.encode("utf-8"), "utf-8"),
                          (line.encode("koi8_r"), "koi8-r")):
        with pytest.raises(DecodeError) as info:
            decode_line(data, charset=charset, policy=STRICT)
        found.append((info.value.field, info.value.pos))
    # Characters for text; bytes for bytes: six two-byte letters in UTF-8, one each in
    # koi8-r.
    assert found == [("test", 17), ("test", 23), ("test", 17)]


def test_positions_after_a_lenient_crlf_repair_point_into_the_original() -> None:
    line = f"alex:123:::::{P}:a\r\n{P}:b\r\nbad token:c"
    with pytest.raises(DecodeError) as info:
        decode_line(line, policy=LENIENT)
    assert (info.value.kind, info.value.line, info.value.pos) == (
        "bad-value", 3, line.index("bad token"))


def test_list_errors_name_their_line() -> None:
    line = f"alex:123:::::{P}:a\n{P}:b\nno separator here"
    with pytest.raises(DecodeError) as info:
        decode_line(line, policy=LENIENT)
    assert (info.value.kind, info.value.line) == ("missing-field", 3)


def test_a_bare_line_in_bytes_is_koi8_r_unless_told() -> None:
    line = f"alex:123::::{P}:Привет"
    assert decode_line(line.encode("koi8_r")).mes == "Привет"
    assert decode_line(line.encode("cp1251"), charset="windows-1251").mes == "Привет"
    assert encode_line(decode_line(line), charset="koi8-r") == line.encode("koi8_r")


def test_encoding_bytes_refuses_characters_the_charset_lacks() -> None:
    request = SendRequest(login="alex", psw=Secret("1"), phones=(Phone(number=P),), mes="5 €")
    assert encode_line(request, charset="utf-8").endswith("5 €".encode())
    with pytest.raises(EncodeError) as info:
        encode_line(request, charset="koi8-r")
    assert info.value.field == "mes"


def test_raw_recipients_in_a_list() -> None:
    line = f"alex:123:::::8(999)1,{P}:a"
    with pytest.raises(DecodeError):
        decode_line(line, policy=STRICT)
    got = decode_line(line, policy=LENIENT)
    assert got.entries == (ListEntry(phones=(RawRecipient(text="8(999)1"), Phone(number=P)),
                                     mes="a"),)
    assert encode_line(got) == line


def test_the_multi_line_mode_reads_continuations_and_no_escapes() -> None:
    line = f"alex:123:::,,,2::{P}:one\n two \\n\n#nick;three\nsubj:S"
    got = decode_line(line, policy=STRICT)
    assert got.test is TestMode.MULTILINE
    assert [(e.mes, e.sep) for e in got.entries] == [("one\n two \\n", ":"), ("three", ";")]
    assert got.subj == "S"
    # A list that starts with a continuation line is no list.
    with pytest.raises(DecodeError) as info:
        decode_line(f"alex:123:::,,,2::hello\n{P}:x", policy=LENIENT)
    assert info.value.kind == "missing-field"


def test_the_same_list_without_test_2_escapes() -> None:
    line = f"alex:123:::::{P}:one\\ntwo\\\\n"
    assert decode_line(line, policy=STRICT).entries[0].mes == "one\ntwo\\\n"


def test_a_parameter_line_twice() -> None:
    with pytest.raises(DecodeError) as info:
        decode_line(f"alex:123:::::{P}:a\nsubj:1\nsubj:2", policy=LENIENT)
    assert (info.value.kind, info.value.field) == ("duplicate-parameter", "subj")


@pytest.mark.parametrize("text", ["", "hello", ":", "a:b", "a:b::::", f"a:b::::{P}"])
def test_too_few_fields(text: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_line(text, policy=LENIENT)
    assert info.value.kind == "missing-field"


def test_undecodable_bytes_are_kept_by_lenient_and_written_back() -> None:
    data = f"alex:123::::{P}:ok ".encode() + b"\xff"
    with pytest.raises(DecodeError) as info:
        decode_line(data, charset="utf-8", policy=STRICT)
    assert (info.value.kind, info.value.pos) == ("bad-charset", len(data) - 1)
    got = decode_line(data, charset="utf-8", policy=LENIENT)
    assert [d.kind for d in got.defects] == ["bad-charset"]
    assert encode_line(got, charset="utf-8") == data
