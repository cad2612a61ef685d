"""``mask_json`` looks for what needs masking once in a value's JSON text, and walks
the value string by string only when something may (issue 14, speed): the result
is always the walk's."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.captures import _mask, mask_json, scan
from smsc_codec.captures._model import exchange_to_json
from tests.captures.generate import har_capture

#: Pieces of the two shapes masked, their near misses, and what JSON escapes:
#: quotes, backslashes, line breaks, control characters, whitespace JSON escapes
#: and whitespace it does not; "ſ" and "K" (Kelvin) fold to "s" and "k" under a
#: case-insensitive match.
_PIECES = ["psw", "PSW", "pſw", "apiKey", "api\u212aey", "apikey", "=", " = ", "&", ":",
           "::", "a:b", "login", '"', "'", "\\", "\n", "\r", "\x01", "\t", "\x0b", "\x1c", "\x85",
           "\u2028", "<", "x", "7", "й", " "]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=10).map("".join)
_JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False) | _TEXT
    | st.text(max_size=5),  # lone surrogates too: a value orjson does not write
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(_TEXT, inner, max_size=4),
    max_leaves=25,
)


def _as_lists(value: Any) -> Any:
    """*value* with every tuple a list: what the walk makes of arrays."""
    if isinstance(value, dict):
        return {k: _as_lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_lists(v) for v in value]
    return value


@given(_JSON)
def test_mask_json_is_the_string_by_string_walk(value: Any) -> None:
    walked = _mask._mask_each(value)
    masked = mask_json(value)
    assert repr(_as_lists(masked)) == repr(walked)  # every string, every type, in order
    if masked is not value:
        assert repr(masked) == repr(walked)  # a new value is the walk's, lists for tuples


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [*value, *(s for v in value.values() for s in _strings(v))]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


@given(_JSON)
def test_a_value_with_nothing_to_mask_comes_back_itself(value: Any) -> None:
    """No copy of what needs no masking (a copy of a 15 MB entry's records was
    86 MiB of ``scan``'s peak): the value itself whenever no string holds an ``=``
    or a colon (the search may walk a value with them that needs nothing masked:
    "::::" -- then the result is the walk's, as above) and orjson can write it."""
    try:
        orjson.dumps(value, option=_mask._ONLY_JSON)
    except TypeError:
        return  # walked: a new value
    if not any("=" in s or ":" in s for s in _strings(value)):
        assert mask_json(value) is value


def test_every_exchange_of_a_capture_masks_as_the_walk_does() -> None:
    capture = har_capture(rounds=1)
    masked = 0
    for exchange in scan(io.BytesIO(capture.data)):
        out = exchange_to_json(exchange)
        assert out == _mask._mask_each(out)
        masked += "***" in repr(out)
    assert masked > 10


def test_a_float_json_cannot_write_is_written_as_the_writers_write_it() -> None:
    value = [float("inf"), float("-inf"), 1.5]
    assert mask_json(value) is value
    assert orjson.dumps(mask_json(value)) == b"[null,null,1.5]"


@dataclass
class Point:
    text: str


@pytest.mark.parametrize("value", [
    {"when": datetime.datetime(2026, 12, 2, 9, 15)},
    [Point("psw=1")],
    {"n": 1 << 70, "s": "psw=secret"},
])
def test_values_json_has_no_type_for_come_back_as_they_are(value: Any) -> None:
    assert repr(mask_json(value)) == repr(_mask._mask_each(value))


def test_a_value_with_nothing_to_mask_is_not_walked_string_by_string(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Seventy strings in a scan's record, nearly always nothing to mask: one search
    of its JSON text instead of seventy calls."""
    def walked(text: str) -> str:
        raise AssertionError(f"mask() called on {text!r}")

    monkeypatch.setattr(_mask, "mask", walked)
    value = {"source": {"file": "a.har", "entry": 3},
             "request": {"login": "a", "psw": "***", "apikey": "***"},
             "reply": [{"id": "7", "cost": "1.5",
             "last_date": "21.11.2026 09:15:02", "message": 'a "quoted" text = 1'}]}
    assert mask_json(value) is value
