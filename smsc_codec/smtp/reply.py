"""The replies the server mails back to a send: ``OK - ...`` and ``ERROR = ...``.

Page 004: "If the message is successfully accepted and the response request is
requested, the test parameter returns a string of the following format:
``OK - <n> SMS, ID - <id>`` ... <n> is the number of SMS sent, calculated as the
number of SMS messages in the message multiplied by the number of recipients.
<id> – the message ID sent by the Client or assigned automatically by the Server."

"If an error was made in the parameters or any other error occurred ... it will be
as follows: ``ERROR = N (description)`` – for 1,2,4,5,9 errors; ``ERROR = N
(description), ID - <id>`` – for 3 errors,6,7,8."

The grammar, canonical spelling first::

    ok    = "OK - " n " SMS, ID - " id
    error = "ERROR = " N [" (" description ")"] [", ID - " id]

Lenient decoding also reads other spacing (``OK-1 SMS,ID-5``), surrounding
whitespace and line breaks, an ``ERROR = N`` without description, and an id on the
wrong error numbers; each is a defect (``non-canonical``, ``missing-description``,
``reply-id``), each an error under a strict policy.  Codes the table does not list
are kept as plain ints (:func:`smsc_codec.codes.lookup`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import overload

from smsc_codec.charset import Charset, decode_text, encode_text, normalize_charset
from smsc_codec.codes import SEND_ERRORS_WITH_ID, Language, SendError, lookup
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.limits import MAX_SEND_REPLY_BYTES, check_size
from smsc_codec.misread import report_misread
from smsc_codec.policy import LENIENT, Defect, DefectLog, Policy
from smsc_codec.smtp.values import MessageId, check_id, parse_id

__all__ = ["SendErrorReply", "SendOk", "SendReply", "decode_reply", "encode_reply"]

#: The charset a reply given as bytes is read in: the page gives none for replies;
#: the server answers in the charset of the request, koi8-r by default.
DEFAULT_REPLY_CHARSET: Charset = "koi8-r"
#: The largest ``n`` or ``N`` read: 10 digits is beyond any count the server could
#: charge, and keeps int() away from megabytes of digits.
MAX_COUNT_DIGITS = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class SendOk:
    """``OK - <n> SMS, ID - <id>``: accepted.

    ``cnt`` is ``n``, "the number of SMS messages in the message multiplied by the
    number of recipients" (named as the HTTP API's JSON names it).
    """

    cnt: int
    id: MessageId
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        if isinstance(self.cnt, bool) or not isinstance(self.cnt, int) or self.cnt < 0:
            raise EncodeError("n is a non-negative number of SMS", field="cnt")
        if len(str(self.cnt)) > MAX_COUNT_DIGITS:
            raise EncodeError("n is too large", field="cnt")
        object.__setattr__(self, "id", check_id(self.id))


@dataclass(frozen=True, slots=True, kw_only=True)
class SendErrorReply:
    """``ERROR = N (description)[, ID - <id>]``.

    ``code`` is a :class:`~smsc_codec.codes.SendError` member, or the plain ``int``
    of a code the table does not list.  ``description`` is the server's text as it
    came (``None``: the reply had no parenthesis).  The page pairs an ``id`` with
    errors 3, 6, 7 and 8 only; the model keeps what the wire carried, and the
    decoder reports a mismatch (see :attr:`documented`).
    """

    code: SendError | int
    description: str | None = None
    id: MessageId | None = None
    defects: tuple[Defect, ...] = ()

    def __post_init__(self) -> None:
        c = self.code
        if isinstance(c, bool) or not isinstance(c, int) or not 0 <= c < 10**MAX_COUNT_DIGITS:
            raise EncodeError("N is a non-negative error number", field="code")
        object.__setattr__(self, "code", lookup(SendError, c))
        d = self.description
        if d is not None and (not isinstance(d, str) or "\n" in d or "\r" in d):
            raise EncodeError("the description is one line of text", field="description")
        if self.id is not None:
            object.__setattr__(self, "id", check_id(self.id))
        if d is not None and _parse(_format(self)) != (int(self.code), d, self.id):
            raise EncodeError("the description would not read back (a ')' followed by "
                              "', ID - ...'?)", field="description")

    @classmethod
    def of(
        cls, code: SendError | int, *, id: MessageId | None = None, lang: Language = "en"
    ) -> SendErrorReply:
        """A reply with the table's description of *code* in *lang*."""
        member = lookup(SendError, code)
        text = member.describe(lang) if isinstance(member, SendError) else None
        return cls(code=member, description=text, id=id)

    @property
    def documented(self) -> bool:
        """Whether ``id`` is present exactly for the errors the page gives one."""
        if not isinstance(self.code, SendError):
            return True
        return (self.id is not None) == (self.code in SEND_ERRORS_WITH_ID)


#: Either reply.
SendReply = SendOk | SendErrorReply

