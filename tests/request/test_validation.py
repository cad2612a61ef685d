"""Every out-of-range parameter, refused on both sides, naming the parameter.

Encode side: building the model raises EncodeError with ``field`` = the wire name.
Decode side: a captured request with the same value raises DecodeError with the
same ``field`` and ``pos`` at the offending ``name=value`` pair.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.request import (
    Auth,
    DeleteRequest,
    HistoryRequest,
    ReplyLayout,
    Secret,
    StatusRequest,
    decode_form,
    decode_query,
    decode_request,
    decode_url,
    request_from_json,
)

AUTH = Auth.with_password("alex", "123")
STATUS = StatusRequest(auth=AUTH, phones=("79999999999",), ids=("6",))
DELETE = DeleteRequest(auth=AUTH, phones=("79999999999",), ids=("6",))
HISTORY = HistoryRequest(auth=AUTH)

# (base request, changes, the parameter the error must name)
ENCODE_CASES: list[tuple[Any, dict[str, Any], str]] = [
    (STATUS, {"fmt": 7}, "fmt"),
    (STATUS, {"fmt": -1}, "fmt"),
    (STATUS, {"fmt": True}, "fmt"),  # a bool is not an API integer
    (STATUS, {"fmt": "3"}, "fmt"),
    (STATUS, {"all": 3}, "all"),
    (STATUS, {"charset": "UTF8"}, "charset"),  # models take the API's spelling only
    (STATUS, {"charset": "cp866"}, "charset"),
    (STATUS, {"ids": ("6", "7")}, "id"),  # more ids than phones
    (STATUS, {"phones": ("79999999999", "79991112233")}, "id"),  # fewer
    (STATUS, {"phones": ()}, "phone"),
    (STATUS, {"phones": ("7999,7888",), "ids": ("6",)}, "phone"),
    (STATUS, {"phones": ("",)}, "phone"),
    (STATUS, {"phones": "79999999999"}, "phone"),  # a str, not a tuple
    (STATUS, {"ids": ()}, "id"),
    (STATUS, {"ids": ("x" * 41,)}, "id"),
    (STATUS, {"ids": (6,)}, "id"),
    (STATUS, {"keep_multi_format": 1}, "keep_multi_format"),
    (STATUS, {"phones": ("中",)}, "phone"),  # windows-1251 cannot carry it
    (STATUS, {"extra": (("fmt", "1"),)}, "fmt"),  # a known parameter is a field
    (STATUS, {"extra": (("del", "1"),)}, "del"),  # would turn it into a delete
    (STATUS, {"extra": (("get_messages", "1"),)}, "get_messages"),
    (STATUS, {"extra": (("", "1"),)}, "extra"),
    (STATUS, {"extra": [("a", "1")]}, "extra"),
    (STATUS, {"auth": "alex:123"}, "auth"),
    (DELETE, {"fmt": 4}, "fmt"),
    (DELETE, {"ids": ("6", "7")}, "id"),
    (DELETE, {"extra": (("del", "1"),)}, "del"),
    (HISTORY, {"cnt": 1001}, "cnt"),
    (HISTORY, {"cnt": 0}, "cnt"),
    (HISTORY, {"fmt": 7}, "fmt"),
    (HISTORY, {"format": 1}, "format"),
    (HISTORY, {"format": 2}, "format"),
    (HISTORY, {"start": datetime(2024, 1, 1, 12, 0)}, "start"),
    (HISTORY, {"start": "01.01.2024"}, "start"),
    (HISTORY, {"start": date(2024, 1, 1), "end": date(2024, 7, 2)}, "end"),
    (HISTORY, {"start": date(2024, 8, 31), "end": date(2025, 3, 1)}, "end"),
    (HISTORY, {"start": date(2024, 1, 2), "end": date(2024, 1, 1)}, "end"),
    (HISTORY, {"end": date(2024, 1, 1)}, "end"),
    (HISTORY, {"phones": ("79999999999",), "emails": ("a@example.com",)}, "email"),
    (HISTORY, {"emails": ("a@example.com,b@example.com",)}, "email"),
    (HISTORY, {"prev_id": ""}, "prev_id"),
    (HISTORY, {"extra": (("del", "1"),)}, "del"),
    (HISTORY, {"extra": (("get_messages", "1"),)}, "get_messages"),
]


@pytest.mark.parametrize(("base", "changes", "field"), ENCODE_CASES,
                         ids=[f"{b.kind}-{f}-{c}" for b, c, f in ENCODE_CASES])
def test_out_of_range_values_do_not_make_a_model(
        base: Any, changes: dict[str, Any], field: str) -> None:
    with pytest.raises(EncodeError) as caught:
        replace(base, **changes)
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_the_legal_edges_make_models() -> None:
    # The limits themselves are in range: cnt=1000, a six-month period to the day,
    # and one clamped to the end of February.
    assert replace(HISTORY, cnt=1000).cnt == 1000
    assert replace(HISTORY, cnt=1).cnt == 1
    assert replace(HISTORY, start=date(2024, 1, 1), end=date(2024, 7, 1)).end == date(2024, 7, 1)
    assert replace(HISTORY, start=date(2024, 8, 31), end=date(2025, 2, 28)).end == date(
        2025, 2, 28)
    assert replace(HISTORY, start=date(9999, 12, 1), end=date(9999, 12, 31)).end == date(
        9999, 12, 31)
    assert replace(HISTORY, format=8).format == 8


AUTH_CASES: list[tuple[dict[str, Any], str]] = [
    ({}, "login"),
    ({"login": "alex"}, "psw"),
    ({"psw": Secret("123")}, "login"),
    ({"login": "alex", "psw": Secret("123"), "apikey": Secret("k")}, "apikey"),
    ({"login": "alex", "apikey": Secret("k")}, "apikey"),
    ({"psw": Secret("123"), "apikey": Secret("k")}, "apikey"),
    ({"login": "", "psw": Secret("123")}, "login"),
    ({"login": "alex", "psw": Secret("")}, "psw"),
    ({"login": "alex", "psw": "123"}, "psw"),  # not wrapped in Secret
    ({"apikey": Secret("")}, "apikey"),
    ({"login": 7, "psw": Secret("123")}, "login"),
]


@pytest.mark.parametrize(("fields", "field"), AUTH_CASES)
def test_exactly_one_way_to_authenticate(fields: dict[str, Any], field: str) -> None:
    with pytest.raises(EncodeError) as caught:
        Auth(**fields)
    assert caught.value.field == field


def test_a_secret_holds_text() -> None:
    with pytest.raises(EncodeError, match="a Secret holds text, not int"):
        Secret(123)  # type: ignore[arg-type]


S = "https://smsc.ru/sys/status.php?login=alex&psw=123&phone=79999999999"
G = "https://smsc.ru/sys/get.php?get_messages=1&login=alex&psw=123"

# (captured URL, the parameter the error must name, the error kind)
DECODE_CASES: list[tuple[str, str, str]] = [
    (S + "&id=6&fmt=7", "fmt", "bad-parameter"),
    (S + "&id=6&fmt=-1", "fmt", "bad-parameter"),
    (S + "&id=6&fmt=03", "fmt", "bad-parameter"),  # not the canonical decimal
    (S + "&id=6&fmt=+3", "fmt", "bad-parameter"),
    (S + "&id=6&fmt=", "fmt", "bad-parameter"),
    (S + "&id=6&all=3", "all", "bad-parameter"),
    (S + "&id=6,7", "id", "bad-parameter"),
    (S + ",79991112233&id=6", "id", "bad-parameter"),
    (S + ",&id=6", "id", "bad-parameter"),  # the trailing comma after phone only
    (S + "&id=6,", "phone", "bad-parameter"),  # ... after id only
    (S + ",,&id=6,,", "phone", "bad-parameter"),
    (S + "&id=" + "x" * 41, "id", "bad-parameter"),
    (S + "&id=", "id", "bad-parameter"),
    (S + "&id=6&charset=cp866", "charset", "bad-parameter"),
    (S + "&id=6&fmt=1&fmt=1", "fmt", "repeated-parameter"),
    (S + "&id=6&charset=utf-8&charset=utf-8", "charset", "repeated-parameter"),
    (S + "&id=6&del=1&del=1", "del", "repeated-parameter"),
    (S + "&id=6&del=2", "del", "bad-parameter"),
    (S + "&id=6&get_messages=1", "get_messages", "bad-parameter"),
    (S + "&id=6&apikey=k", "apikey", "bad-parameter"),
    (S + "&id=6&psw=1", "psw", "repeated-parameter"),
    (S + "&id=%98", "id", "bad-charset"),  # the one byte windows-1251 leaves undefined
    (S + "&id=%E4%B8&charset=utf-8", "id", "bad-charset"),  # a cut UTF-8 sequence
    (S + "&id=6%", "id", "bad-escape"),
    (S + "&id=6&charset=utf%2", "charset", "bad-escape"),
    (G + "&cnt=1001", "cnt", "bad-parameter"),
    (G + "&cnt=0", "cnt", "bad-parameter"),
    (G + "&cnt=ten", "cnt", "bad-parameter"),
    (G + "&fmt=7", "fmt", "bad-parameter"),
    (G + "&format=1", "format", "bad-parameter"),
    (G + "&start=32.01.2024", "start", "bad-parameter"),
    (G + "&start=29.02.2023", "start", "bad-parameter"),
    (G + "&start=2024-01-01", "start", "bad-parameter"),
    (G + "&start=01.01.2024&end=1.7.2024", "end", "bad-parameter"),
    (G + "&start=01.01.2024&end=02.07.2024", "end", "bad-parameter"),
    (G + "&start=02.01.2024&end=01.01.2024", "end", "bad-parameter"),
    (G + "&end=01.01.2024", "end", "bad-parameter"),
    (G + "&phone=79999999999&email=a@example.com", "email", "bad-parameter"),
    (G + "&phone=", "phone", "bad-parameter"),
    (G + "&phone=79999999999,", "phone", "bad-parameter"),  # no trailing-comma rule here
    (G + "&prev_id=", "prev_id", "bad-parameter"),
    (G + "&del=1", "del", "bad-parameter"),
    (G + "&all=1&all=2", "", ""),  # all is not a history parameter: kept, repeats too
    ("https://smsc.ru/sys/get.php?login=alex&psw=123", "get_messages", "bad-parameter"),
    ("https://smsc.ru/sys/get.php?get_messages=0&login=alex&psw=123", "get_messages",
     "bad-parameter"),
]


@pytest.mark.parametrize(("url", "field", "kind"), DECODE_CASES)
def test_captured_out_of_range_values_do_not_decode(url: str, field: str, kind: str) -> None:
    if not field:
        request = decode_url(url)
        assert request.extra == (("all", "1"), ("all", "2"))
        return
    with pytest.raises(DecodeError) as caught:
        decode_url(url)
    error = caught.value
    assert (error.field, error.kind) == (field, kind)
    # pos points at the offending pair, or is None when the parameter is absent.
    if error.pos is not None:
        assert url[error.pos:].split("&")[0].split("=")[0] == field
    else:
        assert f"{field}=" not in url


@pytest.mark.parametrize(("url", "field", "kind"), DECODE_CASES[:6])
def test_query_strings_and_form_bodies_report_the_same(url: str, field: str,
                                                       kind: str) -> None:
    query = url.partition("?")[2]
    for decode in (decode_query, decode_form, decode_request):
        with pytest.raises(DecodeError) as caught:
            decode(query.encode("ascii"))
        error = caught.value
        assert (error.field, error.kind) == (field, kind)
        assert query[error.pos or 0:].startswith(f"{field}=")


@pytest.mark.parametrize("url", [
    "https://smsc.ru/sys/send.php?login=alex&psw=123",
    "https://smsc.ru/",
    "https://smsc.ru/sys/status.php.bak?login=alex",
    "smsc.ru#/sys/status.php?login=alex",
])
def test_other_scripts_are_not_requests_of_this_module(url: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_url(url)
    assert (caught.value.kind, caught.value.pos) == ("unknown-endpoint", 0)


def test_a_pinned_endpoint_must_agree_with_the_url() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_request(S + "&id=6", endpoint=Endpoint.HISTORY)
    assert caught.value.kind == "unknown-endpoint"


def test_a_pinned_endpoint_decides_a_bare_query() -> None:
    # get_messages on a body posted to status.php is not a history request.
    with pytest.raises(DecodeError) as caught:
        decode_form(b"get_messages=1&login=alex&psw=123", endpoint=Endpoint.STATUS)
    assert caught.value.field == "get_messages"
    with pytest.raises(DecodeError) as caught:
        decode_form(b"login=alex&psw=123", endpoint=Endpoint.HISTORY)
    assert caught.value.field == "get_messages"


def test_a_nameless_pair_is_refused() -> None:
    with pytest.raises(DecodeError) as caught:
        decode_query("login=alex&psw=123&phone=7&id=6&=x")
    assert (caught.value.kind, caught.value.pos) == ("bad-parameter", 32)


JSON_CASES: list[tuple[Any, str | None]] = [
    ([], None),
    ({"request": "send"}, "request"),
    ({"request": "status", "login": "alex", "psw": "123", "phone": ["7"], "id": ["6"],
      "fmt": "3"}, "fmt"),
    ({"request": "status", "login": "alex", "psw": "123", "phone": "7", "id": ["6"]}, "phone"),
    ({"request": "status", "login": "alex", "psw": "123", "phone": ["7"], "id": ["6"],
      "cnt": 5}, "cnt"),
    ({"request": "status", "login": "alex", "psw": "123", "phone": ["7"], "id": ["6"],
      "extra": "x"}, "extra"),
    ({"request": "status", "login": "alex", "psw": "123", "phone": ["7"]}, "id"),
    ({"request": "history", "login": "alex", "psw": "123", "keep_multi_format": False},
     "keep_multi_format"),
    ({"request": "history", "login": "alex", "psw": "123", "cnt": 1001}, "cnt"),
    ({"request": "history", "login": "alex", "psw": "123", "start": "2024-01-01"}, "start"),
    ({"request": "history", "login": "alex", "psw": 123}, "psw"),
    ({"request": "history", "secrets": "masked", "login": "alex", "psw": "***"}, "psw"),
]


@pytest.mark.parametrize(("obj", "field"), JSON_CASES)
def test_bad_json_views_do_not_read_back(obj: Any, field: str | None) -> None:
    with pytest.raises(DecodeError) as caught:
        request_from_json(obj)
    assert caught.value.field == field


LAYOUT = ReplyLayout(endpoint=Endpoint.STATUS, fmt=0, all=0, charset="windows-1251",
                     multi=False)
LAYOUT_CASES: list[tuple[dict[str, Any], str]] = [
    ({"fmt": 7}, "fmt"),
    ({"all": 3}, "all"),
    ({"charset": "utf8"}, "charset"),
    ({"multi": 1}, "multi"),
    ({"delete": None}, "delete"),
    ({"kind": "sms"}, "kind"),
    ({"endpoint": "status"}, "endpoint"),
    ({"endpoint": Endpoint.HISTORY}, "all"),
    ({"endpoint": Endpoint.HISTORY, "all": 2}, "multi"),
    ({"endpoint": Endpoint.HISTORY, "all": 2, "multi": True, "delete": True}, "delete"),
    ({"endpoint": Endpoint.HISTORY, "all": 2, "multi": True, "kind": RecordKind.HLR}, "kind"),
]


@pytest.mark.parametrize(("changes", "field"), LAYOUT_CASES)
def test_reply_layouts_are_validated(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(EncodeError) as caught:
        replace(LAYOUT, **changes)
    assert caught.value.field == field


def test_leading_question_mark_compares_in_the_datas_own_type() -> None:
    """``python -bb`` turns a bytes/str comparison into an error (BytesWarning): the
    leading ``?`` of a query is looked for in the data's own type (issue 15's ``-bb``
    point; xdist workers do not inherit ``-bb``, so a child interpreter checks it)."""
    code = ("from smsc_codec.request import decode_query\n"
            "for q in (b'?login=a&psw=b&phone=1&id=2', '?login=a&psw=b&phone=1&id=2'):\n"
            "    assert decode_query(q).ids == ('2',)\n")
    done = subprocess.run([sys.executable, "-bb", "-c", code], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
