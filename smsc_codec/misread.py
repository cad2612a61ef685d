"""Text decoded in the wrong one of the API's charsets, found cheaply once per reply.

The server answers in the charset the request asked for (status page, ``charset``:
"The encoding of the query result, if used other than the default windows
encoding-1251. Options: utf-8 and koi8-r"), and a client that decodes with another
one gets mojibake without a word: UTF-8 ``Доставлено`` read as windows-1251 is
``Р”РѕСЃС‚Р°РІР»РµРЅРѕ``, koi8-r read as windows-1251 ``дПУФБЧМЕОП``.  The decoders
call :func:`report_misread` once on the text they decoded (``spec/decisions.md``,
D-wrong-charset); a ``wrong-charset`` defect, or a strict error, is what comes out.

Two misreadings are recognised, both on a bounded sample (:data:`MISREAD_SAMPLE`
characters from the first non-ASCII one), so the check costs the same for a reply of
one record or a million:

* **UTF-8 read as windows-1251 or koi8-r.**  The text is encoded back to the bytes
  it was decoded from; if those bytes are valid UTF-8 (a strict grammar of lead and
  continuation bytes) whose reading is printable and holds a Russian word of two
  letters or more, the text was UTF-8.  Russian in windows-1251 or koi8-r is never
  valid UTF-8 once it has two adjacent letters (every Cyrillic letter is a lead byte
  there, and a lead byte must be followed by continuation bytes).
* **koi8-r read as windows-1251, and the other way round.**  The two charsets put
  upper and lower case in swapped halves, so capitalised Russian read in the wrong
  one comes out with words that start lowercase and go on in capitals
  (``дПУФБЧМЕОП``), which Russian writing does not have.  Only text with such words,
  of four letters or more together, is scored at all, and it is a misreading only
  when the other charset's reading is plausible Russian (:func:`read_as_russian`,
  the scorer of :func:`smsc_codec.mojibake.repair_mojibake`) and this one is not.  Text all in
  lowercase or ALL CAPS shows no case clue and is not judged: a miss, never a false
  alarm (``spec/charset-detection.md``).

This module is part of the codec (no third-party imports): the statistics of
:mod:`smsc_codec.mojibake` (charset-normalizer) stay with the tools.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from smsc_codec.charset import PYTHON_CODEC as _CODEC
from smsc_codec.charset import Charset
from smsc_codec.policy import DefectLog

__all__ = ["MISREAD_SAMPLE", "Misread", "Reading", "find_misread", "plausible_unicode",
           "read_as_russian", "report_misread", "russian_word", "utf8_reading"]

# --- is it Russian? ------------------------------------------------------------
#
# Both windows-1251 and koi8-r put the Cyrillic alphabet in 0xC0-0xFF, so Russian
# in either, misread as Latin-1, is a run of "ÀÁÂ...ÿ" letters, and either charset
# turns it back into Cyrillic.  What tells them apart:
#
# * Case.  windows-1251 has А-Я at 0xC0-0xDF and а-я at 0xE0-0xFF; koi8-r the other
#   way round.  Capitalised text read in the wrong one comes out "пРИВЕТ" (case
#   swapped letter by letter, and letters shuffled besides): a word that starts
#   lowercase and has capitals costs its reading more than any letter pairs can.
# * Letter pairs.  ALL CAPS text ("ВАШ КОД") reads as natural lowercase in the
#   wrong charset and lowercase as ALL CAPS, but the two alphabets are in
#   different orders (koi8-r follows the Latin transliteration: а=0xC1 like
#   A=0x41), so the letters come out shuffled ("бюь йнд") and their pairs are ones
#   Russian rarely writes.  The reading is scored with the letter-pair table below.
#   For a lone lowercase or ALL CAPS word this is all there is to go by.
# * The rest of 0x80-0xBF.  windows-1251 has punctuation there («» — № …) and the
#   letters of other Cyrillic languages (Ђ Є Ї Ў ...); koi8-r has box drawing
#   (─│┌...) plus ё/Ё.  Anything but common punctuation and Russian letters counts
#   against a reading.
#
# And what tells Russian mojibake from real Latin-1 writing: accented letters in
# French, German, Spanish or Portuguese stand inside words of plain ASCII letters
# ("café", "Grüße"), and the Cyrillic reading keeps those words half Latin ("cafй").
# Russian words are all non-ASCII, so their repair is all Cyrillic.  A reading with
# such mixed words, or without one Russian word of two letters or more, is refused:
# single letters ("à" reads as Russian "а") are no evidence at all.

_LOWER = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
_RUSSIAN = frozenset(_LOWER + _LOWER.upper())
_RUSSIAN_WORD = re.compile(f"[{''.join(sorted(_RUSSIAN))}]+")
_ASCII = re.compile(r"[\x00-\x7f]")

# Which letter follows which in Russian: for each letter ("_" is a word boundary),
# the letters that follow it in at least 5 %, 1 % and 0.2 % of cases; any other pair
# is rare.  Counted, ё as е, over the Russian of the vendor's status page (each
# distinct word once, so that its hundreds of "сообщение" do not dominate) plus
# some 700 words of everyday prose written for this library.  Coarse on purpose:
# the question is only "which of two shufflings is Russian", and a fine table
# would mostly record the quirks of its sources.
_FOLLOWERS: dict[str, tuple[str, str, str]] = {
    "_": ("псонвкд", "изртумбачлгх", "жфешяэц"),
    "а": ("_тнлмв", "рзекспбдчяжхюйц", "щгшоу"),
    "б": ("олыищаук", "рен_м", "хсяъ"),
    "в": ("оеа_иыл", "крснту", "явмхздч"),
    "г": ("оира", "де_ул", "кн"),
    "д": ("оеаинр_", "куылвсьд", "яхшц"),
    "е": ("н_ртл", "сдмкгйзчщвп", "жефшбхцоюуа"),
    "ж": ("иенда", "кбоу_", ""),
    "з": ("анвм", "_уодыиея", "клбжрьг"),
    "и": ("_тсенк", "лямрзийчвхбод", "пцафюшгж"),
    "й": ("_", "тдк", "спл"),
    "к": ("аои_л", "утерсн", "цвжп"),
    "л": ("еиаьо_", "юуянксж", "ыгчтп"),
    "м": ("_еиоа", "уынмп", "ляьбк"),
    "н": ("иоаеын_", "ту", "ядьвгсцчзк"),
    "о": ("_вмтсдрлг", "бнзйпкчежош", "яиухщ"),
    "п": ("роеа", "илуын", "пят_цчь"),
    "р": ("аеои", "у_нвытям", "жсхкьшпг"),
    "с": ("тояе_ал", "ькпсыуниврч", "дхбгъм"),
    "т": ("оа_еьри", "всуыпкн", "ячл"),
    "у": ("_счкдлтюп", "мгещжзнабрвш", "фй"),
    "ф": ("оиел", "аур", ""),
    "х": ("_оа", "илрнву", ""),
    "ц": ("иеа", "свы", ""),
    "ч": ("еаинт", "ку_", "о"),
    "ш": ("еиалк", "рнтуо", ""),
    "щ": ("еаи", "ьу", ""),
    "ъ": ("ея", "", ""),
    "ы": ("_йхелмт", "вшчзрксп", "одгбя"),
    "ь": ("_нс", "кзютшяе", "пдочмц"),
    "э": ("т", "", ""),
    "ю": ("_тчщ", "дбсз", ""),
    "я": ("_т", "щехвмлдзнсц", "юпчбрй"),
}
# What a pair costs in each band and outside them all: roughly -log of its share.
_PAIR_COST = (0.0, 2.0, 3.5, 6.0)
# A word in impossible case ("пРИВЕТ") costs as much as three rare pairs and more:
# natural case is the strongest single signal (but says nothing about ALL CAPS).
_UNNATURAL_CASE = 20.0
# Brand names aside ("МегаФон"), capitals inside a word are rare: as much as a rare
# letter pair.
_CAMEL_CASE = 6.0
# A word with non-Russian letters ("Ђ", "ї") or an odd character (box drawing).
_ODD = 6.0
# The most a plausible reading may cost per letter pair (case included), by how
# many Russian letters it has: (at least this many letters, at most this cost).
# Measured on the test corpus while tuning: texts of 60+ letters average at most
# 0.96, of 20-59 at most 1.8, single words of 4+ letters at most 3.0; phrases of
# random accented Latin-1 letters read as Cyrillic average 3.4 and 96 % of them
# cost more than these limits.  Below four letters there is little to judge by
# ("Да", "ок"), and two or three Latin-1 symbols ("££", "¨¸") read as Cyrillic
# letters too: only common pairs are believed.
_MAX_MEAN_COST: tuple[tuple[int, float], ...] = ((60, 1.6), (20, 2.2), (4, 3.0), (0, 1.0))


class Reading(NamedTuple):
    text: str
    source: Charset
    plausible: bool
    score: float


def _case_cost(word: str) -> float:
    if word.islower() or word.isupper() or word.istitle():
        return 0.0
    # Starting lowercase and then having capitals ("пРИВЕТ", "мЕГАфОН") is what
    # reading capitalised text in the charset with the other case order gives,
    # and real writing hardly ever does.  CamelCase ("МегаФон") does occur.
    return _UNNATURAL_CASE if word[0].islower() else _CAMEL_CASE


# The cost of every pair the table lists, looked up once per pair ("аб" -> 2.0);
# a pair not in it is rare.
_PAIRS: dict[str, float] = {
    first + then: _PAIR_COST[band]
    for first, bands in _FOLLOWERS.items()
    for band, letters in reversed(list(enumerate(bands)))
    for then in letters
}
_RARE = _PAIR_COST[3]


def _pair_cost(word: str) -> float:
    padded = "_" + word.lower().replace("ё", "е") + "_"
    get = _PAIRS.get
    return sum(get(a + b, _RARE) for a, b in pairwise(padded))


# Non-ASCII punctuation a Russian SMS plausibly carries (both charsets' share of it).
_PUNCT = frozenset("«»—–…№“”„‘’•°·©®™€§±\u00a0\u00ad")
_WORD = re.compile(r"[^\W\d_]+")
#: A character that is neither ASCII, nor a letter, nor punctuation of _PUNCT.
_ODD_CHAR = re.compile(r"(?![^\W\d_])[^\x00-\x7f" + re.escape("".join(sorted(_PUNCT))) + "]")


def read_as_russian(text: str, source: Charset) -> Reading:
    """Score *text* (a candidate repair) as Russian writing; higher is likelier."""
    russian_words = mixed = bad = pairs = letters = 0
    long_word = False
    score = 0.0
    for word in _WORD.findall(text):
        if word.isascii():
            continue  # bytes below 0x80 read the same in every candidate
        if not _RUSSIAN_WORD.fullmatch(word):
            if _ASCII.search(word):
                mixed += 1  # half Latin: "cafй" is real Latin-1 writing
            else:
                bad += 1  # not Russian: "Ђ", "ї"
            continue
        russian_words += 1
        long_word = long_word or len(word) >= 2
        pairs += len(word) + 1
        letters += len(word)
        score -= _pair_cost(word)
        score -= _case_cost(word)
    bad += len(_ODD_CHAR.findall(text))
    score -= _ODD * bad
    plausible = (
        long_word
        and not mixed  # repairing would garble the Latin-1 words ("Café" -> "Cafй")
        and 4 * bad <= russian_words
        and -score <= pairs * next(cost for least, cost in _MAX_MEAN_COST if letters >= least)
    )
    return Reading(text, source, plausible, score)


# str.isprintable() is false for exactly the categories refused below (Cc, Cf, Cn,
# Co, Cs) plus the separators Zs/Zl/Zp, which are fine: those are deleted first,
# with ASCII (read the same either way), so the whole test runs in C.
_NOT_JUDGED = dict.fromkeys(
    [*range(0x80), *(c for c in range(0x80, 0x3001) if unicodedata.category(chr(c))
                     in {"Zs", "Zl", "Zp"})])


def plausible_unicode(text: str) -> bool:
    """Whether a strict utf-8 decoding gave printable text (no controls, no gaps)."""
    return text.translate(_NOT_JUDGED).isprintable()


# --- the misreadings -------------------------------------------------------------

_OTHER_8BIT: dict[Charset, Charset] = {"windows-1251": "koi8-r", "koi8-r": "windows-1251"}

#: Characters looked at, from the first non-ASCII one: a reply is in one charset
#: throughout, and 16 Ki characters are dozens of records, far more than the choice
#: needs; beyond them nothing is read, so the check costs the same at any size.
MISREAD_SAMPLE = 16 * 1024
#: Characters either side of the first suspicious word that the two 8-bit readings
#: are scored on (the scorer is Python work per word).
_WINDOW = 2048

#: The first character a misreading can start at (the push framers look for it too).
NON_ASCII = re.compile(r"[^\x00-\x7f]")
_RUSSIAN_PAIR = re.compile(f"[{''.join(sorted(_RUSSIAN))}]{{2,}}")
#: A word that starts in lowercase and goes on with a capital: what capitalised
#: Russian becomes in the 8-bit charset with the other case order.
_UNNATURAL_WORD = re.compile(r"\b[а-яё]+[А-ЯЁ][^\W\d_]*")
#: The fewest letters of the longest such word for a text to be judged at all: words
#: of two or three letters in odd case ("аА", "бГд") are what random text is made of,
#: not evidence, however many of them there are ("аА,аА" is no misreading).
_MIN_UNNATURAL = 4


@dataclass(frozen=True, slots=True)
class Misread:
    """Text that is *source* decoded as *read_as*: ``found`` (as decoded) is
    ``meant`` (as written), the first such word, at character ``index``."""

    source: Charset
    read_as: Charset
    found: str
    meant: str
    index: int

    def describe(self) -> str:
        """The defect's message: both charsets, and the word as decoded and as meant."""
        return (f"the text reads as {self.source} decoded as {self.read_as}"
                f" ({self.found!r} is {self.meant!r}); the body's charset is"
                f" {self.source}, not {self.read_as}")


