"""Model -> wire -> model, for every request type and every wire form.

A request that exists can be encoded (the models validate on construction), and
what the encoder writes decodes to the very same model: through a query string, a
form body and a URL, with the endpoint told by the request itself or pinned.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.layouts import find_layouts
from smsc_codec.request import (
    Request,
    decode_form,
    decode_query,
    decode_request,
    decode_url,
    encode_form,
    encode_query,
    encode_url,
    reply_layout,
    request_from_json,
    request_to_json,
)
from smsc_codec.testing.strategies.http import (
    delete_requests,
    history_requests,
    requests,
    status_requests,
)

EACH_TYPE = pytest.mark.parametrize(
    "strategy", [status_requests(), delete_requests(), history_requests()],
    ids=["status", "delete", "history"])


@EACH_TYPE
@given(data=st.data())
def test_query_string_round_trip(strategy: st.SearchStrategy[Request], data: Any) -> None:
    request = data.draw(strategy)
    query = encode_query(request)
    assert query.isascii()
    assert decode_query(query) == request
    assert decode_query("?" + query) == request
    assert decode_query(query, endpoint=request.kind.endpoint) == request
    assert decode_request(query) == request


@EACH_TYPE
@given(data=st.data())
def test_form_body_round_trip(strategy: st.SearchStrategy[Request], data: Any) -> None:
    request = data.draw(strategy)
    body = encode_form(request)
    assert decode_form(body) == request
    assert decode_form(body, endpoint=request.kind.endpoint) == request
    assert decode_request(body) == request


@EACH_TYPE
@given(data=st.data(), base=st.sampled_from(
    ["https://smsc.ru/sys/", "https://smscentre.com/sys/", "http://example.org/", "/sys/", ""]))
def test_url_round_trip(strategy: st.SearchStrategy[Request], data: Any, base: str) -> None:
    request = data.draw(strategy)
    if base == "":
        with pytest.raises(EncodeError, match="must end with '/'"):
            encode_url(request, base=base)
        return
    url = encode_url(request, base=base)
    assert url.startswith(f"{base}{request.kind.script}?")
    assert decode_url(url) == request
    assert decode_request(url) == request
    assert decode_request(url, endpoint=request.kind.endpoint) == request


@given(requests)
def test_canonical_wire_is_a_fixed_point(request: Request) -> None:
    query = encode_query(request)
    assert encode_query(decode_query(query)) == query


@given(requests)
def test_revealed_json_round_trip(request: Request) -> None:
    view = request_to_json(request, reveal_secrets=True)
    assert request_from_json(orjson.loads(orjson.dumps(view))) == request


@given(requests)
def test_masked_json_does_not_read_back(request: Request) -> None:
    view = request_to_json(request)
    assert view["secrets"] == "masked"
    with pytest.raises(DecodeError) as caught:
        request_from_json(view)
    assert caught.value.kind == "masked-secret"


@given(requests)
def test_every_reply_layout_is_one_the_reply_codec_has(request: Request) -> None:
    layout = reply_layout(request)
    if layout.delete:
        return  # the reply is OK or an error, no record layout
    assert find_layouts(layout.endpoint, layout.all, layout.fmt, kind=layout.kind,
                        multi=layout.multi)


def decodes_or_refuses(decode: Callable[[Any], Request], data: str | bytes) -> None:
    """Only DecodeError may escape, and what decodes re-encodes to an equal model."""
    try:
        request = decode(data)
    except DecodeError:
        return
    assert decode_query(encode_query(request)) == request


@given(st.one_of(st.text(), st.binary()))
def test_decoding_anything_returns_or_raises_decode_error(data: str | bytes) -> None:
    for decode in (decode_request, decode_query, decode_form):
        decodes_or_refuses(decode, data)
    if isinstance(data, str):
        decodes_or_refuses(decode_url, data)


@given(st.sampled_from(["status.php?", "get.php?get_messages=1&", "status.php?del=1&"]),
       st.lists(st.sampled_from(["login=a", "psw=b", "apikey=c", "phone=1,2", "id=3,4",
                                 "phone=1,", "id=3,", "fmt=1", "all=2", "charset=utf-8",
                                 "cnt=5", "start=01.01.2024", "end=01.02.2024", "format=8",
                                 "email=a@b", "prev_id=7", "x=%D0%96", "%", "+", "&",
                                 "=", "del=1", "get_messages=1"]), max_size=8))
def test_decoding_plausible_urls_returns_or_raises_decode_error(
        script: str, pairs: list[str]) -> None:
    decodes_or_refuses(decode_url, "https://smsc.ru/sys/" + script + "&".join(pairs))


@given(requests, st.sampled_from(["&", "=", "%", "%Z", "+", ",", "&&", "%FF", "中"]),
       st.integers(min_value=0))
def test_decoding_mangled_wire_returns_or_raises_decode_error(
        request: Request, junk: str, where: int) -> None:
    query = encode_query(request)
    cut = where % (len(query) + 1)
    decodes_or_refuses(decode_query, query[:cut] + junk + query[cut:])
