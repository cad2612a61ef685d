"""The HAR walk's two ways of cutting an entry agree (issue 14, speed).

An entry the window already holds is cut by one regular-expression match
(``har._WHOLE``); one that runs past the window, or nests deeper than the pattern
follows, by the bracket counter (``_Cursor._container``), which keeps the limits.
Both must cut every input -- JSON or not -- at the same byte, in any chunking.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.captures import har
from smsc_codec.errors import DecodeError

#: A pattern that never matches: the walk with the fast cut switched off.
_NEVER = re.compile(rb"(?!)")

#: Strings full of what a byte scanner can trip on: brackets, quotes, escapes.
_TEXT = st.text(alphabet=st.sampled_from(list('{}[]",:\\ a\n\tй\u2028')), max_size=12)
_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers(-10, 10) | _TEXT,
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=30,
)


def deep(value: Any, depth: int) -> Any:
    """*value* inside *depth* alternating objects and arrays."""
    for n in range(depth):
        value = {"k}": value} if n % 2 else [value]
    return value


def pieces(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i:i + size] for i in range(0, len(data), size))


def walk(data: bytes, size: int) -> list[tuple[int, bytes | None]] | tuple[str, int | None]:
    """Every raw entry, or the error the walk ended with (its kind and position)."""
    out: list[tuple[int, bytes | None]] = []
    try:
        out.extend(har.raw_entries(pieces(data, size)))
    except DecodeError as exc:
        return exc.kind, exc.pos
    return out


def both(data: bytes, size: int, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    fast = walk(data, size)
    with monkeypatch.context() as patch:
        patch.setattr(har, "_WHOLE", _NEVER)
        counted = walk(data, size)
    return fast, counted


@given(entries=st.lists(st.tuples(_JSON, st.integers(0, 16)), max_size=6),
       size=st.sampled_from([1, 3, 64, 1 << 16]), indent=st.booleans())
def test_the_regex_cut_and_the_bracket_counter_agree_on_json(
        entries: list[tuple[Any, int]], size: int, indent: bool) -> None:
    """Real JSON entries, some nested deeper than the pattern follows (the counter
    takes those), in chunks of every size: the same entries, byte for byte."""
    option = orjson.OPT_INDENT_2 if indent else 0
    doc = orjson.dumps({"log": {"entries": [deep(v, d) for v, d in entries]}}, option=option)
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, counted = both(doc, size, monkeypatch)
    assert fast == counted
    assert isinstance(fast, list)
    assert [(i, orjson.loads(raw or b"null")) for i, raw in fast] == \
        [(i, deep(v, d)) for i, (v, d) in enumerate(entries)]


@given(body=st.binary(max_size=60) | st.text(alphabet='{}[]",\\ a1', max_size=60)
       .map(str.encode), size=st.sampled_from([1, 5, 1 << 16]))
def test_the_two_cuts_agree_on_any_bytes(body: bytes, size: int) -> None:
    """Bytes that are no JSON (unbalanced, mixed brackets, a string left open, a
    backslash last): the same entries, or the same error at the same place."""
    doc = b'{"log": {"entries": [' + body + b"]}}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, counted = both(doc, size, monkeypatch)
    assert fast == counted


def test_an_entry_in_the_window_is_cut_without_the_bracket_counter(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast cut is the one taken for an entry the window holds (the counter
    loops in Python once per string and bracket: about 4x slower)."""
    entries = [{"request": {"url": "https://cdn.example.org/a}.js", "headers": [
        {"name": "X", "value": '"]}'}]}}, {"request": {"url": "\\\"{"}}]
    doc = orjson.dumps({"log": {"entries": entries}})

    def counter(self: object, limit: int | None) -> None:
        raise AssertionError("the bracket counter cut an entry the window held")

    monkeypatch.setattr(har._Cursor, "_container", counter)
    assert list(har.raw_entries(iter([doc]))) == [(0, orjson.dumps(entries[0])),
                                                 (1, orjson.dumps(entries[1]))]


def test_an_entry_nested_deeper_than_the_pattern_is_cut_by_the_counter() -> None:
    entry = deep("x", har._WHOLE_DEPTH + 3)
    doc = orjson.dumps({"log": {"entries": [entry, 1]}})
    assert har._WHOLE.match(orjson.dumps(entry)) is None
    assert list(har.raw_entries(iter([doc]))) == [(0, orjson.dumps(entry)), (1, b"1")]
