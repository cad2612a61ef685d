"""The e-mail around a send line or a reply: RFC 5322 with the stdlib ``email`` package.

Page 004: "To send an SMS, you need to send an e-mail to the send address
send@send.smscentre.com ... The message must be transmitted in plain text with the
encoding specified, by default koi8-r. The encoding is set in the Content-Type
header (Content-Type: text/plain; charset="CHARSET"). The maximum email size is 100
KB.  If it is not possible to transmit the text of the message with "Content-Type:
text/plain", it is necessary to enclose the text in special tags "[text]message
text[/text]"."

This module owns that envelope: :class:`Envelope` (headers, charset, transfer
encoding, body type, tags), :class:`SendMail` and :class:`ReplyMail` (an envelope with
its typed content), and the four functions between them and bytes.

Building is deterministic: headers in a fixed order (From, To, Subject, Date,
Message-ID, then the MIME headers ``set_content`` writes), ``Date`` and
``Message-ID`` only when given (never "now", never random), CRLF line ends.  So a
message this module writes reads back to the same value, and writing that value
again gives the same bytes.

Reading, the charset (spec/smtp.md, S-mail-charset):

* declared and one of the API's three (or ``us-ascii`` for ASCII text): used as is;
* not declared: the page's default, koi8-r.  Under a lenient policy, non-ASCII bytes
  are checked first -- valid UTF-8, windows-1251 Russian misread as Latin-1, or
  charset-normalizer's best guess (:mod:`smsc_codec.mojibake`) -- and a charset other
  than koi8-r is used with a ``charset-guessed`` defect;
* declared but not one the API speaks (``iso-8859-1``, ``windows-1252``...): an error
  under a strict policy; lenient reads guess as above (``unsupported-charset``);
* then, lenient only: text that is windows-1251, koi8-r or UTF-8 mojibake (read as
  Latin-1/cp1252 by some gateway before it was encoded again) is repaired with
  :func:`~smsc_codec.mojibake.repair_mojibake`, with a ``mojibake-repaired`` defect.

A strict policy never guesses: it reads exactly what the headers say.

Multipart messages are read (the part the server reads is chosen: a text part with
``[text]`` tags, else the first ``text/plain``), but written only as one part: the
value keeps the chosen part's envelope, not the multipart structure.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy as email_policy
from email.generator import BytesGenerator
from email.message import EmailMessage, Message
from email.parser import BytesParser
from email.utils import format_datetime
from io import BytesIO
from typing import Literal, get_args

from smsc_codec.charset import (
    PYTHON_CODEC,
    Charset,
    can_encode,
    decode_text,
    encode_text,
    normalize_charset,
)
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError
from smsc_codec.limits import MAX_MAIL_BYTES, check_size
from smsc_codec.mojibake import detect_charset, repair_mojibake
from smsc_codec.policy import LENIENT, Defect, DefectLog, Policy
from smsc_codec.smtp.line import decode_line, encode_line
from smsc_codec.smtp.reply import SendErrorReply, SendOk, SendReply, decode_reply, encode_reply
from smsc_codec.smtp.request import SendRequest

__all__ = [
    "DEFAULT_MAIL_CHARSET",
    "MAX_LINE_OCTETS",
    "MAX_MAIL_BYTES",
    "SEND_ADDRESS",
    "SEND_ENVELOPE",
    "BodyType",
    "Envelope",
    "MailCharset",
    "ReplyMail",
    "SendMail",
    "TransferEncoding",
    "decode_reply_mail",
    "decode_send_mail",
    "encode_reply_mail",
    "encode_send_mail",
    "looks_like_mail",
]

# MAX_MAIL_BYTES ("The maximum email size is 100 KB") lives with the other limits,
# in smsc_codec.limits; it is checked before any parsing.
#: RFC 5322 §2.1.1: "Each line of characters MUST be no more than 998 characters ...
#: excluding the CRLF".  A 7bit or 8bit body has no way to wrap a longer line.
MAX_LINE_OCTETS = 998
#: "send an e-mail to the send address send@send.smscentre.com" (the page lost the
#: "@"; the Russian page has send@send.smsc.ru).
SEND_ADDRESS = "send@send.smscentre.com"
#: "... with the encoding specified, by default koi8-r."
DEFAULT_MAIL_CHARSET: Charset = "koi8-r"

#: The charsets a mail may declare: the API's three, and US-ASCII for ASCII text.
MailCharset = Literal["koi8-r", "windows-1251", "utf-8", "us-ascii"]
#: The body's ``Content-Transfer-Encoding`` values an e-mail is read and written with.
TransferEncoding = Literal["7bit", "8bit", "quoted-printable", "base64"]
#: The body's content type: the vendor reads plain text or HTML.
BodyType = Literal["text/plain", "text/html"]

_TAG_OPEN, _TAG_CLOSE = "[text]", "[/text]"

# Writing: SMTP's CRLF and no folding surprises; 8bit bodies stay 8bit.
_WRITE = email_policy.SMTP.clone(cte_type="8bit", raise_on_defect=False)
# Reading: the modern API (header objects with .datetime) and defects collected, not
# raised, so the policy of this library decides what a defect means.
_READ = email_policy.default.clone(raise_on_defect=False)


def _check_header(value: object, name: str) -> None:
    if value is not None and (not isinstance(value, str) or "\n" in value or "\r" in value):
        raise EncodeError("a header value is one line of text", field=name)


@dataclass(frozen=True, slots=True, kw_only=True)
class Envelope:
    """Everything of the e-mail but its text.

    ``charset``
        the ``charset`` parameter of ``Content-Type``; ``None`` for none (the server
        then reads koi8-r, and so do we).
    ``transfer_encoding``
        ``Content-Transfer-Encoding``.
    ``body_type`` / ``tagged``
        ``text/plain`` with the bare line or (``tagged``) the line in
        ``[text]...[/text]``; ``text/html`` always tagged.
    ``from_addr``, ``to_addr``, ``subject``, ``date``, ``message_id``
        the headers of those names, as text (``date`` a datetime); ``None`` leaves
        the header out.
    """

    charset: MailCharset | None = DEFAULT_MAIL_CHARSET
    transfer_encoding: TransferEncoding = "quoted-printable"
    body_type: BodyType = "text/plain"
    tagged: bool = False
    from_addr: str | None = None
    to_addr: str | None = None
    subject: str | None = None
    date: datetime | None = None
    message_id: str | None = None

    def __post_init__(self) -> None:
        if self.charset is not None and self.charset not in get_args(MailCharset):
            raise EncodeError(f"charset is one of {get_args(MailCharset)} or None",
                              field="charset")
        if self.transfer_encoding not in get_args(TransferEncoding):
            raise EncodeError(f"transfer_encoding is one of {get_args(TransferEncoding)}",
                              field="transfer_encoding")
        if self.body_type not in get_args(BodyType):
            raise EncodeError(f"body_type is one of {get_args(BodyType)}", field="body_type")
        if not isinstance(self.tagged, bool):
            raise EncodeError("tagged is a bool", field="tagged")
        if self.body_type == "text/html" and not self.tagged:
            raise EncodeError("a text/html body carries its line in [text]...[/text]",
                              field="tagged")
        for name in ("from_addr", "to_addr", "subject", "message_id"):
            _check_header(getattr(self, name), name)
        if self.date is not None and not isinstance(self.date, datetime):
            raise EncodeError("date is a datetime", field="date")


#: The envelope of a send: to the vendor's send address, koi8-r, quoted-printable.
SEND_ENVELOPE = Envelope(to_addr=SEND_ADDRESS)


@dataclass(frozen=True, slots=True, kw_only=True)
class SendMail:
    """A send request as an e-mail.  ``defects`` are the mail's (the line's own are
    on ``request``)."""

    request: SendRequest
    envelope: Envelope = SEND_ENVELOPE
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.request, SendRequest):
            raise EncodeError("request is a SendRequest", field="request")
        if not isinstance(self.envelope, Envelope):
            raise EncodeError("envelope is an Envelope", field="envelope")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyMail:
    """The server's reply as an e-mail."""

    reply: SendReply
    envelope: Envelope = Envelope()
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.reply, SendOk | SendErrorReply):
            raise EncodeError("reply is a SendOk or SendErrorReply", field="reply")
        if not isinstance(self.envelope, Envelope):
            raise EncodeError("envelope is an Envelope", field="envelope")


