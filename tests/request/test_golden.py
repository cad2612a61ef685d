"""The golden vectors of spec/requests/ (the vendor's example URLs among them).

Each ``<case>.url`` (one URL) or ``<case>.form`` (a POST body, decoded for the
``endpoint`` its expectation names) sits next to ``<case>.expected.json``, written
by hand: either the masked canonical JSON of the request, the reply layout it
implies and the canonical query string it re-encodes to, or the error it raises
(``field``, ``kind``, ``pos``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from smsc_codec.errors import DecodeError
from smsc_codec.layouts import Endpoint
from smsc_codec.request import (
    Request,
    decode_form,
    decode_url,
    encode_query,
    reply_layout,
    reply_layout_to_json,
    request_to_json,
)

SPEC = Path(__file__).parents[2] / "spec" / "requests"
CASES = sorted(p for p in SPEC.iterdir() if p.suffix in (".url", ".form"))


def test_the_corpus_is_there() -> None:
    names = {p.stem for p in CASES}
    assert len(names) == len(CASES) >= 40
    assert {"doc_status", "doc_delete", "doc_history_last_ten",
            "doc_history_by_phone"} <= names
    assert all((SPEC / f"{p.stem}.expected.json").is_file() for p in CASES)


def _decode(path: Path, expected: dict[str, Any]) -> Request:
    if path.suffix == ".url":
        return decode_url(path.read_text("ascii").removesuffix("\n"))
    return decode_form(path.read_bytes(), endpoint=Endpoint(expected["endpoint"]))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_golden(path: Path) -> None:
    expected = orjson.loads((SPEC / f"{path.stem}.expected.json").read_bytes())
    if "error" in expected:
        with pytest.raises(DecodeError) as caught:
            _decode(path, expected)
        error = caught.value
        assert {"error": {"field": error.field, "kind": error.kind, "pos": error.pos}} == expected
        return
    request = _decode(path, expected)
    got = {
        "request": request_to_json(request),
        "reply_layout": reply_layout_to_json(reply_layout(request)),
        "query": encode_query(request),
    }
    if "endpoint" in expected:
        got = {"endpoint": expected["endpoint"]} | got
    assert got == expected
