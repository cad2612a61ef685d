"""What a reply body is, told by the decoders themselves.

Given a body alone, :func:`sniff` says which ``fmt`` (0-3) it is in, which endpoint
family sent it (a status, a delete, a history reply, an error, an SMTP reply), what
kind of records it holds (SMS/e-mail or HLR), at which detail level (``all``) and
whether it is a multi-status list -- with a confidence, or the list of candidates
when the body cannot tell.  Given the request too, the request fixes ``fmt``,
``all``, ``charset`` and multi-ness exactly, and only what the request cannot say
(SMS or HLR, an error or records) is left to the body.

Strategy: nothing here parses a wire format.  Every *reading* is a real decoder
call (:func:`smsc_codec.status.decode_reply`, :func:`~smsc_codec.status.decode_delete`,
:func:`smsc_codec.smtp.decode_reply`) under the lenient policy with the parameters
pinned; a reading *fits* when the decoder returns a value, and its cost is the number
of defects the decoder recorded -- zero is exactly "the strict decoder accepts it"
(the strict policy raises on the first defect the lenient one records).  The
readings with the fewest defects are the candidates:

* ``fmt`` x ``all`` x endpoint, each decoded with the kind and multi-ness left to
  the data;
* where the data may not tell (a list of not-found records carries nothing of its
  kind; a ``fmt=1`` line's field count may fit an SMS and an HLR layout; a one-line
  ``fmt`` 0/1 reply may be a single status or a list of one), the other kind and
  multi-ness are decoded pinned as well;
* the older ``fmt=1`` layout (D-fmt1-legacy) is a reading of its own; its
  ``legacy-layout`` defect costs half a defect (:data:`LEGACY_COST`): servers may
  answer either layout, and the legacy line ends in free text, so it fits many
  lines the documented layouts read too.

The candidates are the readings with the least cost and those only half a defect
dearer (a legacy reading beside a documented one).  Confidence: the candidates share
1.0 when the best decodes without defects and 0.5 when it needs some, each weighted
by ``0.25 ** (cost - least)`` (a legacy alternative weighs half); an attribute
(``fmt``, ``family``, ...) is reported only when every candidate that has it agrees,
otherwise it is ``None`` and :attr:`Sniff.candidates` lists the alternatives.

Without a request the charset is detected (:func:`smsc_codec.mojibake.detect_charset`,
among windows-1251, koi8-r and utf-8) and its confidence reported apart; the decoders
cannot check it for ``fmt`` 0/1, where any 8-bit byte is some character.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import Any, Literal

from smsc_codec.charset import DEFAULT_CHARSET, Charset, normalize_charset
from smsc_codec.errors import DecodeError, SmscCodecError
from smsc_codec.exchange import decode_reply_to
from smsc_codec.layouts import HLR_ONLY, Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.mojibake import detect_charset
from smsc_codec.policy import LENIENT, Defect, Policy
from smsc_codec.request import ReplyLayout, Request, decode_request, reply_layout
from smsc_codec.shape import ALL_LEVELS, FMTS
from smsc_codec.smtp import SendErrorReply, SendOk
from smsc_codec.smtp import decode_reply as decode_smtp_reply
from smsc_codec.status import decode_delete, decode_reply
from smsc_codec.wire.formats import FORMATS

__all__ = ["Family", "Reading", "Sniff", "all_defects", "sniff"]

#: "fmt – server response format: 0 ... 3".
#: "all: 0 – (by default) ... 1 – ... 2 – ...".
#: The shares of confidence: a reading the strict decoder accepts, one it refuses.
CLEAN, DEVIANT = 1.0, 0.5
#: What reading the older fmt=1 layout costs, in defects.
LEGACY_COST = 0.5

_LEGACY = Policy(fmt1_variant="legacy")
_NOT_FOUND = -3

Value = Reply | SendOk | SendErrorReply
Variant = Literal["documented", "legacy"]


class Family(enum.StrEnum):
    """Which kind of reply a body is."""

    STATUS = "status"  #: status.php records
    DELETE = "delete"  #: the OK of status.php?del=1
    HISTORY = "history"  #: get.php?get_messages=1 records
    ERROR = "error"  #: ERROR = N / 0,-N / <error> / {"error"} of any endpoint, or SMTP
    SMTP_REPLY = "smtp-reply"  #: OK - <n> SMS, ID - <id>


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    """One way to read a body: the decoder parameters under which it decoded.

    ``fmt``, ``all``, ``kind`` and ``multi`` are ``None`` where they do not apply
    (an SMTP reply has no ``fmt``; an error or a delete no ``all``, kind or
    multi-ness).  ``endpoint`` is the endpoint whose decoder read it (``"status"``,
    ``"delete"``, ``"history"``, ``"smtp"``): for the error family it is what tells
    which endpoints could have sent the error.  ``defects`` are the kinds the lenient
    decoder recorded (empty: the strict decoder accepts the body this way).
    """

    family: Family
    endpoint: str
    fmt: int | None = None
    all: int | None = None
    kind: RecordKind | None = None
    multi: bool | None = None
    variant: Variant = "documented"
    defects: tuple[str, ...] = ()

    @property
    def strict(self) -> bool:
        """Whether the strict decoder accepts the body read this way (no defects)."""
        return not self.defects

    @property
    def cost(self) -> float:
        """How much the reading assumes: one per defect, and half for the older
        ``fmt=1`` layout instead of one (a legacy line fits many layouts' counts,
        so a documented reading without defects is preferred to it)."""
        deviations = sum(kind != "legacy-layout" for kind in self.defects)
        return deviations + (LEGACY_COST if self.variant == "legacy" else 0.0)

    def key(self) -> tuple[Any, ...]:
        """What tells two readings apart: everything but the defects."""
        return (self.family, self.endpoint, self.fmt, self.all, self.kind, self.multi,
                self.variant)

    def to_json(self) -> dict[str, Any]:
        """The reading as a JSON object (as in :meth:`Sniff.to_json`), enums as values."""
        return {
            "family": self.family.value,
            "endpoint": self.endpoint,
            "fmt": self.fmt,
            "all": self.all,
            "kind": None if self.kind is None else self.kind.value,
            "multi": self.multi,
            "variant": self.variant,
            "defects": list(self.defects),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class Sniff:
    """What :func:`sniff` found.

    ``candidates``
        the best readings (lowest :attr:`Reading.cost`, and a legacy reading half a
        defect dearer), cheapest first, then in preference order (status, delete,
        history, error, SMTP; lower ``fmt``; single before multi; SMS before HLR);
        empty when nothing decodes.
    ``others``
        readings that also decode, with more defects.
    ``confidence``
        the share of the first candidate (see the module docstring): 1.0 for a
        body only one reading reads without defects, 0.0 when nothing decodes.
    ``charset`` / ``charset_confidence``
        the charset the body was read in and how sure that is (1.0 when given or
        fixed by the request, or when the body is ASCII and reads the same in all).
    ``reply``
        the value of the first candidate (lenient decoding, defects included).
    ``error``
        when nothing decodes, the error of the reading that got furthest.
    ``request``
        ``True`` when a request fixed the layout.
    """

    candidates: tuple[Reading, ...]
    others: tuple[Reading, ...] = ()
    confidence: float = 0.0
    charset: Charset = DEFAULT_CHARSET
    charset_confidence: float = 1.0
    reply: Value | None = None
    error: DecodeError | None = None
    request: bool = False

    def _agreed(self, name: str) -> Any:
        values = {getattr(r, name) for r in self.candidates} - {None}
        return values.pop() if len(values) == 1 else None

    @property
    def best(self) -> Reading | None:
        """The first candidate, ``None`` when nothing decodes."""
        return self.candidates[0] if self.candidates else None

    @property
    def family(self) -> Family | None:
        """The family every best reading has, else ``None``."""
        return self._agreed("family")  # type: ignore[no-any-return]

    @property
    def fmt(self) -> int | None:
        """The ``fmt`` the best readings agree on, else ``None`` (none, or several)."""
        return self._agreed("fmt")  # type: ignore[no-any-return]

    @property
    def all(self) -> int | None:
        """The ``all`` level the best readings agree on, else ``None``."""
        return self._agreed("all")  # type: ignore[no-any-return]

    @property
    def kind(self) -> RecordKind | None:
        """The record kind (SMS or HLR) the best readings agree on, else ``None``."""
        return self._agreed("kind")  # type: ignore[no-any-return]

    @property
    def multi(self) -> bool | None:
        """Multi-status or single, if the best readings agree, else ``None``."""
        return self._agreed("multi")  # type: ignore[no-any-return]

    @property
    def endpoints(self) -> tuple[str, ...]:
        """Every endpoint a best reading names (for an error: who could send it)."""
        return tuple(dict.fromkeys(r.endpoint for r in self.candidates))

    @property
    def certain(self) -> bool:
        """One best reading, which the strict decoder accepts."""
        return len(self.candidates) == 1 and self.candidates[0].strict

    def values(self, name: str) -> tuple[Any, ...]:
        """The distinct values the best readings give *name* (``None`` left out)."""
        return tuple(dict.fromkeys(v for r in self.candidates
                                   if (v := getattr(r, name)) is not None))

    def to_json(self) -> dict[str, Any]:
        """A JSON view: the agreed attributes, the confidence and the candidates."""
        return {
            "family": None if self.family is None else self.family.value,
            "fmt": self.fmt,
            "all": self.all,
            "kind": None if self.kind is None else self.kind.value,
            "multi": self.multi,
            "endpoints": list(self.endpoints),
            "confidence": round(self.confidence, 3),
            "charset": self.charset,
            "charset_confidence": round(self.charset_confidence, 3),
            "from_request": self.request,
            "candidates": [r.to_json() for r in self.candidates],
        }


def all_defects(value: Value) -> tuple[Defect, ...]:
    """The defects of a decoded value and, for a list, of its records."""
    if isinstance(value, StatusList):
        return value.defects + tuple(d for r in value.records for d in r.defects)
    return value.defects


# --- readings ---------------------------------------------------------------------


@dataclass(slots=True)
class _Attempts:
    """The readings found so far, the values they decoded to, and the furthest error."""

    found: dict[tuple[Any, ...], tuple[Reading, Value]]
    error: DecodeError | None = None

    def add(self, reading: Reading, value: Value) -> None:
        old = self.found.get(reading.key())
        if old is None or reading.cost < old[0].cost:
            self.found[reading.key()] = (reading, value)

    def failed(self, exc: DecodeError) -> None:
        if self.error is None or (exc.pos or 0) > (self.error.pos or 0):
            self.error = exc


def _try(attempts: _Attempts, decode: Callable[[], Value]) -> Value | None:
    try:
        return decode()
    except DecodeError as exc:
        attempts.failed(exc)
    except SmscCodecError:
        pass
    return None


def _defect_kinds(value: Value) -> tuple[str, ...]:
    return tuple(d.kind for d in all_defects(value))


def _records(value: Reply) -> tuple[StatusRecord, ...]:
    if isinstance(value, StatusList):
        return value.records
    return (value,) if isinstance(value, StatusRecord) else ()


def _kind_of(value: Reply) -> RecordKind | None:
    kinds = {r.kind for r in _records(value)}
    return kinds.pop() if len(kinds) == 1 else None


def _reading(value: Value, endpoint: str, fmt: int | None, all_level: int | None) -> Reading:
    kinds = _defect_kinds(value)
    variant: Variant = "legacy" if "legacy-layout" in kinds else "documented"
    if isinstance(value, SendOk):
        return Reading(family=Family.SMTP_REPLY, endpoint="smtp", defects=kinds)
    if isinstance(value, ErrorReply | SendErrorReply):
        return Reading(family=Family.ERROR, endpoint=endpoint, fmt=fmt, defects=kinds)
    if isinstance(value, DeleteOk):
        return Reading(family=Family.DELETE, endpoint="delete", fmt=fmt, defects=kinds)
    family = Family.HISTORY if endpoint == "history" else Family.STATUS
    return Reading(family=family, endpoint=endpoint, fmt=fmt,
                   all=None if family is Family.HISTORY else all_level, kind=_kind_of(value),
                   multi=isinstance(value, StatusList), variant=variant, defects=kinds)


def _uncertain_kind(value: Reply, fmt: int) -> bool:
    """Whether the other kind might read *value*'s body too (D-kind)."""
    records = _records(value)
    if not records:
        return False
    if FORMATS[fmt].positional:
        return True  # only the field count and the types told the kind
    return all(r.status == _NOT_FOUND and not HLR_ONLY.intersection(r.values())
               for r in records)


