"""The "Done when" matrix of issue 13, one list of cases every adapter's test runs.

A case is a request (path and query) and the exact value its reply must decode to
(``decode_reply_to``): the seeded record cut to the fields the reply's layout has
(the vendor's layout table, ``layouts.layout_for``), a documented error, or the -3
record.  The expectations are built from the seeds and the layout table, never from
the fake's encoder.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from smsc_codec import ErrorReply, StatusList, StatusRecord, decode_reply_to, decode_request
from smsc_codec.layouts import Endpoint, layout_for
from smsc_codec.models import Reply
from tests.testing.test_core import HLR, SMS

FMTS = (0, 1, 2, 3)
ALLS = (0, 1, 2)
CHARSETS = ("windows-1251", "koi8-r", "utf-8")
STATUS, HISTORY = "/sys/status.php", "/sys/get.php"

#: The error texts of the vendor's tables, as the golden vectors write them.
WRONG_LOGIN = "неверный логин или пароль"
NOT_FOUND = "сообщение не найдено"
#: spec/vectors/status/sms-all2-fmt1-single-not-found: a comma line cannot leave a
#: column out, so fmt=1 writes the zero-filled row (D-fake-not-found).
NOT_FOUND_FMT1: dict[str, Any] = {
    "last_timestamp": 0, "err": 0, "send_timestamp": 0, "country": "", "operator": "",
    "region": "", "cost": Decimal(0), "sender_id": "", "status_name": "Сообщение не найдено",
    "message": "", "comment": "", "type": 0,
}


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    query: str
    expect: Reply

    @property
    def id(self) -> str:
        return f"{self.name}?{self.query}"


def _cut(record: StatusRecord, endpoint: Endpoint, all_: int, fmt: int,
         multi: bool) -> StatusRecord:
    names = [wf.name for wf in layout_for(endpoint, record.kind, all_, fmt, multi).fields]
    return StatusRecord(kind=record.kind, **{n: getattr(record, n) for n in names
                                             if getattr(record, n) is not None})


def _history_row(record: StatusRecord) -> StatusRecord:
    # D-fake-history: int_id is the id; format, crc 0; sms_cnt 1 where the seed has none.
    return record.replace(int_id=str(record.id), format=0, crc=0,
                          sms_cnt=record.sms_cnt if record.sms_cnt is not None else 1)


def _error(code: int, description: str, endpoint: Endpoint, fmt: int) -> ErrorReply:
    # fmt=1 writes "0,-N": no description.
    return ErrorReply(code=code, description=None if fmt == 1 else description,
                      endpoint=endpoint)


def _unknown(fmt: int, all_: int, phone: str, id: int) -> StatusRecord:
    base = StatusRecord(status=-3, id=id, phone=phone,
                        **(NOT_FOUND_FMT1 if fmt == 1 else {}))
    return _cut(base, Endpoint.STATUS, all_, fmt, False)


def cases(fmt: int, all_: int, charset: str) -> list[Case]:
    """Every case of one layout: single SMS and HLR, one id with the trailing comma,
    two ids, history, a wrong password, an unknown id, a phone with no history."""
    auth = f"login=demo&psw=secret&fmt={fmt}&charset={charset}"
    status = f"{auth}&all={all_}"
    out = []
    for seed in (SMS, HLR):
        out.append(Case(f"single-{seed.kind.value}", STATUS,
                        f"{status}&phone={seed.phone}&id={seed.id}",
                        _cut(seed, Endpoint.STATUS, all_, fmt, False)))
    out.append(Case("trailing-comma", STATUS, f"{status}&phone={SMS.phone},&id={SMS.id},",
                    StatusList(records=(_cut(SMS, Endpoint.STATUS, all_, fmt, True),))))
    out.append(Case("multi", STATUS,
                    f"{status}&phone={SMS.phone},{HLR.phone}&id={SMS.id},{HLR.id}",
                    StatusList(records=tuple(_cut(s, Endpoint.STATUS, all_, fmt, True)
                                             for s in (SMS, HLR)))))
    out.append(Case("history", HISTORY, f"get_messages=1&{auth}&phone={SMS.phone}",
                    StatusList(records=(_cut(_history_row(SMS), Endpoint.HISTORY, 2, fmt,
                                             True),))))
    out.append(Case("wrong-password", STATUS,
                    f"login=demo&psw=wrong&fmt={fmt}&charset={charset}&all={all_}"
                    f"&phone={SMS.phone}&id={SMS.id}",
                    _error(2, WRONG_LOGIN, Endpoint.STATUS, fmt)))
    out.append(Case("unknown-id", STATUS, f"apikey=K1&fmt={fmt}&charset={charset}&all={all_}"
                    f"&phone={SMS.phone}&id=999", _unknown(fmt, all_, str(SMS.phone), 999)))
    out.append(Case("no-history", HISTORY,
                    f"get_messages=1&apikey=K1&fmt={fmt}&charset={charset}&phone=70000000000",
                    _error(3, NOT_FOUND, Endpoint.HISTORY, fmt)))
    return out


MATRIX = [c for fmt in FMTS for all_ in ALLS for charset in CHARSETS
          for c in cases(fmt, all_, charset)]
#: A representative slice for the live servers: every fmt, every all, every charset
#: and every kind of case at least once (the full matrix runs in memory).
SLICE = [c for fmt, all_, charset in ((0, 1, "windows-1251"), (1, 2, "koi8-r"),
                                      (2, 0, "utf-8"), (3, 2, "koi8-r"))
         for c in cases(fmt, all_, charset)]


def check(case: Case, body: bytes) -> None:
    """The reply decodes to exactly the expected value, with no defect."""
    assert decode_reply_to(decode_request(case.query), body) == case.expect
