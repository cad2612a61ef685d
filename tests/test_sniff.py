"""Sniffing, on every golden vector with and without its request, and on generated replies.

The truth of a vector is its ``.json``: endpoint, ``fmt``, ``all``, kind, multi-ness
and variant.  Without the request the sniffer must list the truth among its best
candidates (never drop it) and, when it claims certainty, be right; how often it is
certain is measured and pinned here (and written in spec/captures.md).  With the
request it must read exactly the layout the request fixes.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import (
    CHARSETS,
    Reply,
    ReplyLayout,
    StatusList,
    decode_request,
    encode_status,
)
from smsc_codec.canonical import to_canonical
from smsc_codec.history import encode_history
from smsc_codec.layouts import LAYOUTS, Endpoint, Layout, RecordKind
from smsc_codec.sniff import Family, Reading, sniff
from smsc_codec.testing import strategies
from tests.captures.generate import request_for
from tests.modes import examples
from tests.vectors import VECTORS, Vector, defect_kinds

DECODABLE = [v for v in VECTORS if "error" not in v.meta]
MALFORMED = [v for v in VECTORS if "error" in v.meta]


def truth(vector: Vector, *, blind: bool) -> dict[str, Any]:
    """The reading a vector is, in the terms of :class:`Reading`."""
    m = vector.meta
    expect = m["expect"]
    fmt = m["fmt"]
    if blind and "format-mismatch" in m.get("defects", []):
        fmt = 0  # a plain ERROR line: fmt=0 is what the body is
    if isinstance(expect, dict) and "error_code" in expect:
        return {"family": Family.ERROR, "fmt": fmt, "endpoint": vector.endpoint}
    if vector.endpoint == "delete":
        return {"family": Family.DELETE, "fmt": fmt}
    if vector.endpoint == "history":
        return {"family": Family.HISTORY, "fmt": fmt, "all": None,
                "kind": RecordKind.SMS if expect else None, "multi": True}
    multi = m.get("multi")
    if multi is None:
        multi = isinstance(expect, list)
    return {"family": Family.STATUS, "fmt": fmt, "all": m["all"],
            "kind": RecordKind(m.get("kind", "sms")), "multi": multi,
            "variant": m.get("variant", "documented")}


def matches(reading: Reading, want: dict[str, Any]) -> bool:
    return all(getattr(reading, k) == v for k, v in want.items())


@pytest.mark.parametrize("vector", DECODABLE, ids=[v.name for v in DECODABLE])
def test_blind_sniff_lists_the_truth(vector: Vector) -> None:
    result = sniff(vector.wire)
    want = truth(vector, blind=True)
    assert any(matches(r, want) for r in result.candidates + result.others), result.to_json()
    if result.certain:
        assert matches(result.candidates[0], want)
        assert result.confidence == 1.0
    assert 0.0 < result.confidence <= 1.0
    if any(matches(r, want) for r in result.candidates):
        # The attributes the best readings agree on are the truth's.
        for name in ("family", "fmt", "all", "kind", "multi"):
            agreed = getattr(result, name)
            if agreed is not None and want.get(name) is not None:
                assert agreed == want[name], name


def request_of(vector: Vector) -> str:
    url, _, _, _ = request_for(vector, 1)
    return url


@pytest.mark.parametrize("vector", DECODABLE, ids=[v.name for v in DECODABLE])
def test_sniff_with_the_request_reads_its_layout(vector: Vector) -> None:
    m = vector.meta
    result = sniff(vector.wire, request=request_of(vector))
    want = truth(vector, blind=False)
    assert result.request and result.charset == m["charset"]
    assert result.charset_confidence == 1.0
    best = result.candidates[0]
    assert matches(best, {k: v for k, v in want.items() if k != "kind"})
    assert any(matches(r, want) for r in result.candidates)
    # Only the kind of a reply of not-found records is left open.
    assert len(result.candidates) == 1 or {r.kind for r in result.candidates} == {
        RecordKind.SMS, RecordKind.HLR}
    assert isinstance(result.reply, Reply)  # a status or history reply, not an SMTP one
    assert to_canonical(result.reply) == m["expect"]
    assert defect_kinds(result.reply) == m.get("defects", [])
    assert result.confidence == (1.0 if not m.get("defects") else 0.5) / len(result.candidates)


def test_request_may_be_a_decoded_request_or_a_layout() -> None:
    vector = next(v for v in VECTORS if v.name == "status/sms-all2-fmt3-multi")
    request = decode_request(request_of(vector))
    from smsc_codec import reply_layout
    by_url = sniff(vector.wire, request=request_of(vector))
    assert sniff(vector.wire, request=request) == by_url
    assert sniff(vector.wire, request=reply_layout(request)) == by_url


@pytest.mark.parametrize("vector", MALFORMED, ids=[v.name for v in MALFORMED])
def test_malformed_bodies_are_never_certain(vector: Vector) -> None:
    result = sniff(vector.wire)
    assert not result.certain
    if not result.candidates:
        assert result.error is not None and result.confidence == 0.0
    with_request = sniff(vector.wire, request=request_of(vector))
    assert not with_request.candidates
    assert with_request.error is not None
    assert with_request.error.kind == vector.meta["error"]["kind"]


def _outcome(vector: Vector) -> str:
    """``certain``: one best reading, strict, the truth.  ``first``: the truth is
    the first of several best readings (or the one best, with defects).  ``best``:
    among the best, not first.  ``other``: read, with more defects than the best."""
    result = sniff(vector.wire)
    want = truth(vector, blind=True)
    if result.certain:
        return "certain"
    if matches(result.candidates[0], want):
        return "first"
    return "best" if any(matches(r, want) for r in result.candidates) else "other"


def group(vector: Vector) -> str:
    expect = vector.meta["expect"]
    if isinstance(expect, dict) and "error_code" in expect:
        return "error"
    head = vector.name.split("/")[0]
    if head == "status":
        return "not-found" if "not-found" in vector.name else f"status fmt={vector.meta['fmt']}"
    return head


def test_how_often_a_body_alone_tells() -> None:
    """The figures of spec/captures.md ("Sniffing without the request")."""
    tally: Counter[tuple[str, str]] = Counter((group(v), _outcome(v)) for v in DECODABLE)
    assert dict(tally) == {
        ("status fmt=0", "certain"): 16,
        ("status fmt=1", "certain"): 5, ("status fmt=1", "first"): 14,
        ("status fmt=1", "best"): 1,
        ("status fmt=2", "certain"): 16,
        ("status fmt=3", "certain"): 16,
        ("not-found", "certain"): 4, ("not-found", "first"): 10, ("not-found", "best"): 12,
        ("history", "certain"): 15, ("history", "first"): 2, ("history", "best"): 3,
        ("delete", "certain"): 2, ("delete", "first"): 1, ("delete", "best"): 1,
        ("error", "first"): 11, ("error", "best"): 8,
        ("deviations", "certain"): 3, ("deviations", "first"): 7,
        ("deviations", "best"): 1, ("deviations", "other"): 1,
    }


def test_bodies_in_other_charsets_are_detected() -> None:
    for vector in DECODABLE:
        if vector.meta["charset"] != "windows-1251" and not vector.wire.isascii():
            result = sniff(vector.wire)
            assert result.charset == vector.meta["charset"], vector.name


def test_smtp_replies_and_their_errors() -> None:
    ok = sniff(b"OK - 2 SMS, ID - 17")
    assert (ok.family, ok.certain, ok.endpoints) == (Family.SMTP_REPLY, True, ("smtp",))
    only_smtp = sniff(b"ERROR = 3 (no money), ID - 17")
    assert (only_smtp.family, only_smtp.endpoints) == (Family.ERROR, ("smtp",))
    shared = sniff("ERROR = 2 (Неверный логин или пароль)".encode("cp1251"))
    assert shared.family is Family.ERROR and shared.fmt == 0
    assert set(shared.endpoints) == {"status", "history", "delete", "smtp"}


def test_a_body_nothing_reads() -> None:
    result = sniff(b"<html><body>502 Bad Gateway</body></html>")
    assert (result.candidates, result.confidence, result.reply) == ((), 0.0, None)
    assert result.error is not None and result.error.kind == "malformed"
    assert result.to_json()["candidates"] == []


# --- generated replies ---------------------------------------------------------------

DOCUMENTED = sorted((layout for layout in LAYOUTS.values() if layout.variant == "documented"),
                    key=lambda layout: layout.describe())


@pytest.mark.parametrize("layout", DOCUMENTED, ids=[x.describe() for x in DOCUMENTED])
@settings(max_examples=examples(15), deadline=None)
@given(data=st.data(), charset=st.sampled_from(CHARSETS))
def test_generated_replies(layout: Layout, data: st.DataObject, charset: str) -> None:
    value = data.draw(strategies.reply(layout))
    if layout.endpoint is Endpoint.HISTORY:
        assert isinstance(value, StatusList)  # a history reply is always a list
        wire = encode_history(value, fmt=layout.fmt, charset=charset)
    else:
        wire = encode_status(value, fmt=layout.fmt, all=layout.all, charset=charset)
    fixed = ReplyLayout(endpoint=layout.endpoint, fmt=layout.fmt, all=layout.all,
                        charset=charset, multi=layout.multi)  # type: ignore[arg-type]
    told = sniff(wire, request=fixed)
    assert told.candidates[0].strict and (told.fmt, told.multi) == (layout.fmt, layout.multi)
    assert isinstance(told.reply, Reply)
    assert told.reply == value or (  # D-kind: not-found records do not tell their kind
        told.kind is None and to_canonical(told.reply) == to_canonical(value))
    blind = sniff(wire, charset=charset)
    family = Family.HISTORY if layout.endpoint is Endpoint.HISTORY else Family.STATUS
    want: dict[str, Any] = {"family": family, "fmt": layout.fmt, "multi": layout.multi}
    if layout.endpoint is Endpoint.STATUS:
        want["all"] = layout.all
    assert any(matches(r, want) for r in blind.candidates), blind.to_json()
