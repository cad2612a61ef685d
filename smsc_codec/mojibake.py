"""Which of the API's charsets some bytes are in, and repair of text read in the wrong one.

This module owns two guesses, both pure functions with no side effects:

:func:`repair_mojibake`
    text that is really windows-1251, koi8-r or utf-8 but was decoded as Latin-1 or
    cp1252 somewhere on the way (a mail gateway, a log viewer, a web page).  The
    vendor's own SMTP page is an example: ``G<íîìåð ãðóïïû>`` is ``G<номер группы>``
    in windows-1251 read as Latin-1.
:func:`detect_charset`
    raw bytes with no charset label, choosing among the three the API speaks
    (:data:`~smsc_codec.charset.CHARSETS`), with charset-normalizer doing the
    statistics.

Neither is used by the decoders on their own: a reply's charset is the one the request
asked for.  They are tools for input whose charset was lost, and both may be wrong on
very short text (``spec/charset-detection.md`` gives the measured accuracy).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes

from smsc_codec.charset import CHARSETS, Charset
from smsc_codec.charset import PYTHON_CODEC as _CODEC
from smsc_codec.misread import plausible_unicode as _plausible_unicode
from smsc_codec.misread import read_as_russian as _read_as_russian
from smsc_codec.misread import utf8_reading

__all__ = ["REPAIR_SAMPLE", "Detection", "Misreading", "Repair", "detect_charset",
           "repair_mojibake"]

#: The ways a text was misread: as ISO 8859-1, or as windows-1252 (which differs
#: only in bytes 0x80-0x9F: "€‚ƒ„…" where Latin-1 has invisible C1 controls), and --
#: UTF-8 only -- as one of the API's 8-bit charsets, windows-1251 or koi8-r (the
#: commonest Russian mojibake: ``Р”РѕСЃС‚Р°РІР»РµРЅРѕ`` is ``Доставлено``).
Misreading = Literal["latin-1", "cp1252", "windows-1251", "koi8-r"]



@dataclass(frozen=True, slots=True)
class Repair:
    """A repaired text.

    ``text``
        the text as it was meant.
    ``source``
        the charset its bytes were really in.
    ``misread_as``
        how they were decoded instead.  ``"latin-1"`` also when windows-1252 would
        have given the same characters (no byte in 0x80-0x9F), which cannot be told
        apart; ``"windows-1251"`` or ``"koi8-r"`` for UTF-8 read in one of those.
    """

    text: str
    source: Charset
    misread_as: Misreading


@dataclass(frozen=True, slots=True)
class Detection:
    """The outcome of :func:`detect_charset`.

    ``charset``
        the most likely charset, ``None`` when no reading looks like text.
    ``confidence``
        0.0 .. 1.0 for ``charset``.
    ``candidates``
        every charset that gave a plausible reading, with its confidence, best first.
    ``note``
        ``"any"`` when the bytes are pure ASCII and read the same in all three.
    """

    charset: Charset | None
    confidence: float
    candidates: tuple[tuple[Charset, float], ...]
    note: str | None = None


#: How much of a text (its first bytes, once the misreading is undone) the choice
#: between windows-1251 and koi8-r is scored on.  Scoring is Python work per word;
#: a reply's mojibake is one charset throughout, and 64 KiB is hundreds of words,
#: far more than the choice needs (``spec/charset-detection.md``: a few dozen
#: letters decide it) -- beyond it the bytes are only decoded, at C speed, so a
#: 16 MiB body is repaired in linear time.
REPAIR_SAMPLE = 64 * 1024


# --- undoing the misreading ------------------------------------------------------
#
# Latin-1 maps byte b to U+00b, so text.encode("latin-1") undoes it.  cp1252 differs
# in 0x80-0x9F only, and leaves five of them (0x81 0x8D 0x8F 0x90 0x9D) undefined;
# decoders that meet those (browsers, the WHATWG "windows-1252") pass them through as
# the Latin-1 control, which is how utf-8 "с" (D1 81) shows up as "Ñ\x81".  So the
# inverse used here accepts both spellings of each byte.

_CP1252_ONLY = {
    ch: chr(b)
    for b in range(0x80, 0xA0)
    if (ch := bytes([b]).decode("cp1252", "replace")) != "\ufffd"
}
_TO_LATIN1 = str.maketrans(_CP1252_ONLY)


def _unmisread(text: str) -> tuple[bytes, Misreading] | None:
    """The bytes *text* was decoded from, and how; ``None`` if it was not 8-bit."""
    latin1 = text.translate(_TO_LATIN1)
    try:
        raw = latin1.encode("latin-1")
    except UnicodeEncodeError:
        return None  # a character no 8-bit misreading produces: real Unicode text
    # The translation changed something iff a cp1252-only character was there.
    misread: Misreading = "latin-1" if latin1 == text else "cp1252"
    return raw, misread


def repair_mojibake(text: str) -> Repair | None:
    """*text* as meant, if it is windows-1251, koi8-r or utf-8 misread as Latin-1/cp1252,
    or utf-8 misread as windows-1251 or koi8-r.

    Returns ``None`` when *text* does not look like such mojibake: pure ASCII, text
    with characters no 8-bit misreading produces (real Cyrillic, emoji), and real
    Latin-1 writing.

    The heuristic, in order:

    1. Undo the misreading: the characters back to bytes, through Latin-1 and
       windows-1252 together.  A character that is neither (Cyrillic) is not a
       Latin-1 misreading; it may still be UTF-8 read as windows-1251 or koi8-r
       (``Р”РѕСЃС‚Р°РІР»РµРЅРѕ``): its bytes in that charset are valid UTF-8 whose
       reading is printable and holds a Russian word
       (:func:`smsc_codec.misread.utf8_reading`).  Real Russian in either charset
       never is (two adjacent letters are two lead bytes), and the test suite
       checks every corpus text and word in both.
    2. utf-8 first.  Its multi-byte sequences are a strict grammar: a lead byte
       0xC2-0xF4 and then exactly the right number of 0x80-0xBF continuation bytes.
       Real Latin-1 text practically never satisfies it ("Ã" followed by a symbol
       from "€‚ƒ„…¡¢£"), and windows-1251/koi8-r Cyrillic never does (their letters
       are all 0xC0-0xFF, lead bytes that are not followed by continuations).  So
       a strict decode that succeeds and gives printable characters is the repair,
       whatever its script (``Ð¿Ñ€Ð¸Ð²ÐµÑ‚`` is ``привет``, ``cafÃ©`` is ``café``).
    3. Otherwise read the bytes as windows-1251 and as koi8-r and score each as
       Russian (the comments in :mod:`smsc_codec.misread` give the reasons):

       - a reading is refused outright if it has no all-Cyrillic word of two
         letters or more, if any word is half Latin ("cafй": real Latin-1
         writing, which a repair would garble), if more than one word in five
         holds non-Russian letters or odd symbols (box drawing, "Ђ", "ї"), or if
         its letter pairs are, on average, rarer than Russian allows (stricter
         below four letters);
       - of two acceptable readings the one with fewer impossible-case words
         ("пРИВЕТ": the other charset's case order) and commoner letter pairs
         wins.

    Real Latin-1 writing is safe because of the half-Latin rule: its accented
    letters sit inside ASCII words.  Short Russian is the weak side: a word or two
    of two or three letters has little to score, so it may come back ``None`` (never
    repaired), and an ALL CAPS word can read as a plausible lowercase word in the
    wrong 8-bit charset (``spec/charset-detection.md`` has the measured figures).
    """
    undone = _unmisread(text)
    if undone is None:
        return _utf8_read_as_8bit(text)
    raw, misread = undone
    if raw.isascii():
        return None
    try:
        as_utf8 = raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _plausible_unicode(as_utf8):
            return Repair(as_utf8, "utf-8", misread)
    readings = []
    sample = raw[:REPAIR_SAMPLE]
    for source in ("windows-1251", "koi8-r"):
        try:
            decoded = raw.decode(_CODEC[source])
        except UnicodeDecodeError:
            continue  # windows-1251 leaves 0x98 undefined
        reading = _read_as_russian(decoded if len(raw) <= REPAIR_SAMPLE
                                   else sample.decode(_CODEC[source]), source)
        if reading.plausible:
            readings.append(reading._replace(text=decoded))
    if not readings:
        return None
    best = max(readings, key=lambda r: r.score)
    return Repair(best.text, best.source, misread)


def _utf8_read_as_8bit(text: str) -> Repair | None:
    """*text* as meant if it is UTF-8 decoded as windows-1251 or koi8-r (see
    :func:`smsc_codec.misread.utf8_reading`: the same test the decoders make)."""
    for read_as in ("windows-1251", "koi8-r"):
        meant = utf8_reading(text, read_as)
        if meant is not None:
            return Repair(meant, "utf-8", read_as)
    return None


# --- detection of raw bytes ------------------------------------------------------
#
# charset-normalizer decodes the bytes in each allowed charset and measures "chaos"
# (how much the result looks like noise: odd symbols, mixed scripts, impossible
# case) and language coherence.  On Russian it tells utf-8 from the 8-bit pair
# reliably, and windows-1251 from koi8-r once a text has a few dozen letters.  On
# short texts both 8-bit readings are "all Cyrillic letters" with zero chaos and
# it returns a tie, listing windows-1251 first whatever the bytes.  Ties are
# broken here with the same Russian-reading score :func:`repair_mojibake` uses.

_CN_NAME: dict[str, Charset] = {"cp1251": "windows-1251", "koi8_r": "koi8-r", "utf_8": "utf-8"}
# Pure ASCII: every charset reads it, utf-8 listed first as the answer.
_ASCII_CANDIDATES: tuple[tuple[Charset, float], ...] = tuple(
    (cs, 1.0) for cs in sorted(CHARSETS, key=lambda cs: cs != "utf-8")
)
# Confidences closer than this are a tie.
_TIE = 0.01


def _break_tie(data: bytes, ranked: list[tuple[Charset, float]]) -> list[tuple[Charset, float]]:
    """Re-rank the 8-bit candidates that tie for first place by their Russian score.

    Each tied candidate keeps its charset-normalizer confidence times its share of
    a softmax over the reading scores, so a clear winner keeps nearly all of it and
    a coin toss gets about half.
    """
    top = ranked[0][1]
    tied = [(cs, conf) for cs, conf in ranked if top - conf < _TIE and cs != "utf-8"]
    if len(tied) < 2 or ranked[0][0] == "utf-8":
        return ranked  # a valid utf-8 reading outranks 8-bit guesses
    sample = data[:REPAIR_SAMPLE]
    scores = {cs: _read_as_russian(sample.decode(_CODEC[cs], "replace"), cs).score
              for cs, _ in tied}
    best = max(scores.values())
    weights = {cs: math.exp(max(score - best, -50.0)) for cs, score in scores.items()}
    total = sum(weights.values())
    rescored = [(cs, conf * weights[cs] / total) for cs, conf in tied]
    rest = [item for item in ranked if item[0] not in scores]
    return sorted(rescored, key=lambda item: -item[1]) + rest


def detect_charset(data: bytes | bytearray | memoryview) -> Detection:
    """Which of windows-1251, koi8-r and utf-8 *data* is most likely written in.

    Pure ASCII reads the same in all three: the answer is utf-8 with confidence 1.0
    and ``note="any"``.  Otherwise charset-normalizer ranks the readings, restricted
    to the three charsets; its confidence is ``1 - chaos``.  When the two 8-bit
    charsets tie (short texts), the tie is broken by how Russian each reading looks
    (letter case and letter pairs, as in :func:`repair_mojibake`), and the
    confidence is shared out between them accordingly.

    Never raises: anything charset-normalizer throws, or no plausible reading at
    all (binary data), gives ``charset=None`` and confidence 0.0.
    """
    data = bytes(data)
    if data.isascii():
        return Detection("utf-8", 1.0, _ASCII_CANDIDATES, note="any")
    try:
        matches = from_bytes(data, cp_isolation=list(_CN_NAME))
        ranked = [(_CN_NAME[m.encoding], 1.0 - m.chaos) for m in matches if m.encoding in _CN_NAME]
    except Exception:  # a guess must not take the caller down with it
        return Detection(None, 0.0, ())
    if not ranked:
        return Detection(None, 0.0, ())
    ranked = _break_tie(data, sorted(ranked, key=lambda item: -item[1]))
    candidates = tuple((cs, round(conf, 3)) for cs, conf in ranked)
    return Detection(candidates[0][0], candidates[0][1], candidates)
