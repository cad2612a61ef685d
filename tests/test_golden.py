"""The golden vectors of spec/vectors/ drive both directions.

Each vector was written by spec/make_vectors.py, a second implementation of the
layouts by plain templating; here the library must decode it to exactly the
expected canonical JSON with exactly the expected defects, and -- for canonical
vectors -- encode the value back to the very same bytes.
"""

from __future__ import annotations

from collections import Counter

import pytest

from smsc_codec import STRICT, DecodeError, to_canonical
from tests.vectors import VECTORS, Vector, defect_kinds

OK = [v for v in VECTORS if "error" not in v.meta]
BAD = [v for v in VECTORS if "error" in v.meta]
CANONICAL = [v for v in OK if v.meta["canonical"]]


def ids(vectors: list[Vector]) -> list[str]:
    return [v.name for v in vectors]


def test_the_corpus_covers_every_layout() -> None:
    # 2 kinds x 3 all x 4 fmt x single/multi, plus legacy fmt=1 rows; history in 4 fmts
    # with 0, 1, 2 records; errors and deletes in every fmt.
    folders = Counter(v.name.split("/")[0] for v in VECTORS)
    assert folders["status"] >= 2 * 3 * 4 * 2 + 4
    assert folders["history"] >= 4 * 3
    assert folders["delete"] == 8
    for kind in ("sms", "hlr"):
        for all_ in (0, 1, 2):
            for fmt in (0, 1, 2, 3):
                for multi in ("single", "multi"):
                    assert any(v.name == f"status/{kind}-all{all_}-fmt{fmt}-{multi}"
                               for v in VECTORS)


@pytest.mark.parametrize("vector", OK, ids=ids(OK))
def test_decode(vector: Vector) -> None:
    reply = vector.decode()
    assert to_canonical(reply) == vector.meta["expect"]
    assert defect_kinds(reply) == vector.meta["defects"]


@pytest.mark.parametrize("vector", OK, ids=ids(OK))
def test_decode_pinned_agrees_with_detection(vector: Vector) -> None:
    assert vector.decode(pinned=True) == vector.decode()


@pytest.mark.parametrize("vector", OK, ids=ids(OK))
def test_strict_raises_exactly_on_defects(vector: Vector) -> None:
    if vector.meta["defects"]:
        with pytest.raises(DecodeError) as info:
            vector.decode(policy=STRICT)
        assert info.value.kind == vector.meta["defects"][0]
    else:
        assert vector.decode(policy=STRICT) == vector.decode()


@pytest.mark.parametrize("vector", CANONICAL, ids=ids(CANONICAL))
def test_encode_gives_the_same_bytes(vector: Vector) -> None:
    assert vector.encode(vector.decode()) == vector.wire


@pytest.mark.parametrize("vector", CANONICAL, ids=ids(CANONICAL))
def test_canonical_json_encodes_to_the_wire(vector: Vector) -> None:
    assert vector.encode(vector.from_expect()) == vector.wire


@pytest.mark.parametrize("vector", BAD, ids=ids(BAD))
def test_malformed_raises_with_kind_and_offset(vector: Vector) -> None:
    with pytest.raises(DecodeError) as info:
        vector.decode()
    expected = vector.meta["error"]
    assert info.value.kind == expected["kind"]
    if "pos" in expected:
        assert info.value.pos == expected["pos"]
