"""From a request to the layout of its reply: examples compared whole."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.request import (
    Auth,
    DeleteRequest,
    HistoryRequest,
    ReplyLayout,
    Request,
    StatusRequest,
    reply_layout,
    reply_layout_to_json,
)

AUTH = Auth.with_apikey("k3y")
ONE = StatusRequest(auth=AUTH, phones=("79999999999",), ids=("6",))
TWO = StatusRequest(auth=AUTH, phones=("79999999999", "79991112233"), ids=("6", "7"))


def status(fmt: int, all_level: int, charset: str, multi: bool) -> ReplyLayout:
    return ReplyLayout(endpoint=Endpoint.STATUS, fmt=fmt, all=all_level,
                       charset=charset,  # type: ignore[arg-type]
                       multi=multi)


CASES: list[tuple[Request, ReplyLayout]] = [
    (ONE, status(0, 0, "windows-1251", False)),
    (replace(ONE, keep_multi_format=True), status(0, 0, "windows-1251", True)),
    (TWO, status(0, 0, "windows-1251", True)),
    (replace(TWO, keep_multi_format=True), status(0, 0, "windows-1251", True)),
    (replace(ONE, fmt=3, all=2, charset="koi8-r"), status(3, 2, "koi8-r", False)),
    (replace(ONE, fmt=0, all=0, charset="windows-1251"), status(0, 0, "windows-1251", False)),
    (DeleteRequest(auth=AUTH, phones=ONE.phones, ids=ONE.ids, fmt=2),
     ReplyLayout(endpoint=Endpoint.STATUS, fmt=2, all=0, charset="windows-1251", multi=False,
                 delete=True)),
    (DeleteRequest(auth=AUTH, phones=TWO.phones, ids=TWO.ids, charset="utf-8"),
     ReplyLayout(endpoint=Endpoint.STATUS, fmt=0, all=0, charset="utf-8", multi=True,
                 delete=True)),
    (HistoryRequest(auth=AUTH),
     ReplyLayout(endpoint=Endpoint.HISTORY, fmt=0, all=2, charset="windows-1251", multi=True)),
    (HistoryRequest(auth=AUTH, fmt=1, charset="utf-8", cnt=1, start=date(2024, 1, 1)),
     ReplyLayout(endpoint=Endpoint.HISTORY, fmt=1, all=2, charset="utf-8", multi=True)),
]


@pytest.mark.parametrize(("request_", "layout"), CASES)
def test_reply_layout(request_: Request, layout: ReplyLayout) -> None:
    assert reply_layout(request_) == layout


def test_the_caller_may_pin_the_record_kind() -> None:
    request = replace(ONE, fmt=1)
    assert reply_layout(request, kind=RecordKind.HLR) == ReplyLayout(
        endpoint=Endpoint.STATUS, fmt=1, all=0, charset="windows-1251", multi=False,
        kind=RecordKind.HLR)


def test_reply_layout_json() -> None:
    layout = reply_layout(replace(TWO, fmt=3), kind=RecordKind.SMS)
    assert reply_layout_to_json(layout) == {
        "endpoint": "status", "delete": False, "fmt": 3, "all": 0,
        "charset": "windows-1251", "multi": True, "kind": "sms"}
