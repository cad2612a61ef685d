"""Sending an SMS by e-mail with smtplib, and reading the server's reply mail.

Guide: docs/guides/smtp.md.  SMSC's SMTP gateway takes one line per e-mail,
``<login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>``,
sent to ``send@send.smscentre.com``; it answers by e-mail, ``OK - <n> SMS, ID - <id>``
or ``ERROR = N (description)``.  The codec writes and reads both mails (koi8-r,
quoted-printable, as the page says); smtplib only carries the bytes.

examples/test_smtp_mail.py runs it against a local aiosmtpd server on 127.0.0.1.
"""

from __future__ import annotations

import smtplib

from smsc_codec.request import Secret
from smsc_codec.smtp import (
    SEND_ADDRESS,
    Envelope,
    Phone,
    ReplyMail,
    SendErrorReply,
    SendMail,
    SendOk,
    SendRequest,
    decode_reply_mail,
    encode_send_mail,
)

#: Seconds before smtplib gives up on the server.
TIMEOUT = 10


def send_request(login: str, psw: str, phone: str, text: str, id: int) -> SendRequest:
    """One SMS to one phone; *id* is ours, and the reply names it (``ID - <id>``)."""
    return SendRequest(login=login, psw=Secret(psw), id=id, phones=(Phone(number=phone),),
                       mes=text)


def send_mail_bytes(request: SendRequest, from_addr: str) -> bytes:
    """The whole e-mail: headers, koi8-r quoted-printable body holding the line."""
    envelope = Envelope(from_addr=from_addr, to_addr=SEND_ADDRESS)
    return encode_send_mail(SendMail(request=request, envelope=envelope))


def send(host: str, port: int, request: SendRequest, from_addr: str) -> None:
    """Hand the send mail to an SMTP server (your relay; in the tests, aiosmtpd)."""
    with smtplib.SMTP(host, port, timeout=TIMEOUT) as smtp:
        smtp.sendmail(from_addr, [SEND_ADDRESS], send_mail_bytes(request, from_addr))


def read_reply(mail: bytes) -> SendOk | SendErrorReply:
    """The reply a mail from the server carries (its charset and encoding read off
    the mail's own headers)."""
    reply: ReplyMail = decode_reply_mail(mail)
    return reply.reply
