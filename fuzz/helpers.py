"""What every fuzz harness shares: picking decoder options from the input, the
round-trip check, the seed corpus, and running as plain pytest.

A harness maps an input (bytes) to one decode call.  The first byte chooses the
options (fmt, all, charset, policy); the rest is the body.  The harness:

1. allows only the library's ``DecodeError`` out of a decoder (anything else is a
   finding);
2. decodes again with the fast lanes off (the general reader alone,
   spec/decisions.md D-lazy-typing) and requires the very same value, repr and
   defects, or the same error;
3. requires every byte offset a defect or the error names to lie within the body;
4. re-encodes every successful decode -- an ``EncodeError`` is allowed (lenient
   decoding accepts what the format cannot write back canonically) -- and checks
   that decoding that output gives an equal value (defects aside).
"""

from __future__ import annotations

import contextlib
import pathlib
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from smsc_codec import CHARSETS, LENIENT, STRICT, DecodeError, EncodeError, Policy, Reply
from smsc_codec.canonical import without_defects
from smsc_codec.sniff import all_defects
from smsc_codec.wire import _fast

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "spec" / "vectors"
#: Every fuzz finding, kept as a regression seed beside the golden vectors.
CORPUS = ROOT / "spec" / "regressions"


@dataclass(frozen=True)
class Options:
    fmt: int
    all: int
    charset: str
    policy: Policy

    @classmethod
    def from_byte(cls, b: int) -> Options:
        policies = (LENIENT, STRICT, Policy(fmt1_variant="legacy"), LENIENT)
        return cls(fmt=b & 3, all=(b >> 2) % 3, charset=CHARSETS[(b >> 4) % 3],
                   policy=policies[(b >> 6) & 3])

    def to_byte(self) -> int:
        policy = 1 if self.policy.strict else 2 if self.policy.fmt1_variant == "legacy" else 0
        return self.fmt | self.all << 2 | CHARSETS.index(self.charset) << 4 | policy << 6


F = TypeVar("F", bound=Callable[..., Any])
Decode = Callable[[bytes, Options], Reply]
Encode = Callable[[Reply, Options], bytes]


def check_one(data: bytes, decode: Decode, encode: Encode) -> None:
    """The harness body: see the module docstring."""
    if not data:
        return
    options, body = Options.from_byte(data[0]), data[1:]
    try:
        first = decode(body, options)
    except DecodeError as exc:
        check_pos(exc.pos, body, exc)
        with general_reader_only():
            try:
                decode(body, options)
            except DecodeError as again:
                if str(again) != str(exc) or again.kind != exc.kind:
                    raise AssertionError(f"the lanes raise {exc!r}, the reader {again!r}"
                                         ) from None
                return
        raise AssertionError(f"the lanes raise {exc!r}, the reader does not") from None
    with general_reader_only():
        general = decode(body, options)
    if general != first or repr(general) != repr(first):
        raise AssertionError(f"the lanes and the reader differ:\n{first!r}\n{general!r}")
    for defect in all_defects(first):
        check_pos(defect.pos, body, defect)
    try:
        wire = encode(first, options)
    except EncodeError:
        return
    # Read back leniently, but with the same layout variant as the first read.
    lenient = Policy(fmt1_variant=options.policy.fmt1_variant)
    second = decode(wire, Options(options.fmt, options.all, options.charset, lenient))
    if without_defects(second) != without_defects(first):
        raise AssertionError(f"re-encoded value differs:\n{first!r}\n{second!r}\n{wire!r}")


def check_pos(pos: int | None, body: bytes, what: object) -> None:
    """A position is a byte offset into the body (its end included), or none."""
    if pos is not None and not 0 <= pos <= len(body):
        raise AssertionError(f"{what!r} names byte {pos} of a {len(body)}-byte body")


@contextlib.contextmanager
def general_reader_only() -> Iterator[None]:
    """The decoders' fast lanes off (smsc_codec.wire._fast.ENABLED), for a moment."""
    saved, _fast.ENABLED = _fast.ENABLED, False
    try:
        yield
    finally:
        _fast.ENABLED = saved


def seed_params(seeds: list[tuple[str, bytes]]) -> Callable[[F], F]:
    """``@seed_params(SEEDS)``: run a harness's pytest function once per seed."""
    assert seeds, "a harness without seeds would test nothing"
    mark: Callable[[F], F] = pytest.mark.parametrize(
        "seed", [s for _, s in seeds], ids=[n for n, _ in seeds])
    return mark


def run_atheris(one_input: Callable[[bytes], None]) -> None:
    """The harness as a libFuzzer target (``python fuzz/fuzz_<family>.py [options]``)."""
    import atheris

    atheris.instrument_all()  # coverage for the already imported library
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


def seeds(folders: tuple[str, ...], family: str) -> Iterator[tuple[str, bytes]]:
    """The seed corpus: golden vectors of spec/ (with their options) and findings."""
    import json

    for folder in folders:
        for meta_path in sorted((VECTORS / folder).glob("*.json")):
            meta = json.loads(meta_path.read_text("utf-8"))
            legacy = meta.get("variant") == "legacy"
            options = Options(meta["fmt"], meta["all"], meta["charset"],
                              Policy(fmt1_variant="legacy") if legacy else LENIENT)
            yield (f"{folder}/{meta_path.stem}",
                   bytes([options.to_byte()]) + meta_path.with_suffix(".wire").read_bytes())
    for path in sorted((CORPUS / family).glob("*")):
        yield f"corpus/{family}/{path.name}", path.read_bytes()
