"""Scanning a capture of any kind, and summing up what was found."""

from __future__ import annotations

import re
from collections import Counter as Tally
from collections.abc import Iterator
from typing import Literal

from smsc_codec.codes import HistoryApiError, SendError, StatusApiError, StatusCode, lookup
from smsc_codec.errors import DecodeError
from smsc_codec.models import ErrorReply, StatusList, StatusRecord
from smsc_codec.smtp import SendErrorReply, SendOk, looks_like_mail

from . import dump, har, mail
from ._mask import mask
from ._model import Exchange, Location
from ._stream import ByteSource, Counter, chunks, gunzip, peek

__all__ = ["CONTAINERS", "Container", "Scan", "Summary", "detect_container"]

#: A capture's container: a HAR file, an mbox, one e-mail (``.eml``), or a dump of
#: bare replies (and request lines) as text.
Container = Literal["har", "mbox", "eml", "dump"]
#: Every :data:`Container`, in the order :func:`detect_container` tells them apart.
CONTAINERS: tuple[Container, ...] = ("har", "mbox", "eml", "dump")
#: How much of an input :func:`detect_container` looks at.
SNIFF_WINDOW = 64 * 1024
#: How many failures a :class:`Summary` lists one by one (all are counted; every
#: failure is in the JSON Lines output anyway).  Keeps memory flat on a capture
#: that fails throughout.
MAX_LISTED_FAILURES = 10_000

_HAR_START = re.compile(rb'\A(?:\xef\xbb\xbf)?\s*\{\s*"log"\s*:')


def detect_container(head: bytes) -> Container:
    """Which container the first bytes (after any gzip) are: a HAR (a JSON object
    whose key is ``log``), an mbox (``"From "`` first), one e-mail (header lines and
    an empty line), else a dump of bare replies."""
    if _HAR_START.match(head):
        return "har"
    if head.startswith(b"From "):
        return "mbox"
    if looks_like_mail(head):
        return "eml"
    return "dump"


class Scan:
    """One pass over one capture: iterate it for its :class:`Exchange` values.

    *source* is a binary file-like object or an iterable of ``bytes`` chunks (the
    caller opens files; this never does); gzip is inflated transparently.  *name*
    is what locations call the input.  *container* is detected unless given.
    *split* and *charset* apply to dumps (see :mod:`smsc_codec.captures.dump`).

    While and after iterating: ``container`` (as detected), ``gzip``, ``bytes_in``
    (raw bytes consumed, for progress against a file size) and ``skipped`` (unrelated
    traffic by reason).  A container that breaks off (a truncated HAR, bad gzip)
    ends the iteration with one last exchange carrying that error.
    """

    def __init__(self, source: ByteSource, *, name: str = "-",
                 container: Container | None = None, split: dump.Split = "auto",
                 charset: str | None = None) -> None:
        self.source = source
        self.name = name
        self.container = container
        self.split: dump.Split = split
        self.charset = charset
        self.gzip = False
        self.skipped: dict[str, int] = {}
        self._counter = Counter()

    @property
    def bytes_in(self) -> int:
        """Raw bytes read from the source so far (before any gzip inflation)."""
        return self._counter.bytes_in

    def __iter__(self) -> Iterator[Exchange]:
        try:
            yield from self._exchanges()
        except DecodeError as exc:
            yield Exchange(location=Location(file=self.name), endpoint="unknown", error=exc)

    def _exchanges(self) -> Iterator[Exchange]:
        self.gzip, stream = gunzip(chunks(self.source, self._counter))
        if self.container is None:
            head, stream = peek(stream, SNIFF_WINDOW)
            self.container = detect_container(head)
        if self.container == "har":
            yield from har.exchanges(stream, self.name, self.skipped)
        elif self.container in ("mbox", "eml"):
            yield from mail.exchanges(stream, self.name, self.skipped)
        else:
            yield from dump.exchanges(stream, self.name, split=self.split,
                                      charset=self.charset)


def scan(source: ByteSource, *, name: str = "-", container: Container | None = None,
         split: dump.Split = "auto", charset: str | None = None) -> Scan:
    """A :class:`Scan` of *source* (iterate it for the exchanges)."""
    return Scan(source, name=name, container=container, split=split, charset=charset)


