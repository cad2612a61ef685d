"""Hostile cases for the capture readers (HAR, mbox/eml, dumps, gzip) and scan/check.

*Time*: each reader on its worst known shape, at n and 4n (a dump whose first line
is ``get.php?`` runs, a long line arriving in small chunks, text mojibake, a HAR
string of escapes, long keys, many entries, many mails, sniffed records).

*Memory*: ``smsc-codec scan`` in a child process over the bombs of issue 19, each
written to a temporary directory as it is made (never held in memory): a 1 GiB
object key in a small ``.gz`` (top-level and in ``log``), a 500 MB base64 body, a
legitimate 14 MB multi-status entry, an mbox of large sends, an 8 GiB gzip bomb.
The gzip inputs are many gzip members (RFC 1952 §2.2), one compressed block written
again and again, so that they are made in seconds.

*Secrets*: :data:`~fuzz.hostile._measure.PASSWORD` and
:data:`~fuzz.hostile._measure.APIKEY` planted in every input family and route
(request URLs and forms, odd request lines, bare send lines, mails, unsplittable
URLs, gzip), searched in the CLI's stdout and stderr (``scan``, ``check``,
``check --json``, run in-process), the JSON Lines, the summary, ``repr``/``str`` of
every exchange and the whole chain of every error.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import io
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

from fuzz.hostile._measure import APIKEY, PASSWORD, MemoryCase, SecretCase, TimeCase
from smsc_codec.captures import Summary, dump, exchange_to_json, har, scan
from smsc_codec.captures._stream import lines
from smsc_codec.cli import run
from smsc_codec.mojibake import repair_mojibake

# --- inputs ------------------------------------------------------------------------

STATUS_URL = "https://smsc.ru/sys/status.php"
STATUS_LINE = b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0"


def query(secret: str = PASSWORD, name: str = "psw", extra: str = "") -> str:
    return f"login=alogin&{name}={secret}&phone=79991234567&id=101{extra}"


def har_entry(url: str, body: bytes = STATUS_LINE, *, form: str | None = None,
              b64: bool = True) -> dict[str, Any]:
    """One HAR entry (a GET, or a POST with *form*) answered with *body*."""
    request: dict[str, Any] = {"method": "POST" if form else "GET", "url": url,
                               "headers": []}
    if form:
        request["postData"] = {"mimeType": "application/x-www-form-urlencoded",
                               "text": form}
    content: dict[str, Any] = {"mimeType": "text/plain; charset=windows-1251"}
    if b64:
        content |= {"encoding": "base64", "text": base64.b64encode(body).decode()}
    else:
        content["text"] = body.decode("cp1251")
    return {"request": request, "response": {"status": 200, "headers": [],
                                             "content": content}}


def har_file(entries: Iterable[dict[str, Any]]) -> bytes:
    return orjson.dumps({"log": {"version": "1.2", "entries": list(entries)}})


def unrelated(n: int) -> dict[str, Any]:
    return har_entry(f"https://cdn.example.org/app{n}.js", b"var x = 1;" * 50)


def send_line(secret: str = PASSWORD, login: str = "alogin", id: int = 17) -> str:
    """A send line the SMTP codec reads: "login:password:id:time:tz,...:phones:mes"."""
    return f"{login}:{secret}:{id}:::79991234567:hello"


def send_mail(line: str, message_id: str = "<1@example.org>") -> bytes:
    return (f"From: client@example.org\nTo: send@send.smsc.ru\nSubject: send\n"
            f"Message-ID: {message_id}\n\n{line}\n").encode()


def mbox(mails: Iterable[bytes]) -> bytes:
    return b"".join(b"From client@example.org Sat Nov 21 09:15:03 2026\n" + m + b"\n"
                    for m in mails)


def chunked(data: bytes, size: int) -> Iterator[bytes]:
    return (data[i:i + size] for i in range(0, len(data), size))


def drain(items: Iterable[object]) -> None:
    for _ in items:
        pass


def scan_all(data: bytes | Iterable[bytes], **kwargs: Any) -> None:
    source = io.BytesIO(data) if isinstance(data, bytes) else data
    for exchange in scan(source, **kwargs):
        exchange_to_json(exchange)


# --- time --------------------------------------------------------------------------


def _mojibake(n: int) -> str:
    words = ["привет", "сообщение", "доставлено", "абонент", "статус", "ошибка", "номер",
             "телефона"]
    text = " ".join(words[(i * 7) % len(words)] for i in range(n // 8))
    return text.encode("cp1251").decode("latin-1")


#: Sizes: the smaller input of each case takes some 20-500 ms here -- long enough that
#: the ratio is the code's, not a cache's or a scheduler's (a 0.9 ms long-line run
#: read 9.6 against a 2 MB one), short enough for the suite (a sniffed-dump case at
#: 1.7 s per run took 35 s of it: each record there is tried in every fmt and level).
TIME_CASES: list[TimeCase] = [
    # The old pattern backtracked over each "get.php?" run: 16 KB 2.4 s, 64 KB 44 s.
    TimeCase("dump: request line of get.php? runs",
             lambda n: b"get.php?" * n + b" x\n" + STATUS_LINE + b"\n",
             lambda d: drain(dump.records(iter([d]), "blank")), 2_000),
    # The same record through scan: the long line is then sniffed as a reply.
    TimeCase("scan: a record of get.php? runs, sniffed",
             lambda n: b"get.php?" * n + b" x\n" + STATUS_LINE + b"\n",
             lambda d: scan_all(d, container="dump", split="blank"), 2_000),
    TimeCase("dump: request_target of get.php? runs",
             lambda n: b"get.php?" * n + b" ", lambda d: dump.request_target(d), 2_000),
    # One long line in small chunks: re-joining it with every chunk was quadratic.
    TimeCase("dump: one long line in 256-byte chunks",
             lambda n: b"x" * n + b"\n",
             lambda d: drain(lines(chunked(d, 256), 16 * 1024 * 1024)), 2_000_000),
    TimeCase("dump: sniffed records, blank-separated",
             lambda n: b"\n\n".join([STATUS_LINE, b"1,1286524541", b'{"status":1}'] * n),
             lambda d: scan_all(d, container="dump"), 40),
    TimeCase("dump: windows-1251 records (charset detected)",
             lambda n: b"\n".join([b"ERROR = 2 (\xee\xf8\xe8\xe1\xea\xe0)"] * n),
             lambda d: scan_all(d, container="dump", split="line"), 150),
    TimeCase("mojibake: repair of windows-1251 read as latin-1",
             _mojibake, repair_mojibake, 200_000),
    TimeCase("har: entries of unrelated traffic",
             lambda n: har_file(unrelated(i) for i in range(n)),
             lambda d: scan_all(chunked(d, 65536)), 500),
    TimeCase("har: API entries, base64 and text bodies",
             lambda n: har_file(har_entry(f"{STATUS_URL}?{query()}", b64=bool(i % 2))
                                for i in range(n)),
             lambda d: scan_all(chunked(d, 65536)), 300),
    TimeCase("har: a string of escapes in an entry",
             lambda n: har_file([{"request": {"url": "\\\\" * n}}]).replace(b"\\\\\\\\", b"\\\""),
             lambda d: drain(har.raw_entries(chunked(d, 65536))), 200_000),
    TimeCase("har: a long top-level key",
             lambda n: b'{"' + b"k" * n + b'": 1, "log": {"entries": []}}',
             lambda d: drain(har.raw_entries(chunked(d, 65536))), 1_000_000),
    TimeCase("mbox: sends and replies",
             lambda n: mbox(send_mail(send_line(id=i + 1), f"<{i}@x>") for i in range(n)),
             lambda d: scan_all(d), 60),
    TimeCase("gzip: a compressed dump",
             lambda n: gzip.compress(b"\n".join([STATUS_LINE] * n)),
             lambda d: scan_all(d), 200),
]

# --- memory ------------------------------------------------------------------------

#: The child: *BUILD* writes the input to ``path`` in a temporary directory, then
#: ``smsc-codec scan`` runs over it in-process (JSON Lines and summary discarded).
_CHILD = """
import base64, contextlib, io, os, tempfile, zlib
from smsc_codec.cli import run
MIB = 1024 * 1024