# --- writing -------------------------------------------------------------------------


def _body(line: str, env: Envelope) -> str:
    for tag in (_TAG_OPEN, _TAG_CLOSE):
        if tag in line:
            # Untagged, it would make the body look tagged; tagged, it would end or
            # restart the tagged text.
            raise EncodeError(f"the text cannot carry {tag!r} inside an e-mail", field="mes")
    if env.body_type == "text/html":
        inner = html.escape(line, quote=False).replace("\n", "<br>\n")
        return f"<html><body>{_TAG_OPEN}{inner}{_TAG_CLOSE}</body></html>\n"
    if env.tagged:
        return f"{_TAG_OPEN}{line}{_TAG_CLOSE}\n"
    return line + "\n"


def _codec_charset(charset: MailCharset | None) -> Charset | None:
    """The API charset the body bytes are in (``None``: US-ASCII)."""
    if charset == "us-ascii":
        return None
    return DEFAULT_MAIL_CHARSET if charset is None else charset


def _write(line: str, env: Envelope, linesep: str) -> bytes:
    if linesep not in ("\r\n", "\n"):
        raise EncodeError("linesep is CRLF or LF", field="linesep")
    body = _body(line, env)
    codec = _codec_charset(env.charset)
    if codec is None:
        if not body.isascii():
            raise EncodeError("us-ascii carries ASCII text only", field="charset")
        raw = body.encode("ascii")
    else:
        raw = encode_text(body, codec, field="mes")
    if env.charset is None and not raw.isascii():
        # No declared charset: the reader takes koi8-r unless the bytes look like
        # another charset (fuzz finding: koi8-r bytes that are also valid UTF-8).
        _, read_back = _decode_body(raw, None, DefectLog(LENIENT))
        if read_back != body:
            raise EncodeError("without a declared charset this body would be read in"
                              " another one; declare the charset", field="charset")
    cte = env.transfer_encoding
    if cte == "7bit" and not raw.isascii():
        raise EncodeError("7bit carries ASCII only; use 8bit, quoted-printable or base64",
                          field="transfer_encoding")
    if cte in ("7bit", "8bit") and any(len(x) > MAX_LINE_OCTETS for x in raw.split(b"\n")):
        raise EncodeError(f"a {cte} body line is at most {MAX_LINE_OCTETS} octets; use "
                          "quoted-printable or base64", field="transfer_encoding")
    if any(0xDC80 <= ord(ch) <= 0xDCFF for ch in body):
        raise EncodeError("undecodable bytes kept by a lenient decode cannot go into an "
                          "e-mail body", field="mes")
    if cte in ("7bit", "8bit") and b"\0" in raw:
        raise EncodeError(f"a {cte} body cannot carry NUL (RFC 2045 §2.7, §2.8)",
                          field="transfer_encoding")
    msg = EmailMessage(policy=_WRITE)
    headers = (("From", env.from_addr), ("To", env.to_addr), ("Subject", env.subject),
               ("Date", None if env.date is None else format_datetime(env.date)),
               ("Message-ID", env.message_id))
    for name, value in headers:
        if name in ("From", "To") and value is not None and not value.isascii():
            # RFC 5322 addresses are ASCII; the stdlib would write an encoded-word
            # that no reader takes back for the address it was (fuzz finding).
            raise EncodeError(f"the {name} address is not ASCII", field=f"{name.lower()}_addr")
        if value is not None:
            try:
                msg[name] = value
            except (ValueError, TypeError, IndexError) as exc:
                raise EncodeError(f"not a valid {name} header: {exc}",
                                  field=name.lower()) from exc
    try:
        msg.set_content(body, subtype=env.body_type.split("/")[1],
                        charset=env.charset or DEFAULT_MAIL_CHARSET, cte=cte)
    except (ValueError, UnicodeError, LookupError) as exc:
        raise EncodeError(f"the body cannot be written: {exc}", field="mes") from exc
    if env.charset is None:
        msg.replace_header("Content-Type", env.body_type)
    out = BytesIO()
    try:
        BytesGenerator(out, policy=_WRITE.clone(linesep=linesep)).flatten(msg)
    except (ValueError, UnicodeError) as exc:  # e.g. a non-ASCII Message-ID
        raise EncodeError(f"the headers cannot be written: {exc}", field="envelope") from exc
    data = out.getvalue()
    _check_headers_read_back(data, headers)
    if len(data) > MAX_MAIL_BYTES:
        raise EncodeError(f"the e-mail is {len(data)} bytes; the server takes "
                          f"{MAX_MAIL_BYTES}", field="mes")
    return data


