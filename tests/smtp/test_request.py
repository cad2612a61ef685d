"""The request model: what a line cannot carry is an EncodeError naming the field,
and the password shows nowhere."""

from __future__ import annotations

from typing import Any

import pytest

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import STRICT
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    ListEntry,
    Phone,
    Prefix,
    RawRecipient,
    SendFormat,
    SendRequest,
    TestMode,
    decode_line,
    encode_line,
    request_to_json,
)

PSW = "s3cr3t-Пароль"
P = (Phone(number="79999999999"),)


def req(**kw: Any) -> SendRequest:
    values: dict[str, Any] = {"login": "alex", "psw": Secret(PSW), "phones": P, "mes": "hi"}
    values.update(kw)
    return SendRequest(**values)


def entry(mes: str = "x", **kw: Any) -> ListEntry:
    return ListEntry(phones=kw.pop("phones", P), mes=mes, **kw)


REJECTS: list[tuple[str, dict[str, Any], str]] = [
    # (what, fields, the field the error must name)
    ("':' in login", {"login": "al:ex"}, "login"),
    ("space in login", {"login": "al ex"}, "login"),
    ("login not text", {"login": None}, "login"),
    ("':' in psw", {"psw": Secret("a:b")}, "psw"),
    ("line break in psw", {"psw": Secret("a\nb")}, "psw"),
    ("empty psw", {"psw": Secret("")}, "psw"),
    ("psw not a Secret", {"psw": "plain"}, "psw"),
    ("id zero", {"id": 0}, "id"),
    ("id beyond int32", {"id": 2**31}, "id"),
    ("id with a space", {"id": "a b"}, "id"),
    ("id too long", {"id": "x" * 41}, "id"),
    ("time not a form", {"time": "0102251200"}, "time"),
    ("tz out of range", {"tz": 25}, "tz"),
    ("tz not int", {"tz": "3"}, "tz"),
    ("translit 3", {"translit": 3}, "translit"),
    ("format negative", {"format": -1}, "format"),
    ("test 3", {"test": 3}, "test"),
    ("',' in sender", {"sender": "a,b"}, "sender"),
    ("':' in sender", {"sender": "a:b"}, "sender"),
    ("sender of 12", {"sender": "x" * 12}, "sender"),
    ("sender of 16 digits", {"sender": "1" * 16}, "sender"),
    ("empty sender", {"sender": ""}, "sender"),
    ("no phones", {"phones": ()}, "phones"),
    ("phones not a tuple", {"phones": [P[0]]}, "phones"),
    ("phones of text", {"phones": ("79999999999",)}, "phones"),
    ("bad separator", {"phones_sep": "|"}, "phones"),
    ("CR in mes", {"mes": "a\rb"}, "mes"),
    ("mes ending in a line break", {"mes": "a\n"}, "mes"),
    ("oversize mes", {"mes": "x" * 1001}, "mes"),
    ("oversize with prefix", {"mes": "x" * 995, "prefix": Prefix.VIBER}, "mes"),
    ("oversize with subj", {"mes": "x" * 990, "format": 8, "subj": "y" * 10}, "mes"),
    ("prefix token in text", {"mes": "__VIBER__hi"}, "mes"),
    ("subj line in e-mail text", {"mes": "a\nsubj:x", "format": 8}, "mes"),
    ("voice line in call text", {"mes": "a\nvoice:x", "format": 9}, "mes"),
    ("~~~ block in call text", {"mes": "a\n~~~\nb", "prefix": Prefix.CALL}, "mes"),
    ("subj for an SMS", {"subj": "x"}, "subj"),
    ("voice for an SMS", {"voice": "x"}, "voice"),
    ("param for an SMS", {"param": "1"}, "param"),
    ("subj of two lines", {"format": 8, "subj": "a\nb"}, "subj"),
    ("voice with CR", {"format": 9, "voice": "a\rb"}, "voice"),
    ("list_break in single form", {"list_break": True}, "list"),
    ("list with phones", {"entries": (entry(),)}, "list"),
    ("list with mes", {"phones": (), "mes": "x", "entries": (entry(),)}, "list"),
    ("list with param", {"phones": (), "mes": "", "param": "1", "entries": (entry(),)}, "list"),
    ("escaped-looking text", {"phones": (), "mes": "", "entries": (entry("a\\nb"),)}, "mes"),
    ("multi-line: a line that reads as an entry",
     {"phones": (), "mes": "", "test": TestMode.MULTILINE, "entries": (entry("a\n7999:b"),)},
     "mes"),
    ("multi-line: raw recipients",
     {"phones": (), "mes": "", "test": TestMode.MULTILINE,
      "entries": (entry(phones=(RawRecipient(text="8(999)"),)),)}, "phones"),
    ("multi-line: the list ends with a line break",
     {"phones": (), "mes": "", "test": TestMode.MULTILINE, "entries": (entry("a\n"),)},
     "mes"),
    ("multi-line: last line reads as a parameter",
     {"phones": (), "mes": "", "test": TestMode.MULTILINE, "entries": (entry("a\nsubj:b"),)},
     "mes"),
]


