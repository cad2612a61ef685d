"""The three charsets the API speaks, and lossless text <-> bytes at the boundary.

The server answers in windows-1251 unless the request said ``charset=utf-8`` or
``charset=koi8-r`` (status docs, parameter ``charset``).  Decoders take bytes plus
that charset (or an already decoded ``str``); encoders produce bytes in it.

Undecodable bytes: a strict policy raises with the byte offset; a lenient one keeps
them as lone surrogates (PEP 383 ``surrogateescape``, the stdlib ``email`` package's
technique) so that re-encoding gives back the very same bytes.
"""

from __future__ import annotations

import codecs
import re
from typing import Literal, get_args

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import DefectLog
from smsc_codec.secret import masked_cause

__all__ = [
    "CHARSETS",
    "DEFAULT_CHARSET",
    "PYTHON_CODEC",
    "ByteOffsets",
    "Charset",
    "byte_offset",
    "decode_text",
    "encode_text",
    "normalize_charset",
]

#: The charsets of the API's ``charset`` parameter: "The encoding of the query result,
#: if used other than the default windows encoding-1251. Options: utf-8 and koi8-r."
#: (:func:`normalize_charset` maps other spellings to these.)
Charset = Literal["windows-1251", "koi8-r", "utf-8"]
#: Every :data:`Charset`, the default first.
CHARSETS: tuple[Charset, ...] = get_args(Charset)
#: A reply's charset when the request names none (the SMTP send grammar's default
#: is koi8-r instead, see :mod:`smsc_codec.smtp`).
DEFAULT_CHARSET: Charset = "windows-1251"

#: Each charset's Python codec name: the one map from the API's spelling to Python's.
PYTHON_CODEC: dict[Charset, str] = {"windows-1251": "cp1251", "koi8-r": "koi8_r",
                                    "utf-8": "utf-8"}
_CODEC = PYTHON_CODEC
# Looked up once, so an unknown alias fails early and clearly.
_BY_CODEC = {codecs.lookup(codec).name: name for name, codec in PYTHON_CODEC.items()}
# Spellings seen in Content-Type headers that Python's codec registry does not know.
_ALIASES: dict[str, Charset] = {"koi8r": "koi8-r", "win1251": "windows-1251"}


def normalize_charset(name: str) -> Charset:
    """The API's spelling of a charset name (``cp1251``, ``KOI8R``, ``utf8`` ...).

    Raises :class:`ValueError` (an :class:`~smsc_codec.errors.EncodeError`) for any
    charset the API does not offer.
    """
    key = name.strip().lower()
    canonical = _ALIASES.get(key.replace("-", "").replace("_", ""))
    if canonical is None:
        try:
            canonical = _BY_CODEC.get(codecs.lookup(key).name)
        except (LookupError, ValueError):  # ValueError: a NUL in the name
            canonical = None
    if canonical is None:
        raise EncodeError(
            f"unsupported charset {name!r}; the API speaks {', '.join(CHARSETS)}",
            field="charset",
        )
    return canonical


def decode_text(data: bytes | str, charset: Charset, log: DefectLog, *,
                holds_secret: bool = False) -> str:
    """Bytes in *charset* to text; a ``str`` is taken as already decoded.

    *holds_secret*: *data* carries a password (an SMTP send line, or the mail body
    around it).  The bytes that do not decode may be the password's, so they are
    quoted nowhere, and a strict refusal chains a stand-in for the codec's error,
    whose ``.object`` would be the whole of *data*
    (:func:`~smsc_codec.secret.masked_cause`).
    """
    if isinstance(data, str):
        return data
    codec = _CODEC[charset]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        failed = exc
    bad = None if holds_secret else failed.object[failed.start : failed.end]
    if log.policy.strict:
        error = DecodeError(f"bytes that are not {charset}", expected=f"{charset} text",
                            found=bad, pos=failed.start, kind="bad-charset")
        # Raised outside the except block: there the codec error would ride along as
        # __context__ even when the cause is masked.
        raise error from (masked_cause(failed) if holds_secret else failed)
    quoted = "" if bad is None else f" {bad!r}"
    log.report("bad-charset", f"undecodable bytes{quoted} kept as escapes", pos=failed.start)
    return data.decode(codec, "surrogateescape")


def encode_text(text: str, charset: Charset, *, field: str | None = None,
                errors: str = "surrogateescape") -> bytes:
    """Text to bytes in *charset*; escaped undecodable bytes come back as they were
    (or, with another *errors* handler, what it makes of characters *charset* lacks)."""
    try:
        data = text.encode(_CODEC[charset], errors)
    except UnicodeEncodeError as exc:
        raise EncodeError(
            f"{exc.object[exc.start : exc.end]!r} at character {exc.start} "
            f"cannot be written in {charset}",
            field=field,
        ) from exc
    if _SURROGATE.search(text) is not None:
        # An escape stands for a byte the charset could not decode; one for a byte it
        # can (most of them in windows-1251, all in koi8-r) would be written as that
        # byte and read back as another letter: refused, not changed silently.
        back = data.decode(_CODEC[charset], "surrogateescape")
        if back != text:
            at = next(i for i, (a, b) in enumerate(zip(text, back, strict=False)) if a != b)
            raise EncodeError(f"{text[at]!r} at character {at} is no byte {charset} cannot "
                              "decode: it would read back as another character", field=field)
    return data


_SURROGATE = re.compile("[\ud800-\udfff]")


def byte_offset(text: str, index: int, charset: Charset) -> int:
    """Byte offset in the *charset* encoding of character *index* of *text*."""
    if charset != "utf-8":
        return index  # single-byte charsets: one character, one byte
    return len(text[:index].encode("utf-8", "surrogateescape"))


class ByteOffsets:
    """The byte offsets in *charset* of character indexes of one *text*, each counted
    once forward.

    A single-byte charset needs no counting.  In UTF-8 the offset of a character is
    counted on from the last one asked when it is at most :attr:`MARK` characters
    ahead (decoders mostly ask in increasing order), else from the mark before it: the
    offsets of every ``MARK``-th character, counted once, as far as asked.  So a
    position asked again further back (fmt=1 tries several layouts per line; a send
    line reports defects out of order) costs at most ``MARK`` characters, never the
    text up to it -- a defect per record stays linear (issue 19).
    """

    #: Characters between two marks: few enough to cost little per position, many
    #: enough that a 16 MiB text keeps ~16 000 of them.
    MARK = 1024

    __slots__ = ("_last", "_marks", "charset", "text")

    def __init__(self, text: str, charset: Charset) -> None:
        self.text = text
        self.charset = charset
        self._marks = [0]
        self._last = (0, 0)

    def __call__(self, index: int) -> int:
        """Byte offset of character *index* of :attr:`text`."""
        if self.charset != "utf-8":
            return index
        text, mark = self.text, self.MARK
        index = min(max(index, 0), len(text))
        start, byte = self._last
        if not 0 <= index - start <= mark:
            marks = self._marks
            block = index // mark
            while len(marks) <= block:
                end = len(marks) * mark
                marks.append(marks[-1] + len(text[end - mark : end].encode(
                    "utf-8", "surrogateescape")))
            start, byte = block * mark, marks[block]
        byte += len(text[start:index].encode("utf-8", "surrogateescape"))
        self._last = (index, byte)
        return byte


def can_encode(text: str, charset: Charset) -> bool:
    """Whether *text* survives a trip through *charset*."""
    try:
        text.encode(_CODEC[charset], "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True
