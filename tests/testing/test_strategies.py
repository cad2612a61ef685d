"""The shipped hypothesis strategies (smsc_codec.testing.strategies): one home, the
suite's own round trips use them, and the package's short names are those objects."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec.misread import find_misread
from smsc_codec.smtp import decode_line, encode_line
from smsc_codec.testing import strategies
from smsc_codec.testing.strategies import http, records, smtp
from tests.modes import examples

TESTS = Path(__file__).parents[1]


def test_one_home_no_copy_left_in_tests() -> None:
    assert [p for p in TESTS.rglob("strategies.py")] == []
    assert (strategies.record, strategies.reply, strategies.http_requests,
            strategies.send_requests, strategies.send_replies, strategies.send_mails) == (
        records.record, records.reply, http.requests, smtp.requests, smtp.replies,
        smtp.send_mails)


@settings(max_examples=examples(60))
@given(strategies.send_lines)
def test_send_lines_read_back_as_themselves(line: str) -> None:
    assert encode_line(decode_line(line)) == line


def test_text_in_random_case_that_reads_as_a_swapped_charset_is_not_drawn() -> None:
    # Drawn by test_roundtrip (comment "йААЙ", then "0йААЙ", koi8-r): read back with a
    # wrong-charset defect, as D-wrong-charset says it must ("Кббк" in windows-1251).
    for text in ("йААЙ", "0йААЙ", "AйААЙ"):
        assert find_misread(text, "koi8-r") is not None
        assert not records._reads_as_written(text)
    for text in ("аА аА", "МегаФон", "Привет", "ВАШ КОД"):
        assert records._reads_as_written(text)



#: The shapes drawn from whole strings, and the regular expressions they stand for.
_SHAPES = {
    "money": (records.money.map(str), r"-?[0-9]{1,6}(\.[0-9]{1,4})?"),
    "text ids": (records.text_ids, r"[A-Za-z0-9._-]{1,40}"),
    "send ids": (smtp.ids.map(str), r"[A-Za-z0-9._-]{1,40}"),
    "senders": (smtp.senders, r"[A-Za-z0-9][A-Za-z0-9 .!-]{0,9}[A-Za-z0-9]|[A-Za-z]|[0-9]{12,15}"),
    # A phone or group number, a Telegram handle, an e-mail address.
    "recipients": (smtp.documented_recipients.map(
        lambda r: next(v for a in ("number", "handle", "address") if (v := getattr(r, a, ""))
                       )),
        r"\+?[0-9]{1,15}|[A-Za-z0-9_-]{1,20}|[a-z0-9._+-]{1,10}@[a-z0-9-]{1,10}\.ru"),
}


@pytest.mark.parametrize("name", sorted(_SHAPES))
@settings(max_examples=examples(100))
@given(data=st.data())
def test_a_shape_drawn_from_whole_strings_is_its_regular_expression(
        name: str, data: st.DataObject) -> None:
    strategy, pattern = _SHAPES[name]
    assert re.fullmatch(pattern, data.draw(strategy))