_OK = re.compile(r"OK - ([0-9]+) SMS, ID - (\S+)", re.ASCII)
_ERROR = re.compile(r"ERROR = ([0-9]+) \((.*)\)(?:, ID - (\S+))?", re.ASCII | re.DOTALL)
# Lenient: any spacing around the punctuation, any case of the words.
_OK_LOOSE = re.compile(r"OK\s*-\s*([0-9]+)\s*SMS\s*,\s*ID\s*-\s*(\S+)", re.IGNORECASE)
_ERROR_LOOSE = re.compile(
    r"ERROR\s*=\s*([0-9]+)\s*(?:\((.*)\))?\s*(?:,\s*ID\s*-\s*(\S+))?", re.IGNORECASE | re.DOTALL
)


def _format(reply: SendReply) -> str:
    if isinstance(reply, SendOk):
        return f"OK - {reply.cnt} SMS, ID - {reply.id}"
    out = f"ERROR = {int(reply.code)}"
    if reply.description is not None:
        out += f" ({reply.description})"
    if reply.id is not None:
        out += f", ID - {reply.id}"
    return out


def _parse(text: str) -> tuple[int, str | None, MessageId | None] | None:
    """Canonical error text to ``(N, description, id)`` (for the model's self-check)."""
    m = _ERROR.fullmatch(text)
    if m is None:
        return None
    try:
        return int(m[1]), m[2], None if m[3] is None else parse_id(m[3])
    except ValueError:
        return None


@overload
def encode_reply(reply: SendReply, /) -> str: ...
@overload
def encode_reply(reply: SendReply, /, *, charset: str) -> bytes: ...
def encode_reply(reply: SendReply, /, *, charset: str | None = None) -> str | bytes:
    """The canonical reply line (text, or bytes in *charset*)."""
    if not isinstance(reply, SendOk | SendErrorReply):
        raise EncodeError(f"expected a SendOk or SendErrorReply, got {type(reply).__name__}")
    text = _format(reply)
    return text if charset is None else encode_text(text, normalize_charset(charset))


def decode_reply(
    data: str | bytes,
    /,
    *,
    charset: str = DEFAULT_REPLY_CHARSET,
    policy: Policy = LENIENT,
) -> SendReply:
    """The reply value of an ``OK``/``ERROR`` line (the body of the server's mail)."""
    check_size(data, policy.limit(MAX_SEND_REPLY_BYTES), "the reply")
    log = DefectLog(policy)
    cs = normalize_charset(charset)
    text = decode_text(data, cs, log)
    report_misread(text, cs, log, data)  # a UTF-8 reply read as koi8-r (D-wrong-charset)
    stripped = text.strip()
    if stripped != text:
        log.report("non-canonical", "whitespace around the reply dropped", pos=0)
    if len(stripped) > 2000:
        # A reply is one short line; refuse essays before any regex runs over them.
        raise DecodeError("a reply is one short line", found=stripped[:40], pos=0,
                          kind="malformed")
    if m := _OK.fullmatch(stripped):
        count, raw_id, loose = m[1], m[2], False
    elif m := _OK_LOOSE.fullmatch(stripped):
        count, raw_id, loose = m[1], m[2], True
    else:
        return _decode_error(stripped, log)
    if loose:
        log.report("non-canonical", "OK reply not spelled 'OK - <n> SMS, ID - <id>'", pos=0)
    return SendOk(cnt=_count(count, "cnt"), id=_id(raw_id), defects=log.take())


def _count(text: str, field: str) -> int:
    if len(text) > MAX_COUNT_DIGITS:
        raise DecodeError("number too large", found=text, field=field, kind="bad-value")
    return int(text)


def _id(text: str) -> MessageId:
    try:
        return parse_id(text)
    except ValueError as exc:
        raise DecodeError(str(exc), found=text, field="id", kind="bad-value") from exc


def _decode_error(text: str, log: DefectLog) -> SendErrorReply:
    m = _ERROR.fullmatch(text)
    if m is None:
        m = _ERROR_LOOSE.fullmatch(text)
        if m is None:
            raise DecodeError("not a send reply", expected="'OK - <n> SMS, ID - <id>' or "
                              "'ERROR = N (description)'", found=text, pos=0)
        if m[2] is None:
            log.report("missing-description", "ERROR = N without a (description)", pos=0)
        else:
            log.report("non-canonical", "ERROR reply not spelled 'ERROR = N (...)'", pos=0)
    description = m[2]
    if description is not None and ("\n" in description or "\r" in description):
        raise DecodeError("the description is one line", field="description", pos=0)
    reply = SendErrorReply(
        code=_count(m[1], "code"),
        description=description,
        id=None if m[3] is None else _id(m[3]),
    )
    if not reply.documented:
        # Say what happened, not the rule: "error 8 lacks an ID" / "error 1 carries one".
        listed = ", ".join(str(int(c)) for c in sorted(SEND_ERRORS_WITH_ID))
        what = (f"lacks an ID (the page gives one for errors {listed})"
                if reply.code in SEND_ERRORS_WITH_ID
                else f"carries an ID ({reply.id}) the page gives only for errors {listed}")
        log.report("reply-id", f"error {int(reply.code)} {what}", field="id", pos=0)
    return SendErrorReply(code=reply.code, description=description, id=reply.id,
                          defects=log.take())
