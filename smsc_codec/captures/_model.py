"""What reading a capture produces: one :class:`Exchange` per request/reply found."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smsc_codec.canonical import to_canonical
from smsc_codec.charset import Charset
from smsc_codec.errors import DecodeError
from smsc_codec.models import Reply, StatusList
from smsc_codec.mojibake import Repair
from smsc_codec.request import ReplyLayout, Request, reply_layout_to_json, request_to_json
from smsc_codec.smtp import ReplyMail, SendErrorReply, SendMail, SendOk, SendRequest
from smsc_codec.smtp import all_defects as smtp_defects
from smsc_codec.smtp import to_json as smtp_to_json
from smsc_codec.sniff import Sniff

from ._mask import mask, mask_json

__all__ = ["Exchange", "Location", "error_to_json", "exchange_to_json", "masked_error"]

#: The endpoints an exchange can belong to.
ENDPOINTS = ("status", "delete", "history", "smtp-send", "smtp-reply", "unknown")
#: Parameter names whose values are never shown, whatever their case (psw and apikey
#: are masked by the request models; an unknown ``PSW=`` in ``extra`` is masked here).
SECRET_NAMES = frozenset({"psw", "apikey"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Location:
    """Where in a capture an exchange came from.

    ``entry`` is the 0-based index in a HAR's ``log.entries``; ``message`` the
    1-based number of a mail in an mbox; ``line`` the 1-based line where a dump
    record or a mail starts.
    """

    file: str
    entry: int | None = None
    message: int | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.entry is not None:
            where.append(f"entry {self.entry}")
        if self.message is not None:
            where.append(f"message {self.message}")
        if self.line is not None:
            where.append(f"line {self.line}")
        return " ".join(where)

    def to_json(self) -> dict[str, Any]:
        """The location as a JSON object: ``file`` and whichever of ``entry``,
        ``message``, ``line`` are known."""
        return {k: v for k in ("file", "entry", "message", "line")
                if (v := getattr(self, k)) is not None}


SmtpValue = SendMail | ReplyMail | SendRequest | SendOk | SendErrorReply


@dataclass(frozen=True, slots=True, kw_only=True, repr=False)
class Exchange:
    """One request/reply exchange read from a capture, decoded.

    ``endpoint``
        ``"status"``, ``"delete"``, ``"history"`` (HTTP), ``"smtp-send"``,
        ``"smtp-reply"`` (mail), or ``"unknown"`` when nothing told it.
    ``request`` / ``request_error``
        the decoded request (an HTTP request, or the SMTP send a reply answers), or
        why the captured one did not decode.
    ``url``
        scheme, host and path of an HTTP request -- never its query, which holds
        the credentials.
    ``layout``
        how the reply was read (from the request; ``None`` when sniffed).
    ``body``
        the reply body as captured (bytes, or the text a HAR recorder decoded).
    ``reply`` / ``error``
        the decoded reply (lenient: deviations are its defects), or why it did not
        decode.
    ``mail``
        the e-mail around an SMTP send or reply.
    ``sniffed``
        what :func:`smsc_codec.sniff.sniff` told, when no request fixed the layout.
    ``charset`` / ``charset_confidence``
        the charset the body was read in, and how sure that is (1.0 when a request
        or a header said so).
    ``content_type`` / ``http_status``
        the HTTP response's ``Content-Type`` and status code, when captured.
    ``repaired``
        the mojibake repair applied to the body before decoding, if any.
    ``paired``
        for an SMTP reply, where the send it answers was found.
    """

    location: Location
    endpoint: str
    request: Request | SendRequest | None = None
    request_error: DecodeError | None = None
    url: str | None = None
    layout: ReplyLayout | None = None
    body: bytes | str | None = None
    reply: Reply | SendOk | SendErrorReply | None = None
    error: DecodeError | None = None
    mail: SendMail | ReplyMail | None = None
    sniffed: Sniff | None = None
    charset: Charset | None = None
    charset_confidence: float | None = None
    content_type: str | None = None
    http_status: int | None = None
    repaired: Repair | None = None
    paired: Location | None = None

    def __post_init__(self) -> None:
        for name in ("error", "request_error"):
            exc = getattr(self, name)
            if exc is not None:
                object.__setattr__(self, name, masked_error(exc))

    def __repr__(self) -> str:
        # The body is raw capture text (a mail with its send line, a dump record
        # holding a URL): its size only.  The rest through the masking rule.
        shown = []
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if value is None:
                continue
            if name == "body":
                shown.append(f"body=<{type(value).__name__} of {len(value)}>")
            else:
                shown.append(f"{name}={value!r}")
        return mask(f"Exchange({', '.join(shown)})")

    @property
    def ok(self) -> bool:
        """Everything captured decoded (deviations aside)."""
        return self.error is None and self.request_error is None

    def defects(self) -> list[str]:
        """Every defect of the decoded values, one line each, record numbers named."""
        notes: list[str] = []
        if self.mail is not None:
            notes += [str(d) for d in smtp_defects(self.mail)]
        elif isinstance(self.request, SendRequest) and self.endpoint == "smtp-send":
            notes += [str(d) for d in self.request.defects]
        reply = self.reply
        if isinstance(reply, SendOk | SendErrorReply):
            if self.mail is None:
                notes += [str(d) for d in reply.defects]
        elif reply is not None:
            notes += [str(d) for d in reply.defects]
            if isinstance(reply, StatusList):
                for number, record in enumerate(reply.records, start=1):
                    notes += [f"record {number}: {d}" for d in record.defects]
        return notes


def _texts(exc: BaseException | None) -> list[str]:
    """The texts of *exc* and the exceptions chained to it (messages, ``found``,
    a ``UnicodeError``'s ``object``)."""
    out: list[str] = []
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        out.append(str(exc))
        for name in ("found", "object"):
            value = getattr(exc, name, None)
            if isinstance(value, bytes | bytearray):
                value = bytes(value).decode("utf-8", "replace")
            if isinstance(value, str):
                out.append(value)
        exc = exc.__cause__ or exc.__context__
    return out


def masked_error(exc: DecodeError) -> DecodeError:
    """*exc* itself, or when its text, ``found`` or any exception chained to it holds
    a secret shape (a codec quoting capture text: a send line read as a reply), a
    copy through :func:`~._mask.mask` with no chain -- whose texts would be the
    unmasked input."""
    if all(mask(text) == text for text in _texts(exc)):
        return exc
    found = exc.found
    if isinstance(found, bytes | bytearray):
        found = bytes(found).decode("utf-8", "replace")
    copy = DecodeError(mask(exc.message), expected=exc.expected,
                       found=mask(found) if isinstance(found, str) else found, pos=exc.pos,
                       line=exc.line, field=exc.field, kind=exc.kind)
    copy.__suppress_context__ = True
    return copy


def error_to_json(exc: DecodeError) -> dict[str, Any]:
    """The JSON of an error: its kind, message and position (the message through
    :func:`~._mask.mask`: it may quote capture text)."""
    out: dict[str, Any] = {"kind": exc.kind, "message": mask(exc.message)}
    for name in ("pos", "line", "field"):
        value = getattr(exc, name)
        if value is not None:
            out[name] = value
    return out


def _masked_request(request: Request) -> dict[str, Any]:
    out = request_to_json(request)
    if "extra" in out:
        out["extra"] = [[name, "***" if name.lower() in SECRET_NAMES else value]
                        for name, value in out["extra"]]
    return out


def _reply_json(reply: Reply | SendOk | SendErrorReply) -> Any:
    if isinstance(reply, SendOk | SendErrorReply):
        return smtp_to_json(reply)
    return to_canonical(reply)


def exchange_to_json(exchange: Exchange) -> dict[str, Any]:
    """The JSON Lines record of *exchange*: where it came from, the request with its
    secrets masked, the canonical reply (or the error with its kind and position)."""
    ex = exchange
    out: dict[str, Any] = {"source": ex.location.to_json(), "endpoint": ex.endpoint}
    if ex.url is not None:
        out["url"] = ex.url
    if isinstance(ex.request, SendRequest):
        out["request"] = smtp_to_json(ex.request)
    elif ex.request is not None:
        out["request"] = _masked_request(ex.request)
    if ex.request_error is not None:
        out["request_error"] = error_to_json(ex.request_error)
    if ex.paired is not None:
        out["paired"] = ex.paired.to_json()
    if ex.layout is not None:
        out["layout"] = reply_layout_to_json(ex.layout)
    if ex.sniffed is not None:
        out["sniff"] = ex.sniffed.to_json()
    if ex.charset is not None:
        out["charset"] = ex.charset
        if ex.charset_confidence is not None and ex.charset_confidence < 1.0:
            out["charset_confidence"] = round(ex.charset_confidence, 3)
    if ex.repaired is not None:
        out["repaired"] = {"source": ex.repaired.source, "misread_as": ex.repaired.misread_as}
    if ex.http_status is not None or ex.content_type is not None:
        out["http"] = {"status": ex.http_status, "content_type": ex.content_type}
    if ex.mail is not None:
        mail = smtp_to_json(ex.mail)
        out["mail"] = mail.get("mail")
        if ex.endpoint == "smtp-send":
            out["request"] = {k: v for k, v in mail.items() if k != "mail"}
    if ex.reply is not None:
        out["reply"] = _reply_json(ex.reply)
    notes = ex.defects()
    if notes:
        out["defects"] = notes
    if ex.error is not None:
        out["error"] = error_to_json(ex.error)
    masked: dict[str, Any] = mask_json(out)  # whatever part of the capture's text came through
    return masked
