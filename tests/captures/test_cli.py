"""``smsc-codec scan`` writes exactly the library's JSON Lines, a summary, exit codes."""

from __future__ import annotations

import io
import pathlib

import orjson
import pytest

from smsc_codec.captures import Summary, exchange_to_json, scan
from smsc_codec.cli import run
from tests.captures.generate import (
    FAKE_SECRETS,
    Capture,
    dump_capture,
    gzipped,
    har_capture,
    jsonl,
    mbox_capture,
)

CAPTURES = [har_capture(rounds=1), mbox_capture(), dump_capture()]


def write(tmp: pathlib.Path, capture: Capture) -> str:
    path = tmp / capture.name
    path.write_bytes(capture.data)
    return str(path)


def call(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes]:
    out = io.BytesIO()
    code = run(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_scan_writes_the_library_json_lines(tmp_path: pathlib.Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    paths = [write(tmp_path, c) for c in CAPTURES]
    code, out = call(["scan", *paths])
    err = capsys.readouterr().err
    expected, summary = [], Summary()
    for path in paths:
        with open(path, "rb") as f:
            run_ = scan(f, name=path)
            for exchange in run_:
                expected.append(exchange_to_json(exchange))
                summary.add(exchange)
            summary.skip(run_.skipped)
    summary.files = len(paths)
    assert jsonl(out) == expected
    assert code == 1  # the generated captures hold broken replies
    assert err.splitlines() == [f"smsc-codec scan: {line}" for line in summary.lines()]
    assert "\r" not in err  # no progress bar: stderr is not a terminal here
    for secret in FAKE_SECRETS:
        assert secret not in err and secret.encode() not in out


def test_scan_stdin_gzip_and_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    clean = b'{"status":1,"err":0}\n\n0,-2\n\n{"status":-3}'
    code, out = call(["scan", "-"], gzipped(Capture("x", clean, [], {})).data)
    assert code == 0 and len(jsonl(out)) == 3
    assert [line["source"] for line in jsonl(out)] == [
        {"file": "-", "line": 1}, {"file": "-", "line": 3}, {"file": "-", "line": 5}]
    assert "3 exchanges in 1 file(s); 0 failed" in capsys.readouterr().err


def test_scan_unusable_input_is_exit_2(tmp_path: pathlib.Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["scan", str(tmp_path / "missing.har")])[0] == 2
    broken = tmp_path / "broken.har"
    broken.write_bytes(b'{"log": {"entries": [}')
    code, out = call(["scan", str(broken)])
    assert code == 2 and jsonl(out)[0]["error"]["kind"] == "bad-har"
    capsys.readouterr()


def test_progress_bar_only_on_a_terminal(tmp_path: pathlib.Path,
                                         capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, CAPTURES[0])
    import sys
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    call(["scan", path])
    err = capsys.readouterr().err
    assert "\r" in err and "100%" in err and "exchanges" in err
    call(["scan", "--no-progress", path])
    assert "\r" not in capsys.readouterr().err


def test_scan_container_and_split_options(tmp_path: pathlib.Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lines.txt"
    path.write_bytes(b"0,-2\n0,-9\n")
    code, out = call(["scan", "--container", "dump", "--split", "line", str(path)])
    assert code == 0
    assert [(x["source"]["line"], x["reply"]["error_code"]) for x in jsonl(out)] == [
        (1, 2), (2, 9)]
    capsys.readouterr()
    data = orjson.dumps({"log": {"entries": []}})
    code, out = call(["scan", "-"], data)
    assert (code, out) == (0, b"")
    assert "0 exchanges" in capsys.readouterr().err


#: Requests that fail in every way a secret could leak through an error message.
LEAKY = [
    "https://smsc.ru/sys/status.php?login=a&psw=Pq%zzLeak1&phone=1&id=2",
    "https://smsc.ru/sys/status.php?login=a&psw=Pq1Leak2&psw=Pq2Leak2&phone=1&id=2",
    "https://smsc.ru/sys/status.php?apikey=Pq%FFLeak3&charset=utf-8&phone=1&id=2",
    "https://smsc.ru/sys/get.php?get_messages=1&apikey=Pq4Leak4&login=a&psw=Pq5Leak5",
    "https://smsc.ru/sys/status.php?login=a&psw=Pq6Leak6&phone=1,2&id=2&fmt=9",
    "https://smsc.ru/sys/status.php?login=a&PSW=Pq7Leak7&psw=x&phone=1&id=2",
]


def test_secrets_never_leak_from_broken_requests(tmp_path: pathlib.Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    from tests.captures.generate import _har_entry
    entries = [_har_entry(u, content_type="text/plain", text="ERROR = 1 (x)") for u in LEAKY]
    path = tmp_path / "leaky.har"
    path.write_bytes(orjson.dumps({"log": {"entries": entries}}))
    outputs = [call(["scan", str(path)]), call(["check", str(path)]),
               call(["check", "--json", str(path)])]
    outputs += [call(["check", "--request", u]) for u in LEAKY]
    text = b"".join(out for _, out in outputs).decode() + capsys.readouterr().err
    assert text.count("R01") >= len(LEAKY)
    for n in range(1, 8):
        assert f"Leak{n}" not in text, n