def _check_headers_read_back(data: bytes, headers: tuple[tuple[str, str | None], ...]) -> None:
    """Refuse a header the stdlib's folding would not give back as written.

    Its folder adds a space where it folds a long subject and keeps a leading one
    (fuzz finding: "x" * 70 + " " + "y" * 90 reads back as " xxx…  yyy…"), so a
    header value that does not read back is an EncodeError, never a changed mail.
    """
    back = BytesParser(policy=_READ).parsebytes(data, headersonly=True)
    scratch = DefectLog(LENIENT)
    for name, value in headers:
        if value is not None and name != "Date" and _header(back, name, scratch) != value:
            field = f"{name.lower()}_addr" if name in ("From", "To") else name.lower()
            raise EncodeError(f"the {name} header would not read back as written (folding"
                              " or surrounding whitespace)", field=field.replace("-", "_"))


def encode_send_mail(mail: SendMail, /, *, linesep: str = "\r\n") -> bytes:
    """The complete e-mail (bytes) of *mail*."""
    if not isinstance(mail, SendMail):
        raise EncodeError(f"expected a SendMail, got {type(mail).__name__}")
    return _write(encode_line(mail.request), mail.envelope, linesep)


def encode_reply_mail(mail: ReplyMail, /, *, linesep: str = "\r\n") -> bytes:
    """The complete e-mail (bytes) of the server's reply *mail*."""
    if not isinstance(mail, ReplyMail):
        raise EncodeError(f"expected a ReplyMail, got {type(mail).__name__}")
    return _write(encode_reply(mail.reply), mail.envelope, linesep)


