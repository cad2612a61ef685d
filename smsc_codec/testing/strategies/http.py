"""Hypothesis strategies for valid request models, charset by charset.

Text is drawn from what the request's charset can carry (any character for utf-8,
the 255 or 256 characters of windows-1251 / koi8-r), so every model drawn is one a
client could send; list items leave out the comma, their separator.
"""

from __future__ import annotations

import functools
from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from smsc_codec.charset import Charset
from smsc_codec.request import (
    PARAMS,
    Auth,
    DeleteRequest,
    HistoryRequest,
    Request,
    RequestKind,
    Secret,
    StatusRequest,
)


def _single_byte_alphabet(codec: str) -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue  # windows-1251 leaves 0x98 undefined
    return "".join(chars)


#: The characters each request charset carries (``None``: the default windows-1251).
_WINDOWS_1251 = _single_byte_alphabet("windows-1251")
ALPHABETS: dict[Charset | None, str | None] = {
    None: _WINDOWS_1251,
    "windows-1251": _WINDOWS_1251,
    "koi8-r": _single_byte_alphabet("koi8-r"),
    "utf-8": None,  # any character but a lone surrogate
}
#: A request's ``charset``: none (the default), or one of the three.
charsets: st.SearchStrategy[Charset | None] = st.sampled_from(
    [None, "windows-1251", "koi8-r", "utf-8"])


@functools.cache  # built once: see records.py
def text(charset: Charset | None, *, max_size: int = 20,
         exclude: str = "") -> st.SearchStrategy[str]:
    """Non-empty text *charset* can carry (less the characters in *exclude*)."""
    # Characters as an alphabet or exclusions, never a filter: then hypothesis draws
    # the whole string as one choice, several times faster than char by char.
    alphabet = ALPHABETS[charset]
    chars = st.characters(exclude_categories=["Cs"], exclude_characters=exclude) \
        if alphabet is None else st.characters(
            categories=(), include_characters="".join(c for c in alphabet if c not in exclude))
    return st.text(chars, min_size=1, max_size=max_size)


@functools.cache  # built once: see records.py
def items(charset: Charset | None, *, size: int, max_item: int = 20) -> st.SearchStrategy[
        tuple[str, ...]]:
    """*size* list items (no comma: it separates them)."""
    return st.lists(text(charset, exclude=",", max_size=max_item), min_size=size,
                    max_size=size).map(tuple)


@functools.cache  # built once: see records.py
def auths(charset: Charset | None) -> st.SearchStrategy[Auth]:
    """A login with its password, or an API key."""
    return st.one_of(
        st.builds(Auth, login=text(charset), psw=text(charset).map(Secret)),
        st.builds(Auth, apikey=text(charset).map(Secret)),
    )


_ALL_NAMES = {p.name for p in PARAMS}
_MARKERS = {p.name for p in PARAMS if p.attr is None}


@functools.cache  # built once: see records.py
def extras(kind: RequestKind, charset: Charset | None) -> st.SearchStrategy[
        tuple[tuple[str, str], ...]]:
    """Unknown parameters: made-up names, and other requests' parameters (``cnt`` on
    a status request), never this request's own or a marker."""
    own = {p.name for p in PARAMS if kind in p.requests}
    foreign = sorted(_ALL_NAMES - own - _MARKERS)
    names = st.one_of(st.sampled_from(foreign) if foreign else st.nothing(),
                      text(charset, max_size=8).filter(lambda n: n not in _ALL_NAMES))
    values = st.one_of(st.just(""), text(charset))
    return st.lists(st.tuples(names, values), max_size=3).map(tuple)


#: A request's ``fmt``: none (the server's default 0) or 0-3.
optional_fmt = st.none() | st.integers(0, 3)


def _id_phone_fields(draw: st.DrawFn) -> dict[str, Any]:
    """What status and delete requests share: a charset, credentials, 1-4 (id, phone)
    pairs, the multi-format switch and any ``fmt`` (drawn in this order)."""
    charset = draw(charsets)
    size = draw(st.integers(1, 4))
    return {
        "charset": charset,
        "auth": draw(auths(charset)),
        "phones": draw(items(charset, size=size)),
        "ids": draw(items(charset, size=size, max_item=40)),
        "keep_multi_format": draw(st.booleans()),
        "fmt": draw(optional_fmt),
    }


@st.composite
def status_requests(draw: st.DrawFn) -> StatusRequest:
    """A valid ``status.php`` request: 1-4 (id, phone) pairs, any ``fmt``,
    ``all`` and ``charset``, unknown parameters kept."""
    fields = _id_phone_fields(draw)
    fields["all"] = draw(st.none() | st.integers(0, 2))
    return StatusRequest(**fields, extra=draw(extras(RequestKind.STATUS, fields["charset"])))


@st.composite
def delete_requests(draw: st.DrawFn) -> DeleteRequest:
    """A valid ``del=1`` request."""
    fields = _id_phone_fields(draw)
    return DeleteRequest(**fields, extra=draw(extras(RequestKind.DELETE, fields["charset"])))


@st.composite
def periods(draw: st.DrawFn) -> tuple[date | None, date | None]:
    """A history ``start``/``end``: none, a start, or a span of at most six
    months ('The maximum period ... is six months')."""
    start = draw(st.none() | st.dates(min_value=date(1, 1, 1), max_value=date(9999, 6, 1)))
    if start is None or draw(st.booleans()):
        return start, None
    # Up to 184 days covers every six-month span; the filter keeps the legal ones.
    end = start + timedelta(days=draw(st.integers(0, 184)))
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 6 or (months == 6 and end.day > start.day):
        end = start  # the tests of the limit itself are example-based
    return start, end


@st.composite
def history_requests(draw: st.DrawFn) -> HistoryRequest:
    """A valid ``get.php?get_messages=1`` request."""
    charset = draw(charsets)
    start, end = draw(periods())
    target = draw(st.sampled_from(["none", "phones", "emails"]))
    size = draw(st.integers(1, 3))
    return HistoryRequest(
        auth=draw(auths(charset)),
        start=start,
        end=end,
        phones=draw(items(charset, size=size)) if target == "phones" else (),
        emails=draw(items(charset, size=size)) if target == "emails" else (),
        format=draw(st.sampled_from([None, 0, 8])),
        cnt=draw(st.none() | st.integers(1, 1000)),
        prev_id=draw(st.none() | text(charset)),
        fmt=draw(optional_fmt),
        charset=charset,
        extra=draw(extras(RequestKind.HISTORY, charset)),
    )


#: Any HTTP request: status, delete or history.
requests: st.SearchStrategy[Request] = st.one_of(
    status_requests(), delete_requests(), history_requests())
