"""The fake as a WSGI app: serve it under any WSGI server (wsgiref, werkzeug,
waitress) on 127.0.0.1 and talk to it from any HTTP client or language."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from http import HTTPStatus
from typing import Any

from smsc_codec.testing._core import MAX_BODY_BYTES, PATHS, TOO_LARGE, FakeSmsc, HttpReply

__all__ = ["PATHS", "make_wsgi_app"]


def make_wsgi_app(fake: FakeSmsc) -> Callable[..., Iterable[bytes]]:
    """A WSGI application answering ``/sys/status.php`` and ``/sys/get.php`` from
    *fake* (GET and POST); other paths are 404."""

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        length = int(environ.get("CONTENT_LENGTH") or 0)
        if length > MAX_BODY_BYTES:
            return _write(TOO_LARGE, start_response)
        body = environ["wsgi.input"].read(length) if length else b""
        # PEP 3333: QUERY_STRING is the request's bytes decoded as Latin-1; the fake
        # reads them in the request's own charset.
        query = environ.get("QUERY_STRING", "").encode("latin-1")
        reply = fake.handle(environ.get("REQUEST_METHOD", "GET"), environ.get("PATH_INFO", ""),
                            query, body)
        return _write(reply, start_response)

    return app


def _write(reply: HttpReply, start_response: Callable[..., Any]) -> list[bytes]:
    status = HTTPStatus(reply.status)
    start_response(f"{status.value} {status.phrase}",
                   [("Content-Type", reply.content_type),
                    ("Content-Length", str(len(reply.body)))])
    return [reply.body]