# --- reading ---------------------------------------------------------------------------

_ASCII_LABELS = frozenset({"us-ascii", "ascii", "us_ascii", "ansi_x3.4-1968", "646"})
# "binary" is 8bit without the line-length limit; we write it back as 8bit.
_CTE: dict[str, TransferEncoding] = {
    "7bit": "7bit", "8bit": "8bit", "binary": "8bit",
    "quoted-printable": "quoted-printable", "base64": "base64",
}
_BR = re.compile(r"<br\s*/?>\n?", re.IGNORECASE)


def _guess_charset(raw: bytes, *, statistics: bool = True) -> Charset | None:
    """The API charset *raw* (non-ASCII, label lost) is most likely in, or ``None``.

    UTF-8 first (its multi-byte grammar is practically never met by chance); then
    the Russian-text scorer of :func:`repair_mojibake` on the bytes read as Latin-1,
    which tells windows-1251 from koi8-r better than statistics on short text (and
    answers only for text with a Russian word in it); then, if *statistics*,
    charset-normalizer, which guesses even on a letter or two.
    """
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    repair = repair_mojibake(raw.decode("latin-1"))
    if repair is not None:
        return repair.source
    return detect_charset(raw).charset if statistics else None


def _decode_body(raw: bytes, label: str | None, log: DefectLog) -> tuple[MailCharset | None, str]:
    """The text of *raw*, and the envelope charset to write it back with.  The body
    holds the send line, password included: its undecodable bytes are never quoted."""
    strict = log.policy.strict
    if label is None:
        if raw.isascii() or strict:
            return None, raw.decode(PYTHON_CODEC[DEFAULT_MAIL_CHARSET])
        # The page's default stands unless the bytes say otherwise clearly: no
        # statistics on a few letters against a documented default.
        guess = _guess_charset(raw, statistics=False)
        if guess is None or guess == DEFAULT_MAIL_CHARSET:
            return None, raw.decode(PYTHON_CODEC[DEFAULT_MAIL_CHARSET])
        log.report("charset-guessed", f"no charset declared (the server reads koi8-r); "
                   f"the bytes are {guess}", field="charset")
        return guess, decode_text(raw, guess, log, holds_secret=True)
    key = label.strip().lower()
    if key in _ASCII_LABELS and raw.isascii():
        return "us-ascii", raw.decode("ascii")
    try:
        charset = normalize_charset(key)
    except EncodeError:
        log.report("unsupported-charset", f"charset {label!r} is not one the API speaks",
                   field="charset")
        guess = "windows-1251" if raw.isascii() else _guess_charset(raw)
        if guess is None:
            raise DecodeError("cannot tell the charset of the text", found=label,
                              field="charset", kind="bad-charset") from None
        return guess, decode_text(raw, guess, log, holds_secret=True)
    return charset, decode_text(raw, charset, log, holds_secret=True)


