"""The fake's SMTP side under aiosmtpd: an SMTP client (``smtplib``, a mail library
in any language) sends its e-mail to 127.0.0.1, the handler hands it to
:meth:`FakeSmsc.handle_mail`, and the reply e-mail the server would mail back lands
in ``fake.outbox`` (nothing is relayed: spec/testing.md, D-fake-smtp-outbox).
Needs ``aiosmtpd`` (the ``[testing]`` extra); nothing else imports this module."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from smsc_codec.smtp import MAX_MAIL_BYTES
from smsc_codec.testing._core import FakeSmsc

__all__ = ["SmscHandler", "serve_smtp"]


class SmscHandler:
    """An aiosmtpd handler: every message is one send e-mail to the fake.

    The SMTP dialogue always ends in ``250``: the real server accepts the e-mail
    and answers by a reply e-mail, not in the SMTP session (page 004: "the response
    is sent only if there is an error in the parameters").
    """

    def __init__(self, fake: FakeSmsc) -> None:
        self.fake = fake

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        """Hand the message, as received, to the fake; accept it."""
        data = envelope.original_content
        if data is None:  # aiosmtpd keeps the bytes as received; content may be text
            content = envelope.content
            data = content.encode("utf-8") if isinstance(content, str) else content or b""
        self.fake.handle_mail(data, mail_from=envelope.mail_from or None)
        return "250 Message accepted for delivery"


@contextmanager
def serve_smtp(fake: FakeSmsc, port: int = 0) -> Iterator[tuple[str, int]]:
    """Serve *fake*'s SMTP side on 127.0.0.1 (*port* 0: an ephemeral one) in a
    thread; yields ``(host, port)``, stops on exit.

    The socket is bound and listening before this yields, so a client may connect
    at once (the connection waits in the backlog until the loop accepts it).
    """
    sock = socket.create_server(("127.0.0.1", port))
    loop = asyncio.new_event_loop()
    handler = SmscHandler(fake)

    def factory() -> SMTP:
        # hostname given: the default asks the resolver for this machine's FQDN.
        return SMTP(handler, hostname="localhost", data_size_limit=MAX_MAIL_BYTES, loop=loop)

    server: Any = loop.run_until_complete(loop.create_server(factory, sock=sock))
    thread = threading.Thread(target=loop.run_forever, daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", sock.getsockname()[1]
    finally:
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()