def members(out, piece, times):
    # 'piece' (1 MiB at most: the builder's own memory counts in the peak)
    # compressed once as a gzip member, written 'times' times.
    member = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = member.compress(piece) + member.flush()
    for _ in range(times):
        out.write(block)

def gz(out, data):
    members(out, data, 1)

def b64(out, pieces):
    # base64 of the concatenated pieces, written as it goes.
    rest = b""
    for piece in pieces:
        data = rest + piece
        cut = len(data) - len(data) % 3
        out.write(base64.b64encode(data[:cut]))
        rest = data[cut:]
    out.write(base64.b64encode(rest))

with tempfile.TemporaryDirectory() as tmp:
    path = os.path.join(tmp, "capture")
    with open(path, "wb") as out:
{build}
    del out
    with open(os.devnull, "wb") as sink, contextlib.redirect_stderr(io.StringIO()):
        run(["scan", "--no-progress", *{args!r}, path], stdout=sink)
"""

MIB = 1024 * 1024


def _child(build: str, args: tuple[str, ...] = ()) -> str:
    return _CHILD.format(build="\n".join("        " + line for line in build.splitlines()),
                         args=list(args))


#: The README's bound for scan/check on any capture whose kept entries are small.
BOUND_MIB = 128.0
#: One kept entry of ``size`` MiB costs up to this many times its size on top (the
#: base64 text, its bytes, the decoded records and their JSON all live at once):
#: measured 14 MB -> 282 MiB before, the bound restated in the README from this.
ENTRY_FACTOR = 16


def _legit_entry_build(records: int) -> str:
    """A multi-status ``all=1`` request for *records* ids (a URL under the 1 MiB
    request limit) and its fmt=3 reply as the recorder's text, written record by
    record."""
    return f"""
