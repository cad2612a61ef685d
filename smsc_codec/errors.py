"""The library's exceptions: one root, a ``ValueError``, and two directions.

Every decoder either returns a value or raises :class:`DecodeError`; every encoder
either returns bytes or raises :class:`EncodeError`.  One rule for arguments no data
could make right (``fmt=5``, ``all=3``, ``charset="bogus"``): both directions raise
:class:`UsageError`, neither a decode nor an encode error, still a ``ValueError``.
Errors from the parsers we wrap (lxml, orjson, the codec machinery) are translated at
the boundary with ``raise ... from exc`` so the cause stays attached.

Messages say what was expected, what was found and where.  They never carry a
secret: the reply decoders never see one, and the request/SMTP layers mask
``psw``/``apikey`` before any value reaches an error.
"""

from __future__ import annotations

__all__ = ["DecodeError", "EncodeError", "SmscCodecError", "UsageError", "shorten"]

#: How much of an offending value an error message quotes.  Enough to recognise
#: it, never a whole multi-megabyte body.
QUOTE_LIMIT = 60


def shorten(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr`` of *value*, cut to *limit* characters so messages stay one line."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


class SmscCodecError(ValueError):
    """Root of every error this library raises on purpose."""


class UsageError(SmscCodecError):
    """A call's argument (``fmt``, ``all``, ``charset``) that no input could make valid."""


class DecodeError(SmscCodecError):
    """Bytes that are not a valid message of the asked layout.

    Attributes (each ``None`` when it does not apply):

    ``expected`` / ``found``
        what the grammar wanted and what stood there instead.
    ``pos``
        absolute byte offset into the whole input (never chunk-relative).
    ``line``
        1-based line number (record number for ``fmt`` 0/1 lists).
    ``field``
        the layout field being read.
    ``kind``
        a stable id of the problem (the same ids lenient decoding records as defects).
    """

    def __init__(
        self,
        message: str,
        *,
        expected: str | None = None,
        found: object = None,
        pos: int | None = None,
        line: int | None = None,
        field: str | None = None,
        kind: str = "malformed",
    ) -> None:
        self.message = message
        self.expected = expected
        self.found = found
        self.pos = pos
        self.line = line
        self.field = field
        self.kind = kind
        super().__init__(self._render())

    def _render(self) -> str:
        parts = [self.message]
        if self.expected is not None:
            parts.append(f"expected {self.expected}")
        if self.found is not None:
            parts.append(f"found {shorten(self.found)}")
        where = [
            f"{label} {value}"
            for label, value in (("line", self.line), ("field", self.field), ("byte", self.pos))
            if value is not None
        ]
        text = "; ".join(parts)
        return f"{text} (at {', '.join(where)})" if where else text


class EncodeError(SmscCodecError):
    """A value that the asked wire layout cannot carry.

    ``field`` names the offending field; the message says why it cannot be written
    (never a silently corrupted message instead).
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.message = message
        self.field = field
        super().__init__(f"{field}: {message}" if field else message)
