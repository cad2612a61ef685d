"""Captures generated from the golden vectors are read back, exchange by exchange.

Every exchange of every generated capture is compared, as a whole projection of its
JSON, with what the generator says it must be (tests/captures/generate.py): where it
came from, the endpoint, the masked request, the reply layout, the canonical reply,
the defect kinds, the error's kind (and byte offset where the bytes are exact), a
repair, the send an SMTP reply answers.  The same captures are read as files and as
chunk streams of odd sizes, gzipped, indented, and through the CLI.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterator
from typing import Any

import orjson
import pytest

from smsc_codec.canonical import dumps as canonical_dumps
from smsc_codec.captures import (
    Exchange,
    Scan,
    detect_container,
    exchange_to_json,
    har,
    mail,
    scan,
)
from smsc_codec.captures import dump as dumps
from smsc_codec.sniff import all_defects
from tests.captures.generate import (
    FAKE_SECRETS,
    Capture,
    Expected,
    dump_capture,
    gzipped,
    har_capture,
    line_dump_capture,
    mbox_capture,
)
from tests.test_sniff import matches, truth
from tests.vectors import VECTORS

BY_NAME = {v.name: v for v in VECTORS}


def projection(exchange: Exchange, want: Expected) -> dict[str, Any]:
    """The parts of *exchange* that *want* pins (``None`` parts of it are not checked)."""
    out = exchange_to_json(exchange)
    got: dict[str, Any] = {"source": out["source"], "endpoint": out["endpoint"]}
    if want.request is not None:
        got["request"] = out.get("request")
    if want.layout is not None:
        got["layout"] = out.get("layout")
    if want.paired is not None:
        got["paired"] = out.get("paired")
    if want.repaired is not None:
        got["repaired"] = out.get("repaired", {}).get("source")
    if want.request_error is not None:
        got["request_error"] = out.get("request_error", {}).get("kind")
    if want.error is not None:
        error = out.get("error", {})
        got["error"] = {k: error.get(k) for k in want.error}
    else:
        got["error"] = out.get("error")
        got["reply"] = out.get("reply")
        if exchange.mail is not None or exchange.reply is not None:
            if exchange.mail is None and not exchange.endpoint.startswith("smtp"):
                assert exchange.reply is not None  # mail is None: the outer test meant a reply
                defects = list(all_defects(exchange.reply))
            else:
                defects = _smtp_defects(exchange)
            got["defects"] = [d.kind for d in defects]
    return got


def _smtp_defects(exchange: Exchange) -> list[Any]:
    from smsc_codec import smtp
    if exchange.mail is not None:
        return list(smtp.all_defects(exchange.mail))
    return []


def expected_projection(want: Expected, exchange: Exchange) -> dict[str, Any]:
    exp: dict[str, Any] = {"source": want.source, "endpoint": want.endpoint}
    for name in ("request", "layout", "paired", "repaired", "request_error"):
        if getattr(want, name) is not None:
            exp[name] = getattr(want, name)
    if want.error is not None:
        exp["error"] = want.error
    else:
        exp["error"] = None
        reply = want.reply
        if reply is None and exchange.endpoint == "smtp-send":
            reply = None
        exp["reply"] = reply
        if exchange.mail is not None or exchange.reply is not None:
            exp["defects"] = want.defects
    return exp


def check_all(capture: Capture, exchanges: list[Exchange], *, sniffed_ok: int = 0) -> None:
    """Every exchange is what the generator says; sniffed replies may be read another
    way only where the body alone cannot tell (counted: *sniffed_ok*)."""
    assert len(exchanges) == len(capture.expected) > 0
    other_readings = 0
    for exchange, want in zip(exchanges, capture.expected, strict=True):
        got, exp = projection(exchange, want), expected_projection(want, exchange)
        if got != exp and exchange.sniffed is not None and want.vector in BY_NAME:
            # No request: the truth must be one of the readings the sniffer lists.
            vector = BY_NAME[want.vector]
            readings = exchange.sniffed.candidates + exchange.sniffed.others
            assert any(matches(r, truth(vector, blind=True)) for r in readings), want.vector
            assert not exchange.sniffed.certain
            other_readings += 1
            continue
        assert got == exp, want.vector
    assert other_readings == sniffed_ok


def read(capture: Capture, **options: Any) -> tuple[list[Exchange], Scan]:
    run = scan(io.BytesIO(capture.data), name=capture.name, **options)
    return list(run), run


def in_chunks(data: bytes, size: int) -> Iterator[bytes]:
    for i in range(0, len(data), size):
        yield data[i:i + size]


HAR = har_capture()
MBOX = mbox_capture()
DUMP = dump_capture()
LINES = line_dump_capture()


def test_har_every_exchange() -> None:
    exchanges, run = read(HAR)
    check_all(HAR, exchanges)
    assert run.container == "har" and not run.gzip
    assert run.skipped == HAR.skipped
    assert len(exchanges) > 300 and sum(HAR.skipped.values()) > 200
    kinds = {e.endpoint for e in exchanges}
    assert kinds == {"status", "delete", "history"}
    assert sum(e.repaired is not None for e in exchanges) >= 5
    assert sum(e.error is not None for e in exchanges) >= 10  # the broken replies


@pytest.mark.parametrize("size", [1, 7, 4093, 1 << 20])
def test_har_in_chunks_of_any_size(size: int) -> None:
    capture = har_capture(rounds=1) if size < 100 else HAR
    run = scan(in_chunks(capture.data, size), name=capture.name)
    check_all(capture, list(run))
    assert run.bytes_in == len(capture.data)


def test_har_indented_and_gzipped() -> None:
    indented = har_capture(indent=True, rounds=1)
    check_all(indented, read(indented)[0])
    packed = gzipped(indented)
    exchanges, run = read(packed)
    check_all(packed, exchanges)
    assert run.gzip and run.container == "har" and run.bytes_in == len(packed.data)


def test_gzip_members_concatenated() -> None:
    capture = har_capture(rounds=1)
    half = len(capture.data) // 2
    data = gzip.compress(capture.data[:half], mtime=0) + gzip.compress(capture.data[half:], mtime=0)
    exchanges = list(scan(io.BytesIO(data), name=capture.name))
    check_all(capture, exchanges)


def test_mbox_every_exchange() -> None:
    exchanges, run = read(MBOX)
    check_all(MBOX, exchanges)
    assert run.container == "mbox" and run.skipped == MBOX.skipped
    assert {e.endpoint for e in exchanges} == {"smtp-send", "smtp-reply"}
    assert sum(e.paired is not None for e in exchanges) == 8


def test_mbox_gzipped() -> None:
    packed = gzipped(MBOX)
    check_all(packed, read(packed)[0])


def test_dump_every_exchange() -> None:
    """Half the replies come without their request: six errors do not tell which
    endpoint sent them, and an empty <list> does not tell status from history."""
    exchanges, run = read(DUMP)
    check_all(DUMP, exchanges, sniffed_ok=7)
    assert run.container == "dump"
    assert sum(e.request is not None for e in exchanges) == len(exchanges) // 2


def test_line_dump_every_exchange() -> None:
    """One reply per line, none with its request.  23 are read, but not as their
    vector says, because the body alone cannot tell: 18 errors (which endpoint sent
    them), 2 empty lists (status or history) and 3 fmt=1 lines (an HLR all=0 line
    has eleven text fields and reads almost any line of that many commas)."""
    exchanges, _ = read(LINES, split="line")
    check_all(LINES, exchanges, sniffed_ok=23)
    auto, _ = read(LINES)
    assert [exchange_to_json(e) for e in auto] == [exchange_to_json(e) for e in exchanges]


def test_crlf_dump() -> None:
    crlf = Capture(DUMP.name, DUMP.data.replace(b"\n", b"\r\n"), DUMP.expected, {})
    for exchange in read(crlf)[0]:
        if exchange.ok and exchange.reply is not None and exchange.layout is not None \
                and exchange.layout.fmt in (0, 1) and exchange.body and b"\r\n" in exchange.body:
            assert "line-endings" in [d.kind for d in all_defects(exchange.reply)]


def test_no_secret_reaches_the_output() -> None:
    for capture in (HAR, MBOX, DUMP, LINES):
        # As the CLI writes them: canonical JSON (an integer beyond 64 bits included).
        text = b"".join(canonical_dumps(exchange_to_json(e)) for e in read(capture)[0])
        assert any(secret.encode() in capture.data for secret in FAKE_SECRETS) \
            or capture is LINES
        for secret in FAKE_SECRETS:
            assert secret.encode() not in text
        assert b"***" in text or capture in (DUMP, LINES)


# --- the containers on their own -------------------------------------------------------


def test_detect_container() -> None:
    assert detect_container(b'{"log": {"entries": []}}') == "har"
    assert detect_container(b'\xef\xbb\xbf  {\n "log" :{') == "har"
    assert detect_container(b"From MAILER-DAEMON Sat Nov 21\nFrom: a@b\n\nx") == "mbox"
    assert detect_container(b"From: a@b\nTo: c@d\n\nline") == "eml"
    assert detect_container(b'{"status":1}') == "dump"
    assert detect_container(b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0") == "dump"


def test_har_entries_too_large_are_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    capture = har_capture(rounds=1)
    monkeypatch.setattr(har, "MAX_ENTRY_BYTES", 25_000)
    exchanges, run = read(capture)
    assert run.skipped["too-large-entry"] > 0
    assert [e.location.entry for e in exchanges] == [w.source["entry"] for w in
                                                     capture.expected]


def test_har_that_breaks_off() -> None:
    data = HAR.data[: len(HAR.data) // 2]
    exchanges = list(scan(io.BytesIO(data), name="cut.har"))
    last = exchanges[-1]
    assert last.error is not None and last.error.kind == "truncated"
    assert last.location.entry is None and last.error.pos is not None
    assert len(exchanges) > 100 and all(e.location.entry is not None for e in exchanges[:-1])


@pytest.mark.parametrize("data, kind", [
    (b'{"log": {"entries": [1, 2', "truncated"),
    (b'{"log": {"entries": [{"a": 1} {"b": 2}]}}', "bad-har"),
    (b'{"log": {"entries": [{"request": 7}]}} trailing', "bad-har"),
    (b"\x1f\x8bxxxxxxxxxxxxxxxxxxxxxx", "bad-gzip"),
    (gzip.compress(b'{"log": {"entries": []}}', mtime=0)[:-12], "truncated"),
])
def test_broken_containers(data: bytes, kind: str) -> None:
    exchanges = list(scan(io.BytesIO(data), name="x", container="har"))
    assert exchanges[-1].error is not None and exchanges[-1].error.kind == kind


def test_har_values_in_any_order_and_post_params() -> None:
    entry = {"response": {"content": {"text": "OK", "mimeType": "text/plain"}, "status": 200},
             "request": {"method": "POST", "url": "https://smsc.ru/sys/status.php",
                         "postData": {"params": [{"name": "del", "value": "1"},
                                                 {"name": "login", "value": "a"},
                                                 {"name": "psw", "value": "b"},
                                                 {"name": "phone", "value": "7999"},
                                                 {"name": "id", "value": "5"}]}}}
    doc = {"other": [{"x": "]}"}], "log": {"entries": [entry], "pages": []}}
    exchanges = list(scan(io.BytesIO(orjson.dumps(doc)), container="har"))
    assert [exchange_to_json(e)["reply"] for e in exchanges] == [{"result": "OK"}]
    assert exchanges[0].endpoint == "delete"


def test_mbox_framing() -> None:
    data = (b"From a Sat\nSubject: one\n\nbody\n>From here\n>>From there\n\n"
            b"From b Sat\nSubject: two\n\nbody, From the middle of a line\n")
    got = list(mail.messages(iter([data])))
    assert [(m.number, m.line, m.data) for m in got] == [
        (1, 1, b"Subject: one\n\nbody\nFrom here\n>From there\n"),
        (2, 8, b"Subject: two\n\nbody, From the middle of a line\n"),
    ]
    single = list(mail.messages(iter([b"Subject: x\n\nbody\n"])))
    assert [(m.number, m.line, m.data) for m in single] == [(1, 1, b"Subject: x\n\nbody\n")]


def test_mail_too_large_is_skipped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mail, "MAX_MESSAGE_BYTES", 2_000)
    big = b"From x\nFrom: robot@smscentre.com\n\n" + b"x" * 5_000 + b"\n\n"
    run = scan(io.BytesIO(big + MBOX.data), name="m")
    exchanges = list(run)
    assert run.skipped["too-large-mail"] >= 1 and len(exchanges) > 20


def test_dump_records() -> None:
    data = (b"GET https://smsc.ru/sys/status.php?login=a&psw=b&phone=1&id=2&fmt=3 HTTP/1.1\n"
            b'{"status":1,\n"err":0}\n\n\n\n0,-2\n\n/sys/get.php?get_messages=1&login=a&psw=b\n'
            b"ERROR = 3 (nope)")
    got = [(r.line, r.data, r.request) for r in dumps.records(iter([data]))]
    assert got == [
        (1, b'{"status":1,\n"err":0}',
         "https://smsc.ru/sys/status.php?login=a&psw=b&phone=1&id=2&fmt=3"),
        (7, b"0,-2", None),
        (9, b"ERROR = 3 (nope)", "/sys/get.php?get_messages=1&login=a&psw=b"),
    ]
    by_line = [(r.line, r.data) for r in dumps.records(iter([b"a\n\nb\r\nc"]), "line")]
    assert by_line == [(1, b"a"), (3, b"b"), (4, b"c")]


def test_dump_record_too_large(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dumps, "MAX_RECORD_BYTES", 100)
    data = b"0,-2\n\n" + b"1" * 500 + b"\n\nOK\n"
    exchanges = list(scan(io.BytesIO(data), name="d", container="dump", split="blank"))
    assert [(e.location.line, None if e.error is None else e.error.kind)
            for e in exchanges] == [(1, None), (3, "too-large"), (5, None)]


def test_summary_counts() -> None:
    from smsc_codec.captures import Summary
    summary = Summary()
    for exchange in read(HAR)[0]:
        summary.add(exchange)
    summary.files = 1
    summary.skip(HAR.skipped)
    assert summary.exchanges == len(HAR.expected)
    assert summary.failed == sum(e.error is not None or e.request_error is not None
                                 for e in read(HAR)[0])
    text = "\n".join(summary.lines())
    assert f"{summary.exchanges} exchanges in 1 file(s)" in text
    assert "status 2 Invalid username or password" in text
    assert all(f.split(":")[0] in text for f in summary.failures)


def _lazy_har(entries: int) -> Iterator[bytes]:
    """A HAR of *entries* API exchanges and unrelated downloads, made as it is read."""
    vector = BY_NAME["status/sms-all2-fmt3-multi"]
    from tests.captures.generate import _har_entry, request_for
    url, _, _, _ = request_for(vector, 1)
    api = orjson.dumps(_har_entry(url, content_type="text/plain; charset=windows-1251",
                                  text=vector.wire.decode("cp1251")))
    blob = orjson.dumps(_har_entry("https://cdn.example.org/video.mp4", content_type="video/mp4",
                                   text="QUJD" * 50_000, base64_body=True))
    yield b'{"log": {"version": "1.2", "entries": ['
    for i in range(entries):
        yield (b"," if i else b"") + (blob if i % 10 == 9 else api)
    yield b"]}}"


def test_memory_stays_flat_whatever_the_size() -> None:
    """A HAR streamed through scan holds one entry at a time: the peak of Python
    allocations does not grow with the number of entries."""
    import tracemalloc

    def peak(entries: int) -> tuple[int, int]:
        tracemalloc.start()
        try:
            count = sum(1 for _ in scan(_lazy_har(entries), name="big.har"))
            return count, tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small_count, small_peak = peak(100)
    big_count, big_peak = peak(1000)
    assert (small_count, big_count) == (90, 900)
    assert big_peak < small_peak * 1.5 + 256 * 1024
    assert big_peak < 8 * 1024 * 1024


def test_the_content_type_charset_reads_the_bytes() -> None:
    """A server that answers utf-8 where windows-1251 was asked, and says so: the
    header describes the bytes, so they read right; check reports the mismatch."""
    from tests.captures.generate import _har_entry, request_for
    vector = BY_NAME["status/sms-all2-fmt3-single-utf-8"]
    url, _, _, _ = request_for(vector, 2)
    url = url.replace("&charset=utf-8", "")  # the request asks for the default
    entry = _har_entry(url, content_type="text/plain; charset=UTF-8",
                       text=__import__("base64").b64encode(vector.wire).decode(),
                       base64_body=True)
    data = orjson.dumps({"log": {"entries": [entry]}})
    (exchange,) = list(scan(io.BytesIO(data), name="x.har"))
    assert exchange_to_json(exchange)["reply"] == vector.meta["expect"]
    assert exchange.layout is not None and exchange.layout.charset == "utf-8"
    from smsc_codec.conformance import check_exchange
    assert [d.rule for d in check_exchange(exchange)] == ["H01"]