def russian_word(text: str) -> re.Match[str] | None:
    """The first run of two Russian letters or more in *text*."""
    return _RUSSIAN_PAIR.search(text)


def utf8_reading(text: str, read_as: Charset, *, complete: bool = True) -> str | None:
    """*text* as meant if it is UTF-8 decoded as the 8-bit charset *read_as*, else
    ``None``: its bytes in *read_as* must be valid UTF-8 whose reading is printable
    and holds a Russian word (*complete* false: *text* is cut short, and so may be
    its last character)."""
    try:
        raw = text.encode(_CODEC[read_as], "surrogateescape")
    except UnicodeError:
        return None  # a character read_as has no byte for: not decoded from it
    return _utf8_of(raw, text, complete)


#: A lead byte without its continuation: no UTF-8 (found at once in real 8-bit Russian,
#: where letters stand side by side; cheaper than the decoder's exception).
_NOT_UTF8 = re.compile(b"[\xc0-\xff][^\x80-\xbf]")


def _utf8_of(raw: bytes, text: str, complete: bool) -> str | None:
    if _NOT_UTF8.search(raw) is not None:
        return None
    try:
        meant = codecs.getincrementaldecoder("utf-8")().decode(raw, complete)
    except UnicodeDecodeError:
        return None
    if meant == text or russian_word(meant) is None or not plausible_unicode(meant):
        return None
    return meant