def _header(msg: Message, name: str, log: DefectLog) -> str | None:
    try:
        value = msg.get(name)
        text = None if value is None else str(value)
    except Exception as exc:  # the stdlib header parser raises assorted errors
        log.report("mail-defect", f"unreadable {name} header: {exc}", field=name.lower())
        return None
    if text is not None and ("\r" in text or "\n" in text):
        # A stray CR or LF the parser left in (a damaged mail): an envelope value is
        # one line, so the value is dropped -- the defect keeps it.
        log.report("mail-defect", f"{name} header holds a line break: {text!r}",
                   field=name.lower())
        return None
    return text


def _date(msg: Message, log: DefectLog) -> datetime | None:
    try:
        value = msg.get("Date")
        when = None if value is None else getattr(value, "datetime", None)
    except Exception as exc:  # as above
        log.report("mail-defect", f"unreadable Date header: {exc}", field="date")
        return None
    if value is not None and when is None:
        log.report("mail-defect", "a Date header that is no date", field="date")
    return when if isinstance(when, datetime) else None


def _part_text(part: Message, log: DefectLog) -> tuple[str, MailCharset | None, TransferEncoding]:
    """The decoded text of one leaf part, its charset, and its transfer encoding."""
    for defect in part.defects:
        log.report("mail-defect", f"{type(defect).__name__}: {defect}")
    declared = part.get("Content-Transfer-Encoding")
    cte_label = str("7bit" if declared is None else declared).strip().lower()
    cte: TransferEncoding | None = _CTE.get(cte_label)
    if cte is None:
        log.report("bad-transfer-encoding", f"unknown Content-Transfer-Encoding "
                   f"{cte_label!r} read as 8bit", field="transfer_encoding")
        cte = "8bit"
    elif cte != cte_label:
        log.report("non-canonical", f"{cte_label} read as {cte}", field="transfer_encoding")
    payload = part.get_payload(decode=True)
    raw = payload if isinstance(payload, bytes) else b""
    if declared is None and not raw.isascii():
        # RFC 2045 §6.1: no header means 7bit, which carries ASCII only; the vendor's
        # own smsc_api.php mail() sends every Cyrillic message so, and the server
        # reads its bytes.  Kept as what it is, 8bit: written back, it reads back.
        log.report("undeclared-8bit", "an 8-bit body without Content-Transfer-Encoding"
                   " (RFC 2045 reads it as 7bit, ASCII only); read as 8bit",
                   field="transfer_encoding")
        cte = "8bit"
    charset, text = _decode_body(raw, part.get_content_charset(), log)
    text = text.replace("\r\n", "\n")  # RFC 5322 line ends are CRLF: they are line breaks
    if not log.policy.strict:
        repair = repair_mojibake(text)
        if repair is not None:
            log.report("mojibake-repaired", f"text that was {repair.source} read as "
                       f"{repair.misread_as} repaired", field="mes")
            text = repair.text
            codec = _codec_charset(charset)
            if not (text.isascii() if codec is None else can_encode(text, codec)):
                charset = "utf-8"  # the repaired text no longer fits the declared charset
    return text, charset, cte


def _choose_part(msg: Message) -> Message:
    """The part the server reads: tagged text/plain, tagged text/html, plain text."""
    if not msg.is_multipart():
        return msg
    leaves = [p for p in msg.walk() if not p.is_multipart()]
    plain = [p for p in leaves if p.get_content_type() == "text/plain"]
    htmls = [p for p in leaves if p.get_content_type() == "text/html"]
    scratch = DefectLog(LENIENT)
    for part in (*plain, *htmls):
        if _TAG_OPEN in _part_text(part, scratch)[0]:
            return part
    if plain:
        return plain[0]
    raise DecodeError("no text/plain part and no [text] tags", field="mes", kind="no-text")