def _status_readings(attempts: _Attempts, data: bytes | str, fmt: int, charset: Charset,
                     all_level: int) -> None:
    def status(kind: RecordKind | None = None, multi: bool | None = None,
               policy: Policy = LENIENT) -> Callable[[], Value]:
        return partial(decode_reply, data, endpoint=Endpoint.STATUS, fmt=fmt, all=all_level,
                       charset=charset, kind=kind, multi=multi, policy=policy)

    value = _try(attempts, status())
    if value is None or not isinstance(value, StatusRecord | StatusList | ErrorReply):
        return
    attempts.add(_reading(value, "status", fmt, all_level), value)
    if isinstance(value, ErrorReply):
        return
    kinds = [RecordKind.SMS, RecordKind.HLR] if _uncertain_kind(value, fmt) else [None]
    # A fmt 0/1 reply of one line may be a single status or a list of one.
    multis: list[bool | None] = [False, True] if FORMATS[fmt].record_start is not None \
        and len(_records(value)) == 1 else [None]
    for kind in kinds:
        for multi in multis:
            if kind is None and multi is None:
                continue
            pinned = _try(attempts, status(kind, multi))
            if isinstance(pinned, StatusRecord | StatusList):
                attempts.add(replace(_reading(pinned, "status", fmt, all_level),
                                     kind=kind or _kind_of(pinned)), pinned)
    if FORMATS[fmt].positional and all_level in (1, 2):  # where the older layout exists
        legacy = _try(attempts, status(RecordKind.SMS, None, _LEGACY))
        if isinstance(legacy, StatusRecord | StatusList):
            attempts.add(_reading(legacy, "status", fmt, all_level), legacy)


