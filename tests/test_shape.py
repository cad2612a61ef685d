"""One value for "what the reply looks like", checked once (issue 12)."""

from __future__ import annotations

import enum
from dataclasses import replace
from typing import Any

import pytest

from smsc_codec import (
    HistoryDecoder,
    RecordKind,
    ReplyLayout,
    ReplyShape,
    StatusDecoder,
    UsageError,
    decode_history,
    decode_status,
)
from smsc_codec.errors import EncodeError
from smsc_codec.layouts import Endpoint
from smsc_codec.shape import ALL_LEVELS, FMTS, reply_shape
from smsc_codec.status import decode_reply, decode_shaped
from smsc_codec.wire.formats import FORMATS

STATUS = ReplyShape(endpoint=Endpoint.STATUS, fmt=0, all=1, charset="windows-1251")


def test_the_ranges_are_the_registry_and_the_docs() -> None:
    assert tuple(FORMATS) == FMTS
    assert ALL_LEVELS == (0, 1, 2)


def test_a_request_layout_is_a_reply_shape() -> None:
    assert ReplyLayout is ReplyShape


@pytest.mark.parametrize(("changes", "field"), [
    ({"endpoint": Endpoint.HISTORY}, "all"),
    ({"endpoint": Endpoint.HISTORY, "all": 2}, "multi"),
    ({"endpoint": Endpoint.HISTORY, "all": 2, "multi": False}, "multi"),
    ({"endpoint": Endpoint.HISTORY, "all": 2, "multi": True, "delete": True}, "delete"),
    ({"endpoint": Endpoint.HISTORY, "all": 2, "multi": True, "kind": RecordKind.HLR}, "kind"),
    ({"fmt": True}, "fmt"),
    ({"fmt": 1.0}, "fmt"),
    ({"all": 3}, "all"),
    ({"charset": "cp1251"}, "charset"),
    ({"multi": 0}, "multi"),
    ({"kind": "hlr"}, "kind"),
])
def test_the_history_rule_and_the_ranges_are_checked_on_construction(
        changes: dict[str, Any], field: str) -> None:
    with pytest.raises(EncodeError) as caught:
        replace(STATUS, **changes)
    assert caught.value.field == field


def test_a_history_reply_reads_sms_records_and_is_a_list() -> None:
    shape = ReplyShape.history(fmt=2, charset="utf-8")
    assert (shape.all, shape.multi, shape.kind, shape.record_kind) == (2, True, None,
                                                                       RecordKind.SMS)
    assert STATUS.record_kind is None
    assert replace(STATUS, kind=RecordKind.HLR).record_kind is RecordKind.HLR
    # multi left out of a history reply's keywords is its one value
    assert reply_shape(endpoint=Endpoint.HISTORY, fmt=2, all=2, charset="utf8") == shape


class Fmt(enum.IntEnum):
    XML = 2


def test_keywords_become_a_shape_in_the_apis_spelling() -> None:
    assert reply_shape(endpoint=Endpoint.STATUS, fmt=Fmt.XML, all=0, charset="CP1251",
                       kind="hlr", multi=True) == ReplyShape(
        endpoint=Endpoint.STATUS, fmt=2, all=0, charset="windows-1251", kind=RecordKind.HLR,
        multi=True)
    assert type(reply_shape(endpoint=Endpoint.STATUS, fmt=Fmt.XML, all=0,
                            charset="utf-8").fmt) is int


@pytest.mark.parametrize(("keywords", "says"), [
    ({"fmt": 7}, "fmt must be 0, 1, 2 or 3, not 7"),
    ({"fmt": True}, "fmt must be 0, 1, 2 or 3, not True"),
    ({"fmt": [1]}, "fmt must be 0, 1, 2 or 3, not [1]"),
    ({"all": 3}, "all must be 0, 1 or 2, not 3"),
    ({"charset": "latin-1"}, "charset: "),
    ({"kind": "bogus"}, "kind: "),
    ({"kind": ["sms"]}, "kind: "),
    ({"multi": "x"}, "multi: "),
])
def test_a_bad_decoder_argument_is_a_usage_error(keywords: dict[str, Any], says: str) -> None:
    arguments: dict[str, Any] = {"fmt": 0, **keywords}
    for call in (lambda: decode_status(b"Status = 1", **arguments),
                 lambda: StatusDecoder(**arguments)):
        with pytest.raises(UsageError, match="^" + says.replace("[", r"\[")):
            call()


def test_the_cache_tells_a_bool_from_an_int() -> None:
    decode_status(b"Status = 1", fmt=0)  # cached for fmt=0 ...
    with pytest.raises(UsageError):
        decode_status(b"Status = 1", fmt=False)  # ... and False is still no fmt


def test_a_history_call_outside_the_history_rule_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match=r"^all: "):
        decode_reply(b"", endpoint=Endpoint.HISTORY, fmt=0, all=0)
    with pytest.raises(UsageError, match=r"^multi: "):
        decode_reply(b"", endpoint=Endpoint.HISTORY, fmt=0, all=2, multi=False)
    with pytest.raises(UsageError, match=r"^kind: "):
        decode_reply(b"", endpoint=Endpoint.HISTORY, fmt=0, all=2, kind="hlr")


def test_the_keyword_decoders_are_the_shaped_one() -> None:
    body = b"Status = 1, check_time = 10.10.2010 10:10:10, id = 7\nStatus = -3, id = 8"
    history = b"[]"
    assert decode_status(body, fmt=0, all=0) == decode_shaped(
        body, ReplyShape(endpoint=Endpoint.STATUS, fmt=0, all=0, charset="windows-1251"))
    assert decode_history(history, fmt=3) == decode_shaped(
        history, ReplyShape.history(fmt=3, charset="windows-1251"))
    decoder = HistoryDecoder(fmt=3)
    decoder.feed(history)
    assert decoder.close() == decode_history(history, fmt=3)