import orjson
ids = ",".join(str(100000 + i) for i in range({records}))
phones = ",".join("7999" + str(1000000 + i) for i in range({records}))
url = ("https://smsc.ru/sys/status.php?login=a&psw=b&fmt=3&all=1&phone=" + phones
       + "&id=" + ids)
out.write(b'{{"log": {{"entries": [{{"request": {{"method": "GET", "url": "'
          + url.encode() + b'"}}, "response": {{"status": 200, "content": '
          b'{{"mimeType": "application/json; charset=utf-8", "text": "')
out.write(b"[")
for i in range({records}):
    record = {{"status": 1, "last_date": "21.11.2026 09:15:02", "last_timestamp": 1795241702,
              "flag": 0, "err": 0, "send_date": "21.11.2026 09:14:58",
              "send_timestamp": 1795241698, "phone": "7999" + str(1000000 + i),
              "cost": "1.90", "sender_id": "SMSC.RU", "status_name": "Delivered",
              "message": "Your confirmation code is " + str(i) + ". Do not tell it anyone.",
              "type": 0, "id": 100000 + i}}
    out.write((b"," if i else b"") + orjson.dumps(orjson.dumps(record).decode())[1:-1])
out.write(b']"}}}}}}]}}}}')
"""


MEMORY_CASES: list[MemoryCase] = [
    MemoryCase("har: 1 GiB top-level key in a .gz", _child("""
gz(out, b'{"')
members(out, b"k" * MIB, 1024)
gz(out, b'": 1, "log": {"entries": []}}')
""", ("--container", "har")), BOUND_MIB),  # its first key is no "log": told, not detected
    MemoryCase("dump: the same 1 GiB line, detected as a dump", _child("""
gz(out, b'{"')
members(out, b"k" * MIB, 1024)
gz(out, b'": 1, "log": {"entries": []}}')
"""), BOUND_MIB),
    MemoryCase("har: 1 GiB key of the log object in a .gz", _child("""
gz(out, b'{"log": {"')
members(out, b"k" * MIB, 1024)
gz(out, b'": 1, "entries": []}}')
"""), BOUND_MIB),
    MemoryCase("har: a 500 MB base64 body in a kept entry", _child("""
gz(out, b'{"log": {"entries": [{"request": {"url": "https://smsc.ru/sys/status.php"},'
        b' "response": {"content": {"encoding": "base64", "text": "')
