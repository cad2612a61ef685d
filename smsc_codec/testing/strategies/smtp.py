"""Hypothesis strategies for the SMTP values, each drawn in the domain the line carries.

Field values come from the documented grammars (ids, the six time forms, recipients
...).  Texts are drawn from an alphabet that stresses the separators (``:`` ``,``
``;``, line breaks, backslashes, ``~``, prefix-like underscores) next to Latin and
Cyrillic letters; a drawn request the model refuses (a text whose last line reads as
a parameter, say) is rejected with ``assume``, which is rare by construction.  For
e-mails in all three charsets the text stays in what koi8-r and windows-1251 share.
"""

from __future__ import annotations

import string
from datetime import datetime, timedelta, timezone
from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from smsc_codec.errors import EncodeError
from smsc_codec.request import Secret
from smsc_codec.smtp import (
    Delay,
    EmailAddress,
    Envelope,
    Group,
    HourWindow,
    ListEntry,
    Now,
    Phone,
    Prefix,
    RawRecipient,
    SendAt,
    SendErrorReply,
    SendFormat,
    SendMail,
    SendOk,
    SendRequest,
    Telegram,
    TestMode,
    Timestamp,
    Translit,
    encode_line,
    encode_send_mail,
)
from smsc_codec.smtp.message import BodyType, MailCharset, TransferEncoding
from smsc_codec.smtp.values import MAX_ID
from smsc_codec.testing.strategies._shapes import ALNUM, DIGITS, chars, joined
from smsc_codec.testing.strategies.records import text_ids

#: The e-mail charsets (``None``: none declared, read as koi8-r).
CHARSETS: list[MailCharset | None] = ["koi8-r", "windows-1251", "utf-8", None]

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
#: Characters every charset of the API holds, separators and look-alikes included.
SHARED = string.ascii_letters + string.digits + CYRILLIC + " .,:;!?-_+()/'\"<>&=#@*%~[]\\"
#: One line of text.
LINE_TEXT = st.text(alphabet=SHARED, max_size=24)
#: Text with line breaks, and runs that look like the grammar's own pieces.
TEXT = st.lists(
    st.one_of(LINE_TEXT, st.sampled_from(["\n", "\\n", "~~~", "subj:", "voice:", "__CALL__",
                                          "79991234567:", "[", "]"])),
    max_size=6,
).map("".join)
ANY_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\r"),
                   max_size=30)

#: Send ids: numbers up to the largest the grammar reads as one, and text ids.
ids = st.one_of(st.integers(1, MAX_ID), text_ids)
#: The six ``time`` forms of the send line.
times = st.one_of(
    st.builds(SendAt, when=st.datetimes(datetime(2000, 1, 1), datetime(2099, 12, 31, 23, 59))
              .map(lambda d: d.replace(second=0, microsecond=0)), dotted=st.booleans()),
    st.builds(HourWindow, start=st.integers(0, 24), end=st.integers(0, 24)),
    st.builds(Timestamp, seconds=st.one_of(st.integers(0, 10**8 - 1),
                                           st.integers(10**9, 10**11 - 1))),
    st.builds(Delay, minutes=st.integers(0, 10**6)),
    st.just(Now()),
)
#: Sender names: letters and digits with a few marks, or a number.
#: (``[A-Za-z0-9][A-Za-z0-9 .!-]{0,9}[A-Za-z0-9]|[A-Za-z]`` or ``[0-9]{12,15}``).
senders = st.one_of(
    joined(chars(ALNUM, 1, 1), chars(ALNUM + " .!-", 0, 9), chars(ALNUM, 1, 1)),
    chars(string.ascii_letters, 1, 1),
    chars(DIGITS, 12, 15),
)
#: Recipients of every form: phones, groups, Telegram, e-mail, and raw text.
recipients = st.one_of(
    st.builds(Phone, number=joined(st.sampled_from(["", "+"]), chars(DIGITS, 1, 15))),
    st.builds(Group, number=chars(DIGITS, 1, 10)),
    st.builds(Telegram, handle=chars(ALNUM + "_-", 1, 20)),
    # [a-z0-9._+-]{1,10}@[a-z0-9-]{1,10}\.ru, no empty dot-separated part before the @
    st.builds(EmailAddress, address=joined(
        chars(string.ascii_lowercase + DIGITS + "._+-", 1, 10), st.just("@"),
        chars(string.ascii_lowercase + DIGITS + "-", 1, 10), st.just(".ru"))
              .filter(lambda a: ".." not in a and not a.startswith(".")
                      and ".@" not in a)),
    st.builds(RawRecipient, text=st.sampled_from(["8(999)123-45-67", "+7-999", "x", "G", "#"])),
)
#: Recipients in a documented form (no raw text).
documented_recipients = recipients.filter(lambda r: not isinstance(r, RawRecipient))


