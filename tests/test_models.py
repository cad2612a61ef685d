"""Models: validated on construction, unknown codes kept, readable repr."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from smsc_codec import (
    MSK,
    DeliveryError,
    EmailError,
    EncodeError,
    ErrorReply,
    HistoryApiError,
    MessageFlag,
    MessageType,
    StatusApiError,
    StatusCode,
    StatusRecord,
)
from smsc_codec.layouts import Endpoint


@pytest.mark.parametrize(("field", "value"), [
    ("status", "1"), ("cost", 1.5), ("cost", Decimal("NaN")), ("last_date", datetime(2026, 1, 1)),
    ("flag", 70000), ("err", True), ("message", 5), ("id", 1.0),
])
def test_wrong_types_are_refused_naming_the_field(field: str, value: object) -> None:
    with pytest.raises(EncodeError) as info:
        StatusRecord(**{field: value})  # type: ignore[arg-type]
    assert info.value.field == field


def test_codes_become_enum_members_and_unknown_ones_stay_ints() -> None:
    record = StatusRecord(status=1, type=8, err=2)
    assert record.status is StatusCode.DELIVERED and record.type is MessageType.EMAIL
    assert StatusRecord(status=77).status == 77
    assert type(StatusRecord(status=77).status) is int


def test_err_is_looked_up_in_the_table_for_the_message_type() -> None:
    assert StatusRecord(err=2, type=8).error_code() is EmailError.INBOX_FULL
    assert StatusRecord(err=2, phone="a@b.ru").error_code() is EmailError.INBOX_FULL
    assert StatusRecord(err=1, type=0).error_code() is DeliveryError.SUBSCRIBER_NOT_EXIST
    assert StatusRecord(err=2, type=0).error_code() == 2
    assert StatusRecord(err=0, flag=MessageFlag.from_int(8)).is_email


def test_error_codes_depend_on_the_endpoint() -> None:
    assert ErrorReply(code=3, endpoint=Endpoint.HISTORY).meaning() is HistoryApiError.NOT_FOUND
    assert ErrorReply(code=3).meaning() == 3
    assert ErrorReply(code=5).meaning() is StatusApiError.DELETE_FAILED


def test_extra_and_raw_are_checked() -> None:
    with pytest.raises(EncodeError):
        StatusRecord(extra=(("status", "1"),))
    with pytest.raises(EncodeError):
        StatusRecord(raw=(("nonsense", "1"),))
    with pytest.raises(EncodeError):
        StatusRecord(status=1, raw=(("status", "x"),))


def test_repr_shows_what_the_reply_carried() -> None:
    when = datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK)
    assert repr(StatusRecord(status=1, last_date=when)) == (
        "StatusRecord(kind=<RecordKind.SMS: 'sms'>, status=<StatusCode.DELIVERED: 1>, "
        "last_date=datetime.datetime(2026, 11, 21, 9, 15, 2, tzinfo=datetime.timezone("
        "datetime.timedelta(seconds=10800), 'MSK')))")


def test_records_are_frozen() -> None:
    record = StatusRecord(status=1)
    with pytest.raises(AttributeError):
        record.status = 2  # type: ignore[misc]  # the write is the point: refused both ways
