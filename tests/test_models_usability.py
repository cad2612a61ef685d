"""Values a user builds by hand: the obvious Python values are accepted, and every
other error names the Python type to pass (issue 18)."""

from __future__ import annotations

from collections.abc import Sequence

from smsc_codec.models import StatusList, StatusRecord


def test_statuslist_is_a_sequence() -> None:
    one, two = StatusRecord(status=1), StatusRecord(status=2)
    reply = StatusList(records=[one, two, one])  # type: ignore[arg-type]  # kept as a tuple
    assert isinstance(reply, Sequence)
    assert reply[0] == one and reply[-1] == one
    assert reply[1:] == (two, one)
    assert list(reversed(reply)) == [one, two, one]
    assert reply.index(two) == 1 and reply.count(one) == 2
    assert two in reply and reply.records == (one, two, one)
