"""Whichever form the input takes: a bare line or a whole e-mail, both ways.

The ``smsc-codec`` command (and anyone holding bytes of unknown shape) reads a send or
a reply that may be a bare line or an ``.eml``, and writes one back from canonical
JSON.  This module owns only that choice; the codecs are the other modules'.

* :func:`decode_send` / :func:`decode_reply_any` -- bytes to a value, telling an
  e-mail from a bare line with :func:`~smsc_codec.smtp.message.looks_like_mail`.  A
  bare line read from a file may end with the file's final line break: exactly one is
  dropped (S-trailing-newline: the line itself never ends with one).
* :func:`to_json` -- any of those values to canonical JSON.
* :func:`encode_send_json` / :func:`encode_reply_json` -- canonical JSON to the
  bare line (without a final line break: the wire has none) or, with ``eml``, the
  whole e-mail.
* :func:`all_defects` -- the defects of a value and of the line inside an e-mail.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypeVar

from smsc_codec.charset import normalize_charset
from smsc_codec.errors import EncodeError
from smsc_codec.policy import LENIENT, Defect, Policy
from smsc_codec.smtp.canonical import (
    loads,
    reply_from_json,
    reply_mail_from_json,
    reply_mail_to_json,
    reply_to_json,
    request_from_json,
    request_to_json,
    send_mail_from_json,
    send_mail_to_json,
)
from smsc_codec.smtp.line import DEFAULT_LINE_CHARSET, decode_line, encode_line
from smsc_codec.smtp.message import (
    MailCharset,
    ReplyMail,
    SendMail,
    decode_reply_mail,
    decode_send_mail,
    encode_reply_mail,
    encode_send_mail,
    looks_like_mail,
)
from smsc_codec.smtp.reply import SendErrorReply, SendOk, SendReply, decode_reply, encode_reply
from smsc_codec.smtp.request import SendRequest

__all__ = [
    "all_defects",
    "decode_reply_any",
    "decode_send",
    "encode_reply_json",
    "encode_send_json",
    "to_json",
]

Value = SendRequest | SendMail | SendOk | SendErrorReply | ReplyMail


def _one_line(data: bytes) -> bytes:
    """A bare line as a file holds it: its one final line break is the file's."""
    if data.endswith(b"\r\n"):
        return data[:-2]
    return data[:-1] if data.endswith(b"\n") else data


def decode_send(
    data: bytes, /, *, charset: str = DEFAULT_LINE_CHARSET, policy: Policy = LENIENT
) -> SendRequest | SendMail:
    """A send line (bytes in *charset*) or a send e-mail (its own charset)."""
    if looks_like_mail(data):
        return decode_send_mail(data, policy=policy)
    return decode_line(_one_line(data), charset=charset, policy=policy)


def decode_reply_any(
    data: bytes, /, *, charset: str = DEFAULT_LINE_CHARSET, policy: Policy = LENIENT
) -> SendReply | ReplyMail:
    """A reply line (bytes in *charset*) or the server's reply e-mail.  As for a send
    line, a bare line's one final line break is the file's, not the reply's."""
    if looks_like_mail(data):
        return decode_reply_mail(data, policy=policy)
    return decode_reply(_one_line(data), charset=charset, policy=policy)


def to_json(value: Value, /, *, reveal_secrets: bool = False) -> dict[str, Any]:
    """The canonical JSON of any value above (secrets masked unless revealed)."""
    if isinstance(value, SendRequest):
        return request_to_json(value, reveal_secrets=reveal_secrets)
    if isinstance(value, SendMail):
        return send_mail_to_json(value, reveal_secrets=reveal_secrets)
    if isinstance(value, ReplyMail):
        return reply_mail_to_json(value)
    if isinstance(value, SendOk | SendErrorReply):
        return reply_to_json(value)
    raise EncodeError(f"not an SMTP value: {type(value).__name__}")


def all_defects(value: Value, /) -> tuple[Defect, ...]:
    """The defects of *value*, then those of the line inside it (for an e-mail)."""
    if isinstance(value, SendMail):
        return value.defects + value.request.defects
    if isinstance(value, ReplyMail):
        return value.defects + value.reply.defects
    return value.defects


def encode_send_json(
    data: object, /, *, eml: bool = False, charset: str = DEFAULT_LINE_CHARSET,
    linesep: str = "\r\n", mail_charset: str | None = None,
) -> bytes:
    """Canonical JSON (a parsed object, or JSON text/bytes) to the line in *charset*,
    or with *eml* to the whole e-mail (its charset is *mail_charset* if given, else
    the JSON's ``mail`` or koi8-r)."""
    if eml:
        mail = _with_charset(send_mail_from_json(data), mail_charset)
        return encode_send_mail(mail, linesep=linesep)
    return encode_line(request_from_json(_without_mail(data)), charset=charset)


def encode_reply_json(
    data: object, /, *, eml: bool = False, charset: str = DEFAULT_LINE_CHARSET,
    linesep: str = "\r\n", mail_charset: str | None = None,
) -> bytes:
    """Canonical reply JSON to the reply line, or with *eml* the reply e-mail (in
    *mail_charset* if given)."""
    if eml:
        return encode_reply_mail(_with_charset(reply_mail_from_json(data), mail_charset),
                                 linesep=linesep)
    return encode_reply(reply_from_json(_without_mail(data)), charset=charset)


_M = TypeVar("_M", SendMail, ReplyMail)


def _with_charset(mail: _M, charset: str | None) -> _M:
    """*mail* with its e-mail written in *charset* (``None``: as it is)."""
    if charset is None:
        return mail
    # The e-mail's charsets are the API's three and us-ascii; anything else is refused
    # (normalize_charset raises an EncodeError naming the three).
    name: MailCharset = "us-ascii" if charset.lower() in ("ascii", "us-ascii") else \
        normalize_charset(charset)
    return replace(mail, envelope=replace(mail.envelope, charset=name))


def _without_mail(data: object) -> object:
    """The JSON of a decoded e-mail, read as a bare line: its envelope is dropped."""
    obj = loads(data) if isinstance(data, str | bytes) else data
    if isinstance(obj, Mapping) and "mail" in obj:
        return {k: v for k, v in obj.items() if k != "mail"}
    return obj