def _utf8_misread(sample: str, raw: bytes, charset: Charset, complete: bool) -> Misread | None:
    meant = _utf8_of(raw, sample, complete)
    if meant is None:
        return None
    word = russian_word(meant)
    assert word is not None  # _utf8_of found one
    found = word[0].encode("utf-8").decode(_CODEC[charset], "surrogateescape")
    return Misread("utf-8", charset, found, word[0], sample.find(found))


def _case_table(lower: bytes, upper: bytes) -> bytes:
    table = bytearray(b" " * 256)
    for byte in lower:
        table[byte] = ord("l")
    for byte in upper:
        table[byte] = ord("U")
    return bytes(table)


#: Each 8-bit charset's bytes as ``l`` (a lowercase Russian letter), ``U`` (a capital)
#: or a space: the cheap test for a word in the other charset's case order is then a
#: ``bytes.translate`` and a ``find("lU")``, both in C (a regex is ten times slower).
_CASE_BYTES: dict[Charset, bytes] = {
    "windows-1251": _case_table(bytes(range(0xE0, 0x100)) + b"\xb8",
                                bytes(range(0xC0, 0xE0)) + b"\xa8"),
    "koi8-r": _case_table(bytes(range(0xC0, 0xE0)) + b"\xa3",
                          bytes(range(0xE0, 0x100)) + b"\xb3"),
}
#: Case flips looked at before giving up: camel case ("МегаФон") flips too, and a
#: reply may name its operator in every record.
_MAX_FLIPS = 64


