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
from typing import Literal, get_args

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.policy import DefectLog

__all__ = [
    "CHARSETS",
    "DEFAULT_CHARSET",
    "Charset",
    "byte_offset",
    "decode_text",
    "encode_text",
    "normalize_charset",
]

Charset = Literal["windows-1251", "koi8-r", "utf-8"]
CHARSETS: tuple[Charset, ...] = get_args(Charset)
DEFAULT_CHARSET: Charset = "windows-1251"

# Python codec names; looked up once so an unknown alias fails early and clearly.
_CODEC: dict[Charset, str] = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}
_BY_CODEC = {codecs.lookup(codec).name: name for name, codec in _CODEC.items()}
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


def decode_text(data: bytes | str, charset: Charset, log: DefectLog) -> str:
    """Bytes in *charset* to text; a ``str`` is taken as already decoded."""
    if isinstance(data, str):
        return data
    codec = _CODEC[charset]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        if log.policy.strict:
            raise DecodeError(
                f"bytes that are not {charset}",
                expected=f"{charset} text",
                found=exc.object[exc.start : exc.end],
                pos=exc.start,
                kind="bad-charset",
            ) from exc
        log.report(
            "bad-charset",
            f"undecodable bytes {exc.object[exc.start : exc.end]!r} kept as escapes",
            pos=exc.start,
        )
        return data.decode(codec, "surrogateescape")


def encode_text(text: str, charset: Charset, *, field: str | None = None,
                errors: str = "surrogateescape") -> bytes:
    """Text to bytes in *charset*; escaped undecodable bytes come back as they were
    (or, with another *errors* handler, what it makes of characters *charset* lacks)."""
    try:
        return text.encode(_CODEC[charset], errors)
    except UnicodeEncodeError as exc:
        raise EncodeError(
            f"{exc.object[exc.start : exc.end]!r} at character {exc.start} "
            f"cannot be written in {charset}",
            field=field,
        ) from exc


def byte_offset(text: str, index: int, charset: Charset) -> int:
    """Byte offset in the *charset* encoding of character *index* of *text*."""
    if charset != "utf-8":
        return index  # single-byte charsets: one character, one byte
    return len(text[:index].encode("utf-8", "surrogateescape"))


def can_encode(text: str, charset: Charset) -> bool:
    """Whether *text* survives a trip through *charset*."""
    try:
        text.encode(_CODEC[charset], "surrogateescape")
    except UnicodeEncodeError:
        return False
    return True
