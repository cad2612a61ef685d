"""Totality: any input decodes to a value or raises the library's DecodeError.

Nothing else may escape a decoder -- not lxml's, orjson's or the codecs' errors,
not IndexError or RecursionError.  Inputs: arbitrary bytes and text, and mutations
(truncation, byte flips, insertions, duplication) of every golden vector.
"""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzz import fuzz_captures, fuzz_delete, fuzz_history, fuzz_request, fuzz_smtp, fuzz_status
from smsc_codec import (
    CHARSETS,
    STRICT,
    DecodeError,
    Policy,
    decode_delete,
    decode_status,
    iter_history,
    iter_status,
)
from smsc_codec.history import decode_history
from tests.modes import examples
from tests.vectors import VECTORS, Vector

POLICIES = st.sampled_from([Policy(), STRICT, Policy(fmt1_variant="legacy")])


@settings(max_examples=examples(300), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.one_of(st.binary(max_size=300), st.text(max_size=200)),
       fmt=st.integers(0, 3), all_level=st.integers(0, 2), charset=st.sampled_from(CHARSETS),
       multi=st.sampled_from([None, True, False]), policy=POLICIES)
def test_status_decoder_is_total(data: bytes | str, fmt: int, all_level: int, charset: str,
                                 multi: bool | None, policy: Policy) -> None:
    with contextlib.suppress(DecodeError):
        decode_status(data, fmt=fmt, all=all_level, charset=charset, multi=multi, policy=policy)


@settings(max_examples=examples(200))
@given(data=st.binary(max_size=200), fmt=st.integers(0, 3), charset=st.sampled_from(CHARSETS),
       policy=POLICIES)
def test_delete_and_history_decoders_are_total(data: bytes, fmt: int, charset: str,
                                                policy: Policy) -> None:
    for decode in (decode_delete, decode_history):
        with contextlib.suppress(DecodeError):
            decode(data, fmt=fmt, charset=charset, policy=policy)


def _mutations() -> st.SearchStrategy[bytes]:
    def mutate(vector: Vector, how: str, at: float, byte: int) -> bytes:
        wire = vector.wire
        i = int(at * len(wire))
        if how == "truncate":
            return wire[:i]
        if how == "flip":
            return wire[:i] + bytes([byte]) + wire[i + 1 :]
        if how == "insert":
            return wire[:i] + bytes([byte]) + wire[i:]
        return wire[:i] + wire  # duplicate a prefix
    return st.builds(mutate, st.sampled_from(VECTORS),
                     st.sampled_from(["truncate", "flip", "insert", "duplicate"]),
                     st.floats(0, 1, exclude_max=True), st.integers(0, 255))


@pytest.mark.parametrize("policy", [Policy(), STRICT], ids=["lenient", "strict"])
@settings(max_examples=examples(400), suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_mutated_vectors_decode_or_raise_decode_error(policy: Policy, data: st.DataObject
                                                      ) -> None:
    vector = data.draw(st.sampled_from(VECTORS))
    wire = data.draw(_mutations())
    with contextlib.suppress(DecodeError):
        vector.decode(policy=policy, data=wire)


# --- every fuzz harness over mutations of its seeds (the golden vectors) ---------

HARNESSES = {
    "status": fuzz_status, "history": fuzz_history, "delete": fuzz_delete,
    "request": fuzz_request, "smtp": fuzz_smtp, "captures": fuzz_captures,
}


def _mutate(seed: bytes, how: str, at: float, byte: int) -> bytes:
    # The first byte of a seed picks the harness's options; mutate the rest.
    head, wire = seed[:1], seed[1:]
    i = int(at * len(wire))
    if how == "truncate":
        wire = wire[:i]
    elif how == "flip":
        wire = wire[:i] + bytes([byte]) + wire[i + 1 :]
    elif how == "insert":
        wire = wire[:i] + bytes([byte]) + wire[i:]
    else:
        wire = wire[:i] + wire
    return head + wire


@pytest.mark.parametrize("name", sorted(HARNESSES))
@settings(max_examples=examples(150), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_every_harness_survives_mutated_seeds(name: str, data: st.DataObject) -> None:
    """Only DecodeError out of a decoder, and what decodes re-encodes and reads back
    equal (the harness's own check), for mutated golden vectors of every family."""
    module = HARNESSES[name]
    seed = data.draw(st.sampled_from([s for _, s in module.SEEDS]))
    how = data.draw(st.sampled_from(["truncate", "flip", "insert", "duplicate"]))
    module.one_input(_mutate(seed, how, data.draw(st.floats(0, 1, exclude_max=True)),
                             data.draw(st.integers(0, 255))))


# --- the streaming decoders --------------------------------------------------------


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.binary(max_size=300), cut=st.integers(1, 64), fmt=st.integers(0, 3),
       all_level=st.integers(0, 2), charset=st.sampled_from(CHARSETS), policy=POLICIES)
def test_stream_decoders_are_total(data: bytes, cut: int, fmt: int, all_level: int,
                                   charset: str, policy: Policy) -> None:
    """iter_status / iter_history over arbitrary bytes in arbitrary chunks: records or
    a DecodeError, nothing else (an error reply is a value, at .reply)."""
    chunks = [data[i : i + cut] for i in range(0, len(data), cut)]
    with contextlib.suppress(DecodeError):
        list(iter_status(chunks, fmt=fmt, all=all_level, charset=charset, policy=policy))
    with contextlib.suppress(DecodeError):
        list(iter_history(chunks, fmt=fmt, charset=charset, policy=policy))


@settings(max_examples=examples(200), suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(data=st.data())
def test_stream_decoders_survive_mutated_vectors(data: st.DataObject) -> None:
    """Mutated golden lists through the iterators: records or a DecodeError."""
    vector = data.draw(st.sampled_from([v for v in VECTORS
                                        if v.endpoint in ("status", "history")]))
    wire = data.draw(_mutations())
    cut = data.draw(st.integers(1, 64))
    chunks = [wire[i : i + cut] for i in range(0, len(wire), cut)]
    m = vector.meta
    with contextlib.suppress(DecodeError):
        if vector.endpoint == "history":
            list(iter_history(chunks, fmt=m["fmt"], charset=m["charset"]))
        else:
            list(iter_status(chunks, fmt=m["fmt"], all=m["all"], charset=m["charset"]))
