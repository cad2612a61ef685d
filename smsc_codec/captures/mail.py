"""SMTP captures: an mbox of mails, or one ``.eml``.

A client sends a message by mailing a send line to the SMS Center; with ``test=1``
(or on an error) the server mails back ``OK - <n> SMS, ID - <id>`` or ``ERROR = N
(...)`` (page 004).  A mailbox of that traffic holds both directions, often among
unrelated mail.

mbox framing (RFC 4155): each mail starts with a ``From `` line at the start of the
file or after an empty line; lines of the mail that start ``From `` were written
``>From `` (and ``>From `` as ``>>From ``: the "mboxrd" convention), so one ``>`` is
taken off every line that matches ``^>+From ``.  The empty line before the next
``From `` belongs to the framing and is dropped.  A file whose first line is not a
``From `` line is a single mail (``.eml``).

Lines are read as they come, so memory holds one mail: a mail longer than
:data:`MAX_MESSAGE_BYTES` (ten times the API's own 100 KB limit: no send or reply)
is skipped unread.

Pairing: a reply is paired with the send it answers by the message ``id`` (the
client's, echoed in ``ID - <id>``), or by ``In-Reply-To`` naming the send's
``Message-ID``.  The most recent :data:`PAIRING_WINDOW` sends are remembered, as
long as they come to no more than :data:`PAIRING_BYTES` of mail.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from email.parser import BytesHeaderParser
from email.policy import compat32

from smsc_codec.smtp import MAX_MAIL_BYTES, SendErrorReply, SendOk, SendRequest

from ._decode import mail_exchange
from ._model import Exchange, Location
from ._stream import numbered

__all__ = ["MAX_MESSAGE_BYTES", "PAIRING_BYTES", "PAIRING_WINDOW", "Mail", "exchanges",
           "messages"]

#: A mail in a capture larger than this is skipped unread: ten times the API's own
#: 100 KB limit, so no send or reply is ever one (room for headers and encodings).
MAX_MESSAGE_BYTES = 10 * MAX_MAIL_BYTES
#: How many recent sends are kept for pairing replies with.
PAIRING_WINDOW = 10_000
#: And how many bytes of mail they may come to, per table (by id, by Message-ID):
#: a reply comes back within minutes of its send, and 8 MiB is thousands of
#: ordinary sends (a few hundred bytes each) but only some 80 of the largest a mail
#: may carry (100 KB) -- without it 10 000 of those would hold a gigabyte.
PAIRING_BYTES = 8 * 1024 * 1024
#: "Return path" lines of a mail that name the SMS Center (any of its domains).
_RELATED = re.compile(rb"smsc", re.IGNORECASE)
_ESCAPED_FROM = re.compile(rb">+From ")


@dataclass(frozen=True, slots=True)
class Mail:
    """One mail of a capture: its number (1-based), the line it starts on (its
    ``From `` line in an mbox), and its bytes (``None`` when too large to keep)."""

    number: int
    line: int
    data: bytes | None


def messages(stream: Iterator[bytes]) -> Iterator[Mail]:
    """The mails of an mbox, or the one mail of an ``.eml``."""
    it = numbered(stream, MAX_MESSAGE_BYTES)
    head = next(it, None)
    if head is None:
        return
    if not head[1].startswith(b"From "):
        yield from _single(head[1], (piece for _, piece in it))
        return
    number, start = 1, 1
    parts: list[bytes] = []
    size = 0
    too_large = False
    previous_blank = at_line_start = True
    for lineno, line in it:
        if at_line_start and previous_blank and line.startswith(b"From "):
            yield _finish(number, start, parts, too_large)
            number, start, parts, size, too_large = number + 1, lineno, [], 0, False
            previous_blank, at_line_start = False, line.endswith(b"\n")
            continue
        if at_line_start:
            previous_blank = line in (b"\n", b"\r\n")
            if _ESCAPED_FROM.match(line):
                line = line[1:]
        at_line_start = line.endswith(b"\n")
        size += len(line)
        if size > MAX_MESSAGE_BYTES:
            too_large, parts = True, []
        elif not too_large:
            parts.append(line)
    yield _finish(number, start, parts, too_large)


def _finish(number: int, start: int, parts: list[bytes], too_large: bool) -> Mail:
    if too_large:
        return Mail(number, start, None)
    if parts and parts[-1] in (b"\n", b"\r\n"):
        parts = parts[:-1]  # the empty line before the next "From " is framing
    return Mail(number, start, b"".join(parts))


def _single(first: bytes, rest: Iterator[bytes]) -> Iterator[Mail]:
    parts, size = [first], len(first)
    for line in rest:
        size += len(line)
        if size > MAX_MESSAGE_BYTES:
            for _ in rest:
                pass
            yield Mail(1, 1, None)
            return
        parts.append(line)
    yield Mail(1, 1, b"".join(parts))


@dataclass(frozen=True, slots=True)
class _Headers:
    related: bool  #: a header names the SMS Center
    direction: str | None  #: "reply" (from the SMS Center), "send" (to it), or unknown
    message_id: str | None
    in_reply_to: str | None


def _names_smsc(value: object) -> bool:
    return value is not None and _RELATED.search(str(value).encode("utf-8", "replace")) is not None


def _headers(data: bytes) -> _Headers:
    """What the header block says (stdlib parsing of the headers only)."""
    head = BytesHeaderParser(policy=compat32).parsebytes(data)
    related = any(_names_smsc(value) for name, value in head.items()
                  if name.lower() in ("from", "to", "cc", "reply-to", "delivered-to",
                                      "return-path", "received"))
    direction = "reply" if _names_smsc(head.get("From")) else \
        "send" if _names_smsc(head.get("To")) else None
    message_id, in_reply_to = head.get("Message-ID"), head.get("In-Reply-To")
    return _Headers(related, direction,
                    None if message_id is None else str(message_id).strip(),
                    None if in_reply_to is None else str(in_reply_to).strip())


def exchanges(stream: Iterator[bytes], name: str,
              skipped: dict[str, int] | None = None) -> Iterator[Exchange]:
    """The exchanges of a mail capture: one per send and per reply, replies paired
    with their sends.  Mails that neither codec reads and whose headers do not name
    the SMS Center are unrelated: counted in *skipped*, not yielded."""
    skipped = skipped if skipped is not None else {}
    by_id = _Window()
    by_message_id = _Window()
    for mail in messages(stream):
        location = Location(file=name, message=mail.number, line=mail.line)
        if mail.data is None:
            skipped["too-large-mail"] = skipped.get("too-large-mail", 0) + 1
            continue
        head = _headers(mail.data)
        exchange = mail_exchange(location, mail.data, direction=head.direction)
        if exchange.error is not None and not head.related:
            skipped["unrelated"] = skipped.get("unrelated", 0) + 1
            continue
        if isinstance(exchange.request, SendRequest) and exchange.endpoint == "smtp-send":
            send = (location, mail.data)
            if exchange.request.id is not None:
                by_id.remember(str(exchange.request.id), send)
            if head.message_id:
                by_message_id.remember(head.message_id, send)
        elif isinstance(exchange.reply, SendOk | SendErrorReply):
            found = None
            if exchange.reply.id is not None:
                found = by_id.get(str(exchange.reply.id))
            if found is None and head.in_reply_to:
                found = by_message_id.get(head.in_reply_to)
            if found is not None:
                exchange = replace(exchange, paired=found[0],
                                   request=mail_exchange(found[0], found[1]).request)
        yield exchange


class _Window:
    """The recent sends by a key, oldest dropped first: at most
    :data:`PAIRING_WINDOW` of them and :data:`PAIRING_BYTES` of their mail.

    A send is kept as its mail's bytes, decoded again when a reply pairs with it:
    the decoded request of a send to thousands of recipients is ten times its
    mail's size, the bytes are what the bound can count."""

    def __init__(self) -> None:
        self.table: OrderedDict[str, tuple[Location, bytes]] = OrderedDict()
        self.size = 0

    def get(self, key: str) -> tuple[Location, bytes] | None:
        return self.table.get(key)

    def remember(self, key: str, send: tuple[Location, bytes]) -> None:
        old = self.table.pop(key, None)
        if old is not None:
            self.size -= len(old[1])
        self.table[key] = send
        self.size += len(send[1])
        while len(self.table) > PAIRING_WINDOW or self.size > PAIRING_BYTES:
            self.size -= len(self.table.popitem(last=False)[1][1])
