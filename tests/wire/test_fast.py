"""The fast lanes decide nothing: with them and with the general reader alone, every
input decodes to the same value (same repr, same defects) or the same error.

Inputs: generated replies of every layout in every charset (canonical: the fast lanes
take them), the same with a few bytes damaged (they decline, or take what is still
canonical), and every golden vector with its mutations.
"""

from __future__ import annotations

import contextlib
import pickle
from collections.abc import Callable, Iterator
from datetime import datetime
from decimal import Decimal
from functools import partial
from typing import Any, TypedDict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smsc_codec import CHARSETS, MSK, STRICT, Policy, Reply, decode_status, encode_status
from smsc_codec.errors import DecodeError
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import LAYOUTS, Endpoint, Layout, RecordKind
from smsc_codec.models import ErrorReply, StatusList, StatusRecord
from smsc_codec.testing import strategies
from smsc_codec.wire import _fast
from tests.modes import examples
from tests.vectors import VECTORS, Vector

ALL = sorted(LAYOUTS.values(), key=lambda layout: layout.describe())


@contextlib.contextmanager
def general_reader_only() -> Iterator[None]:
    """Every fast lane declines everything while this is active."""
    saved = _fast.ENABLED
    _fast.ENABLED = False
    try:
        yield
    finally:
        _fast.ENABLED = saved


def outcome(decode: Callable[[], Reply]) -> tuple[str, Any]:
    try:
        reply = decode()
    except DecodeError as exc:
        return "error", (exc.kind, exc.pos, exc.line, exc.field, str(exc))
    return "value", reply


def assert_same(decode: Callable[[], Reply]) -> Reply | None:
    fast = outcome(decode)
    with general_reader_only():
        general = outcome(decode)
    assert fast[0] == general[0]
    if fast[0] == "error":
        assert fast[1] == general[1]
        return None
    assert fast[1] == general[1]
    assert repr(fast[1]) == repr(general[1])
    for a, b in zip(records(fast[1]), records(general[1]), strict=True):
        assert a.kind is b.kind and a.defects == b.defects
        if not a.extra and not a.raw:  # (JSON extras may be dicts: no hash either way)
            assert hash(a) == hash(b)
        assert pickle.loads(pickle.dumps(a)) == a  # by value, whatever row it holds
    return fast[1]  # type: ignore[no-any-return]


def records(reply: Reply) -> list[StatusRecord]:
    if isinstance(reply, StatusList):
        return list(reply.records)
    return [reply] if isinstance(reply, StatusRecord) else []


def encode(layout: Layout, value: Reply, charset: str) -> bytes:
    if layout.endpoint is Endpoint.HISTORY:
        assert isinstance(value, StatusList | ErrorReply)
        return encode_history(value, fmt=layout.fmt, charset=charset)
    return encode_status(value, fmt=layout.fmt, all=layout.all, charset=charset,
                         variant=layout.variant)


class _Pins(TypedDict, total=False):
    """What a pinned decode_status call is told instead of working it out."""

    kind: RecordKind
    multi: bool


def decoder(layout: Layout, charset: str, policy: Policy, pinned: bool
            ) -> Callable[[bytes], Reply]:
    if layout.endpoint is Endpoint.HISTORY:
        return lambda wire: decode_history(wire, fmt=layout.fmt, charset=charset, policy=policy)
    pins: _Pins = {"kind": layout.kind, "multi": layout.multi} if pinned else {}
    return lambda wire: decode_status(wire, fmt=layout.fmt, all=layout.all, charset=charset,
                                      policy=policy, **pins)


@pytest.mark.parametrize("layout", ALL, ids=[layout.describe() for layout in ALL])
@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), charset=st.sampled_from(CHARSETS), pinned=st.booleans(),
       strict=st.booleans())
