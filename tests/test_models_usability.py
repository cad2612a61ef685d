"""Values a user builds by hand: the obvious Python values are accepted, and every
other error names the Python type to pass (issue 18)."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest

from smsc_codec.errors import EncodeError
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


def test_obvious_python_values_are_accepted() -> None:
    from datetime import datetime
    from decimal import Decimal

    from smsc_codec.flags import MessageFlag
    from smsc_codec.values import MSK

    record = StatusRecord(status=1, flag=0, cost="2.50",
                          last_date=datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK))
    assert isinstance(record.flag, MessageFlag) and record.flag.to_int() == 0
    assert record.cost == Decimal("2.50")


@pytest.mark.parametrize(("field", "value", "named"), [
    ("flag", "0", "pass a MessageFlag or an int 0..65535), got str"),
    ("flag", 70000, "pass a MessageFlag or an int 0..65535), got int"),
    ("cost", 2.5, "pass a Decimal or its text, like '2.50'), got float"),
    ("cost", "2,50", "got str"),
    ("last_date", "21.11.2026 09:15:02", "pass an aware datetime"),
    ("status", "1", "pass a StatusCode or an int), got str"),
])
def test_other_values_name_the_python_type_to_pass(field: str, value: object,
                                                   named: str) -> None:
    with pytest.raises(EncodeError, match=re.escape(named)):
        StatusRecord(**({"status": 1} | {field: value}))  # type: ignore[arg-type]


def test_a_request_takes_lists() -> None:
    from smsc_codec.request import Auth, StatusRequest

    request = StatusRequest(auth=Auth.with_password("alex", "123"),
                            phones=["79999999999"], ids=["1"])  # type: ignore[arg-type]
    assert request.phones == ("79999999999",) and request.ids == ("1",)
    with pytest.raises(EncodeError, match="tuple or list of str, found str"):
        StatusRequest(auth=Auth.with_password("alex", "123"), phones="79999999999",  # type: ignore[arg-type]
                      ids=("1",))
