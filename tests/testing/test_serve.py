"""``smsc-codec serve`` as a subprocess, talked to with urllib (issue 13)."""

from __future__ import annotations

import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from smsc_codec import StatusList, decode_reply_to, decode_request, to_canonical_json
from tests.testing.test_core import HLR, SMS


def test_serve_answers_and_stops_on_sigterm(tmp_path: Path) -> None:
    messages = tmp_path / "messages.jsonl"
    messages.write_bytes(to_canonical_json(SMS) + b"\n" + to_canonical_json(HLR) + b"\n")
    with subprocess.Popen(
        [sys.executable, "-m", "smsc_codec", "serve", "--port", "0", "--account",
         "demo:secret", "--apikey", "K1", "--messages", str(messages)],
        stderr=subprocess.PIPE, text=True) as proc:
        _talk(proc)
        assert proc.stderr is not None
        assert "secret" not in proc.stderr.read()


def _talk(proc: subprocess.Popen[str]) -> None:
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:"), line
        base = line.removeprefix("listening on ")
        query = (f"apikey=K1&fmt=3&all=2&charset=utf-8&phone={SMS.phone},{HLR.phone}"
                 f"&id={SMS.id},{HLR.id}")
        with urllib.request.urlopen(f"{base}/sys/status.php?{query}") as reply:
            decoded = decode_reply_to(decode_request(query), reply.read())
        assert isinstance(decoded, StatusList) and list(decoded) == [SMS, HLR]
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0


def test_serve_says_what_is_wrong_with_a_messages_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"status": 1}\n', "utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "smsc_codec", "serve", "--port", "0", "--account",
         "demo:secret", "--messages", str(bad)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert "line 1" in done.stderr and "Traceback" not in done.stderr