def test_generated_replies_decode_alike(layout: Layout, data: st.DataObject, charset: str,
                                        pinned: bool, strict: bool) -> None:
    value = data.draw(strategies.reply(layout))
    wire = encode(layout, value, charset)
    policy = Policy(strict=strict, fmt1_variant=layout.variant if layout.fmt == 1 else "auto")
    decode = decoder(layout, charset, policy, pinned)
    assert_same(lambda: decode(wire))
    # A few bytes damaged: the lanes decline what is no longer canonical.
    damaged = bytearray(wire)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(damaged)))
        damaged[at:at + data.draw(st.integers(0, 2))] = data.draw(st.binary(max_size=3))
    assert_same(lambda: decode(bytes(damaged)))


@pytest.mark.parametrize("vector", VECTORS, ids=[v.name for v in VECTORS])
def test_golden_vectors_decode_alike(vector: Vector) -> None:
    for policy in (Policy(), STRICT):
        for pinned in (False, True):
            assert_same(partial(vector.decode, policy=policy, pinned=pinned))


@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(vector=st.sampled_from(VECTORS), at=st.floats(0, 1, exclude_max=True),
       byte=st.integers(0, 255), how=st.sampled_from(["flip", "insert", "truncate"]))
def test_mutated_vectors_decode_alike(vector: Vector, at: float, byte: int, how: str) -> None:
    wire, i = vector.wire, int(at * len(vector.wire))
    mutated = {"flip": wire[:i] + bytes([byte]) + wire[i + 1:],
               "insert": wire[:i] + bytes([byte]) + wire[i:], "truncate": wire[:i]}[how]
    assert_same(lambda: vector.decode(data=mutated))


@pytest.mark.parametrize("fmt", [0, 1])
def test_a_line_row_is_expanded_once(fmt: int) -> None:
    """A fmt 0/1 record keeps its checked line until a field is read; the first read
    expands it (matches it again, splits it) and every later read uses that."""
    layout = LAYOUTS[Endpoint.STATUS, RecordKind.SMS, 2, fmt, True, "documented"]
    when = datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK)
    known: dict[str, Any] = {
        "status": 1, "err": 0, "type": 0, "id": 7, "cost": Decimal("1.50"),
        "last_date": when, "send_date": when, "last_timestamp": 1795241702,
        "send_timestamp": 1795241700, "message": "a, b", "comment": ""}
    fields = {name: known.get(name, "Москва") for name in layout.names}
    value = StatusList(records=(StatusRecord(**fields), StatusRecord(**fields)))
    wire = encode_status(value, fmt=fmt, all=2, charset="utf-8")
    reply = decode_status(wire, fmt=fmt, all=2, charset="utf-8")
    assert isinstance(reply, StatusList)
    record = reply.records[0]
    reader = record._reader
    assert reader is not None and reader.expand is not None and type(record._row) is str
    assert record.region == "Москва"
    expanded = record._row  # the first read expanded the line ...
    assert type(expanded) is not str
    assert (record.id, record.message) == (7, "a, b")
    assert record.values() == fields
    assert record._row is expanded  # ... and later reads use that, not the line again


def test_a_list_record_defers_the_defects_its_part_count_makes() -> None:
    """fmt=1 records whose comma count is a deviation (commas in message and comment)
    keep their line number until their defects are asked for; then they are the
    general reader's, and kept."""
    line = "1,1795241702,0,1795241700,79990000000,Россия,МТС,Москва,1.50,SMSC,Доставлено,{}"
    wire = "\n".join([line.format("a, b,c,,0,7"), line.format("a,,0,8"),
                      line.format("x,y,z,w,0,9")]).encode("utf-8")
    reply = decode_status(wire, fmt=1, all=2, charset="utf-8")
    assert isinstance(reply, StatusList)
    pending = [r._defects for r in reply.records]
    assert pending == [1, (), 3]  # line numbers; the second record reads as it is
    with general_reader_only():
        general = decode_status(wire, fmt=1, all=2, charset="utf-8")
    assert isinstance(general, StatusList)
    assert [r.defects for r in reply.records] == [r.defects for r in general.records]
    assert [d.kind for r in reply.records for d in r.defects] == ["ambiguous-split"] * 2
    assert [r._defects for r in reply.records] == [r.defects for r in general.records]