members(out, b"QUJD" * (MIB // 4), 500)
gz(out, b'"}}}]}}')
"""), BOUND_MIB),
    MemoryCase("har: one legitimate 15 MB multi-status entry",
               _child(_legit_entry_build(40_000)), BOUND_MIB + ENTRY_FACTOR * 15),
    MemoryCase("mbox: 1 000 sends of 100 KB in a .gz", _child("""
phones = ",".join(["79991234567"] * 8_300)  # a send of 100 KB
for i in range(1000):
    mail = (f"From c@example.org Sat Nov 21 09:15:03 2026\\nFrom: c@example.org\\n"
            f"To: send@send.smsc.ru\\nMessage-ID: <{i}@x>\\n\\n"
            f"alogin:pw:{i + 1}:::{phones}:hello\\n\\n").encode()
    gz(out, mail)
"""), BOUND_MIB),
    MemoryCase("gzip: an 8 GiB bomb of zeros", _child("""
members(out, bytes(MIB), 8192)
"""), BOUND_MIB),
]

# --- secrets -----------------------------------------------------------------------


def _chain(exc: BaseException | None) -> Iterator[str]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield str(exc)
        yield repr(exc)
        yield from (repr(a) for a in exc.args)
        yield from (repr(getattr(exc, k, None)) for k in ("found", "object", "expected"))
        exc = exc.__cause__ or exc.__context__


def _cli(argv: list[str], data: bytes) -> Iterator[str]:
    out, err = io.BytesIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            run([*argv, "-"], stdin=io.BytesIO(data), stdout=out)
    except BaseException as exc:
        yield from _chain(exc)
    yield out.getvalue().decode("utf-8", "replace")
    yield err.getvalue()


def outputs(data: bytes) -> Callable[[], Iterable[str]]:
    """Every text the routes over *data* produce: the CLI's ``scan``, ``check`` and
    ``check --json`` (stdout, stderr, anything raised), and from the library each
    exchange's JSON, ``repr`` and ``str``, its errors' chains, the summary."""

    def collect() -> Iterator[str]:
        for argv in (["scan"], ["check"], ["check", "--json"],
                     ["scan", "--split", "line"], ["scan", "--split", "blank"]):
            yield from _cli(argv, data)
        summary = Summary()
        try:
            for exchange in scan(io.BytesIO(data)):
                summary.add(exchange)
                yield orjson.dumps(exchange_to_json(exchange)).decode()
                yield repr(exchange)
                yield str(exchange)
                for exc in (exchange.error, exchange.request_error):
                    yield from _chain(exc)
        except BaseException as exc:
            yield from _chain(exc)
        yield "\n".join(summary.lines())

    return collect


_BOTH = f"{STATUS_URL}?{query()}&apikey={APIKEY}"
_DUMP_FIRST_LINES = {
    "exact": f"GET {_BOTH}",
    "trailing space": f"GET {_BOTH} ",
    "curl": f"curl '{_BOTH}'",
    "curl -v": f"> GET /sys/status.php?{query()}&apikey={APIKEY} HTTP/1.1",
    "bare url": _BOTH,
    "upper-case PSW": f"GET {STATUS_URL}?login=a&PSW={PASSWORD}&APIKEY={APIKEY}&id=1",
    "bad port": f"GET https://smsc.ru:99999/sys/status.php?{query()}",
    "ipv6 host": f"GET https://[::1/sys/status.php?{query()}",
}

SECRET_CASES: list[SecretCase] = [
    *(SecretCase(f"dump: request line {name}",
                 outputs((line + "\n").encode() + STATUS_LINE + b"\n\n" + line.encode()
                         + b"\n\n" + STATUS_LINE + b"\n"))
      for name, line in _DUMP_FIRST_LINES.items()),
    SecretCase("dump: bare SMTP send lines (password and API key)",
               outputs(f"{send_line()}\n{send_line(APIKEY, login='')}\n".encode())),
    SecretCase("dump: send lines that no codec reads",
               outputs(f"alogin:{PASSWORD}:1:0:0,0,0,,79991234567:hello\n"
                       f":{APIKEY}::::,,,7:hi\n".encode())),
    SecretCase("har: GET query, POST form, text and base64 bodies",
               outputs(har_file([
                   har_entry(f"{STATUS_URL}?{query()}"),
                   har_entry(STATUS_URL, form=query(APIKEY, "apikey"), b64=False),
                   har_entry(f"{STATUS_URL}?{query(extra='&fmt=9')}"),
                   har_entry(f"https://u:{PASSWORD}@smsc.ru/sys/status.php?{query()}"),
               ]))),
    SecretCase("har: bad port and IPv6 hosts",
               outputs(har_file([
                   har_entry(f"https://smsc.ru:99999/sys/status.php?{query()}"),
                   har_entry(f"https://smsc.ru:x/sys/status.php?{query()}"),
                   har_entry(f"https://[::1/sys/status.php?{query(APIKEY, 'apikey')}"),
                   har_entry(f"https://[zz]/sys/get.php?{query()}&get_messages=1"),
               ]))),
    SecretCase("har: a body quoting the request",
               outputs(har_file([har_entry(f"{STATUS_URL}?{query()}",
                                           f"ERROR = 9 ({_BOTH})".encode())]))),
    SecretCase("har: truncated inside an entry",
               outputs(har_file([har_entry(f"{STATUS_URL}?{query()}")])[:-40])),
    SecretCase("mbox: sends (password, API key) and a reply",
               outputs(mbox([send_mail(send_line()),
                             send_mail(send_line(APIKEY, login="", id=18), "<2@x>"),
                             b"From: send@smsc.ru\nTo: c@example.org\n"
                             b"In-Reply-To: <1@example.org>\n\nOK - 1 SMS, ID - 17\n"]))),
    SecretCase("mbox: a send the codec refuses",
               outputs(mbox([send_mail(f"alogin:{PASSWORD}:::,,,79991234567:hello")]))),
    SecretCase("eml: one send",
               outputs(send_mail(send_line()))),
    SecretCase("gzip: a dump and a HAR",
               outputs(gzip.compress(f"GET {_BOTH} \n".encode() + STATUS_LINE))),
    SecretCase("gzip: a HAR",
               outputs(gzip.compress(har_file([har_entry(f"{STATUS_URL}?{query()}")])))),
]