def _blind_readings(data: bytes | str, charset: Charset) -> _Attempts:
    attempts = _Attempts({})
    for fmt in FMTS:
        for all_level in ALL_LEVELS:
            _status_readings(attempts, data, fmt, charset, all_level)
        history = _try(attempts, partial(decode_reply, data, endpoint=Endpoint.HISTORY,
                                         fmt=fmt, all=2, charset=charset,
                                         kind=RecordKind.SMS, multi=True))
        if history is not None:
            if isinstance(history, StatusRecord):  # decode_history's rule: a list of one
                history = StatusList(records=(history,), defects=())
            attempts.add(_reading(history, "history", fmt, None), history)
        delete = _try(attempts, partial(decode_delete, data, fmt=fmt, charset=charset))
        if delete is not None:
            attempts.add(_reading(delete, "delete", fmt, None), delete)
    smtp = _try(attempts, partial(decode_smtp_reply, data, charset=charset))
    if smtp is not None:
        attempts.add(_reading(smtp, "smtp", None, None), smtp)
    return attempts


def _request_readings(data: bytes | str, layout: ReplyLayout) -> _Attempts:
    attempts = _Attempts({})
    endpoint = "delete" if layout.delete else layout.endpoint.value
    all_level = None if layout.delete or layout.endpoint is Endpoint.HISTORY else layout.all
    value = _try(attempts, partial(decode_reply_to, layout, data))
    if value is None or not isinstance(value, StatusRecord | StatusList | ErrorReply | DeleteOk):
        return attempts
    if layout.endpoint is Endpoint.HISTORY and isinstance(value, StatusRecord):
        value = StatusList(records=(value,))
    reading = _reading(value, endpoint, layout.fmt, all_level)
    attempts.add(reading, value)
    if (layout.kind is None and not layout.delete and layout.endpoint is Endpoint.STATUS
            and _uncertain_kind(value, layout.fmt)):
        for kind in (RecordKind.SMS, RecordKind.HLR):
            pinned = _try(attempts, partial(decode_reply_to, replace(layout, kind=kind), data))
            if isinstance(pinned, StatusRecord | StatusList):
                attempts.add(replace(_reading(pinned, endpoint, layout.fmt, all_level),
                                     kind=kind), pinned)
    return attempts


