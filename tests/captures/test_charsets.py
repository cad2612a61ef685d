"""Dumps carry no charset: whole reply bodies are detected and repaired (measured).

spec/charset-detection.md measures the detector on SMS texts alone, where short
ones are hard.  A reply body is more: every golden vector with Cyrillic text, its
characters written in each of the API's charsets (where they fit), is detected
right, with a confidence of 0.98 or more; and every one of them, misread as Latin-1
and saved as UTF-8 by some tool, is repaired to the very text.  The figures are in
spec/captures.md ("Unknown charsets"); this test pins them.
"""

from __future__ import annotations

import io
from collections import Counter

from smsc_codec.canonical import to_canonical
from smsc_codec.captures import scan
from smsc_codec.captures._decode import CHARSETS_CODEC, detect
from tests.vectors import VECTORS

CYRILLIC = [v for v in VECTORS if "error" not in v.meta
            and "wrong-charset" not in v.meta["defects"]  # not text in its charset
            and not v.wire.decode(CHARSETS_CODEC[v.meta["charset"]]).isascii()]


def test_whole_bodies_are_detected() -> None:
    tally: Counter[tuple[str, str]] = Counter()
    lowest = 1.0
    for vector in CYRILLIC:
        text = vector.wire.decode(CHARSETS_CODEC[vector.meta["charset"]])
        for charset, codec in CHARSETS_CODEC.items():
            try:
                data = text.encode(codec)
            except UnicodeEncodeError:  # koi8-r has no "№"
                tally[charset, "does not fit"] += 1
                continue
            found, confidence = detect(data)
            tally[charset, "right" if found == charset else "wrong"] += 1
            lowest = min(lowest, confidence)
    assert dict(tally) == {("windows-1251", "right"): 92, ("utf-8", "right"): 92,
                           ("koi8-r", "right"): 72, ("koi8-r", "does not fit"): 20}
    assert lowest >= 0.98


def test_misread_dumps_are_repaired() -> None:
    """A dump of replies misread as Latin-1 and saved as UTF-8 decodes to the truth."""
    chosen = [v for v in CYRILLIC if b"\n" not in v.wire and b"\r" not in v.wire]
    data = b"".join(v.wire.decode(CHARSETS_CODEC[v.meta["charset"]]).encode(
        CHARSETS_CODEC[v.meta["charset"]]).decode("latin-1").encode("utf-8") + b"\n"
        for v in chosen)
    exchanges = list(scan(io.BytesIO(data), name="misread.txt", split="line"))
    assert len(exchanges) == len(chosen) > 50
    repaired: Counter[str] = Counter()
    for exchange, vector in zip(exchanges, chosen, strict=True):
        assert exchange.repaired is not None
        assert exchange.repaired.source == vector.meta["charset"]
        repaired[exchange.repaired.source] += 1
        if exchange.sniffed is not None and exchange.sniffed.certain:
            assert to_canonical(exchange.reply) == vector.meta["expect"]  # type: ignore[arg-type]
    assert set(repaired) == {"windows-1251", "koi8-r", "utf-8"}
