"""The e-mail: limits, the charset rules, mojibake, tags, HTML, multipart, determinism."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import LENIENT, STRICT
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    MAX_MAIL_BYTES,
    Envelope,
    ListEntry,
    Phone,
    SendMail,
    SendRequest,
    decode_send_mail,
    encode_send_mail,
    looks_like_mail,
)

DATA = Path(__file__).resolve().parents[1] / "data"
P = (Phone(number="79999999999"),)
HEAD = b"alex:123::::79999999999:"


def texts(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [t.replace("\\n", "\n") for t in lines if t and not t.startswith("#")]


RUSSIAN = texts("russian_sms.txt") + texts("russian_sms_heldout.txt")
LATIN1 = texts("latin1_texts.txt")


def request(mes: str = "hi", **kw: object) -> SendRequest:
    return SendRequest(login="alex", psw=Secret("123"), phones=P, mes=mes, **kw)  # type: ignore[arg-type]


def mail(body: bytes, content_type: str = "text/plain", cte: str = "8bit",
         extra: bytes = b"") -> bytes:
    return (b"Content-Type: " + content_type.encode() + b"\r\nContent-Transfer-Encoding: "
            + cte.encode() + b"\r\n" + extra + b"\r\n" + body)


# --- limits ------------------------------------------------------------------------


def test_the_size_limit_is_checked_before_parsing() -> None:
    for policy in (STRICT, LENIENT):
        with pytest.raises(DecodeError) as info:
            decode_send_mail(b"\xff" * (MAX_MAIL_BYTES + 1), policy=policy)
        assert (info.value.kind, info.value.pos) == ("too-large", MAX_MAIL_BYTES)
    # At the limit it is read (and here found to carry a valid line).
    body = HEAD + b"x" * 10 + b"\r\n"
    short = mail(body, extra=b"X-Filler: \r\n")
    at_limit = mail(body, extra=b"X-Filler: " + b"f" * (MAX_MAIL_BYTES - len(short)) + b"\r\n")
    assert len(at_limit) == MAX_MAIL_BYTES
    assert decode_send_mail(at_limit, policy=STRICT).request.mes == "x" * 10


def test_an_e_mail_over_the_limit_is_not_written() -> None:
    entries = tuple(ListEntry(phones=P, mes="я" * 900) for _ in range(70))
    big = SendRequest(login="alex", psw=Secret("123"), entries=entries)
    with pytest.raises(EncodeError) as info:
        encode_send_mail(SendMail(request=big, envelope=Envelope(charset="utf-8")))
    assert info.value.field == "mes"


@pytest.mark.parametrize(("envelope", "mes", "field"), [
    (Envelope(transfer_encoding="7bit"), "Привет", "transfer_encoding"),
    (Envelope(charset="utf-8", transfer_encoding="8bit"), "я" * 490, "transfer_encoding"),
    (Envelope(charset="us-ascii", transfer_encoding="quoted-printable"), "Привет", "charset"),
    (Envelope(charset="koi8-r"), "€", "mes"),
    (Envelope(), "a [text] b", "mes"),
    (Envelope(tagged=True), "a [/text] b", "mes"),
    (Envelope(transfer_encoding="8bit"), "nul \0 byte", "transfer_encoding"),
])
def test_what_the_e_mail_cannot_carry(envelope: Envelope, mes: str, field: str) -> None:
    with pytest.raises(EncodeError) as info:
        encode_send_mail(SendMail(request=request(mes), envelope=envelope))
    assert info.value.field == field


@pytest.mark.parametrize(("fields", "field"), [
    ({"subject": "a\nb"}, "subject"), ({"from_addr": "a\r\n"}, "from_addr"),
    ({"charset": "latin-1"}, "charset"), ({"transfer_encoding": "binary"}, "transfer_encoding"),
    ({"body_type": "text/html"}, "tagged"), ({"body_type": "application/pdf"}, "body_type"),
])
def test_envelopes_refuse_what_a_header_cannot_carry(fields: dict[str, object],
                                                     field: str) -> None:
    with pytest.raises(EncodeError) as info:
        Envelope(**fields)  # type: ignore[arg-type]
    assert info.value.field == field


def test_long_lines_go_out_quoted_printable_and_come_back() -> None:
    value = SendMail(request=request("Длинная строка " * 60), envelope=Envelope(charset="utf-8"))
    data = encode_send_mail(value)
    assert max(len(line) for line in data.split(b"\r\n")) <= 78
    assert decode_send_mail(data, policy=STRICT) == value


def test_building_is_deterministic_and_adds_no_header_of_its_own() -> None:
    value = SendMail(request=request(), envelope=Envelope())
    first = encode_send_mail(value)
    assert first == encode_send_mail(value)
    assert first == (b'Content-Type: text/plain; charset="koi8-r"\r\n'
                     b"Content-Transfer-Encoding: quoted-printable\r\n"
                     b"MIME-Version: 1.0\r\n\r\n" + HEAD + b"hi\r\n")


# --- charsets ----------------------------------------------------------------------


def accuracy(codec: str, label: str | None) -> tuple[float, list[str]]:
    wrong = []
    for text in RUSSIAN:
        try:
            raw = HEAD + text.encode(codec)
        except UnicodeEncodeError:
            continue  # "№" and friends are not in koi8-r
        content_type = "text/plain" if label is None else f"text/plain; charset={label}"
        got = decode_send_mail(mail(raw + b"\r\n", content_type), policy=LENIENT)
        if got.request.mes != text:
            wrong.append(text)
    return 1 - len(wrong) / len(RUSSIAN), wrong


@pytest.mark.parametrize("codec", ["koi8_r", "cp1251", "utf-8"])
def test_no_charset_declared_reads_natural_russian_right(codec: str) -> None:
    # koi8-r is the page's default; windows-1251 and UTF-8 are recognised and read
    # with a charset-guessed defect.  Measured on the 99 texts (30 held out): koi8-r
    # 91/91, windows-1251 98/99, UTF-8 99/99; the bar leaves the heuristic room.
    score, wrong = accuracy(codec, None)
    assert score >= 0.95, wrong


def test_a_guess_is_a_defect_and_strict_never_guesses() -> None:
    raw = mail(HEAD + "Встреча переносится на завтра".encode("cp1251") + b"\r\n")
    lenient = decode_send_mail(raw, policy=LENIENT)
    assert lenient.request.mes == "Встреча переносится на завтра"
    assert [(d.kind, d.field) for d in lenient.defects] == [("charset-guessed", "charset")]
    assert lenient.envelope.charset == "windows-1251"
    strict = decode_send_mail(raw, policy=STRICT)
    assert strict.request.mes == "Встреча переносится на завтра".encode("cp1251").decode("koi8_r")
    assert strict.envelope.charset is None


def test_an_unsupported_charset_label() -> None:
    raw = mail(HEAD + "Ключи у соседки".encode("cp1251") + b"\r\n",
               "text/plain; charset=iso-8859-1")
    with pytest.raises(DecodeError) as info:
        decode_send_mail(raw, policy=STRICT)
    assert (info.value.kind, info.value.field) == ("unsupported-charset", "charset")
    lenient = decode_send_mail(raw, policy=LENIENT)
    assert lenient.request.mes == "Ключи у соседки"
    assert lenient.envelope.charset == "windows-1251"
    assert [d.kind for d in lenient.defects] == ["unsupported-charset"]


def test_undecodable_bytes_in_the_declared_charset() -> None:
    raw = mail(HEAD + b"ok \xff\xfe\r\n", "text/plain; charset=utf-8")
    with pytest.raises(DecodeError) as info:
        decode_send_mail(raw, policy=STRICT)
    assert info.value.kind == "bad-charset"
    lenient = decode_send_mail(raw, policy=LENIENT)
    assert [d.kind for d in lenient.defects] == ["bad-charset"]
    # Kept as escapes: the line still encodes to the very bytes.
    assert lenient.request.mes == "ok \udcff\udcfe"


# --- mojibake --------------------------------------------------------------------------


def misread(raw: bytes) -> str:
    """*raw* as a gateway shows it: windows-1252, with its five undefined bytes passed
    through as the Latin-1 controls (what browsers and WHATWG decoders do)."""
    return "".join(bytes([b]).decode("cp1252", "ignore") or chr(b) for b in raw)


@pytest.mark.parametrize("source", ["cp1251", "koi8_r", "utf-8"])
def test_mojibake_is_repaired_with_a_defect(source: str) -> None:
    tried = repaired = 0
    for text in RUSSIAN:
        try:
            garbled = misread(text.encode(source))
        except UnicodeEncodeError:
            continue
        tried += 1
        raw = mail(HEAD + garbled.encode("utf-8") + b"\r\n", "text/plain; charset=utf-8")
        got = decode_send_mail(raw, policy=LENIENT)
        if got.request.mes == text:
            repaired += 1
            assert [d.kind for d in got.defects] == ["mojibake-repaired"]
        else:  # never a silent change
            assert got.request.mes == garbled and got.defects == ()
        assert decode_send_mail(raw, policy=STRICT).request.mes == garbled
    # Measured: 98/99 (windows-1251), 90/91 (koi8-r), 99/99 (UTF-8); room as above.
    assert repaired >= 0.9 * tried


def test_real_latin_1_text_is_never_repaired() -> None:
    for text in LATIN1:
        raw = mail(HEAD + text.replace("\n", " ").encode("utf-8") + b"\r\n",
                   "text/plain; charset=utf-8")
        got = decode_send_mail(raw, policy=LENIENT)
        assert got.request.mes == text.replace("\n", " ")
        assert got.defects == ()


# --- tags, HTML, multipart ----------------------------------------------------------------


def test_tags_mark_the_line_inside_any_text() -> None:
    body = b"Hello,\r\nplease send:\r\n[text]" + HEAD + b"tagged[/text]\r\n-- \r\nsignature\r\n"
    got = decode_send_mail(mail(body, "text/plain; charset=koi8-r"), policy=STRICT)
    assert got.request.mes == "tagged"
    assert got.envelope.tagged


def test_an_unclosed_tag() -> None:
    raw = mail(b"[text]" + HEAD + b"open\r\n", "text/plain; charset=koi8-r")
    with pytest.raises(DecodeError) as info:
        decode_send_mail(raw, policy=STRICT)
    assert info.value.kind == "unclosed-tag"
    assert decode_send_mail(raw, policy=LENIENT).request.mes == "open"


def test_html_line_breaks_and_entities() -> None:
    body = (b"<div>[text]" + HEAD + b"a &amp; b<BR/>c<br />\nd &#1071; &quot;q&quot;"
            b"[/text]</div>")
    got = decode_send_mail(mail(body, "text/html; charset=utf-8"), policy=STRICT)
    assert got.request.mes == 'a & b\nc\nd Я "q"'
    assert (got.envelope.body_type, got.envelope.tagged) == ("text/html", True)


def test_html_without_tags_is_no_send() -> None:
    with pytest.raises(DecodeError) as info:
        decode_send_mail(mail(b"<p>" + HEAD + b"hi</p>", "text/html"), policy=LENIENT)
    assert info.value.kind == "no-text"


def test_multipart_reads_the_plain_part_when_nothing_is_tagged() -> None:
    raw = (b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'
           b"--b\r\nContent-Type: text/plain; charset=koi8-r\r\n\r\n" + HEAD + b"plain\r\n"
           b"--b\r\nContent-Type: application/pdf\r\n\r\n%PDF\r\n--b--\r\n")
    got = decode_send_mail(raw, policy=STRICT)
    assert got.request.mes == "plain"
    assert got.envelope == Envelope(charset="koi8-r", transfer_encoding="7bit")


@pytest.mark.parametrize("raw", [
    b"Content-Type: application/octet-stream\r\n\r\n" + HEAD + b"x\r\n",
    b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
    b"Content-Type: image/png\r\n\r\nPNG\r\n--b--\r\n",
])
def test_no_text_part(raw: bytes) -> None:
    with pytest.raises(DecodeError) as info:
        decode_send_mail(raw, policy=LENIENT)
    assert info.value.kind == "no-text"


def test_transfer_encodings_read_and_their_defaults() -> None:
    no_cte = b"Content-Type: text/plain; charset=koi8-r\r\n\r\n" + HEAD + b"x\r\n"
    assert decode_send_mail(no_cte, policy=STRICT).envelope.transfer_encoding == "7bit"
    binary = mail(HEAD + b"x\r\n", "text/plain; charset=koi8-r", "binary")
    with pytest.raises(DecodeError):
        decode_send_mail(binary, policy=STRICT)
    got = decode_send_mail(binary, policy=LENIENT)
    assert got.envelope.transfer_encoding == "8bit"
    assert [d.kind for d in got.defects] == ["non-canonical"]


def test_lf_only_files_read_like_crlf() -> None:
    value = SendMail(request=request("a\nb"), envelope=Envelope(transfer_encoding="8bit"))
    crlf = encode_send_mail(value)
    lf = encode_send_mail(value, linesep="\n")
    assert lf == crlf.replace(b"\r\n", b"\n")
    assert decode_send_mail(lf, policy=STRICT) == decode_send_mail(crlf, policy=STRICT) == value


def test_line_errors_inside_a_mail_are_decode_errors() -> None:
    with pytest.raises(DecodeError) as info:
        decode_send_mail(mail(b"alex:123::::79999999999\r\n", "text/plain"), policy=LENIENT)
    assert (info.value.kind, info.value.field) == ("missing-field", "phones")


def test_looks_like_mail() -> None:
    value = SendMail(request=request(), envelope=Envelope(subject="x"))
    assert looks_like_mail(encode_send_mail(value))
    assert looks_like_mail(encode_send_mail(dataclasses.replace(value, envelope=Envelope())))
    assert not looks_like_mail(HEAD + b"hi")
    assert not looks_like_mail(b"alex:123:::::\n79999999999:a\n79999999998:b\n")
