"""Building reply values by hand, for a client's tests: the exact bytes SMSC would send.

Guide: docs/guides/fake-replies.md.

    python -m examples.fake_replies

prints one record as the server writes it for the same request in each ``fmt``, an
error reply, and a multi-status list, then reads each back.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from smsc_codec import (
    MSK,
    Auth,
    ErrorReply,
    MessageType,
    StatusCode,
    StatusList,
    StatusRecord,
    StatusRequest,
    decode_reply_to,
    encode_reply_to,
    encode_status,
)

AUTH = Auth.with_password("demo", "secret")


def delivered() -> StatusRecord:
    """A delivered SMS with every field ``status.php`` reports at ``all=1``.

    Fields take their Python types (an aware datetime, a Decimal, an enum member or
    its int); what a field cannot hold raises ``EncodeError`` here, not when the
    reply is written.
    """
    return StatusRecord(
        status=StatusCode.DELIVERED,
        last_date=datetime(2026, 11, 21, 9, 15, 2, tzinfo=MSK),
        last_timestamp=1795241702,
        flag=0,
        err=0,
        send_date=datetime(2026, 11, 21, 9, 14, 55, tzinfo=MSK),
        send_timestamp=1795241695,
        phone="79991234567",
        cost=Decimal("1.20"),
        sender_id="SMSC.RU",
        status_name="Доставлено",
        message="Привет, мир",
        comment="",
        type=MessageType.SMS,
        sms_cnt=1,
    )


def request_in(fmt: int) -> StatusRequest:
    """The request the fake reply answers: one message, ``all=1``, windows-1251."""
    return StatusRequest(auth=AUTH, phones=("79991234567",), ids=("101",), fmt=fmt, all=1)


def wire_for(fmt: int, record: StatusRecord) -> bytes:
    """*record* as the server writes it in reply to :func:`request_in` *fmt*.

    ``lossy=True``: each fmt's layout carries part of the fields (fmt=0 dates but no
    timestamps, fmt=1 the reverse); without it a field the layout cannot carry is an
    ``EncodeError``, so a test never fakes a reply the server would not send.
    """
    return encode_reply_to(request_in(fmt), record, lossy=fmt in (0, 1))


def main() -> None:
    record = delivered()
    for fmt in range(4):
        print(f"fmt={fmt}: {wire_for(fmt, record).decode('cp1251')}")
    error = ErrorReply(code=2, description="Invalid username or password")
    print("error:", encode_status(error, fmt=0).decode("cp1251"))
    listed = StatusList(records=(
        StatusRecord(status=1, last_date=record.last_date, err=0, id=101, phone="79991234567"),
        StatusRecord(status=20, last_date=record.last_date, err=1, id=102, phone="79991234568"),
    ))
    print("multi:", encode_status(listed, fmt=3).decode("cp1251"))
    # fmt 2 and 3 carry every field of all=1: the client reads back what was built.
    assert decode_reply_to(request_in(3), wire_for(3, record)) == record


if __name__ == "__main__":
    main()
