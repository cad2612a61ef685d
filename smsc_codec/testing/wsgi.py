"""The fake as a WSGI app: serve it under any WSGI server (wsgiref, werkzeug,
waitress) on 127.0.0.1 and talk to it from any HTTP client or language."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import Any

from smsc_codec.testing._core import FakeSmsc

__all__ = ["make_wsgi_app"]

#: The two paths of the vendor's API ("https://smsc.ru/sys/status.php", ".../get.php").
PATHS = ("/sys/status.php", "/sys/get.php")


def make_wsgi_app(fake: FakeSmsc) -> Callable[..., Iterable[bytes]]:
    """A WSGI application answering ``/sys/status.php`` and ``/sys/get.php`` from
    *fake* (GET and POST); other paths are 404.  Calls are serialised."""
    lock = threading.Lock()

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        path = environ.get("PATH_INFO", "")
        if path not in PATHS:
            start_response("404 Not Found", [("Content-Type", "text/plain")])
            return [b"not found"]
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        with lock:
            reply = fake.handle(environ.get("REQUEST_METHOD", "GET"), path,
                                environ.get("QUERY_STRING", ""), body)
        start_response("200 OK", [("Content-Type", reply.content_type),
                                  ("Content-Length", str(len(reply.body)))])
        return [reply.body]

    return app
