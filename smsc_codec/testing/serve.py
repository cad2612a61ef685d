"""``smsc-codec serve``: the fake on 127.0.0.1 for clients in any language.

The contract (issue 13): ``smsc-codec serve --port PORT --account LOGIN:PSW
[--apikey KEY] --messages FILE``; FILE is JSON Lines, one canonical record (the
``fmt=3, all=2`` shape ``smsc-codec decode`` prints) with its ``id`` and ``phone``
per line; one line ``listening on http://127.0.0.1:PORT`` on stderr once it accepts
connections; paths ``/sys/status.php`` and ``/sys/get.php``; SIGTERM/SIGINT stop it.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import Any, TextIO
from wsgiref.simple_server import WSGIRequestHandler, make_server

from smsc_codec.canonical import loads
from smsc_codec.errors import SmscCodecError
from smsc_codec.testing._core import Account, FakeSmsc
from smsc_codec.testing.wsgi import make_wsgi_app

__all__ = ["load_messages", "serve"]


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # the fake's log is FakeSmsc.log, not stderr noise


def load_messages(fake: FakeSmsc, lines: TextIO, name: str) -> None:
    """Seed *fake* from JSON Lines; a bad line is an :class:`SmscCodecError` naming it."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            fake.add(loads(line))  # canonical JSON, \udcXX escapes and big integers too
        except (SmscCodecError, TypeError) as exc:
            raise SmscCodecError(f"{name} line {number}: {exc}") from exc


def serve(port: int, account: str, apikeys: list[str], messages: str,
          stderr: TextIO = sys.stderr) -> int:
    """Run the fake until SIGTERM/SIGINT; the exit status."""
    login, sep, psw = account.partition(":")
    if not sep or not login:
        raise SmscCodecError("--account: expected LOGIN:PSW")
    fake = FakeSmsc(accounts=[Account(login, psw, tuple(apikeys))])
    with open(messages, encoding="utf-8") as lines:
        load_messages(fake, lines, messages)
    server = make_server("127.0.0.1", port, make_wsgi_app(fake), handler_class=_Quiet)
    stop = threading.Event()

    def _stop(signum: int, frame: object) -> None:
        stop.set()
        # shutdown() waits for serve_forever: call it from another thread.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    # The socket listens since make_server: connections queue from now on.
    print(f"listening on http://127.0.0.1:{server.server_port}", file=stderr, flush=True)
    try:
        server.serve_forever()
    finally:
        server.server_close()
    return 0
