"""Fuzz the request decoders (URLs, query strings, form bodies).

atheris:  python fuzz/fuzz_request.py [libFuzzer options]
pytest:   python -m pytest fuzz/fuzz_request.py

The first byte picks the entry point; a decoded request must encode to a URL that
decodes to an equal request.
"""

from __future__ import annotations

import pathlib
import sys

from smsc_codec import DecodeError
from smsc_codec.request import decode_form, decode_query, decode_request, decode_url, encode_url

if __package__ in (None, ""):
    sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent))
from fuzz.helpers import CORPUS, ROOT, run_atheris, seed_params

ENTRIES = (
    lambda b: decode_query(b),
    lambda b: decode_form(b),
    lambda b: decode_url(b.decode("utf-8", "replace")),
    lambda b: decode_request(b.decode("latin-1")),
)


def one_input(data: bytes) -> None:
    if not data:
        return
    try:
        request = ENTRIES[data[0] % len(ENTRIES)](data[1:])
    except DecodeError:
        return
    again = decode_url(encode_url(request))
    if again != request:
        raise AssertionError(f"re-encoded request differs:\n{request!r}\n{again!r}")


def _seeds() -> list[tuple[str, bytes]]:
    seeds = []
    for path in sorted((ROOT / "spec" / "requests").glob("*.url")):
        url = path.read_bytes().strip()
        seeds.append((path.stem, b"\x02" + url))
        seeds.append((path.stem + "-query", b"\x00" + url.partition(b"?")[2]))
    seeds += [(f"corpus/{p.name}", p.read_bytes())
              for p in sorted((CORPUS / "request").glob("*"))]
    return seeds


SEEDS = _seeds()


@seed_params(SEEDS)
def test_corpus(seed: bytes) -> None:
    one_input(seed)


if __name__ == "__main__":
    run_atheris(one_input)