# --- the verdict -------------------------------------------------------------------

_FAMILY_ORDER = {f: i for i, f in enumerate(Family)}
_ENDPOINT_ORDER = {"status": 0, "history": 1, "delete": 2, "smtp": 3}


def _preference(reading: Reading) -> tuple[Any, ...]:
    return (
        reading.cost,
        _FAMILY_ORDER[reading.family],
        _ENDPOINT_ORDER.get(reading.endpoint, 9),
        -1 if reading.fmt is None else reading.fmt,
        bool(reading.multi),
        reading.kind is RecordKind.HLR,
        -1 if reading.all is None else reading.all,
    )


def _verdict(attempts: _Attempts, charset: Charset, charset_confidence: float,
             from_request: bool) -> Sniff:
    ranked = sorted(attempts.found.values(), key=lambda item: _preference(item[0]))
    if not ranked:
        return Sniff(candidates=(), charset=charset, charset_confidence=charset_confidence,
                     error=attempts.error, request=from_request)
    least = ranked[0][0].cost
    best = tuple(r for r, _ in ranked if r.cost <= least + LEGACY_COST)
    others = tuple(r for r, _ in ranked if r.cost > least + LEGACY_COST)
    weights = [0.5 ** (2 * (r.cost - least)) for r in best]
    share = (CLEAN if least == 0 else DEVIANT) * weights[0] / sum(weights)
    return Sniff(candidates=best, others=others, confidence=share, charset=charset,
                 charset_confidence=charset_confidence, reply=ranked[0][1],
                 request=from_request)