def _unnatural_word(sample: str, raw: bytes, charset: Charset) -> re.Match[str] | None:
    """The first word of *sample* that starts lowercase and goes on with a capital."""
    cases = raw.translate(_CASE_BYTES[charset])
    flip = cases.find(b"lU")
    for _ in range(_MAX_FLIPS):
        if flip < 0:
            return None
        start = flip  # one character, one byte
        while start > 0 and sample[start - 1].isalpha():
            start -= 1
        if sample[start].islower():
            return _UNNATURAL_WORD.match(sample, start)
        flip = cases.find(b"lU", flip + 2)
    return None


def _8bit_misread(sample: str, raw: bytes, charset: Charset) -> Misread | None:
    hit = _unnatural_word(sample, raw, charset)
    if hit is None:
        return None  # no word in impossible case: nothing to judge
    other = _OTHER_8BIT[charset]
    window = sample[max(0, hit.start() - _WINDOW): hit.start() + _WINDOW]
    try:
        theirs = window.encode(_CODEC[charset]).decode(_CODEC[other])
    except UnicodeError:
        return None  # an escape, or windows-1251's one undefined byte (0x98)
    odd = _UNNATURAL_WORD.findall(window)
    if max(map(len, odd), default=0) < _MIN_UNNATURAL:
        return None
    ours, alternative = read_as_russian(window, charset), read_as_russian(theirs, other)
    if ours.plausible or not alternative.plausible or \
            len(_UNNATURAL_WORD.findall(theirs)) >= len(odd):
        return None
    found = hit[0]
    return Misread(other, charset, found, found.encode(_CODEC[charset]).decode(_CODEC[other]),
                   hit.start())


