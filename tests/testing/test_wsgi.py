"""The WSGI app under a real server (wsgiref) on 127.0.0.1, over urllib (issue 13)."""

from __future__ import annotations

import socket
import threading
import urllib.request
from collections.abc import Iterator
from http import HTTPStatus
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest

from smsc_codec import ErrorReply, StatusList, StatusRecord, decode_reply_to, decode_request
from smsc_codec.testing import MAX_BODY_BYTES, Account, FakeSmsc
from smsc_codec.testing.pytest_plugin import _POLL_SECONDS  # shutdown in 20 ms, not 0.5 s
from smsc_codec.testing.wsgi import make_wsgi_app
from tests.testing.test_core import HLR, SMS, fake


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def base() -> Iterator[str]:
    server = make_server("127.0.0.1", 0, make_wsgi_app(fake()), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS},
                              daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sys/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.parametrize(("fmt", "all_", "charset"),
                         [(0, 1, "windows-1251"), (1, 2, "koi8-r"), (2, 0, "utf-8"),
                          (3, 2, "windows-1251")])
def test_a_slice_over_http(base: str, fmt: int, all_: int, charset: str) -> None:
    query = (f"login=demo&psw=secret&fmt={fmt}&all={all_}&charset={charset}"
             f"&phone={SMS.phone},{HLR.phone}&id={SMS.id},{HLR.id}")
    with urllib.request.urlopen(base + "status.php?" + query) as reply:
        body = reply.read()
    decoded = decode_reply_to(decode_request(query), body)
    assert isinstance(decoded, StatusList) and [r.id for r in decoded] == [SMS.id, HLR.id]
    post = urllib.request.Request(base + "status.php", data=query.encode(), method="POST")
    with urllib.request.urlopen(post) as reply:
        assert reply.read() == body


def test_bad_password_over_http(base: str) -> None:
    query = f"login=demo&psw=nope&phone={SMS.phone}&id={SMS.id}&fmt=3"
    with urllib.request.urlopen(base + "status.php?" + query) as reply:
        decoded = decode_reply_to(decode_request(query), reply.read())
    assert isinstance(decoded, ErrorReply) and decoded.code == 2
    history = "get_messages=1&login=demo&psw=secret&fmt=3"
    with urllib.request.urlopen(base + "get.php?" + history) as reply:
        rows = decode_reply_to(decode_request(history), reply.read())
    assert isinstance(rows, StatusList) and isinstance(rows.records[0], StatusRecord)


def test_raw_utf8_bytes_in_the_query_reach_the_core_as_bytes() -> None:
    """PEP 3333 hands QUERY_STRING over as Latin-1 text; the app gives the core the
    bytes back, so an unescaped UTF-8 id is read in the request's charset."""
    order = StatusRecord(status=1, err=0, id="заказ-7", phone="79991234567")
    server_fake = FakeSmsc(accounts=[Account("demo", "secret")], records=[order])
    server = make_server("127.0.0.1", 0, make_wsgi_app(server_fake), handler_class=_Quiet)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": _POLL_SECONDS},
                              daemon=True)
    thread.start()
    try:
        query = "login=demo&psw=secret&phone=79991234567&id=заказ-7&fmt=3&charset=utf-8"
        with socket.create_connection(("127.0.0.1", server.server_port), timeout=60) as conn:
            conn.sendall(b"GET /sys/status.php?" + query.encode("utf-8") + b" HTTP/1.0\r\n\r\n")
            answer = b"".join(iter(lambda: conn.recv(65536), b""))
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
    assert answer.split(b"\r\n\r\n", 1)[1] == b'{"status":1,"err":0}'


def test_a_body_over_the_limit_is_413_unread(base: str) -> None:
    # Content-Length alone says too much: the app answers before reading.
    url = base.removeprefix("http://").split("/")[0]
    host, port = url.split(":")
    with socket.create_connection((host, int(port)), timeout=60) as conn:
        conn.sendall(b"POST /sys/status.php HTTP/1.0\r\nContent-Length: "
                     + str(MAX_BODY_BYTES + 1).encode() + b"\r\n\r\nlogin=demo")
        answer = b"".join(iter(lambda: conn.recv(65536), b""))
    # The phrase is the running Python's ("Content Too Large" from 3.13 on).
    status = f"HTTP/1.0 413 {HTTPStatus(413).phrase}".encode("ascii")
    assert answer.split(b"\r\n", 1)[0] == status
    assert answer.split(b"\r\n\r\n", 1)[1] == b"request body too large"
