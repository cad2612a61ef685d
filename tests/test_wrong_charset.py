"""Text decoded in the wrong one of the API's charsets is never silent (issue 18).

A UTF-8 reply decoded with the default windows-1251 gave ``Р”РѕСЃС‚Р°РІР»РµРЅРѕ`` with
no defect; so did koi8-r read as windows-1251, and a UTF-8 SMTP reply read as koi8-r
(spec/decisions.md, D-wrong-charset).
"""

from __future__ import annotations

import io
from typing import Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import (
    DecodeError,
    StatusList,
    StatusRecord,
    decode_history,
    decode_status,
    smtp,
)
from smsc_codec.charset import Charset
from smsc_codec.cli import run
from smsc_codec.misread import Misread, find_misread
from smsc_codec.mojibake import Repair, repair_mojibake
from smsc_codec.policy import STRICT, Defect
from tests.modes import examples
from tests.test_mojibake import HELDOUT, RUSSIAN, SINGLE_WORDS, WORDS, as_written

CODEC: dict[Charset, str] = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}
EightBit = Literal["windows-1251", "koi8-r"]
EIGHT_BIT: tuple[EightBit, ...] = ("windows-1251", "koi8-r")

#: A delivered SMS, fmt=0 all=1, in UTF-8: the reply to a request with charset=utf-8.
FMT0 = ("Status = 1, check_time = 21.11.2026 09:15:02, err = 0, send_date = 21.11.2026 "
        "09:14:55, phone = 79991234567, cost = 2.50, sender_id = SMSC.RU, status_name = "
        "Доставлено, message = Код 4815, comment = , type = 0")
FMT1 = "1,1795241702,0,1795241695,79991234567,2.50,SMSC.RU,Доставлено,Код 4815,,0"
FMT3 = ('{"status":1,"last_date":"21.11.2026 09:15:02","last_timestamp":1795241702,'
        '"flag":0,"err":0,"send_date":"21.11.2026 09:14:55","send_timestamp":1795241695,'
        '"phone":"79991234567","cost":"2.50","sender_id":"SMSC.RU","status_name":'
        '"Доставлено","message":"Код 4815","comment":"","type":0,"sms_cnt":1}')


def wrong(source: Charset, read_as: Charset, word: str, pos: int) -> Defect:
    """The defect for *word* written in *source* and decoded as *read_as*."""
    found = word.encode(CODEC[source]).decode(CODEC[read_as])
    return Defect("wrong-charset", f"the text reads as {source} decoded as {read_as}"
                  f" ({found!r} is {word!r}); the body's charset is {source}, not {read_as}",
                  pos=pos)


@pytest.mark.parametrize(("fmt", "text"), [(0, FMT0), (1, FMT1), (3, FMT3)])
@pytest.mark.parametrize("read_as", EIGHT_BIT)
def test_utf8_read_as_an_8bit_charset_is_a_defect(fmt: int, text: str, read_as: Charset
                                                  ) -> None:
    wire = text.encode()
    record = decode_status(wire, fmt=fmt, all=1, charset=read_as)
    assert isinstance(record, StatusRecord)
    assert record.status_name == "Доставлено".encode().decode(CODEC[read_as])
    assert record.defects == (wrong("utf-8", read_as, "Доставлено",
                                    wire.index("Доставлено".encode())),)
    with pytest.raises(DecodeError) as info:
        decode_status(wire, fmt=fmt, all=1, charset=read_as, policy=STRICT)
    assert (info.value.kind, info.value.pos) == ("wrong-charset", record.defects[0].pos)


def test_the_reply_in_its_own_charset_has_no_defect() -> None:
    charsets: tuple[Charset, ...] = ("utf-8", *EIGHT_BIT)
    for charset in charsets:
        record = decode_status(FMT0.encode(CODEC[charset]), fmt=0, all=1, charset=charset)
        assert isinstance(record, StatusRecord) and record.defects == ()


@pytest.mark.parametrize(("source", "read_as"), [("koi8-r", "windows-1251"),
                                                 ("windows-1251", "koi8-r")])
def test_the_two_8bit_charsets_swapped_are_a_defect(source: Charset, read_as: Charset
                                                    ) -> None:
    wire = FMT0.encode(CODEC[source])
    record = decode_status(wire, fmt=0, all=1, charset=read_as)
    assert isinstance(record, StatusRecord)
    assert record.defects == (wrong(source, read_as, "Доставлено",
                                    wire.index("Доставлено".encode(CODEC[source]))),)


def test_a_history_list_carries_the_defect_once() -> None:
    wire = ("[" + ",".join([FMT3] * 3) + "]").encode()
    reply = decode_history(wire, fmt=3)
    assert isinstance(reply, StatusList)
    assert [d.kind for d in reply.defects] == ["wrong-charset"]
    assert all("wrong-charset" not in [d.kind for d in r.defects] for r in reply)


def test_a_utf8_smtp_reply_read_as_koi8r_is_a_defect() -> None:
    wire = "ERROR = 1 (Ошибка в параметрах)".encode()
    reply = smtp.decode_reply(wire)
    assert reply == smtp.SendErrorReply(
        code=1, description="Ошибка в параметрах".encode().decode("koi8_r"),
        defects=(wrong("utf-8", "koi8-r", "Ошибка", 11),))
    with pytest.raises(DecodeError) as info:
        smtp.decode_reply(wire, policy=STRICT)
    assert info.value.kind == "wrong-charset"
    assert smtp.decode_reply(wire, charset="utf-8").defects == ()


# --- no false alarms -----------------------------------------------------------


