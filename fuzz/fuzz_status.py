"""Fuzz the status.php reply decoder (all formats, levels, charsets, policies).

atheris:  python fuzz/fuzz_status.py [libFuzzer options]      (see fuzz/README.md)
pytest:   python -m pytest fuzz/fuzz_status.py                 (runs the seed corpus)
"""

from __future__ import annotations

import sys

from smsc_codec import Reply, decode_status, encode_status

if __package__ in (None, ""):  # run as a script: make "fuzz" importable
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from fuzz.helpers import Options, check_one, run_atheris, seed_params, seeds

FAMILY = "status"


def decode(body: bytes, o: Options) -> Reply:
    return decode_status(body, fmt=o.fmt, all=o.all, charset=o.charset, policy=o.policy)


def encode(reply: Reply, o: Options) -> bytes:
    return encode_status(reply, fmt=o.fmt, all=o.all, charset=o.charset,
                         variant="legacy" if o.policy.fmt1_variant == "legacy" else "documented")


def one_input(data: bytes) -> None:
    check_one(data, decode, encode)


SEEDS = list(seeds(("status", "deviations", "malformed"), FAMILY))


@seed_params(SEEDS)
def test_corpus(seed: bytes) -> None:
    one_input(seed)


if __name__ == "__main__":
    run_atheris(one_input)