def _fmt(exchange: Exchange) -> int | None:
    if exchange.layout is not None:
        return exchange.layout.fmt
    if exchange.sniffed is not None:
        return exchange.sniffed.fmt
    return None


class Summary:
    """Counts over a scan: exchanges by endpoint, ``fmt``, record status and error
    code, unrelated traffic skipped, and every failure with its location."""

    def __init__(self) -> None:
        self.exchanges = 0
        self.files = 0
        self.endpoints: Tally[str] = Tally()
        self.fmts: Tally[str] = Tally()
        self.statuses: Tally[str] = Tally()
        self.errors: Tally[str] = Tally()
        self.skipped: Tally[str] = Tally()
        self.failures: list[str] = []
        self.failed = 0

    def add(self, exchange: Exchange) -> None:
        """Count one exchange (and list its failure, if it has one)."""
        self.exchanges += 1
        self.endpoints[exchange.endpoint] += 1
        fmt = _fmt(exchange)
        if exchange.endpoint.startswith("smtp"):
            self.fmts["smtp"] += 1
        else:
            self.fmts["?" if fmt is None else str(fmt)] += 1
        reply = exchange.reply
        records = reply.records if isinstance(reply, StatusList) else \
            (reply,) if isinstance(reply, StatusRecord) else ()
        for record in records:
            status = record.status
            if status is not None:
                code = lookup(StatusCode, int(status))
                name = code.name_en if isinstance(code, StatusCode) else "unknown"
                self.statuses[f"{int(status)} {name}"] += 1
        if isinstance(reply, ErrorReply):
            meaning = reply.meaning()
            table = exchange.endpoint if exchange.endpoint in ("status", "delete", "history") \
                else reply.endpoint.value
            name = meaning.name_en if isinstance(meaning, StatusApiError | HistoryApiError) \
                else "unknown"
            self.errors[f"{table} {reply.code} {name}"] += 1
        elif isinstance(reply, SendErrorReply):
            code = reply.code
            name = code.name_en if isinstance(code, SendError) else "unknown"
            self.errors[f"smtp {int(code)} {name}"] += 1
        elif isinstance(reply, SendOk):
            self.statuses["smtp OK"] += 1
        for exc in (exchange.request_error, exchange.error):
            if exc is not None:
                self.failed += 1
                if len(self.failures) < MAX_LISTED_FAILURES:
                    self.failures.append(mask(f"{exchange.location}: {exc.kind}: {exc}"))

    def __add__(self, other: Summary) -> Summary:
        """The summary of both scans (files in any order: counts add up; the listed
        failures are this one's, then *other*'s, up to :data:`MAX_LISTED_FAILURES`)."""
        if not isinstance(other, Summary):
            return NotImplemented
        out = Summary()
        out.exchanges, out.files = self.exchanges + other.exchanges, self.files + other.files
        for name in ("endpoints", "fmts", "statuses", "errors", "skipped"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        out.failures = (self.failures + other.failures)[:MAX_LISTED_FAILURES]
        out.failed = self.failed + other.failed
        return out

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Summary) and self.lines() == other.lines()

    __hash__ = None  # type: ignore[assignment]  # mutable

    def skip(self, reasons: dict[str, int]) -> None:
        """Count unrelated traffic skipped, by reason (a :attr:`Scan.skipped`)."""
        self.skipped.update(reasons)

    def lines(self) -> list[str]:
        """The summary as text, one fact per line."""

        def tally(title: str, counts: Tally[str]) -> str:
            items = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
            return f"  {title}: {items or 'none'}"

        skipped = sum(self.skipped.values())
        out = [f"{self.exchanges} exchanges in {self.files} file(s); {self.failed} failed;"
               f" {skipped} unrelated entries skipped"]
        out.append(tally("endpoint", self.endpoints))
        out.append(tally("fmt", self.fmts))
        out.append(tally("status", self.statuses))
        out.append(tally("error code", self.errors))
        if self.skipped:
            out.append(tally("skipped", self.skipped))
        if self.failures:
            out.append("  failures:")
            out += [f"    {f}" for f in self.failures]
            if self.failed > len(self.failures):
                out.append(f"    ... and {self.failed - len(self.failures)} more"
                           " (each is in the JSON Lines output)")
        return out
