"""The SMTP example against a local aiosmtpd server on 127.0.0.1 (no network)."""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from examples.smtp_mail import TIMEOUT, read_reply, send, send_request
from smsc_codec.codes import SendError
from smsc_codec.smtp import (
    SEND_ADDRESS,
    ReplyMail,
    SendErrorReply,
    SendOk,
    decode_send_mail,
    encode_reply_mail,
)

CLIENT = "shop@example.com"


@dataclass
class Mailbox:
    """An aiosmtpd handler that keeps every mail: (from, to, bytes)."""

    mails: list[tuple[str, list[str], bytes]] = field(default_factory=list)

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        assert envelope.mail_from is not None and envelope.original_content is not None
        self.mails.append((envelope.mail_from, list(envelope.rcpt_tos),
                           envelope.original_content))
        return "250 OK"


class _AnyPort(Controller):
    """aiosmtpd's Controller on a free port (port 0), told the port it was given."""

    def _trigger_server(self) -> None:
        assert isinstance(self.server, asyncio.Server)
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()  # type: ignore[no-untyped-call]


@pytest.fixture
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    mailbox = Mailbox()
    controller = _AnyPort(mailbox, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield mailbox, controller.port
    finally:
        controller.stop()


def test_the_send_mail_arrives_and_reads_back(smtp_server: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp_server
    request = send_request("demo", "secret", "79991234567", "Привет, мир", 101)
    send("127.0.0.1", port, request, CLIENT)
    [(sender, recipients, data)] = mailbox.mails
    assert (sender, recipients) == (CLIENT, [SEND_ADDRESS])
    assert decode_send_mail(data).request == request
    assert b"koi8-r" in data and b"secret" in data  # the gateway needs the password


def _reply(smtp_server: tuple[Mailbox, int], reply: SendOk | SendErrorReply) -> bytes:
    """*reply* mailed back to the client the way the gateway does, and received."""
    mailbox, port = smtp_server
    with smtplib.SMTP("127.0.0.1", port, timeout=TIMEOUT) as smtp:
        smtp.sendmail(SEND_ADDRESS, [CLIENT], encode_reply_mail(ReplyMail(reply=reply)))
    return mailbox.mails[-1][2]


def test_an_ok_reply_is_read_back(smtp_server: tuple[Mailbox, int]) -> None:
    assert read_reply(_reply(smtp_server, SendOk(cnt=1, id=101))) == SendOk(cnt=1, id=101)


def test_an_error_reply_is_read_back(smtp_server: tuple[Mailbox, int]) -> None:
    error = SendErrorReply(code=SendError.INVALID_NUMBER,
                           description="Invalid phone number format", id=101)
    assert read_reply(_reply(smtp_server, error)) == error