def _read(data: bytes, log: DefectLog) -> tuple[str, Envelope]:
    """The line (reply or request) inside an e-mail, and its envelope."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"an e-mail is bytes, not {type(data).__name__}")
    data = bytes(data)
    check_size(data, log.policy.limit(MAX_MAIL_BYTES), "the e-mail")
    try:
        msg = BytesParser(policy=_READ).parsebytes(data)
    except Exception as exc:  # the stdlib parser is lenient, but not proven total
        raise DecodeError(f"not an e-mail: {exc}", kind="malformed") from exc
    for defect in msg.defects:
        log.report("mail-defect", f"{type(defect).__name__}: {defect}")
    try:
        part = _choose_part(msg)
        body_type = part.get_content_type()
    except SmscCodecError:
        raise
    except Exception as exc:  # a malformed MIME structure the stdlib trips over
        raise DecodeError(f"unreadable MIME structure: {exc}", kind="malformed") from exc
    if body_type not in ("text/plain", "text/html"):
        raise DecodeError("the line is sent as text/plain (or tagged text/html)",
                          found=body_type, field="body_type", kind="no-text")
    text, charset, cte = _part_text(part, log)
    start = text.find(_TAG_OPEN)
    if start >= 0:
        start += len(_TAG_OPEN)
        end = text.find(_TAG_CLOSE, start)
        if end < 0:
            log.report("unclosed-tag", "[text] without [/text]: read to the end", field="mes")
            end = len(text.rstrip("\n"))
        line = text[start:end]
        if body_type == "text/html":
            line = html.unescape(_BR.sub("\n", line))
    elif body_type == "text/plain":
        line = text[:-1] if text.endswith("\n") else text
    else:
        raise DecodeError("a text/html message carries its line in [text]...[/text]",
                          field="mes", kind="no-text")
    envelope = Envelope(
        charset=charset,
        transfer_encoding=cte,
        body_type="text/html" if body_type == "text/html" else "text/plain",
        tagged=start >= 0,
        from_addr=_header(msg, "From", log),
        to_addr=_header(msg, "To", log),
        subject=_header(msg, "Subject", log),
        date=_date(msg, log),
        message_id=_header(msg, "Message-ID", log),
    )
    return line, envelope


def decode_send_mail(data: bytes, /, *, policy: Policy = LENIENT) -> SendMail:
    """The :class:`SendMail` of a complete e-mail.

    Errors inside the line carry positions in the line (the text between the
    headers' end and the tags), not in the e-mail's bytes: after quoted-printable or
    base64 there is no byte of the e-mail to point at.
    """
    log = DefectLog(policy)
    line, envelope = _read(data, log)
    request = decode_line(line, policy=policy)
    return SendMail(request=request, envelope=envelope, defects=log.take())


def decode_reply_mail(data: bytes, /, *, policy: Policy = LENIENT) -> ReplyMail:
    """The :class:`ReplyMail` of the server's reply e-mail."""
    log = DefectLog(policy)
    line, envelope = _read(data, log)
    reply = decode_reply(line, policy=policy)
    return ReplyMail(reply=reply, envelope=envelope, defects=log.take())


_HEADER_LINE = re.compile(
    rb"(?:From|To|Subject|Date|Message-ID|MIME-Version|Content-Type|Received|Return-Path"
    rb"|Delivered-To|Reply-To|Sender|X-[A-Za-z0-9-]+)[ \t]*:", re.IGNORECASE
)


def looks_like_mail(data: bytes) -> bool:
    """Whether *data* is an e-mail rather than a bare line (for the CLI).

    An e-mail starts with header lines and has an empty line ending them; a send
    line starts ``<login>:<psw>:`` and has no empty line.  A line whose login is a
    header name (``Subject:...``) followed by a blank line fools it.
    """
    head = bytes(data[:8192]).replace(b"\r\n", b"\n")
    first = head.split(b"\n", 1)[0]
    return _HEADER_LINE.match(first) is not None and b"\n\n" in head
