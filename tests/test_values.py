"""Value codecs: dates in Moscow time, money, integers, ids."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.codes import MessageType, StatusCode
from smsc_codec.values import (
    DATE,
    ID,
    INT,
    MONEY,
    MSK,
    TEXT,
    ValueCodec,
    code,
    flag_codec,
    format_date,
    parse_date,
)


def test_dates_are_moscow_time_and_agree_with_the_timestamp() -> None:
    when = parse_date("21.11.2026 09:15:02")
    offset = when.utcoffset()
    assert offset is not None and offset.total_seconds() == 3 * 3600
    assert int(when.timestamp()) == 1795241702
    assert format_date(when) == "21.11.2026 09:15:02"


def test_a_utc_datetime_is_written_in_moscow_time() -> None:
    assert format_date(datetime(2026, 11, 21, 6, 15, 2, tzinfo=UTC)) == "21.11.2026 09:15:02"


@given(st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)))
def test_every_date_round_trips_through_its_wire_form(naive: datetime) -> None:
    when = naive.replace(microsecond=0, tzinfo=MSK)
    assert parse_date(format_date(when)) == when


@pytest.mark.parametrize("text", ["1.2.2020 3:04:05", "01.02.2020 03:04:05"])
def test_short_date_parts_parse(text: str) -> None:
    assert parse_date(text) == datetime(2020, 2, 1, 3, 4, 5, tzinfo=MSK)


@pytest.mark.parametrize("text", ["00.00.0000 00:00:00", "31.02.2020 00:00:00", "2020-01-01",
                                  "01.01.2020  00:00:00", ""])
def test_impossible_dates_do_not_parse(text: str) -> None:
    with pytest.raises(ValueError):
        DATE.parse(text)


def test_money_keeps_its_digits() -> None:
    for text in ("0", "2.50", "-0.01", "1000000.0000"):
        assert MONEY.format(MONEY.parse(text)) == text
    assert MONEY.parse("2.50") == Decimal("2.50")
    for bad in ("NaN", "Infinity", "1e5", "1,5", ""):
        with pytest.raises(ValueError):
            MONEY.parse(bad)


def test_integers_are_ascii_decimal_of_bounded_length() -> None:
    assert INT.parse("-3") == -3
    for bad in ("١٢", "1_000", "0x10", "1" * 21, ""):
        with pytest.raises(ValueError):
            INT.parse(bad)
    assert INT.format(INT.parse("007")) == "7"  # parses, but not canonical


def test_ids_read_canonical_numbers_as_numbers() -> None:
    assert ID.parse("101") == 101
    assert ID.parse("0101") == "0101"
    assert ID.parse("order-17") == "order-17"
    assert ID.from_json("101") == "101" and ID.from_json(101) == 101


# --- the fused fast paths agree with parse + format-back ---------------------------



CODECS: dict[str, ValueCodec[Any]] = {
    "int": INT, "money": MONEY, "date": DATE, "id": ID, "flag": flag_codec,
    "status": code(StatusCode), "type": code(MessageType),
}
# Text near each codec's grammar, where the shortcuts decide: digits, signs, zeros,
# dots, spaces, date-shaped strings.
near = st.one_of(
    st.text(st.sampled_from("0123456789+-. :"), max_size=22),
    st.from_regex(r"[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4} [0-9]{1,2}:[0-9]{1,2}:[0-9]{1,2}",
                  fullmatch=True),
    st.text(max_size=8),
)


@pytest.mark.parametrize("name", sorted(CODECS))
@given(text=near)
def test_read_agrees_with_parse_and_format_back(name: str, text: str) -> None:
    codec = CODECS[name]
    try:
        expected = codec.parse(text)
    except ValueError:
        with pytest.raises(ValueError):
            codec.read(text)
        return
    value, canonical = codec.read(text)
    assert repr(value) == repr(expected)
    assert canonical == (codec.format(expected) == text)


# --- the canonical patterns the fast lanes check rows with ----------------------------

PATTERNED = {name: codec for name, codec in CODECS.items() if codec.pattern is not None}


def _canonical_text_agrees(codec: ValueCodec[Any], text: str) -> None:
    """A text the codec's pattern takes is canonical and parses: what lets a fast lane
    check a row now and type it later."""
    assert re.fullmatch(codec.pattern or "", text, re.ASCII)
    value, canonical = codec.read(text)
    assert canonical
    assert repr(codec.parse(text)) == repr(value)
    assert repr(codec.typer(text)) == repr(value)  # the fast lanes' typing, unchecked
    assert codec.format(value) == text


@pytest.mark.parametrize("name", sorted(PATTERNED))
@given(data=st.data())
def test_pattern_matches_are_canonical(name: str, data: st.DataObject) -> None:
    codec = PATTERNED[name]
    _canonical_text_agrees(codec, data.draw(st.from_regex(codec.pattern or "", fullmatch=True)))


@pytest.mark.parametrize("name", sorted(PATTERNED))
@given(text=near)
def test_pattern_takes_exactly_the_canonical_texts(name: str, text: str) -> None:
    # Both ways on text near the grammar: a match is canonical, and a canonical text
    # the codec writes is a match (else the fast lane would decline what it could take).
    codec = PATTERNED[name]
    matched = re.fullmatch(codec.pattern or "", text, re.ASCII) is not None
    try:
        _, canonical = codec.read(text)
    except ValueError:
        assert not matched
        return
    # A flag beyond 16 bits does not parse; every other canonical integer text matches.
    assert matched == canonical
    if matched:
        _canonical_text_agrees(codec, text)


@given(st.datetimes(datetime(1, 1, 2), datetime(9999, 12, 30)))
def test_every_written_date_is_a_pattern_match(naive: datetime) -> None:
    text = format_date(naive.replace(microsecond=0, tzinfo=MSK))
    _canonical_text_agrees(DATE, text)


@given(st.from_regex(r"[0-9]{2}\.[0-9]{2}\.[0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2}", fullmatch=True))
def test_the_date_pattern_takes_the_real_dates_only(text: str) -> None:
    try:
        parse_date(text)
    except ValueError:
        assert re.fullmatch(DATE.pattern or "", text) is None
        return
    _canonical_text_agrees(DATE, text)


JSON_CODECS = {**CODECS, "text": TEXT}
# The integers orjson hands over (json_types and json_check describe the parser's
# values: beyond 64 bits it gives a float, canonical.loads a WideInt).
json_values = st.one_of(st.integers(-(2**63), 2**64 - 1), st.text(max_size=8), near,
                        st.booleans(), st.none(), st.floats(allow_nan=False))


@pytest.mark.parametrize("name", sorted(JSON_CODECS))
@given(obj=json_values)
def test_json_types_and_check_take_canonical_values_only(name: str, obj: Any) -> None:
    codec = JSON_CODECS[name]
    if type(obj) not in codec.json_types or (codec.json_check and not codec.json_check(obj)):
        return
    value, canonical = codec.read_json(obj)
    assert canonical
    assert repr(codec.from_json(obj)) == repr(value)
    assert repr(codec.json_typer(obj)) == repr(value)


@pytest.mark.parametrize("name", sorted(n for n, c in JSON_CODECS.items() if int in c.json_types))
@pytest.mark.parametrize("obj", [2**64, -(2**63) - 1, 10**30])
def test_a_hand_built_int_beyond_64_bits_is_no_canonical_value(name: str, obj: int) -> None:
    # Drawn by the property above while it allowed 2**64: read_json called it
    # canonical, from_json refused it (D-int64).
    codec = JSON_CODECS[name]
    try:
        value = codec.from_json(obj)
    except ValueError:
        refused = True
    else:
        refused = False
    try:
        read, canonical = codec.read_json(obj)
    except ValueError:
        assert refused
        return
    # What from_json refuses is no canonical value; what it takes reads the same.
    assert (not canonical) if refused else (repr(read), canonical) == (repr(value), True)