@pytest.mark.parametrize(("what", "fields", "field"), REJECTS, ids=[r[0] for r in REJECTS])
def test_what_the_line_cannot_carry_is_refused(what: str, fields: dict[str, Any],
                                               field: str) -> None:
    with pytest.raises(EncodeError) as info:
        req(**fields)
    assert info.value.field == field
    assert PSW not in str(info.value)


@pytest.mark.parametrize(("what", "build", "field"), [
    ("no recipient", lambda: ListEntry(phones=()), "phones"),
    ("bad separator", lambda: ListEntry(phones=P, sep=","), "list"),  # type: ignore[arg-type]
    ("CR", lambda: ListEntry(phones=P, mes="a\rb"), "mes"),
    ("prefix token in text", lambda: ListEntry(phones=P, mes="__HLR__"), "mes"),
    ("oversize", lambda: ListEntry(phones=P, mes="я" * 1001), "mes"),
])
def test_list_entries_refuse_too(what: str, build: Any, field: str) -> None:
    with pytest.raises(EncodeError) as info:
        build()
    assert info.value.field == field


@pytest.mark.parametrize("fields", [
    {"mes": "a\nsubj:x"},  # an SMS: the line is text
    {"mes": "a\nsubj:x", "format": 8, "subj": "y"},  # the last subj: line is the parameter
    {"mes": "a\n~~~\nb", "format": 9, "param": "c"},  # the last block is the parameter
    {"mes": "x" * 1000},
    {"mes": "line 1\nline 2"},  # wap-push style: "the first line ... the second"
    {"mes": ": message", "prefix": Prefix.CALL},  # the page's "__CALL__: message"
    {"mes": "", "format": SendFormat.HLR},  # "can be empty"
    {"mes": "a\\nb"},  # a backslash-n is text in the single form
])
def test_what_the_line_can_carry_round_trips(fields: dict[str, Any]) -> None:
    request = req(**fields)
    assert decode_line(encode_line(request), policy=STRICT) == request


def test_normalised_on_construction() -> None:
    assert req(id="123") == req(id=123)
    assert req(phones_sep=";") == req()  # one phone: no separator is written
    assert req(format=8).format is SendFormat.EMAIL
    assert req(format=13).format == 13


def test_the_password_shows_nowhere() -> None:
    request = req(sender="Alex")
    for shown in (repr(request), str(request), str(request_to_json(request)),
                  repr(request_to_json(request))):
        assert PSW not in shown
    assert "psw=Secret('***')" in repr(request)
    assert request.psw.reveal() == PSW
    assert request.apikey is None
    assert req(login="").apikey == Secret(PSW)
    assert PSW in encode_line(request)  # the encoder is where it goes


@pytest.mark.parametrize("line", [
    f"alex:{PSW}:bad id:::79999999999:hi",
    f"alex:{PSW}:::1,1,A,1,1:79999999999:hi",
    f"alex:{PSW}::::79999999999",
    f"alex:{PSW}::::bad phone:hi",
    f"alex:{PSW}::::79999999999:" + "x" * 1001,
])
def test_decode_errors_never_quote_the_password(line: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_line(line, policy=STRICT)
    assert PSW not in str(info.value)
    assert PSW not in repr(info.value.found)
