"""Strict versus lenient decoding, as one frozen object.

Real servers deviate from their documentation: fields go missing, undocumented
ones appear, an error comes back as a plain ``ERROR = N (...)`` line when JSON was
asked for.  The default policy, :data:`LENIENT`, accepts such replies, keeps what it
found and records each deviation as a :class:`Defect` on the decoded value.
:data:`STRICT` raises :class:`~smsc_codec.errors.DecodeError` on the first one.
Derive others with :func:`dataclasses.replace`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from smsc_codec.errors import DecodeError

__all__ = ["LENIENT", "STRICT", "Defect", "DefectLog", "Policy"]

Fmt1Variant = Literal["auto", "documented", "legacy"]


@dataclass(frozen=True, slots=True)
class Defect:
    """One deviation from the spec that lenient decoding accepted.

    ``kind`` is a stable id (see ``spec/decisions.md``); the location fields are
    ``None`` when they do not apply.
    """

    kind: str
    message: str
    line: int | None = None
    field: str | None = None
    pos: int | None = None

    def __str__(self) -> str:
        where = [
            f"{label} {value}"
            for label, value in (("line", self.line), ("field", self.field), ("byte", self.pos))
            if value is not None
        ]
        return f"{self.kind}: {self.message}" + (f" (at {', '.join(where)})" if where else "")


_SET_KIND, _SET_MESSAGE, _SET_LINE, _SET_FIELD, _SET_POS = (
    Defect.__dict__[name].__set__ for name in ("kind", "message", "line", "field", "pos"))


def new_defect(kind: str, message: str, line: int | None, field: str | None, pos: int | None
            ) -> Defect:
    """``Defect(kind, message, line, field, pos)`` without the frozen __init__'s
    per-field object.__setattr__ (a reply may hold a defect on every record)."""
    defect = object.__new__(Defect)
    _SET_KIND(defect, kind)
    _SET_MESSAGE(defect, message)
    _SET_LINE(defect, line)
    _SET_FIELD(defect, field)
    _SET_POS(defect, pos)
    return defect


@dataclass(frozen=True, slots=True)
class Policy:
    """How a decoder treats deviations.

    ``strict``
        raise on the first deviation instead of recording it.
    ``max_input_bytes``
        replaces every decoder's size limit (``smsc_codec.limits``) when set.
    ``fmt1_variant``
        which ``fmt=1`` layout to read for SMS records at ``all=1/2``: the documented
        one (with ``comment`` and ``type``), the older one the vendor's PHP library
        describes (without them), or ``"auto"``: tell them apart by field count.
    """

    strict: bool = False
    fmt1_variant: Fmt1Variant = "auto"
    #: Overrides every decoder's own size limit (see ``smsc_codec.limits``).
    max_input_bytes: int | None = None

    def limit(self, default: int) -> int:
        """The size limit in force for a decoder whose own limit is *default*."""
        return default if self.max_input_bytes is None else self.max_input_bytes


#: Raise a :class:`~smsc_codec.errors.DecodeError` at the first deviation.
STRICT = Policy(strict=True)
#: Decode what can be decoded and record every deviation as a :class:`Defect` (the default).
LENIENT = Policy()


@dataclass(slots=True)
class DefectLog:
    """Collects defects during one decode, or raises at once under a strict policy."""

    policy: Policy
    defects: list[Defect] = field(default_factory=list)
    line: int | None = None

    def report(
        self,
        kind: str,
        message: str,
        *,
        field: str | None = None,
        pos: int | None = None,
        line: int | None = None,
    ) -> None:
        """Record one deviation, or raise it as a :class:`DecodeError` under a strict policy."""
        line = self.line if line is None else line
        if self.policy.strict:
            raise DecodeError(message, kind=kind, field=field, pos=pos, line=line)
        self.defects.append(new_defect(kind, message, line, field, pos))

    def take(self) -> tuple[Defect, ...]:
        """The defects so far, emptying the log (so each record gets its own)."""
        out = tuple(self.defects)
        self.defects.clear()
        return out
