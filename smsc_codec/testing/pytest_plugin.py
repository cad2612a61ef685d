"""The pytest plugin (the ``pytest11`` entry point ``smsc_codec``): two fixtures.

``smsc_fake`` is a fresh :class:`FakeSmsc` with the account ``demo``/``secret`` and
API key ``demo-key`` and no messages (seed them with ``smsc_fake.add``);
``smsc_server`` serves that same fake on 127.0.0.1 on an ephemeral port under
wsgiref, started and stopped by the fixture, and is its base URL
(``http://127.0.0.1:PORT/sys/``); ``smsc_smtp`` serves the same fake's SMTP side on
127.0.0.1 (aiosmtpd, the ``[testing]`` extra) and is its ``(host, port)``: the reply
e-mails land in ``smsc_fake.outbox``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from smsc_codec.errors import UsageError
from smsc_codec.testing._core import Account, FakeSmsc
from smsc_codec.testing.wsgi import make_wsgi_app

__all__ = ["smsc_fake", "smsc_server", "smsc_smtp"]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def smsc_fake() -> FakeSmsc:
    """A fresh fake server core: account ``demo``/``secret``, API key ``demo-key``."""
    return FakeSmsc(accounts=[Account("demo", "secret", ("demo-key",))])


#: How often the live server looks for shutdown (seconds): its teardown's wait.
_POLL_SECONDS = 0.02


@pytest.fixture
def smsc_server(smsc_fake: FakeSmsc) -> Iterator[str]:
    """``smsc_fake`` live on 127.0.0.1 (an ephemeral port); its ``/sys/`` base URL."""
    server = make_server("127.0.0.1", 0, make_wsgi_app(smsc_fake), handler_class=_Quiet)
    # shutdown() waits until serve_forever next looks at its flag, every poll_interval
    # (0.5 s by default): that wait was the teardown of every test using this fixture.
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS},
                              daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/sys/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def smsc_smtp(smsc_fake: FakeSmsc) -> Iterator[tuple[str, int]]:
    """``smsc_fake``'s SMTP side on 127.0.0.1 (an ephemeral port): ``(host, port)``."""
    # Imported here: the plugin loads in every pytest run, aiosmtpd only with [testing].
    try:
        from smsc_codec.testing.smtp import serve_smtp
    except ImportError as exc:
        raise UsageError("the smsc_smtp fixture needs aiosmtpd: pip install "
                         "'smsc_codec[testing]'") from exc
    with serve_smtp(smsc_fake) as address:
        yield address