def sniff(
    body: bytes | str,
    /,
    *,
    request: Request | ReplyLayout | str | None = None,
    charset: str | None = None,
) -> Sniff:
    """Tell what *body* is: its ``fmt``, endpoint family, record kind, detail level
    and multi-ness (see the module docstring for how).

    *request* (a decoded request, its :class:`ReplyLayout`, or a URL / query string)
    fixes everything it can; *charset* pins the charset when no request does.  A bad
    request string raises :class:`DecodeError` (it never quotes a secret); a body
    that decodes in no way gives a :class:`Sniff` with no candidates and the error
    of the reading that got furthest.
    """
    if isinstance(request, str):
        request = decode_request(request)
    if request is not None:
        layout = request if isinstance(request, ReplyLayout) else reply_layout(request)
        attempts = _request_readings(body, layout)
        return _verdict(attempts, layout.charset, 1.0, True)
    if charset is not None:
        cs, confidence = normalize_charset(charset), 1.0
    elif isinstance(body, str):
        cs, confidence = DEFAULT_CHARSET, 1.0  # text: no charset to tell
    else:
        detection = detect_charset(body)
        cs = detection.charset or DEFAULT_CHARSET
        confidence = detection.confidence if detection.note != "any" else 1.0
        if detection.note == "any":
            cs = DEFAULT_CHARSET  # ASCII reads alike in all three: the API's default
    return _verdict(_blind_readings(body, cs), cs, confidence, False)

