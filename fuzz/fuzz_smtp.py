"""Fuzz the SMTP decoders: send lines, send e-mails, replies and reply e-mails.

atheris:  python fuzz/fuzz_smtp.py [libFuzzer options]
pytest:   python -m pytest fuzz/fuzz_smtp.py

The first byte picks the decoder and the charset; a decoded value must encode
(or raise EncodeError) and read back equal, defects aside.
"""

from __future__ import annotations

import dataclasses
import pathlib
import sys
from collections.abc import Callable
from typing import Any

from smsc_codec import CHARSETS, LENIENT, STRICT, DecodeError, EncodeError, smtp

if __package__ in (None, ""):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from fuzz.helpers import CORPUS, ROOT, run_atheris, seed_params

Codec = tuple[Callable[[bytes, Any], Any], Callable[[Any], bytes]]


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode("utf-8") if isinstance(value, str) else value


def _codecs(charset: str) -> list[Codec]:
    return [
        (lambda b, p: smtp.decode_line(b, charset=charset, policy=p),
         lambda v: _as_bytes(smtp.encode_line(v, charset=charset))),
        (lambda b, p: smtp.decode_send_mail(b, policy=p), smtp.encode_send_mail),
        (lambda b, p: smtp.decode_reply(b, charset=charset, policy=p),
         lambda v: _as_bytes(smtp.encode_reply(v, charset=charset))),
        (lambda b, p: smtp.decode_reply_mail(b, policy=p), smtp.encode_reply_mail),
    ]


def _plain(value: Any) -> Any:
    """*value* without defects, nested request/reply included."""
    for inner in ("request", "reply"):
        if hasattr(value, inner):
            value = dataclasses.replace(value, **{inner: _plain(getattr(value, inner))})
    return dataclasses.replace(value, defects=()) if hasattr(value, "defects") else value


def one_input(data: bytes) -> None:
    if not data:
        return
    charset = CHARSETS[(data[0] >> 2) % 3]
    decode, encode = _codecs(charset)[data[0] % 4]
    policy = STRICT if data[0] & 0x80 else LENIENT
    try:
        first = decode(data[1:], policy)
    except DecodeError:
        return
    try:
        wire = encode(first)
    except EncodeError:
        return
    second = decode(wire, LENIENT)
    if _plain(second) != _plain(first):
        raise AssertionError(f"re-encoded value differs:\n{first!r}\n{second!r}\n{wire!r}")


def _seeds() -> list[tuple[str, bytes]]:
    kinds = {".line": 0x08, ".eml": 0x01, ".reply": 0x0A}  # utf-8 for bare lines
    seeds = []
    for path in sorted((ROOT / "spec" / "smtp").rglob("*")):
        if path.suffix in kinds:
            first = kinds[path.suffix]
            if path.suffix == ".eml" and b"OK -" in path.read_bytes()[:4000]:
                first = 0x03
            seeds.append((str(path.relative_to(ROOT / "spec" / "smtp")),
                          bytes([first]) + path.read_bytes()))
    seeds += [(f"corpus/{p.name}", p.read_bytes()) for p in sorted((CORPUS / "smtp").glob("*"))]
    return seeds


SEEDS = _seeds()


@seed_params(SEEDS)
def test_corpus(seed: bytes) -> None:
    one_input(seed)


if __name__ == "__main__":
    run_atheris(one_input)