@pytest.mark.parametrize("charset", EIGHT_BIT)
def test_real_russian_is_never_flagged(charset: Charset) -> None:
    texts = [as_written(t, charset) for t in (*RUSSIAN, *HELDOUT, *SINGLE_WORDS)]
    assert [t for t in texts if find_misread(t, charset) is not None] == []


@pytest.mark.parametrize("charset", EIGHT_BIT)
def test_short_odd_case_words_are_no_evidence_however_many(charset: Charset) -> None:
    # Drawn by test_roundtrip: an HLR record whose texts were "Д", "аА", "аА" (fmt=1,
    # windows-1251) read back with a koi8-r swap defect: the two-letter words were
    # counted together as four letters.
    for text in ("Д,аА,аА", "аА аА аА аА", "бГд, бГд"):
        assert find_misread(text, charset) is None, text


_CASES = (str.lower, str.upper, str.capitalize)
_SEPARATORS = (" ", ", ", ". ", "! ", " - ", "\n", " 4815 ", ": ")


@st.composite
def russian_text(draw: st.DrawFn) -> str:
    """Russian words of the corpus, each lower, UPPER or Title case, with punctuation."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=40))
    out = []
    for word in words:
        out.append(draw(st.sampled_from(_CASES))(word))
        out.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(out)


@settings(max_examples=examples(300))
@given(russian_text(), st.sampled_from(EIGHT_BIT))
def test_generated_russian_is_never_flagged(text: str, charset: Charset) -> None:
    wire = FMT0.replace("Код 4815", text.replace("\n", " ")).encode(CODEC[charset])
    record = decode_status(wire, fmt=0, all=1, charset=charset, policy=STRICT)
    assert isinstance(record, StatusRecord) and record.defects == ()
    assert find_misread(text, charset) is None


@settings(max_examples=examples(300))
@given(russian_text(), st.sampled_from(EIGHT_BIT))
def test_generated_russian_in_utf8_read_as_8bit_is_flagged(text: str, charset: Charset
                                                           ) -> None:
    found = find_misread(text.encode().decode(CODEC[charset], "surrogateescape"), charset)
    assert isinstance(found, Misread)
    assert (found.source, found.read_as) == ("utf-8", charset)


# --- measured: what is caught (spec/charset-detection.md) -------------------------


def _caught(texts: list[str], source: Charset, read_as: Charset) -> int:
    found = 0
    for text in texts:
        written = as_written(text, "koi8-r")  # both 8-bit charsets can hold it
        misread = written.encode(CODEC[source]).decode(CODEC[read_as], "surrogateescape")
        result = find_misread(misread, read_as)
        assert result is None or result.source == source  # never the wrong charset
        found += result is not None
    return found


@pytest.mark.parametrize(("source", "read_as", "dev", "heldout", "words"), [
    ("utf-8", "windows-1251", 69, 30, 1410),
    ("utf-8", "koi8-r", 69, 30, 1410),
    ("koi8-r", "windows-1251", 48, 18, 410),
    ("windows-1251", "koi8-r", 49, 18, 400),
])
def test_what_is_caught(source: Charset, read_as: Charset, dev: int, heldout: int,
                        words: int) -> None:
    assert (_caught(RUSSIAN, source, read_as), _caught(HELDOUT, source, read_as),
            _caught(SINGLE_WORDS, source, read_as)) == (dev, heldout, words)


# --- the CLI --------------------------------------------------------------------


def test_cli_warns_and_strict_fails(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["decode", "--all", "1"], stdin=io.BytesIO(FMT0.encode()),
               stdout=io.BytesIO()) == 0
    assert "warning: wrong-charset: the text reads as utf-8 decoded as windows-1251" \
        in capsys.readouterr().err
    assert run(["decode", "--all", "1", "--strict"], stdin=io.BytesIO(FMT0.encode()),
               stdout=io.BytesIO()) == 1
    assert "error: the text reads as utf-8 decoded as windows-1251" in capsys.readouterr().err


@pytest.mark.parametrize("charset", ["utf-8", *EIGHT_BIT])
def test_cli_charset_auto(charset: Charset, capsys: pytest.CaptureFixture[str]) -> None:
    out = io.BytesIO()
    assert run(["decode", "--all", "1", "--charset", "auto", "--strict"],
               stdin=io.BytesIO(FMT0.encode(CODEC[charset])), stdout=out) == 0
    reference = io.BytesIO()
    assert run(["decode", "--all", "1", "--charset", charset], stdin=io.BytesIO(
        FMT0.encode(CODEC[charset])), stdout=reference) == 0
    assert out.getvalue() == reference.getvalue()
    assert capsys.readouterr().err.count("warning") == 0


# --- repair ----------------------------------------------------------------------


@pytest.mark.parametrize("read_as", EIGHT_BIT)
def test_repair_undoes_utf8_read_as_an_8bit_charset(read_as: EightBit) -> None:
    meant = "Код 4815, никому не сообщайте"
    assert repair_mojibake(meant.encode().decode(CODEC[read_as])) == Repair(
        meant, "utf-8", read_as)


@pytest.mark.parametrize("charset", EIGHT_BIT)
def test_repair_leaves_real_russian_alone(charset: Charset) -> None:
    texts = [as_written(t, charset) for t in (*RUSSIAN, *HELDOUT, *SINGLE_WORDS)]
    assert [t for t in texts if repair_mojibake(t) is not None] == []


def test_cli_charset_auto_is_for_decode_only(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["encode", "--charset", "auto"], stdin=io.BytesIO(b'{"status":1}'),
               stdout=io.BytesIO()) == 2
    assert "--charset auto is for decode" in capsys.readouterr().err
