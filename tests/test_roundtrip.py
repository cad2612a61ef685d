"""Round trips for every layout of the table, in every charset.

For every generated value ``x`` of a layout: ``decode(encode(x)) == x`` with no
defect, and the bytes are canonical: ``encode(decode(b)) == b``.
"""

from __future__ import annotations

from typing import TypedDict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smsc_codec import CHARSETS, LENIENT, Policy, Reply, decode_status, encode_status
from smsc_codec.canonical import from_canonical, to_canonical, without_defects
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import LAYOUTS, Endpoint, Layout
from smsc_codec.models import StatusList
from smsc_codec.testing import strategies
from tests.modes import examples

ALL = sorted(LAYOUTS.values(), key=lambda layout: layout.describe())


class _Options(TypedDict):
    """The arguments encode_status and decode_status of one layout share."""

    fmt: int
    all: int
    charset: str


def policy_for(layout: Layout) -> Policy:
    return Policy(fmt1_variant=layout.variant) if layout.fmt == 1 else LENIENT


@pytest.mark.parametrize("layout", ALL, ids=[layout.describe() for layout in ALL])
@settings(max_examples=examples(40), deadline=None)
@given(data=st.data(), charset=st.sampled_from(CHARSETS))
def test_decode_encode_round_trip(layout: Layout, data: st.DataObject, charset: str) -> None:
    value = data.draw(strategies.reply(layout))
    if layout.endpoint is Endpoint.HISTORY:
        assert isinstance(value, StatusList)
        wire = encode_history(value, fmt=layout.fmt, charset=charset)
        history = decode_history(wire, fmt=layout.fmt, charset=charset)
        assert history == value
        assert repr(history) == repr(value)  # Decimal("1.50") == Decimal("1.5"), not in repr
        assert encode_history(history, fmt=layout.fmt, charset=charset) == wire
        return
    options: _Options = {"fmt": layout.fmt, "all": layout.all, "charset": charset}
    wire = encode_status(value, variant=layout.variant, **options)
    back = decode_status(wire, kind=layout.kind, multi=layout.multi, policy=policy_for(layout),
                         **options)
    if layout.variant == "legacy":  # reading the older layout is itself recorded
        assert all(d.kind == "legacy-layout" for r in _records(back) for d in r.defects)
        back = without_defects(back)
    assert back == value
    assert repr(back) == repr(value)  # Decimal("1.50") == Decimal("1.5"), not in repr
    assert encode_status(back, variant=layout.variant, **options) == wire


@pytest.mark.parametrize("layout", ALL, ids=[layout.describe() for layout in ALL])
@settings(max_examples=examples(20), deadline=None)
@given(data=st.data())
def test_canonical_json_round_trip(layout: Layout, data: st.DataObject) -> None:
    value = data.draw(strategies.reply(layout))
    canonical = to_canonical(value)
    back = from_canonical(canonical, endpoint=layout.endpoint, kind=layout.kind)
    assert back == value
    assert repr(back) == repr(value)


def _records(reply: Reply) -> tuple[Reply, ...]:
    return reply.records if isinstance(reply, StatusList) else (reply,)
