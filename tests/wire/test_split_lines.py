"""split_lines (one regular-expression split) against the line-by-line reading it
replaced: the same records at the same offsets, the same defects."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.layouts import Endpoint
from smsc_codec.policy import DefectLog, Policy
from smsc_codec.wire import csv, kv
from smsc_codec.wire._common import Context, split_lines


def line_by_line(text: str, starts: re.Pattern[str]) -> list[tuple[int, str]]:
    """The reference: split at every line break, glue a line that does not start a
    record to the one above."""
    newline = "\r\n" if "\r\n" in text and text.count("\r\n") == text.count("\n") else "\n"
    if text.endswith(newline):
        text = text[: -len(newline)]
    out: list[tuple[int, list[str]]] = []
    offset = 0
    for line in text.split(newline):
        if out and not starts.match(line):
            out[-1][1].append(line)
        else:
            out.append((offset, [line]))
        offset += len(line) + len(newline)
    return [(at, "\n".join(lines)) for at, lines in out]


# Text built from the pieces that matter: breaks, record starts, separators.
pieces = st.sampled_from(["\n", "\r\n", "\r", "1,", "-3,", "12,5,", ",", "Status = ",
                          "status=", "x", "Я", " ", "0"])
texts = st.lists(pieces, max_size=30).map("".join)


@given(texts, st.sampled_from([csv.RECORD_START, kv.RECORD_START]))
def test_split_lines_agrees_with_the_line_by_line_reading(text: str,
                                                          starts: re.Pattern[str]) -> None:
    log = DefectLog(Policy())
    got = split_lines(text, Context(Endpoint.STATUS, 2, log), starts)
    assert got == line_by_line(text, starts)
