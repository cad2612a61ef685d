"""fmt=2: parsing safely, the declaration, markup we do not expect, escaping."""

from __future__ import annotations

import pytest

from smsc_codec import (
    DecodeError,
    EncodeError,
    StatusList,
    StatusRecord,
    decode_status,
    encode_status,
)
from tests.vectors import defect_kinds


def test_text_with_markup_characters_round_trips_in_every_charset() -> None:
    record = StatusRecord(status=1, message='<a href="x">&amp;</a> ]]> \r\n "ё" 😀')
    for charset in ("windows-1251", "koi8-r", "utf-8"):
        wire = encode_status(record, fmt=2, all=1, charset=charset, lossy=True)
        back = decode_status(wire, fmt=2, all=1, charset=charset)
        assert isinstance(back, StatusRecord)
        assert back.message == record.message
    # a charset without the emoji writes a character reference
    assert b"&#128512;" in encode_status(record, fmt=2, all=1, lossy=True)


def test_control_characters_cannot_be_written() -> None:
    with pytest.raises(EncodeError) as info:
        encode_status(StatusRecord(status=1, message="bell\x07"), fmt=2, all=1, lossy=True)
    assert info.value.field == "message"


def test_matching_declaration_is_accepted_and_contradicting_one_refused() -> None:
    body = '<?xml version="1.0" encoding="koi8-r"?><sms><status>1</status></sms>'
    record = decode_status(body.encode("koi8_r"), fmt=2, charset="koi8-r")
    assert isinstance(record, StatusRecord)
    assert record.status == 1
    with pytest.raises(DecodeError) as info:
        decode_status(body.encode("koi8_r"), fmt=2)
    assert (info.value.kind, info.value.field) == ("charset-mismatch", "encoding")


@pytest.mark.parametrize("attack", [
    b'<!DOCTYPE sms [<!ENTITY x SYSTEM "file:///etc/passwd">]><sms><status>&x;</status></sms>',
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
    b"<sms><status>&lol2;</status></sms>",
])
def test_dtds_are_refused_before_parsing(attack: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(attack, fmt=2)
    assert info.value.kind == "dtd"


def test_unknown_elements_are_kept_and_written_back() -> None:
    body = b"<sms><status>1</status><err>0</err><node>msk-3</node></sms>"
    record = decode_status(body, fmt=2)
    assert isinstance(record, StatusRecord)
    assert record.extra == (("node", "msk-3"),)
    assert "unknown-field" in defect_kinds(record)
    assert encode_status(record, fmt=2) == body


def test_attributes_and_stray_text_are_recorded() -> None:
    record = decode_status(b'<sms a="1"><status b="2">1</status>tail</sms>', fmt=2)
    assert defect_kinds(record).count("unexpected-markup") == 3  # a=, b=, "tail"
    listed = decode_status(b"<list><sms><status>1</status></sms>junk</list>", fmt=2)
    assert isinstance(listed, StatusList)
    assert "unexpected-markup" in defect_kinds(listed)


def test_many_attributes_are_quoted_up_to_a_bound_and_counted() -> None:
    """The defect quotes the first QUOTED_ATTRIBUTES by name and value and counts the
    rest: quoting them all was quadratic in their count (lxml's lookups)."""
    from smsc_codec.policy import Defect
    from smsc_codec.wire.xml import QUOTED_ATTRIBUTES

    names = [f"a{i}" for i in range(QUOTED_ATTRIBUTES + 4)]
    attributes = "".join(f' {name}="{i}"' for i, name in enumerate(names))
    record = decode_status(f"<sms{attributes}><status>1</status></sms>".encode(), fmt=2)
    shown = {name: str(i) for i, name in enumerate(names[:QUOTED_ATTRIBUTES])}
    assert isinstance(record, StatusRecord)
    assert [d for d in record.defects if d.kind == "unexpected-markup"] == [
        Defect(kind="unexpected-markup", field="sms",
               message=f"attributes {shown!r} and 4 more on <sms> dropped")]


def test_an_empty_list_and_a_lone_record_where_a_list_was_asked() -> None:
    assert decode_status(b"<list></list>", fmt=2, multi=True) == StatusList()
    lone = decode_status(b"<sms><status>-3</status><id>5</id></sms>", fmt=2, multi=True)
    assert "expected-list" in defect_kinds(lone)


def test_malformed_xml_says_where() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status(b"<sms>\n<status>1</sms>", fmt=2)
    assert (info.value.kind, info.value.line) == ("malformed", 2)
