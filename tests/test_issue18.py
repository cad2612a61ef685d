"""Regressions of issue 18: crashes and values that fought new users."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

import orjson
import pytest

from smsc_codec import (
    DecodeError,
    EncodeError,
    StatusList,
    StatusRecord,
    UsageError,
    decode_history,
    decode_status,
    encode_history,
    encode_status,
    smtp,
)
from smsc_codec.canonical import (
    dumps,
    from_canonical,
    loads,
    to_canonical_json,
    without_defects,
)
from smsc_codec.cli import run
from smsc_codec.flags import MessageFlag
from smsc_codec.layouts import FIELDS
from smsc_codec.policy import STRICT, Defect

SPEC = Path(__file__).resolve().parent.parent / "spec"
CP1251 = (SPEC / "vectors/status/sms-all1-fmt0-single.wire").read_bytes()


def test_undecodable_bytes_survive_canonical_json() -> None:
    record = decode_status(CP1251, fmt=0, all=1, charset="utf-8")
    assert "bad-charset" in [d.kind for d in record.defects]
    text = to_canonical_json(record)
    assert b"\\udcc4" in text  # the byte 0xC4 as its JSON escape (spec/status.md)
    back = from_canonical(text)
    assert back == without_defects(record)
    assert encode_status(back, fmt=0, all=1, charset="utf-8") == CP1251


@pytest.mark.parametrize("argv", [["--fmt", "0", "--all", "1"], ["--fmt", "1", "--all", "1"],
                                  ["--endpoint", "history"]])
def test_cli_decodes_undecodable_bytes(argv: list[str]) -> None:
    out = io.BytesIO()
    assert run(["decode", *argv, "--charset", "utf-8"], stdin=io.BytesIO(CP1251),
               stdout=out) == 0
    assert b"\\udc" in out.getvalue()


@pytest.mark.parametrize(("fmt", "wire"), [
    (0, b"Status = 99999999999999999999, check_time = 21.11.2026 09:15:02, err = 0"),
    (1, b"99999999999999999999,1795241702,0"),
])
def test_integers_beyond_64_bits_are_bad_values_kept_verbatim(fmt: int, wire: bytes) -> None:
    record = decode_status(wire, fmt=fmt)
    assert isinstance(record, StatusRecord)
    assert "bad-value" in [d.kind for d in record.defects]
    assert record.raw == (("status", "99999999999999999999"),)
    assert encode_status(from_canonical(to_canonical_json(record)), fmt=fmt) == wire


def test_the_64_bit_edge_is_an_integer() -> None:
    wire = b"Status = 18446744073709551615, check_time = 21.11.2026 09:15:02, err = 0"
    record = decode_status(wire, fmt=0)
    assert isinstance(record, StatusRecord) and record.status == 2**64 - 1


@pytest.mark.parametrize("kwargs", [{"fmt": 0, "charset": "bogus"}, {"fmt": 5},
                                    {"fmt": 0, "all": 3}])
def test_bad_arguments_are_one_usage_error(kwargs: dict[str, object]) -> None:
    with pytest.raises(UsageError) as info:
        decode_status(b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0",
                      **kwargs)  # type: ignore[arg-type]
    assert not isinstance(info.value, DecodeError)


def test_status_list_is_a_sequence() -> None:
    reply = StatusList(records=(StatusRecord(status=1), StatusRecord(status=2)))
    assert isinstance(reply, Sequence)
    assert reply[0].status == 1 and reply[-1].status == 2
    assert [r.status for r in reply[::-1]] == [2, 1]
    assert [r.status for r in reversed(reply)] == [2, 1]
    assert reply.index(reply[1]) == 1 and reply.count(reply[0]) == 1 and reply[0] in reply


def test_reply_id_warning_says_what_happened() -> None:
    reply = smtp.decode_reply(b"ERROR = 8 (x)")
    [defect] = [d for d in reply.defects if d.kind == "reply-id"]
    assert "lacks an ID" in defect.message
    reply = smtp.decode_reply(b"ERROR = 1 (x), ID - 5")
    [defect] = [d for d in reply.defects if d.kind == "reply-id"]
    assert "carries an ID (5)" in defect.message


def test_readme_counts_the_rules() -> None:
    from smsc_codec.conformance import iter_rules

    readme = (SPEC.parent / "README.md").read_text(encoding="utf-8")
    rules = list(iter_rules())
    assert f"lists them ({len(rules)}, ids" in readme
    assert "X01" in readme and any(r.id == "X01" for r in rules)


def test_a_record_takes_the_obvious_python_values() -> None:
    from datetime import UTC, datetime
    from decimal import Decimal

    record = StatusRecord(status=1, flag=0, cost="2.50",
                          last_date=datetime(2026, 11, 21, 6, 15, 2, tzinfo=UTC))
    assert record.flag == MessageFlag.from_int(0) and record.cost == Decimal("2.50")
    assert encode_status(record, fmt=0, lossy=True) == (
        b"Status = 1, check_time = 21.11.2026 09:15:02")


@pytest.mark.parametrize(("field", "value", "python"), [
    ("last_date", "21.11.2026 09:15:02", "an aware datetime"),
    ("cost", 2.5, "a Decimal"),
    ("flag", -1, "a MessageFlag or an int 0..65535"),
])
def test_other_values_name_the_python_type(field: str, value: object, python: str) -> None:
    with pytest.raises(Exception) as info:
        StatusRecord(status=1, **{field: value})  # type: ignore[arg-type]
    assert f"pass {python}" in str(info.value)


def test_a_request_takes_a_list_of_phones() -> None:
    from smsc_codec import Auth, Secret, StatusRequest

    auth = Auth(login="a", psw=Secret("b"))
    request = StatusRequest(auth=auth, phones=["79991234567"], ids=["1"])  # type: ignore[arg-type]
    assert request.phones == ("79991234567",)


@pytest.mark.parametrize("fmt", [0, 1, 2, 3])
@pytest.mark.parametrize("body", [b"", b"\r\n \n"])
def test_the_empty_body_is_no_reply_in_every_format(fmt: int, body: bytes) -> None:
    # fmt 0/1 used to give an empty StatusList with no defect, even strict; 2/3 raised.
    with pytest.raises(DecodeError, match="empty body") as caught:
        decode_status(body, fmt=fmt)
    assert caught.value.kind == "empty-body"


@pytest.mark.parametrize("fmt", [0, 1])
def test_an_empty_list_has_no_plain_text_spelling(fmt: int) -> None:
    with pytest.raises(EncodeError, match="empty StatusList"):
        encode_status(StatusList(records=()), fmt=fmt)


# --- from_canonical: bad values are defects, strict refuses them -----------------

BAD_VALUES = {"status": "delivered", "last_date": "yesterday"}


def test_from_canonical_records_a_defect_on_each_bad_value() -> None:
    assert from_canonical(BAD_VALUES) == StatusRecord(
        raw=(("status", "delivered"), ("last_date", "yesterday")),
        defects=(Defect("bad-value", "expected a StatusCode code, found 'delivered'",
                        field="$.status"),
                 Defect("bad-value", "expected a DD.MM.YYYY hh:mm:ss date, found"
                        " 'yesterday'", field="$.last_date")))
    # Absent fields, unknown ones and key order are canonical JSON's normal shape.
    assert from_canonical({"err": 0, "status": 1, "shop": "x"}).defects == ()
    listed = from_canonical([{"status": 1}, BAD_VALUES])
    assert isinstance(listed, StatusList)
    assert [[d.field for d in r.defects] for r in listed] == [[], ["$[1].status",
                                                               "$[1].last_date"]]


def test_from_canonical_strict_refuses_a_bad_value() -> None:
    with pytest.raises(DecodeError) as info:
        from_canonical(BAD_VALUES, policy=STRICT)
    assert (info.value.kind, info.value.field, info.value.message) == (
        "bad-value", "$.status", "expected a StatusCode code, found 'delivered'")
    assert from_canonical({"status": 1}, policy=STRICT) == StatusRecord(status=1)


def test_cli_encode_strict_refuses_a_bad_value(capsys: pytest.CaptureFixture[str]) -> None:
    data = b'{"status": "delivered", "last_date": "yesterday"}'
    out = io.BytesIO()
    assert run(["encode", "--strict"], stdin=io.BytesIO(data), stdout=out) == 1
    assert out.getvalue() == b""
    assert capsys.readouterr().err == ("smsc-codec: error: expected a StatusCode code, found"
                                       " 'delivered' (at field $.status)\n")
    assert run(["encode"], stdin=io.BytesIO(data), stdout=out) == 0
    assert out.getvalue() == b"Status = delivered, check_time = yesterday"
    assert capsys.readouterr().err.count("warning: bad-value") == 2


def test_smtp_canonical_json_reads_undecodable_byte_escapes() -> None:
    wire = b"demo:fake-psw::::79991234567:\xff\xfe"
    value = smtp.decode_send(wire, charset="utf-8")
    text = dumps(smtp.to_json(value, reveal_secrets=True))
    assert b'"mes":"\\udcff\\udcfe"' in text
    assert smtp.encode_send_json(text, charset="utf-8") == wire


# --- an 8-bit e-mail body without Content-Transfer-Encoding (smsc_api.php mail()) ------

PHP_LINE = "alex:123::::79999999999:Привет = 1%"
PHP_MAIL = (b"To: send@send.smsc.ru\r\nFrom: api@smsc.ru\r\n"
            b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + PHP_LINE.encode())
UNDECLARED = Defect("undeclared-8bit", "an 8-bit body without Content-Transfer-Encoding"
                    " (RFC 2045 reads it as 7bit, ASCII only); read as 8bit",
                    field="transfer_encoding")


def test_an_undeclared_8bit_body_is_a_defect_and_stays_8bit() -> None:
    mail = smtp.decode_send_mail(PHP_MAIL)
    assert mail == smtp.SendMail(
        request=smtp.decode_line(PHP_LINE),
        envelope=smtp.Envelope(charset="utf-8", transfer_encoding="8bit",
                               from_addr="api@smsc.ru", to_addr="send@send.smsc.ru"),
        defects=(UNDECLARED,))
    with pytest.raises(DecodeError) as info:
        smtp.decode_send_mail(PHP_MAIL, policy=STRICT)
    assert (info.value.kind, info.value.field) == ("undeclared-8bit", "transfer_encoding")
    # Written back: the same body bytes, now with the header that says what they are.
    out = smtp.encode_send_mail(mail)
    assert out.endswith(b"\r\n\r\n" + PHP_LINE.encode() + b"\r\n")
    assert b"Content-Transfer-Encoding: 8bit\r\n" in out
    assert smtp.decode_send_mail(out) == smtp.SendMail(request=mail.request,
                                                       envelope=mail.envelope)


def test_an_undeclared_ascii_body_is_7bit() -> None:
    mail = smtp.decode_send_mail(PHP_MAIL.replace("Привет".encode(), b"hello"))
    assert (mail.envelope.transfer_encoding, mail.defects) == ("7bit", ())


def test_cli_writes_an_undeclared_8bit_mail_back(tmp_path: Path) -> None:
    decoded = io.BytesIO()
    assert run(["decode", "--endpoint", "smtp-send", "--reveal-secrets"],
               stdin=io.BytesIO(PHP_MAIL), stdout=decoded) == 0
    encoded = io.BytesIO()
    assert run(["encode", "--endpoint", "smtp-send", "--eml"],
               stdin=io.BytesIO(decoded.getvalue()), stdout=encoded) == 0
    assert smtp.decode_send_mail(encoded.getvalue()).request == smtp.decode_line(PHP_LINE)


def test_check_reports_an_undeclared_8bit_body() -> None:
    from smsc_codec.conformance import check_send

    report = check_send(PHP_MAIL)
    assert [(d.rule, d.message) for d in report.deviations] == [
        ("T04", f"undeclared-8bit: {UNDECLARED.message}")]


# --- fmt=3 integers beyond 64 bits keep their digits ---------------------------------

BIG = 100000000000000000001  # 1e20 + 1: a double cannot hold it


@pytest.mark.parametrize("field", ["status", "last_timestamp", "err", "flag"])
def test_fmt3_integers_beyond_64_bits_are_bad_values_kept_exactly(field: str) -> None:
    values: dict[str, object] = {"status": 1, "last_date": "21.11.2026 09:15:02",
                                 "last_timestamp": 1795241702, "flag": 0, "err": 0}
    wire = orjson.dumps(values).replace(f'"{field}":'.encode() + str(values[field]).encode(),
                                        f'"{field}":{BIG}'.encode())
    record = decode_status(wire, fmt=3)
    assert isinstance(record, StatusRecord)
    assert record.raw == ((field, BIG),)
    assert record.defects == (Defect("bad-value", f"expected {FIELDS[field].codec.expected},"
                                     f" found {BIG}", field=f"$.{field}"),)
    assert encode_status(record, fmt=3) == wire
    text = to_canonical_json(record)
    assert str(BIG).encode() in text
    assert encode_status(from_canonical(text), fmt=3) == wire


def test_fmt3_big_integers_in_a_list_and_in_text_fields() -> None:
    good = b'{"status":1,"last_date":"21.11.2026 09:15:02","last_timestamp":1,"flag":0,"err":0}'
    bad = good.replace(b'"err":0', b'"err":-' + str(BIG).encode())
    wire = b"[" + b",".join([good, bad, good]) + b"]"
    reply = decode_history(wire.replace(b'"flag":0,', b""), fmt=3)
    assert isinstance(reply, StatusList)
    assert [r.raw for r in reply] == [(), (("err", -BIG),), ()]
    assert encode_history(reply, fmt=3) == wire.replace(b'"flag":0,', b"")
    phone = decode_status(good[:-1] + b',"phone":' + str(BIG).encode() + b"}", fmt=3)
    assert isinstance(phone, StatusRecord) and phone.phone == str(BIG)


def test_canonical_json_reads_big_integers_exactly() -> None:
    assert loads(f'[{BIG}, "{BIG}", 1.5]') == [BIG, str(BIG), 1.5]
    record = from_canonical({"status": BIG})
    assert record == StatusRecord(raw=(("status", BIG),), defects=(Defect(
        "bad-value", f"expected a StatusCode code, found {BIG}", field="$.status"),))
