"""split_lines (one regular-expression split) against the line-by-line reading it
replaced: the same records at the same offsets, the same defects; and positions in
CRLF replies, whose record bodies hold LF breaks."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import (
    DecodeError,
    RecordKind,
    StatusList,
    StatusRecord,
    decode_status,
    encode_status,
)
from smsc_codec.layouts import Endpoint, layout_for
from smsc_codec.policy import DefectLog, Policy
from smsc_codec.shape import ReplyShape
from smsc_codec.stream import iter_status
from smsc_codec.testing.strategies.records import plain_text, record
from smsc_codec.wire import commas, kv
from smsc_codec.wire._common import Context, split_lines
from tests.modes import examples


def line_by_line(text: str, starts: re.Pattern[str]) -> list[tuple[int, str]]:
    """The reference: split at every line break, glue a line that does not start a
    record to the one above.  The first line break decides the ending; a bare LF
    after CRLF is an error (D-line-endings)."""
    first = text.find("\n")
    newline = "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"
    if newline == "\r\n" and text.count("\r\n") != text.count("\n"):
        raise DecodeError("a bare LF after CRLF line endings", kind="line-endings")
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


#: A status reply in UTF-8: byte offsets are counted in that charset's bytes.
UTF8_STATUS = ReplyShape(endpoint=Endpoint.STATUS, fmt=0, all=2, charset="utf-8")


@given(texts, st.sampled_from([commas.RECORD_START, kv.RECORD_START]))
def test_split_lines_agrees_with_the_line_by_line_reading(text: str,
                                                          starts: re.Pattern[str]) -> None:
    log = DefectLog(Policy())
    try:
        want = line_by_line(text, starts)
    except DecodeError as exc:
        with pytest.raises(DecodeError) as info:
            split_lines(text, Context(UTF8_STATUS, log), starts)
        assert info.value.kind == exc.kind
        # at the bare LF's byte (the context's charset is UTF-8)
        at = re.search("(?<!\r)\n", text)
        assert at is not None
        assert info.value.pos == len(text[: at.start()].encode())
        return
    got = split_lines(text, Context(UTF8_STATUS, log), starts)
    assert got == want


# --- positions in CRLF replies ----------------------------------------------------------

#: Damage after the free text (a message may hold line breaks): a bad value, a key
#: written otherwise than the layout writes it.
_DAMAGE = ((", type = ", ", type = x"), (", ID = ", ", Id = "))


def _damaged_crlf_pair(records: StatusList) -> tuple[bytes, bytes]:
    text = encode_status(records, fmt=0, all=2, charset="utf-8").decode("utf-8")
    for old, new in _DAMAGE:
        text = text.replace(old, new)
    return text.encode("utf-8"), text.replace("\n", "\r\n").encode("utf-8")


def _positioned(records: Iterable[StatusRecord]) -> list[tuple[str, str | None, int | None, int]]:
    return [(d.kind, d.field, d.line, d.pos) for r in records for d in r.defects
            if d.pos is not None]


_SMS_LIST = layout_for(Endpoint.STATUS, RecordKind.SMS, 2, 0, True)


#: A message of two or three lines: the record's body then holds line breaks.
_MESSAGES = st.lists(plain_text(0), min_size=2, max_size=3).map("\n".join)
_RECORDS = st.tuples(record(_SMS_LIST), _MESSAGES).map(lambda rm: rm[0].replace(message=rm[1]))


@settings(max_examples=examples(60))
@given(st.lists(_RECORDS, min_size=1, max_size=4).map(lambda rs: StatusList(records=tuple(rs))))
def test_crlf_positions_count_the_cr_of_every_break_before_them(records: StatusList) -> None:
    """A defect of a CRLF reply is where the same defect of the LF reply is, moved by
    one byte per line break before it -- also after a message's own line breaks,
    whole or through the iterator."""
    lf, crlf = _damaged_crlf_pair(records)

    def whole(data: bytes) -> list[StatusRecord]:
        reply = decode_status(data, fmt=0, all=2, charset="utf-8", multi=True)
        assert isinstance(reply, StatusList)
        return list(reply.records)

    def streamed(data: bytes) -> list[StatusRecord]:
        return list(iter_status([data], fmt=0, all=2, charset="utf-8"))

    for decode in (whole, streamed):
        want = [(kind, field, line, pos + lf.count(b"\n", 0, pos))
                for kind, field, line, pos in _positioned(decode(lf))]
        assert len(want) >= 2 * len(records.records)  # the damage is found, every record
        assert _positioned(decode(crlf)) == want


def test_crlf_position_after_a_message_line_break() -> None:
    crlf = (b"Status = 1, check_time = 21.11.2026 09:15:02, id = 5, message = a\r\nb,"
            b" cost = x1\r\nStatus = 1, check_time = 21.11.2026 09:15:02, id = 6")
    reply = decode_status(crlf, fmt=0, all=0, charset="utf-8", multi=True)
    assert isinstance(reply, StatusList)
    record = reply.records[0]
    bad = [d for d in record.defects if d.kind == "bad-value"]
    # (a defect without a position shows as None, and fails the comparison)
    assert [(d.field, None if d.pos is None else crlf[d.pos : d.pos + 2]) for d in bad] == [
        ("cost", b"x1")]
