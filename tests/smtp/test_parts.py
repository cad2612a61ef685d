"""SMS part counts against hand-computed GSM 03.38 cases, and the page's rule of thumb."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec.request import Secret
from smsc_codec.smtp import (
    Group,
    ListEntry,
    Phone,
    SendRequest,
    SmsParts,
    Translit,
    count_sms,
    expected_sms,
    split_sms,
)
from smsc_codec.smtp.parts import GSM_BASIC, GSM_EXTENSION, is_gsm
from tests.modes import examples

A, YA, EURO, SMILE = "a", "я", "€", "😀"


def test_the_tables_have_the_sizes_of_ts_23038() -> None:
    # 128 codes less ESC; 9 printable extension characters and form feed.
    assert len(GSM_BASIC) == 127
    assert frozenset("^{}\\[~]|€\x0c") == GSM_EXTENSION
    assert not GSM_BASIC & GSM_EXTENSION


@pytest.mark.parametrize(("text", "expected"), [
    # (text, SmsParts) -- every count worked out by hand from the rules in parts.py.
    ("", SmsParts(encoding="gsm-7", units=0, parts=("",))),
    (A * 160, SmsParts(encoding="gsm-7", units=160, parts=(A * 160,))),
    (A * 161, SmsParts(encoding="gsm-7", units=161, parts=(A * 153, A * 8))),
    (A * 459, SmsParts(encoding="gsm-7", units=459, parts=(A * 153,) * 3)),
    (A * 460, SmsParts(encoding="gsm-7", units=460, parts=(A * 153,) * 3 + (A,))),
    # € is ESC + 0x65: two septets.  80 of them fill one SMS exactly.
    (EURO * 80, SmsParts(encoding="gsm-7", units=160, parts=(EURO * 80,))),
    # 81 do not: 76 per part (152 septets; a 77th would need 154 > 153).
    (EURO * 81, SmsParts(encoding="gsm-7", units=162, parts=(EURO * 76, EURO * 5))),
    # "{" at septet 153 would be split from its escape: it moves whole to part two.
    (A * 152 + "{" + A * 10,
     SmsParts(encoding="gsm-7", units=164, parts=(A * 152, "{" + A * 10))),
    ("Price: 5€ {special}", SmsParts(encoding="gsm-7", units=22,
                                     parts=("Price: 5€ {special}",))),
    # The basic table holds some accented Latin and Greek capitals...
    ("Ärger über Δ é", SmsParts(encoding="gsm-7", units=14, parts=("Ärger über Δ é",))),
    # ...but not lowercase ç (0x09 is Ç) or the backtick: UCS-2.
    ("ça", SmsParts(encoding="ucs-2", units=2, parts=("ça",))),
    ("`", SmsParts(encoding="ucs-2", units=1, parts=("`",))),
    (YA * 70, SmsParts(encoding="ucs-2", units=70, parts=(YA * 70,))),
    (YA * 71, SmsParts(encoding="ucs-2", units=71, parts=(YA * 67, YA * 4))),
    # One Cyrillic letter turns a Latin text into UCS-2: 72 units, 67 per part.
    (A * 71 + YA, SmsParts(encoding="ucs-2", units=72, parts=(A * 67, A * 4 + YA))),
    ("Hello, мир!", SmsParts(encoding="ucs-2", units=11, parts=("Hello, мир!",))),
    # € in UCS-2 is one unit like any BMP character.
    (YA * 69 + EURO, SmsParts(encoding="ucs-2", units=70, parts=(YA * 69 + EURO,))),
    # Emoji are two UTF-16 units: 35 fill one SMS...
    (SMILE * 35, SmsParts(encoding="ucs-2", units=70, parts=(SMILE * 35,))),
    # ...36 make 72 units: 33 per part (66 units; a 34th would straddle 67).
    (SMILE * 36, SmsParts(encoding="ucs-2", units=72, parts=(SMILE * 33, SMILE * 3))),
    (YA * 66 + SMILE + YA * 5,
     SmsParts(encoding="ucs-2", units=73, parts=(YA * 66, SMILE + YA * 5))),
])
def test_split_sms(text: str, expected: SmsParts) -> None:
    assert split_sms(text) == expected


@pytest.mark.parametrize(("text", "gsm", "doc"), [
    (A * 160, 1, 1),
    (A * 161, 2, 2),
    (EURO * 100, 2, 1),  # the page counts characters: 100 <= 160
    (SMILE * 36, 2, 1),  # 36 characters <= 70
    (YA * 67 * 2 + YA, 3, 3),
    ("Привет, " + "x" * 70, 2, 2),
])
def test_count_by_rule(text: str, gsm: int, doc: int) -> None:
    assert (count_sms(text), count_sms(text, rule="doc")) == (gsm, doc)


@settings(max_examples=examples(200), deadline=None)
@given(st.text(alphabet=st.sampled_from([*sorted(GSM_BASIC | GSM_EXTENSION), "я", "😀", "`"]),
               max_size=400))
def test_parts_rebuild_the_text_and_respect_the_limits(text: str) -> None:
    split = split_sms(text)
    assert "".join(split.parts) == text
    gsm = split.encoding == "gsm-7"
    assert gsm == is_gsm(text)

    def units(part: str) -> int:
        if gsm:
            return sum(2 if ch in GSM_EXTENSION else 1 for ch in part)
        return len(part.encode("utf-16-le")) // 2

    assert split.units == units(text)
    limit = (160 if gsm else 70) if split.count == 1 else (153 if gsm else 67)
    assert all(units(p) <= limit for p in split.parts)
    # Greedy: each part but the last is full but for at most one character's worth.
    assert all(units(p) >= limit - 1 for p in split.parts[:-1])


def req(**kw: object) -> SendRequest:
    return SendRequest(login="alex", psw=Secret("123"), **kw)  # type: ignore[arg-type]


PHONES = (Phone(number="79999999999"), Phone(number="79999999998"), Phone(number="+7999"))


def test_expected_sms_is_parts_times_recipients() -> None:
    assert expected_sms(req(phones=PHONES, mes=A * 161)) == 2 * 3
    assert expected_sms(req(phones=PHONES[:1], mes="Привет")) == 1
    listed = req(entries=(ListEntry(phones=PHONES[:2], mes=YA * 71),
                          ListEntry(phones=PHONES[:1], mes="hi")))
    assert expected_sms(listed) == 2 * 2 + 1
    assert expected_sms(req(phones=PHONES, mes=EURO * 100), rule="doc") == 3


def test_expected_sms_is_none_where_it_cannot_be_known() -> None:
    assert expected_sms(req(phones=(Group(number="1"),), mes="hi")) is None
    assert expected_sms(req(phones=PHONES, mes="Привет", translit=Translit.TRANSLIT)) is None
    assert expected_sms(req(phones=PHONES, mes="hi", format=3)) is None
    # Transliterating a text that is GSM already changes nothing.
    assert expected_sms(req(phones=PHONES, mes="hi", translit=Translit.TRANSLIT)) == 3
