"""The shipped hypothesis strategies (smsc_codec.testing.strategies): one home, the
suite's own round trips use them, and the package's short names are those objects."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

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
