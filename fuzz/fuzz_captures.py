"""Fuzz the capture readers (HAR, mbox/.eml, dumps, gzip) and sniffing.

atheris:  python fuzz/fuzz_captures.py [libFuzzer options]
pytest:   python -m pytest fuzz/fuzz_captures.py

Any bytes are a capture of some container (the first byte picks a container or
lets the reader detect it): scanning must yield exchanges -- each decoded or
carrying its error -- or raise DecodeError for an unusable input, and nothing
else; every exchange must have a JSON line.  Sniffing any body returns a verdict.
"""

from __future__ import annotations

import io
import pathlib
import sys

from smsc_codec import DecodeError, captures
from smsc_codec.captures import Container
from smsc_codec.sniff import sniff

if __package__ in (None, ""):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from fuzz.helpers import CORPUS, ROOT, run_atheris, seed_params

CONTAINERS: tuple[Container | None, ...] = (None, "har", "mbox", "eml", "dump")


def one_input(data: bytes) -> None:
    if not data:
        return
    container = CONTAINERS[data[0] % len(CONTAINERS)]
    body = data[1:]
    try:
        scan = captures.scan(io.BytesIO(body), name="fuzz", container=container)
        for exchange in scan:
            captures.exchange_to_json(exchange)
    except DecodeError:
        pass
    sniff(body)


def _seeds() -> list[tuple[str, bytes]]:
    seeds = [("examples/session.har", b"\x01" + (ROOT / "examples" / "session.har").read_bytes())]
    for path in sorted((ROOT / "spec" / "vectors").glob("*/*.wire"))[::3]:
        seeds.append((f"dump/{path.parent.name}/{path.stem}", b"\x04" + path.read_bytes()))
    for path in sorted((ROOT / "spec" / "smtp" / "mail").glob("*.eml"))[::2]:
        seeds.append((f"eml/{path.stem}", b"\x03" + path.read_bytes()))
    seeds += [(f"corpus/{p.name}", p.read_bytes())
              for p in sorted((CORPUS / "captures").glob("*"))]
    return seeds


SEEDS = _seeds()


@seed_params(SEEDS)
def test_corpus(seed: bytes) -> None:
    one_input(seed)


if __name__ == "__main__":
    run_atheris(one_input)
