"""The fake SMSC for clients in any language: ``smsc-codec serve`` as a process.

Guide: docs/guides/fake-server.md.  A test suite in Python uses the pytest fixtures
(examples/test_smsc_client.py); any other starts the command, reads the port from
its first line on stderr, talks HTTP to 127.0.0.1, and stops it with SIGTERM.
"""

from __future__ import annotations

import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
#: How long the test waits for the server to answer or stop, in seconds.
TIMEOUT = 30


@pytest.fixture
def served() -> Iterator[str]:
    """``smsc-codec serve`` with examples/messages.jsonl on a free port: its base URL."""
    command = [sys.executable, "-m", "smsc_codec", "serve", "--port", "0",
               "--account", "demo:secret", "--messages", str(HERE / "messages.jsonl")]
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True) as server:
        try:
            assert server.stderr is not None
            first = server.stderr.readline()  # "listening on http://127.0.0.1:PORT"
            assert first.startswith("listening on http://127.0.0.1:"), first
            yield first.removeprefix("listening on ").strip() + "/sys/"
        finally:
            server.terminate()  # SIGTERM: the documented way to stop it
            assert server.wait(timeout=TIMEOUT) == 0


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=TIMEOUT) as reply:
        body: bytes = reply.read()
        return body


def test_a_seeded_message_in_fmt0(served: str) -> None:
    body = _get(served + "status.php?login=demo&psw=secret&phone=79991234567&id=101&all=1")
    assert body.decode("cp1251") == (
        "Status = 1, check_time = 21.11.2026 09:15:02, err = 0,"
        " send_date = 21.11.2026 09:14:55, phone = 79991234567, cost = 1.20,"
        " sender_id = SMSC.RU, status_name = Доставлено, message = Привет, мир,"
        " comment = , type = 0")


def test_a_wrong_password(served: str) -> None:
    body = _get(served + "status.php?login=demo&psw=wrong&phone=79991234567&id=101&fmt=3")
    assert body.decode("cp1251") == '{"error":"неверный логин или пароль","error_code":2}'
