"""What a reply looks like: the one value every reply decoder and encoder is told.

    "fmt – server response format: 0 – (default) in the form of a string ..., 1 – in
    the form of numbers separated by commas ..., 2 – xml format, 3 – json format."
    "all: 0 – (by default) ... 1 – full information ... 2 – add country, operator,
    region".  (status page)

    "get_messages=1 ... a list of sent SMS messages"  (history page: one layout, the
    SMS fields at their fullest, always a list)

A :class:`ReplyShape` is the endpoint, ``fmt``, detail level, charset, record kind and
multi-ness of one reply, checked once on construction -- the history rule included.
The whole-body decoders build one from their keywords (:func:`reply_shape`, which
says a bad argument is a :class:`UsageError`), the push decoders and the wire modules'
contexts hold it, and a request gives one (``smsc_codec.request.reply_layout``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from smsc_codec.charset import CHARSETS, Charset, normalize_charset
from smsc_codec.errors import EncodeError, SmscCodecError, UsageError, shorten
from smsc_codec.layouts import Endpoint, RecordKind

__all__ = ["ALL_LEVELS", "FMTS", "ReplyShape", "reply_shape"]

#: Every ``fmt`` the API defines (the rows of ``wire.formats.FORMATS``).
FMTS = (0, 1, 2, 3)
#: Every detail level ``all`` of a status reply; a history reply has one, recorded as 2.
ALL_LEVELS = (0, 1, 2)
#: The level a history reply is recorded at (its one layout is the fullest, D-history).
HISTORY_LEVEL = 2


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyShape:
    """Everything a decoder is told about a reply before it reads a byte.

    ``kind`` and ``multi`` are ``None`` when the reply itself must tell: a status
    request names a message by phone and id and cannot say whether it was an SMS (or
    e-mail) or an HLR query, and a one-line ``fmt`` 0/1 reply may be one status or a
    list of one.  ``delete`` says the reply is the ``OK`` of ``del=1`` (or an error).
    A history reply is a list (``multi=True``) at ``all=2`` of SMS records, never a
    delete: anything else is refused here, once, for every decoder.

    A bad value is an :class:`~smsc_codec.errors.EncodeError` naming the field, as
    for every value built by hand.
    """

    endpoint: Endpoint
    fmt: int
    all: int
    charset: Charset
    multi: bool | None = None
    kind: RecordKind | None = None
    delete: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.endpoint, Endpoint):
            raise EncodeError(f"expected an Endpoint, found {shorten(self.endpoint)}",
                              field="endpoint")
        for name, allowed in (("fmt", FMTS), ("all", ALL_LEVELS), ("charset", CHARSETS)):
            value = getattr(self, name)
            if type(value) is not type(allowed[0]) or value not in allowed:
                raise EncodeError(f"expected one of {', '.join(map(str, allowed))}, found"
                                  f" {shorten(value)}", field=name)
        if self.multi is not None and type(self.multi) is not bool:
            raise EncodeError(f"expected a bool or None, found {shorten(self.multi)}",
                              field="multi")
        if type(self.delete) is not bool:
            raise EncodeError(f"expected a bool, found {shorten(self.delete)}", field="delete")
        if self.kind is not None and not isinstance(self.kind, RecordKind):
            raise EncodeError(f"expected a RecordKind or None, found {shorten(self.kind)}",
                              field="kind")
        if self.endpoint is Endpoint.HISTORY:
            if self.all != HISTORY_LEVEL or self.multi is not True or self.delete:
                raise EncodeError("a history reply is a list at all=2, never a delete",
                                  field="all" if self.all != HISTORY_LEVEL else
                                  "multi" if self.multi is not True else "delete")
            if self.kind is RecordKind.HLR:
                raise EncodeError("history records have the SMS layout only", field="kind")

    @property
    def record_kind(self) -> RecordKind | None:
        """The kind the decoder reads records as: pinned, SMS for a history reply (its
        one layout), else ``None`` (the data tells)."""
        return RecordKind.SMS if self.endpoint is Endpoint.HISTORY else self.kind

    @classmethod
    def history(cls, *, fmt: int, charset: Charset) -> ReplyShape:
        """The shape of a ``get.php?get_messages=1`` reply in *fmt* and *charset*."""
        return cls(endpoint=Endpoint.HISTORY, fmt=fmt, all=HISTORY_LEVEL, charset=charset,
                   multi=True)


def reply_shape(*, endpoint: Endpoint, fmt: int, all: int, charset: str,
                kind: RecordKind | str | None = None, multi: bool | None = None,
                delete: bool = False) -> ReplyShape:
    """The shape a decoder's keywords describe (*charset* in any spelling the API
    takes, *kind* a ``RecordKind`` or its value, *multi* left out of a history reply
    its one value); a bad argument is a :class:`UsageError`, not a decode error: no
    data can fix it."""
    try:
        return _cached_shape(endpoint, fmt, all, charset, kind, multi, delete)
    except TypeError:  # an unhashable argument: not a shape either
        return _shape(endpoint, fmt, all, charset, kind, multi, delete)


def _shape(endpoint: Endpoint, fmt: int, all_level: int, charset: str,
           kind: RecordKind | str | None, multi: bool | None, delete: bool) -> ReplyShape:
    # The messages name the argument as the caller wrote it (fmt=..., all=...).  An
    # int subclass (an IntEnum) is its number; a bool is no fmt.
    if not _is_int(fmt) or fmt not in FMTS:
        raise UsageError(f"fmt must be 0, 1, 2 or 3, not {fmt!r}")
    if not _is_int(all_level) or all_level not in ALL_LEVELS:
        raise UsageError(f"all must be 0, 1 or 2, not {all_level!r}")
    fmt, all_level = int(fmt), int(all_level)
    try:
        canonical = normalize_charset(charset)
        pinned = None if kind is None else RecordKind(kind)
    except (SmscCodecError, ValueError, TypeError) as exc:
        what = "charset" if isinstance(exc, SmscCodecError) else "kind"
        raise UsageError(f"{what}: {exc}") from exc
    if multi is None and endpoint is Endpoint.HISTORY:
        multi = True  # a history reply is always a list: nothing for the data to tell
    try:
        return ReplyShape(endpoint=endpoint, fmt=fmt, all=all_level, charset=canonical,
                          multi=multi, kind=pinned, delete=delete)
    except EncodeError as exc:
        raise UsageError(str(exc)) from exc


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


#: Decoders are called with a handful of keyword sets: each shape is checked once
#: (typed: ``1`` and ``True``, ``"sms"`` and ``RecordKind.SMS`` are separate entries).
_cached_shape = lru_cache(maxsize=256, typed=True)(_shape)
