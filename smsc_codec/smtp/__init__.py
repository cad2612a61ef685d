"""Sending over SMTP (page 004): the send line, the e-mail around it, and the replies.

Modules, bottom up:

* :mod:`.values` -- the typed values of single fields (ids, time forms, codes,
  recipients, prefixes);
* :mod:`.mes` -- the grammar inside ``mes`` (prefix, parameter lines, list escapes);
* :mod:`.request` -- :class:`SendRequest` / :class:`ListEntry`, the field table;
* :mod:`.line` -- :func:`decode_line` / :func:`encode_line`;
* :mod:`.reply` -- ``OK - <n> SMS, ID - <id>`` / ``ERROR = N (...)``;
* :mod:`.message` -- the RFC 5322 e-mail around a line or a reply;
* :mod:`.parts` -- how many SMS a text takes (``n`` of the OK reply);
* :mod:`.canonical` -- canonical JSON of all of the above;
* :mod:`.auto` -- a bare line or an e-mail, whichever the input is (for the CLI).

spec/smtp.md is the written grammar and every decision, with the vendor's words.
"""

from smsc_codec.smtp.auto import (
    all_defects,
    decode_reply_any,
    decode_send,
    encode_reply_json,
    encode_send_json,
    to_json,
)
from smsc_codec.smtp.canonical import (
    reply_from_json,
    reply_mail_from_json,
    reply_mail_to_json,
    reply_to_json,
    request_from_json,
    request_to_json,
    send_mail_from_json,
    send_mail_to_json,
)
from smsc_codec.smtp.line import decode_line, encode_line
from smsc_codec.smtp.message import (
    MAX_MAIL_BYTES,
    SEND_ADDRESS,
    SEND_ENVELOPE,
    Envelope,
    ReplyMail,
    SendMail,
    decode_reply_mail,
    decode_send_mail,
    encode_reply_mail,
    encode_send_mail,
    looks_like_mail,
)
from smsc_codec.smtp.parts import SmsParts, count_sms, expected_sms, split_sms
from smsc_codec.smtp.reply import (
    SendErrorReply,
    SendOk,
    SendReply,
    decode_reply,
    encode_reply,
)
from smsc_codec.smtp.request import ListEntry, SendRequest
from smsc_codec.smtp.values import (
    Delay,
    EmailAddress,
    Group,
    HourWindow,
    MessageId,
    Now,
    Phone,
    Prefix,
    RawRecipient,
    Recipient,
    SendAt,
    SendFormat,
    SendTime,
    Telegram,
    TestMode,
    Timestamp,
    Translit,
)

__all__ = [
    "MAX_MAIL_BYTES",
    "SEND_ADDRESS",
    "SEND_ENVELOPE",
    "Delay",
    "EmailAddress",
    "Envelope",
    "Group",
    "HourWindow",
    "ListEntry",
    "MessageId",
    "Now",
    "Phone",
    "Prefix",
    "RawRecipient",
    "Recipient",
    "ReplyMail",
    "SendAt",
    "SendErrorReply",
    "SendFormat",
    "SendMail",
    "SendOk",
    "SendReply",
    "SendRequest",
    "SendTime",
    "SmsParts",
    "Telegram",
    "TestMode",
    "Timestamp",
    "Translit",
    "all_defects",
    "count_sms",
    "decode_line",
    "decode_reply",
    "decode_reply_any",
    "decode_reply_mail",
    "decode_send",
    "decode_send_mail",
    "encode_line",
    "encode_reply",
    "encode_reply_json",
    "encode_reply_mail",
    "encode_send_json",
    "encode_send_mail",
    "expected_sms",
    "looks_like_mail",
    "reply_from_json",
    "reply_mail_from_json",
    "reply_mail_to_json",
    "reply_to_json",
    "request_from_json",
    "request_to_json",
    "send_mail_from_json",
    "send_mail_to_json",
    "split_sms",
    "to_json",
]