def _build(cls: Any, values: dict[str, Any]) -> Any:
    try:
        return cls(**values)
    except EncodeError:
        assume(False)
        raise  # unreachable: assume(False) raises


# Strategies are built once, here, not inside the draws below: building one (hypothesis
# validates it on first use) costs more than drawing from it.
_PSW = st.text(alphabet=SHARED.replace(":", ""), min_size=1, max_size=12)
_LOGINS = st.one_of(st.just(""), chars(string.ascii_lowercase + DIGITS + "_.@-", 1, 12))
#: The optional head fields, each drawn or left out.
_OPTIONAL_HEAD: dict[str, st.SearchStrategy[Any]] = {
    "id": ids, "time": times, "tz": st.integers(-24, 24),
    "translit": st.sampled_from(Translit),
    "format": st.one_of(st.sampled_from(SendFormat), st.integers(13, 999)),
    "sender": senders, "test": st.sampled_from(TestMode),
}
_PREFIXES = st.none() | st.sampled_from(Prefix)
_ONE_LINE = st.none() | LINE_TEXT.filter(lambda t: "\n" not in t)
_MAYBE_LINE_TEXT = st.none() | LINE_TEXT
_SINGLE_PHONES = st.lists(recipients, min_size=1, max_size=4).map(tuple)
_ENTRY_PHONES = {who: st.lists(who, min_size=1, max_size=3).map(tuple)
                 for who in (recipients, documented_recipients)}


@st.composite
def heads(draw: st.DrawFn, *, login: st.SearchStrategy[str] | None = None) -> dict[str, Any]:
    """The head fields, each present or not."""
    psw = draw(_PSW)
    out: dict[str, Any] = {"login": draw(login or _LOGINS), "psw": Secret(psw)}
    for name, strategy in _OPTIONAL_HEAD.items():
        if draw(st.booleans()):
            out[name] = draw(strategy)
    return out


