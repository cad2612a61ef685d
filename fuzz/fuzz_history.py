"""Fuzz the history (get.php?get_messages=1) reply decoder.

atheris:  python fuzz/fuzz_history.py [libFuzzer options]
pytest:   python -m pytest fuzz/fuzz_history.py
"""

from __future__ import annotations

import sys

from smsc_codec import Reply
from smsc_codec.history import decode_history, encode_history
from smsc_codec.models import ErrorReply, StatusList

if __package__ in (None, ""):
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parent.parent))
from fuzz.helpers import Options, check_one, seed_params, seeds

FAMILY = "history"


def decode(body: bytes, o: Options) -> Reply:
    return decode_history(body, fmt=o.fmt, charset=o.charset, policy=o.policy)


def encode(reply: Reply, o: Options) -> bytes:
    assert isinstance(reply, StatusList | ErrorReply)
    return encode_history(reply, fmt=o.fmt, charset=o.charset)


def one_input(data: bytes) -> None:
    check_one(data, decode, encode)


SEEDS = list(seeds(("history",), FAMILY))


@seed_params(SEEDS)
def test_corpus(seed: bytes) -> None:
    one_input(seed)


if __name__ == "__main__":
    import atheris

    atheris.instrument_all()  # coverage for the already imported library

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
