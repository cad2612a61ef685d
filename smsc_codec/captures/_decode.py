"""From captured pieces to a decoded :class:`~smsc_codec.captures.Exchange`.

The container readers (HAR, mail, dumps) find the pieces; this module decodes them
with the library's codecs and nothing else:

* an HTTP exchange (:func:`http_exchange`): the request from its URL and form body
  (:func:`smsc_codec.request.decode_request`), the reply exactly as the request
  shapes it (:func:`smsc_codec.exchange.decode_reply_to`) -- in the charset the
  ``Content-Type`` names when it names one of the API's and the bytes were
  captured as bytes (the header describes them; a mismatch with the request is a
  conformance finding, H01);
* a bare reply (:func:`bare_reply`, a dump without its request): the layout told by
  :func:`smsc_codec.sniff.sniff`, the charset by
  :func:`smsc_codec.mojibake.detect_charset`;
* an e-mail (:func:`mail_exchange`): :mod:`smsc_codec.smtp`'s send or reply codec.

Text bodies (a HAR recorder decoded the bytes itself) are checked for mojibake --
windows-1251, koi8-r or utf-8 read as Latin-1 by whatever stood in between -- and
repaired with :func:`smsc_codec.mojibake.repair_mojibake` before decoding; the
exchange records the repair.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any
from urllib.parse import SplitResult, urlsplit

from smsc_codec.charset import PYTHON_CODEC, Charset, normalize_charset
from smsc_codec.errors import DecodeError, SmscCodecError
from smsc_codec.exchange import decode_reply_to
from smsc_codec.layouts import Endpoint
from smsc_codec.models import Reply, StatusList, StatusRecord
from smsc_codec.mojibake import Repair, detect_charset, repair_mojibake
from smsc_codec.request import ReplyLayout, Request, decode_request, reply_layout
from smsc_codec.smtp import (
    ReplyMail,
    SendMail,
    decode_line,
    decode_reply_mail,
    decode_send_mail,
)
from smsc_codec.sniff import Family, sniff

from ._model import Exchange, Location

__all__ = ["API_SCRIPTS", "OTHER_REQUEST", "bare_reply", "http_exchange", "mail_exchange",
           "reply_exchange", "script_of", "split_url"]

#: The scripts whose exchanges are decoded, on any host ("the API is served under
#: several domains": smsc.ru, smscentre.com, ...).
API_SCRIPTS = ("status.php", "get.php")
#: What :func:`http_exchange` answers for a ``get.php`` request that is not a history
#: request (``get.php`` serves balances, answers, operators... too).
OTHER_REQUEST = "other-get-php"

_CHARSET_PARAM = re.compile(r";\s*charset\s*=\s*\"?([^\";\s]+)", re.IGNORECASE)
#: A detected charset this close to the top candidate's confidence counts as a tie,
#: which the request's charset, when known, wins.
_TIE = 0.1


def split_url(url: str) -> SplitResult:
    """*url* split into its parts.  ``urlsplit`` refuses a bracketed host that is
    no IPv6 address (``http://[::1/``, ``http://[zz]/``); such a URL is split by
    hand instead -- path, query and fragment, no host -- since a capture may hold
    any text there.  The port is never parsed here, for the same reason."""
    try:
        return urlsplit(url)
    except ValueError:
        rest, _, fragment = url.partition("#")
        rest, _, query = rest.partition("?")
        scheme, sep, rest = rest.partition("://")
        path = "/" + rest.partition("/")[2] if sep else rest
        return SplitResult(scheme if sep else "", "", path, query, fragment)


def script_of(url: str) -> str:
    """The last segment of *url*'s path (``status.php``)."""
    return split_url(url).path.rsplit("/", 1)[-1]


def content_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a ``Content-Type`` value, as written."""
    if not content_type:
        return None
    m = _CHARSET_PARAM.search(content_type)
    return m[1] if m else None


def _public_url(url: str) -> str:
    """Scheme, host and path only: never the query (credentials) or user info."""
    parts = split_url(url)
    # The host and port as written, user info dropped: SplitResult.port raises on a
    # port that is out of range or no number, which a capture may well hold.
    host = parts.netloc.rpartition("@")[2].lower()
    scheme = f"{parts.scheme}://" if parts.scheme else ""
    return f"{scheme}{host}{parts.path}"


def _endpoint(request: Request | None, script: str) -> str:
    if request is not None:
        return request.kind.value
    return "history" if script == "get.php" else "status"


def _repair(text: str) -> tuple[str, Repair | None]:
    if text.isascii():
        return text, None
    repair = repair_mojibake(text)
    return (text, None) if repair is None else (repair.text, repair)


def reply_exchange(location: Location, body: bytes | str, layout: ReplyLayout, *,
                   request: Request | None = None) -> Exchange:
    """A reply decoded exactly as *layout* says (a request's, or one given by hand)."""
    endpoint = "delete" if layout.delete else layout.endpoint.value
    exchange = Exchange(location=location, endpoint=endpoint, request=request, body=body,
                        charset=layout.charset, charset_confidence=1.0)
    return _decode_layout(exchange, layout, body)


def _reply_of(layout: ReplyLayout, body: bytes | str
              ) -> tuple[Reply, None] | tuple[None, DecodeError]:
    """The reply *layout* reads in *body*, or why it does not."""
    try:
        reply = decode_reply_to(layout, body)
    except DecodeError as exc:
        return None, exc
    if layout.endpoint is Endpoint.HISTORY and isinstance(reply, StatusRecord):
        reply = StatusList(records=(reply,))  # decode_history's rule: a list of one
    return reply, None


def _decode_layout(exchange: Exchange, layout: ReplyLayout, body: bytes | str) -> Exchange:
    reply, error = _reply_of(layout, body)
    return replace(exchange, layout=layout, reply=reply, error=error)


def _decode_sniffed(exchange: Exchange, body: bytes | str, charset: Charset | None) -> Exchange:
    result = sniff(body, charset=charset)
    if result.reply is None:
        error = result.error or DecodeError("no reply layout reads this body", kind="malformed")
        return replace(exchange, sniffed=result, error=error)
    best = result.candidates[0]
    endpoint = {Family.DELETE: "delete", Family.HISTORY: "history",
                Family.SMTP_REPLY: "smtp-reply", Family.STATUS: "status"}.get(best.family)
    if endpoint is None:  # an error: from whichever endpoint the readings agree on
        names = set(result.endpoints)
        endpoint = names.pop() if len(names) == 1 else "unknown"
        endpoint = "smtp-reply" if endpoint == "smtp" else endpoint
    reply = result.reply
    return replace(exchange, endpoint=endpoint, sniffed=result, reply=reply)


def http_exchange(
    location: Location,
    *,
    url: str,
    form: str | None,
    body: bytes | str | None,
    content_type: str | None = None,
    http_status: int | None = None,
) -> Exchange | str | None:
    """The decoded exchange of one captured HTTP request and its response.

    ``None`` when the URL is not an API script (unrelated traffic);
    :data:`OTHER_REQUEST` for a ``get.php`` request that is not a history request.
    *form* is the POST body (joined after the query string, as PHP's ``$_REQUEST``
    sees both); *body* is the response body, bytes or the recorder's text.
    """
    parts = split_url(url)
    script = parts.path.rsplit("/", 1)[-1]  # script_of(url), the URL split once
    if script not in API_SCRIPTS:
        return None
    query = parts.query
    if form:
        query = f"{query}&{form}" if query else form
    # The exchange is built once, at the end, from what each step found (one
    # construction, not one dataclasses.replace per step: ~10 us an exchange).
    request: Request | None = None
    request_error: DecodeError | None = None
    try:
        request = decode_request(f"{parts.path}?{query}")
    except DecodeError as exc:
        if script == "get.php" and exc.field == "get_messages":
            return OTHER_REQUEST
        request_error = exc
    common: dict[str, Any] = {"location": location, "endpoint": _endpoint(request, script),
              "url": _public_url(url), "content_type": content_type,
              "http_status": http_status, "request": request, "request_error": request_error}
    if body is None:
        return Exchange(**common, error=DecodeError("the capture holds no response body",
                                                    kind="no-body"))
    repaired = None
    if isinstance(body, str):
        body, repaired = _repair(body)
    if request is None:
        # The request did not decode: the body may still tell what it is.
        return _decode_sniffed(Exchange(**common, body=body, repaired=repaired), body,
                               _declared(content_type))
    layout = reply_layout(request)
    declared = _declared(content_type)
    if isinstance(body, bytes) and declared is not None and declared != layout.charset:
        # The header describes these very bytes; the request only what was asked.
        # They disagree: read what was sent (conformance rule H01 reports it).
        layout = replace(layout, charset=declared)
    reply, error = _reply_of(layout, body)
    return Exchange(**common, body=body, repaired=repaired, layout=layout, reply=reply,
                    error=error, charset=layout.charset, charset_confidence=1.0)


def _declared(content_type: str | None) -> Charset | None:
    name = content_charset(content_type)
    if name is None:
        return None
    try:
        return normalize_charset(name)
    except SmscCodecError:
        return None


#: The confidence reported for valid UTF-8 that the detector's statistics ranked below
#: an 8-bit reading.
UTF8_BY_GRAMMAR = 0.9


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def detect(body: bytes, prior: Charset | None = None) -> tuple[Charset | None, float]:
    """The charset of a body with no header: :func:`detect_charset` among the API's
    three, where *prior* (the request's charset) wins a near tie and valid UTF-8 wins
    outright.  ``None`` for ASCII (it reads the same in all three)."""
    detection = detect_charset(body)
    if detection.note == "any":
        return None, 1.0
    if _valid_utf8(body) and detection.charset != "utf-8":
        # UTF-8's multi-byte grammar is practically never met by chance, but the
        # detector's statistics may prefer an 8-bit reading of UTF-8 *mojibake*
        # (koi8-r misread as Latin-1 and saved as UTF-8).  The grammar wins.
        return "utf-8", dict(detection.candidates).get("utf-8", UTF8_BY_GRAMMAR)
    if detection.charset is None:
        return prior, 0.0
    if prior is not None:
        for name, confidence in detection.candidates:
            if name == prior and detection.confidence - confidence <= _TIE:
                return prior, confidence
    return detection.charset, detection.confidence


def bare_reply(location: Location, body: bytes, *, request: str | None = None,
               charset: str | None = None) -> Exchange:
    """A reply captured without headers (a dump), with its request line if the dump
    has one.  The charset is *charset* if given, else detected (the request's
    charset wins a near tie); mojibake is repaired; without a request the layout is
    sniffed."""
    exchange = Exchange(location=location, endpoint="unknown", body=body)
    decoded: Request | None = None
    if request is not None:
        exchange = replace(exchange, url=_public_url(request))
        try:
            decoded = decode_request(request)
        except DecodeError as exc:
            exchange = replace(exchange, request_error=exc)
    prior = reply_layout(decoded).charset if decoded is not None else None
    if charset is not None:
        cs: Charset | None = normalize_charset(charset)
        confidence = 1.0
    else:
        cs, confidence = detect(body, prior)
    data: bytes | str = body
    repaired = None
    if cs is not None and not body.isascii():
        text, repaired = _repair(body.decode(CHARSETS_CODEC[cs], "replace"))
        if repaired is not None:
            data = text
    exchange = replace(exchange, charset=cs or prior, charset_confidence=confidence,
                       repaired=repaired)
    if decoded is None:
        return _decode_sniffed(exchange, data, cs)
    exchange = replace(exchange, request=decoded, endpoint=decoded.kind.value)
    layout = reply_layout(decoded)
    if cs is not None and cs != layout.charset and isinstance(data, bytes):
        layout = replace(layout, charset=cs)
    return _decode_layout(exchange, layout, data)


def _send_line(exchange: Exchange, body: bytes, charset: Charset | None) -> Exchange:
    """A dump record no reply layout reads cleanly may be an SMTP send line saved
    beside the replies ("login:password:id:..." , SMTP page 004): read as one, it is an
    ``smtp-send`` exchange whose password is masked like any send's."""
    try:
        request = decode_line(body, charset=charset or "koi8-r")
    except DecodeError:
        return exchange
    return replace(exchange, endpoint="smtp-send", request=request, error=None, reply=None,
                   sniffed=None)


#: Python codec names of the API's charsets (the name before PYTHON_CODEC).
CHARSETS_CODEC = PYTHON_CODEC


def mail_exchange(location: Location, data: bytes, *, direction: str | None = None
                  ) -> Exchange:
    """One e-mail of an SMTP capture: a send (``login:psw:...`` line) or the server's
    reply (``OK - n SMS, ID - id`` / ``ERROR = N (...)``).  The reply codec is tried
    first (its grammar is the narrower).  When neither reads the mail, the error
    reported is the one of *direction* (``"send"`` or ``"reply"``, as the headers
    tell), else of the codec that got further."""
    try:
        reply_mail: ReplyMail = decode_reply_mail(data)
    except DecodeError as reply_exc:
        try:
            send_mail: SendMail = decode_send_mail(data)
        except DecodeError as send_exc:
            if direction is not None:
                worse = reply_exc if direction == "reply" else send_exc
            else:
                worse = reply_exc if (reply_exc.pos or 0) > (send_exc.pos or 0) else send_exc
            endpoint = "smtp-reply" if worse is reply_exc else "smtp-send"
            return Exchange(location=location, endpoint=endpoint, body=data, error=worse)
        return Exchange(location=location, endpoint="smtp-send", request=send_mail.request,
                        mail=send_mail, body=data)
    return Exchange(location=location, endpoint="smtp-reply", reply=reply_mail.reply,
                    mail=reply_mail, body=data)