def find_misread(text: str, charset: Charset, data: bytes | None = None) -> Misread | None:
    """How *text*, decoded as *charset*, was misread, or ``None`` if it reads as
    written.  UTF-8 is never a misreading here: bytes that are no UTF-8 are the
    ``bad-charset`` defect's business.  *data*, the bytes *text* was decoded from
    (if at hand), saves encoding it again."""
    if charset == "utf-8" or text.isascii():
        return None
    start = NON_ASCII.search(text)
    assert start is not None  # not ASCII
    at = start.start()
    sample = text[at: at + MISREAD_SAMPLE]
    if data is not None and len(data) == len(text):  # one character, one byte
        raw = data[at: at + MISREAD_SAMPLE]
    else:
        try:
            raw = sample.encode(_CODEC[charset], "surrogateescape")
        except UnicodeEncodeError:
            return None  # a character the charset has no byte for: not decoded from it
    found = _utf8_misread(sample, raw, charset, at + len(sample) == len(text)) or \
        _8bit_misread(sample, raw, charset)
    if found is None:
        return None
    return Misread(found.source, found.read_as, found.found, found.meant, at + found.index)


def report_misread(text: str, charset: Charset, log: DefectLog,
                   data: bytes | str | None = None) -> None:
    """Record a ``wrong-charset`` defect on *log* (raise under a strict policy) when
    *text*, decoded as *charset* (from *data*, when it was bytes), reads as another
    charset misread."""
    found = find_misread(text, charset, data if isinstance(data, bytes) else None)
    if found is not None:
        # A single-byte charset: the character index is the byte offset.
        log.report("wrong-charset", found.describe(), pos=found.index)
