"""The field values: each documented form, its one spelling, and what is refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from smsc_codec.codes import MessageType
from smsc_codec.errors import EncodeError
from smsc_codec.smtp import (
    Delay,
    EmailAddress,
    Group,
    HourWindow,
    Now,
    Phone,
    Prefix,
    RawRecipient,
    SendAt,
    SendFormat,
    Telegram,
    Timestamp,
)
from smsc_codec.smtp.values import (
    check_id,
    format_recipient,
    format_time,
    parse_id,
    parse_recipient,
    parse_sender,
    parse_time,
    parse_tz,
)

JAN = datetime(2025, 2, 1, 12, 0)


@pytest.mark.parametrize(("text", "value"), [
    ("0102251200", SendAt(when=JAN)),
    ("01.02.25 12.00", SendAt(when=JAN, dotted=True)),
    ("3112992359", SendAt(when=datetime(2099, 12, 31, 23, 59))),
    ("0101000000", SendAt(when=datetime(2000, 1, 1))),
    ("9-21", HourWindow(start=9, end=21)),
    ("22-6", HourWindow(start=22, end=6)),
    ("01700000000", Timestamp(seconds=1_700_000_000)),
    ("00", Timestamp(seconds=0)),
    ("012345678", Timestamp(seconds=12345678)),
    # Any other run of digits after a 0 is a timestamp, a short DDMMYYhhmm included.
    ("01022512", Timestamp(seconds=1022512)),
    ("+90", Delay(minutes=90)),
    ("+0", Delay(minutes=0)),
    ("0", Now()),
])
def test_time_forms(text: str, value: object) -> None:
    assert parse_time(text) == value
    assert format_time(parse_time(text)) == text


def test_ten_digits_always_read_as_a_date() -> None:
    # "0ts" and "DDMMYYhhmm" overlap in ten digits starting with 0: the date wins, so
    # a nine-digit timestamp (before 2001-09-09) cannot be written (S-time-overlap).
    assert parse_time("0102251200") == SendAt(when=JAN)
    with pytest.raises(EncodeError) as info:
        Timestamp(seconds=102251200)
    assert info.value.field == "time"


@pytest.mark.parametrize("text", [
    "", "1", "3102251200", "0113251200", "1022512", "110225120000", "1.2.25",
    "01.02.2025 12.00", "01.02.25 12:00", "+", "+-1", "-", "9-", "25-26", "9-21-23",
    "+1234567890123", "0" + "1" * 12, "now", "٠١٠٢٢٥١٢٠٠",
])
def test_not_a_time(text: str) -> None:
    with pytest.raises(ValueError):
        parse_time(text)


@pytest.mark.parametrize(("text", "canonical"), [
    ("1.2.25 9.5", "01.02.25 09.05"), ("09-21", "9-21"), ("+05", "+5"), ("001", "01"),
])
def test_non_canonical_times_read_and_write_canonically(text: str, canonical: str) -> None:
    assert format_time(parse_time(text)) == canonical


@pytest.mark.parametrize("build", [
    lambda: SendAt(when=datetime(2025, 1, 1, 12, 0, 30)),
    lambda: SendAt(when=datetime(2025, 1, 1, tzinfo=UTC)),
    lambda: SendAt(when=datetime(1999, 12, 31)),
    lambda: SendAt(when=datetime(2100, 1, 1)),
    lambda: HourWindow(start=25, end=1),
    lambda: HourWindow(start=-1, end=1),
    lambda: Delay(minutes=-1),
    lambda: Delay(minutes=True),
    lambda: Timestamp(seconds=-1),
])
def test_time_values_refuse_what_the_wire_cannot_carry(build: object) -> None:
    with pytest.raises(EncodeError) as info:
        build()  # type: ignore[operator]
    assert info.value.field == "time"


@pytest.mark.parametrize(("text", "value"), [
    ("1", 1), ("2147483647", 2147483647), ("2147483648", "2147483648"), ("007", "007"),
    ("0", "0"), ("a.b-c_D", "a.b-c_D"), ("x" * 40, "x" * 40),
])
def test_ids(text: str, value: object) -> None:
    assert parse_id(text) == value


@pytest.mark.parametrize("text", ["", "x" * 41, "a b", "a:b", "a,b", "#1", "ид"])
def test_not_an_id(text: str) -> None:
    with pytest.raises(ValueError):
        parse_id(text)


def test_a_numeric_string_id_is_its_number() -> None:
    assert check_id("123") == 123
    for bad in (0, -1, 2**31, True, 1.5, "a b"):
        with pytest.raises(EncodeError):
            check_id(bad)


@pytest.mark.parametrize(("text", "value"), [("3", 3), ("-2", -2), ("+3", 3), ("0", 0),
                                             ("24", 24), ("-24", -24)])
def test_tz(text: str, value: int) -> None:
    assert parse_tz(text) == value


@pytest.mark.parametrize("text", ["", "25", "-25", "3.5", "+", "1 "])
def test_not_a_tz(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tz(text)


@pytest.mark.parametrize("text", ["Alex", "My Shop", "A", "x" * 11, "1" * 15, "Shop-24!"])
def test_senders(text: str) -> None:
    assert parse_sender(text) == text


@pytest.mark.parametrize("text", ["", "x" * 12, "1" * 16, "a,b", "a:b", " Alex", "Alex ",
                                  "Магазин", "tab\there"])
def test_not_a_sender(text: str) -> None:
    with pytest.raises(ValueError):
        parse_sender(text)


@pytest.mark.parametrize(("text", "value"), [
    ("79999999999", Phone(number="79999999999")),
    ("+79999999999", Phone(number="+79999999999")),
    ("G12", Group(number="12")),
    ("#nick_name", Telegram(handle="nick_name")),
    ("#-1001234567", Telegram(handle="-1001234567")),
    ("a.b+c@mail.example.com", EmailAddress(address="a.b+c@mail.example.com")),
    ("#x@example.com", EmailAddress(address="#x@example.com")),
])
def test_recipients(text: str, value: object) -> None:
    assert parse_recipient(text) == value
    assert format_recipient(parse_recipient(text)) == text


@pytest.mark.parametrize("text", ["", "+", "1" * 16, "g12", "G", "#", "a@", "@b", "a@b@c",
                                  "a..b@c.d", "8(999)123", "79 99", "subj"])
def test_not_a_documented_recipient(text: str) -> None:
    with pytest.raises(ValueError):
        parse_recipient(text)


@pytest.mark.parametrize("text", ["", "a,b", "a;b", "a:b", "a b", "subj", "voice",
                                  "79999999999", "G1"])
def test_raw_recipients_must_be_carriable_and_undocumented(text: str) -> None:
    with pytest.raises(EncodeError) as info:
        RawRecipient(text=text)
    assert info.value.field == "phones"


def test_send_format_maps_to_the_status_type() -> None:
    # The two tables number the same kinds differently (send 3 = HLR, status 4 = HLR).
    assert {f: f.message_type for f in SendFormat} == {
        SendFormat.SMS: MessageType.SMS, SendFormat.FLASH: MessageType.FLASH_SMS,
        SendFormat.WAP_PUSH: MessageType.WAP_PUSH, SendFormat.HLR: MessageType.HLR,
        SendFormat.BINARY: MessageType.BINARY_SMS, SendFormat.BINARY_HEX: MessageType.BINARY_SMS,
        SendFormat.PING: MessageType.PING_SMS, SendFormat.MMS: MessageType.MMS,
        SendFormat.EMAIL: MessageType.EMAIL, SendFormat.CALL: MessageType.CALL,
        SendFormat.VIBER: MessageType.VIBER, SendFormat.WHATSAPP: None,
        SendFormat.SOCIAL: MessageType.SOCIAL,
    }
    assert [int(f) for f in SendFormat] == list(range(13))


def test_prefixes_map_to_formats() -> None:
    assert {p.value: p.send_format for p in Prefix} == {
        "__CALL__": SendFormat.CALL, "__VIBER__": SendFormat.VIBER,
        "__SOC__": SendFormat.SOCIAL, "__MAIL__": SendFormat.EMAIL, "__BOT__": None,
        "__PING__": SendFormat.PING, "__HLR__": SendFormat.HLR,
    }