@st.composite
def single_requests(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> SendRequest:
    """A send request in the single form (phones and one text), drawn over
    *text*."""
    values = draw(heads())
    values["phones"] = draw(_SINGLE_PHONES)
    values["phones_sep"] = draw(st.sampled_from([",", ";"]))
    values["prefix"] = draw(_PREFIXES)
    values["mes"] = draw(text)
    mail = values.get("format") == SendFormat.EMAIL or values["prefix"] is Prefix.MAIL
    call = values.get("format") == SendFormat.CALL or values["prefix"] is Prefix.CALL
    if mail:
        values["subj"] = draw(_ONE_LINE)
    if call:
        values["voice"] = draw(_ONE_LINE)
        values["param"] = draw(_ONE_LINE)
    return _build(SendRequest, values)  # type: ignore[no-any-return]


@st.composite
def list_requests(draw: st.DrawFn, text: st.SearchStrategy[str] = TEXT) -> SendRequest:
    """A send request in the list form (``phones1:mes1`` entries)."""
    values = draw(heads())
    multiline = values.get("test") is TestMode.MULTILINE
    who = documented_recipients if multiline else recipients
    entries = []
    for _ in range(draw(st.integers(1, 4))):
        entries.append(_build(ListEntry, {
            "phones": draw(_ENTRY_PHONES[who]),
            "mes": draw(text),
            "prefix": draw(_PREFIXES),
            "sep": draw(st.sampled_from([":", ";"])),
        }))
    values["entries"] = tuple(entries)
    values["list_break"] = draw(st.booleans())
    values["subj"] = draw(_MAYBE_LINE_TEXT)
    values["voice"] = draw(_MAYBE_LINE_TEXT)
    return _build(SendRequest, values)  # type: ignore[no-any-return]


#: Any send request, single or list form.
requests = st.one_of(single_requests(), list_requests())

#: The server's replies: ``OK - n SMS, ID - id`` and ``ERROR = N (...)``.
replies = st.one_of(
    st.builds(SendOk, cnt=st.integers(0, 10**9), id=ids),
    st.builds(SendErrorReply, code=st.integers(0, 20),
              description=st.none() | st.text(st.characters(exclude_characters="\r\n",
                                                            exclude_categories=["Cs"]),
                                              max_size=40),
              id=st.none() | ids),
)

#: A header's text (subject), or none.
header_text = st.none() | st.text(alphabet=SHARED, min_size=1, max_size=20).map(str.strip).filter(
    bool)


_BODY_TYPES: st.SearchStrategy[BodyType] = st.sampled_from(["text/plain", "text/html"])
_TRANSFER_ENCODINGS: st.SearchStrategy[TransferEncoding] = st.sampled_from(
    ["8bit", "quoted-printable", "base64"])
_MAIL_CHARSETS = st.sampled_from(CHARSETS)
_DATES = st.none() | st.builds(
    lambda d, minutes: d.replace(microsecond=0, tzinfo=timezone(timedelta(minutes=minutes))),
    st.datetimes(datetime(1990, 1, 1), datetime(2090, 1, 1)),
    st.integers(-14 * 60, 14 * 60))
_FROM = st.none() | st.just("client@example.com")
_TO = st.none() | st.just("send@send.smscentre.com")
_MESSAGE_IDS = st.none() | st.just("<abc.123@example.com>")


@st.composite
def envelopes(draw: st.DrawFn, charset: MailCharset | None = None) -> Envelope:
    """The e-mail around a send: charset (*charset*, else drawn), transfer
    encoding, body type and headers."""
    body_type = draw(_BODY_TYPES)
    return Envelope(
        charset=charset or draw(_MAIL_CHARSETS),
        transfer_encoding=draw(_TRANSFER_ENCODINGS),
        body_type=body_type,
        tagged=body_type == "text/html" or draw(st.booleans()),
        from_addr=draw(_FROM),
        to_addr=draw(_TO),
        subject=draw(header_text),
        date=draw(_DATES),
        message_id=draw(_MESSAGE_IDS),
    )


#: Mail text: no "[text]" tags (the e-mail refuses them) and whatever else TEXT has.
MAIL_TEXT = TEXT.filter(lambda t: "[text]" not in t and "[/text]" not in t)


_MAIL_REQUESTS = st.one_of(single_requests(MAIL_TEXT), list_requests(MAIL_TEXT))


@st.composite
def send_mails(draw: st.DrawFn, charset: MailCharset | None = None) -> SendMail:
    """A send e-mail (:class:`~smsc_codec.smtp.SendMail`) that encodes and
    decodes back to itself."""
    request = draw(_MAIL_REQUESTS)
    line = encode_line(request)
    assume("[text]" not in line and "[/text]" not in line)
    mail = SendMail(request=request, envelope=draw(envelopes(charset)))
    if mail.envelope.charset is None and not line.isascii():
        # Undeclared charset: the encoder refuses text a reader would take for another
        # charset (S-mail-charset); such mails are not round-trip material.
        try:
            encode_send_mail(mail)
        except EncodeError:
            assume(False)
    return mail
