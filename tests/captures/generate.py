"""Realistic captures made from the golden vectors, with what each must decode to.

Every capture is generated here, from ``spec/vectors`` (HTTP replies) and
``spec/smtp`` (mails), never stored: a HAR of a browser/proxy session (API calls to
several hosts, GET and POST, base64 and text bodies, every charset, text misread as
Latin-1 by a recorder, unrelated traffic, broken replies), an mbox of SMTP sends and
replies among unrelated mail, and plain dumps.  Each generator returns the bytes and
the list of :class:`Expected` exchanges, in order.  Expectations come from the
vectors' own ``.json`` files and from values built here, never from decoding.

The secrets are fake and distinctive (:data:`FAKE_SECRETS`), so a test can assert
they never reach any output.
"""

from __future__ import annotations

import base64
import gzip
import json
import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import quote

from smsc_codec import smtp
from smsc_codec.canonical import loads as canonical_loads
from smsc_codec.request import Secret
from smsc_codec.smtp import Envelope, Phone, SendMail, SendRequest
from tests.smtp.test_golden import CASES as SMTP_CASES
from tests.vectors import VECTORS, Vector

FAKE_PSW = "fake-psw-7Hq2Zx"
FAKE_APIKEY = "fake-apikey-9Wv4Lk"
FAKE_SMTP_PSW = "fake-smtp-psw-3Nd8"
FAKE_SECRETS = (FAKE_PSW, FAKE_APIKEY, FAKE_SMTP_PSW)

HOSTS = ("https://smsc.ru/sys/", "https://smscentre.com/sys/", "http://smsc.kz/sys/",
         "https://gateway.example.org/smsc/")
CODEC = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}

#: The vectors a capture carries: every reply vector (malformed ones as broken replies).


def _in_its_charset(vector: Vector) -> bool:
    """A body in another charset than its vector names (D-wrong-charset) is read by the
    captures in the charset its bytes are in (they detect it), not as the vector says."""
    return "wrong-charset" not in vector.meta.get("defects", ())


HTTP_VECTORS = [v for v in VECTORS if _in_its_charset(v)]


@dataclass
class Expected:
    """What one exchange of a generated capture must decode to.

    ``reply`` is the canonical JSON, ``defects`` the defect kinds (value's and
    records', in order), ``error`` the error's ``kind`` and ``pos`` (``pos`` only
    where the bytes are exact).  ``request`` is the masked JSON view of the request
    as built here; ``None`` fields are not checked.
    """

    source: dict[str, Any]
    endpoint: str
    request: dict[str, Any] | None = None
    layout: dict[str, Any] | None = None
    reply: Any = None
    defects: list[str] = field(default_factory=list)
    error: dict[str, Any] | None = None
    request_error: str | None = None
    repaired: str | None = None
    charset: str | None = None
    paired: dict[str, Any] | None = None
    vector: str = ""


# --- the request side of an HTTP vector -------------------------------------------


def _records(expect: Any) -> list[dict[str, Any]]:
    if isinstance(expect, list):
        return expect
    return [expect] if isinstance(expect, dict) and "status" in expect else []


def is_multi(vector: Vector) -> bool:
    m = vector.meta
    if m.get("multi") is not None:
        return bool(m["multi"])
    return isinstance(m.get("expect"), list)


def request_for(vector: Vector, n: int, *, apikey: bool = False, post: bool = False
                ) -> tuple[str, str | None, dict[str, Any], dict[str, Any]]:
    """(URL, form body or None, expected masked request JSON, expected reply layout)
    of a request that the vector answers."""
    m = vector.meta
    endpoint = vector.endpoint
    multi = is_multi(vector) if endpoint == "status" else False
    auth: list[tuple[str, str]] = [("apikey", FAKE_APIKEY)] if apikey else \
        [("login", f"demo{n % 3}"), ("psw", FAKE_PSW)]
    params: list[tuple[str, str]] = []
    shown: dict[str, Any] = {"request": endpoint, "secrets": "masked"}
    shown.update({k: ("***" if k in ("psw", "apikey") else v) for k, v in auth})
    if endpoint == "history":
        params.append(("get_messages", "1"))
    elif endpoint == "delete":
        params.append(("del", "1"))
    params += auth
    if endpoint in ("status", "delete"):
        records = _records(m.get("expect")) if multi else []
        ids = [str(r.get("id", 100 + i)) for i, r in enumerate(records)] or [str(101 + n)]
        phones = [str(r.get("phone", "79990000000")) for r in records] or ["79991234567"]
        keep = multi and len(ids) == 1
        params += [("phone", ",".join(phones) + ("," if keep else "")),
                   ("id", ",".join(ids) + ("," if keep else ""))]
        shown.update({"phone": phones, "id": ids, "keep_multi_format": keep})
    params.append(("fmt", str(m["fmt"])))
    shown["fmt"] = m["fmt"]
    if endpoint == "status":
        params.append(("all", str(m["all"])))
        shown["all"] = m["all"]
    charset = m["charset"]
    if charset != "windows-1251" or n % 2:
        params.append(("charset", charset))
        shown["charset"] = charset
    query = "&".join(f"{k}={quote(v, safe=',@')}" for k, v in params)
    script = "get.php" if endpoint == "history" else "status.php"
    base = HOSTS[n % len(HOSTS)] + script
    layout = {"endpoint": "history" if endpoint == "history" else "status",
              "delete": endpoint == "delete", "fmt": m["fmt"],
              "all": 2 if endpoint == "history" else m["all"] if endpoint == "status" else 0,
              "charset": charset, "multi": True if endpoint == "history" else multi,
              "kind": None}
    if post:
        return base, query, shown, layout
    return f"{base}?{query}", None, shown, layout


def expectation(vector: Vector, source: dict[str, Any], *, exact_pos: bool = True
                ) -> Expected:
    m = vector.meta
    if "error" in m:
        error = {"kind": m["error"]["kind"]}
        if exact_pos and m["error"].get("pos") is not None:
            error["pos"] = m["error"]["pos"]
        return Expected(source=source, endpoint=vector.endpoint, error=error,
                        vector=vector.name, charset=m["charset"])
    return Expected(source=source, endpoint=vector.endpoint, reply=m["expect"],
                    defects=list(m.get("defects", [])), vector=vector.name,
                    charset=m["charset"])


# --- HAR ---------------------------------------------------------------------------


def _har_entry(url: str, *, method: str = "GET", form: str | None = None, status: int = 200,
               content_type: str | None, text: str | None, base64_body: bool = False
               ) -> dict[str, Any]:
    headers = [{"name": "Date", "value": "Sat, 21 Nov 2026 06:15:03 GMT"},
               {"name": "Server", "value": "nginx"}]
    if content_type is not None:
        headers.append({"name": "Content-Type", "value": content_type})
    request: dict[str, Any] = {
        "method": method, "url": url, "httpVersion": "HTTP/1.1",
        "cookies": [], "headers": [{"name": "User-Agent", "value": "curl/8.5"}],
        "queryString": [], "headersSize": -1, "bodySize": 0,
    }
    if form is not None:
        request["postData"] = {"mimeType": "application/x-www-form-urlencoded", "text": form}
        request["bodySize"] = len(form)
    content: dict[str, Any] = {"size": len(text or ""), "mimeType": content_type or ""}
    if text is not None:
        content["text"] = text
    if base64_body:
        content["encoding"] = "base64"
    return {
        "startedDateTime": "2026-11-21T09:15:03.000+03:00", "time": 42.0,
        "request": request,
        "response": {"status": status, "statusText": "OK" if status == 200 else "Error",
                     "httpVersion": "HTTP/1.1", "cookies": [], "headers": headers,
                     "content": content, "redirectURL": "", "headersSize": -1,
                     "bodySize": len(text or "")},
        "cache": {}, "timings": {"send": 0, "wait": 40, "receive": 2},
    }


def _unrelated(rng: random.Random, n: int) -> dict[str, Any]:
    kind = n % 5
    if kind == 0:
        blob = base64.b64encode(rng.randbytes(rng.randint(2_000, 30_000))).decode()
        return _har_entry(f"https://cdn.example.org/img/{n}.png", content_type="image/png",
                          text=blob, base64_body=True)
    if kind == 1:
        js = 'function f(a){return {"x":"}]{[", y:"\\"status.php\\""};}\n' * rng.randint(5, 50)
        return _har_entry(f"https://example.org/app.{n}.js",
                          content_type="application/javascript", text=js)
    if kind == 2:  # another script of the same API: not ours
        return _har_entry(f"https://smsc.ru/sys/send.php?login=demo&psw={FAKE_PSW}&phones=7999"
                          "&mes=hi&fmt=3", content_type="application/json; charset=utf-8",
                          text='{"id":77,"cnt":1}')
    if kind == 3:  # get.php serving something other than the history
        return _har_entry(f"https://smsc.ru/sys/get.php?get_answers=1&login=demo&psw={FAKE_PSW}"
                          "&fmt=3", content_type="application/json", text="[]")
    return _har_entry("https://example.org/favicon.ico", status=404, content_type="text/html",
                      text="<html><body>Not found</body></html>")


@dataclass
class Capture:
    name: str
    data: bytes
    expected: list[Expected]
    skipped: dict[str, int]


def _mojibake_ok(vector: Vector) -> bool:
    """Vectors whose windows-1251 body, read as Latin-1, is long Russian text."""
    m = vector.meta
    return (m["charset"] == "windows-1251" and "error" not in m and m.get("canonical", False)
            and vector.endpoint == "status" and m.get("all") in (1, 2)
            and "not-found" not in vector.name)


def har_capture(name: str = "session.har", *, seed: int = 5, rounds: int = 2,
                indent: bool = False) -> Capture:
    """A HAR with every HTTP vector *rounds* times, mixed with unrelated traffic."""
    rng = random.Random(seed)
    entries: list[dict[str, Any]] = []
    expected: list[Expected] = []
    skipped: dict[str, int] = {}
    n = 0
    for round_ in range(rounds):
        order = list(HTTP_VECTORS)
        rng.shuffle(order)
        for vector in order:
            for _ in range(rng.randint(0, 2)):
                index = n + len(entries)
                entries.append(_unrelated(rng, index))
                reason = "other-get-php" if index % 5 == 3 else "unrelated"
                skipped[reason] = skipped.get(reason, 0) + 1
            m = vector.meta
            n += 1
            post = n % 4 == 0
            url, form, shown, layout = request_for(vector, n, apikey=n % 5 == 0, post=post)
            charset = m["charset"]
            source = {"file": name, "entry": len(entries)}
            exp = expectation(vector, source)
            exp.request, exp.layout, exp.charset = shown, layout, charset
            broken = "error" in m
            mode = "base64" if broken or round_ == 0 or n % 3 == 0 else \
                "mojibake" if _mojibake_ok(vector) and n % 2 else "text"
            if mode == "base64":
                entry = _har_entry(url, method="POST" if post else "GET", form=form,
                                   content_type=f"text/plain; charset={charset}",
                                   text=base64.b64encode(vector.wire).decode(),
                                   base64_body=True)
            elif mode == "text":
                entry = _har_entry(url, method="POST" if post else "GET", form=form,
                                   content_type=f"text/plain; charset={charset}",
                                   text=vector.wire.decode(CODEC[charset]))
            else:  # a recorder that read windows-1251 as Latin-1 (no charset header)
                entry = _har_entry(url, method="POST" if post else "GET", form=form,
                                   content_type="text/plain",
                                   text=vector.wire.decode("latin-1"))
                exp.repaired = "windows-1251"
            entries.append(entry)
            expected.append(exp)
    # A broken request: psw missing.  The body is sniffed instead.
    broken_url = HOSTS[0] + "status.php?login=demo&phone=79991234567&id=5&fmt=3"
    entries.append(_har_entry(broken_url, content_type="application/json",
                              text='{"status":1,"last_date":"21.11.2026 09:15:02",'
                              '"last_timestamp":1795241702,"flag":0,"err":0}'))
    expected.append(Expected(source={"file": name, "entry": len(entries) - 1},
                             endpoint="status", request_error="bad-parameter",
                             reply={"status": 1, "last_date": "21.11.2026 09:15:02",
                                    "last_timestamp": 1795241702, "flag": 0, "err": 0},
                             vector="(broken request)"))
    # A gateway error page where a reply belongs.
    url, _, shown, layout = request_for(next(v for v in VECTORS if v.name ==
                                             "status/sms-all0-fmt3-single"), 1)
    entries.append(_har_entry(url, status=502, content_type="text/html",
                              text="<html><body><h1>502 Bad Gateway</h1></body></html>"))
    expected.append(Expected(source={"file": name, "entry": len(entries) - 1},
                             endpoint="status", request=shown, layout=layout,
                             error={"kind": "malformed"}, vector="(502 page)",
                             charset="windows-1251"))
    doc = {"log": {"version": "1.2", "creator": {"name": "smsc_codec tests", "version": "1"},
                   "pages": [{"id": "page_1", "title": "https://example.org/"}],
                   "entries": entries}}
    data = json.dumps(doc, ensure_ascii=False, indent=2 if indent else None).encode("utf-8")
    return Capture(name, data, expected, skipped)


# --- mbox ----------------------------------------------------------------------------

SMTP_MAILS = [c for c in SMTP_CASES if c.suffix == ".eml" and c.policy == "lenient"
              and "error" not in c.expected]


def _masked(value: dict[str, Any]) -> dict[str, Any]:
    out = dict(value)
    if out.get("secrets") == "revealed":
        out["secrets"] = "masked"
        for key in ("psw", "apikey"):
            if key in out:
                out[key] = "***"
    return out


def _mbox_escape(data: bytes) -> bytes:
    lines = data.split(b"\n")
    return b"\n".join(b">" + line if line.lstrip(b">").startswith(b"From ") else line
                      for line in lines)


@dataclass
class Send:
    request: SendRequest
    charset: str
    cnt: int


def sends(rng: random.Random) -> list[Send]:
    """Sends built here: list and single forms, three charsets, counted SMS."""
    texts = ["Ваш код 4815", "Hello from the shop, your order #17 is ready",
             "Скидка 20% на всё до воскресенья! Подробности на сайте example.org " * 2,
             "Привет"]
    out = []
    for i in range(8):
        text = texts[i % len(texts)]
        phones = tuple(Phone(number=f"7999{rng.randint(1000000, 9999999)}")
                       for _ in range(1 + i % 3))
        request = SendRequest(login=f"shop{i % 2}", psw=Secret(FAKE_SMTP_PSW), id=500 + i,
                              phones=phones, mes=text)
        parts = smtp.count_sms(text)
        out.append(Send(request, ("koi8-r", "utf-8", "windows-1251")[i % 3],
                        parts * len(phones)))
    return out


def mbox_capture(name: str = "smtp.mbox", *, seed: int = 7) -> Capture:
    """Sends and their replies (paired by id), the spec's mail vectors, unrelated mail."""
    rng = random.Random(seed)
    mails: list[bytes] = []
    expected: list[Expected] = []
    skipped: dict[str, int] = {}

    def add(data: bytes, exp: Expected | None) -> None:
        mails.append(data)
        if exp is not None:
            exp.source = {"file": name, "message": len(mails)}
            expected.append(exp)

    unrelated = (b"From: news@example.org\nTo: me@example.com\nSubject: Weekly\n\n"
                 b"Hello!\nFrom the team: nothing about SMS.\n>From quoted\n")
    add(unrelated, None)
    skipped["unrelated"] = 1
    pending: list[tuple[int, Send]] = []
    for i, send in enumerate(sends(rng)):
        env = Envelope(charset=send.charset, from_addr="shop@example.com",  # type: ignore[arg-type]
                       to_addr=smtp.SEND_ADDRESS, subject="sms",
                       date=datetime(2026, 11, 21, 9, 0, i),
                       message_id=f"<send-{i}@example.com>")
        data = smtp.encode_send_mail(SendMail(request=send.request, envelope=env),
                                     linesep="\n")
        shown = _masked(smtp.to_json(SendMail(request=send.request, envelope=env),
                                     reveal_secrets=True))
        add(data, Expected(source={}, endpoint="smtp-send",
                           request={k: v for k, v in shown.items() if k != "mail"},
                           reply=None, vector=f"send {i}"))
        pending.append((len(mails), send))
    for index, (number, send) in enumerate(pending):
        cnt = send.cnt + (1 if index == 3 else 0)  # one reply miscounts (a conformance case)
        reply = f"OK - {cnt} SMS, ID - {send.request.id}"
        headers = (f"From: robot@smscentre.com\nTo: shop@example.com\nSubject: Re: sms\n"
                   f"In-Reply-To: <send-{number - 2}@example.com>\n"
                   "Content-Type: text/plain; charset=koi8-r\n\n")
        add((headers + reply + "\n").encode("koi8-r"),
            Expected(source={}, endpoint="smtp-reply",
                     reply={"id": send.request.id, "cnt": cnt},
                     paired={"file": name, "message": number}, vector=f"reply {index}"))
    for case in SMTP_MAILS:
        value = case.expected["value"]
        is_reply = "cnt" in value or "error_code" in value
        shown = _masked(value)
        exp = Expected(source={}, endpoint="smtp-reply" if is_reply else "smtp-send",
                       vector=case.name,
                       defects=[kind for kind, _ in case.expected.get("defects", [])])
        if is_reply:
            exp.reply = {k: v for k, v in shown.items() if k != "mail"}
        else:
            exp.request = {k: v for k, v in shown.items() if k != "mail"}
        add(case.data.replace(b"\r\n", b"\n"), exp)
    add(b"From: robot@smscentre.com\nTo: shop@example.com\nSubject: Re: sms\n\n"
        b"OK - lots SMS\n", Expected(source={}, endpoint="smtp-reply",
                                     error={"kind": "malformed"}, vector="(broken reply)"))
    out = bytearray()
    line = 1
    for number, data in enumerate(mails, start=1):
        for exp in expected:
            if exp.source.get("message") == number:
                exp.source["line"] = line
        block = b"From MAILER-DAEMON Sat Nov 21 09:00:00 2026\n" + _mbox_escape(data)
        if not block.endswith(b"\n"):
            block += b"\n"
        block += b"\n"
        out += block
        line += block.count(b"\n")
    for exp in expected:
        if exp.paired is not None:
            target = next(e for e in expected if e.source.get("message") ==
                          exp.paired["message"])
            exp.paired = dict(target.source)
    return Capture(name, bytes(out), expected, skipped)


# --- dumps ---------------------------------------------------------------------------


_LATER = frozenset({"deviations/json-integer-beyond-64-bits"})


def _dumpable(vector: Vector) -> bool:
    return "error" not in vector.meta and vector.wire.strip() == vector.wire \
        and b"\n\n" not in vector.wire and vector.wire != b"" and _in_its_charset(vector)


def dump_capture(name: str = "replies.txt", *, seed: int = 3) -> Capture:
    """Replies separated by blank lines, half of them under their request line."""
    rng = random.Random(seed)
    # Vectors added after this capture's figures were measured stay out, so the seeded
    # shuffle (which replies come without their request) is the one measured; the
    # line dump reads them.
    chosen = [v for v in VECTORS if _dumpable(v) and v.name not in _LATER]
    rng.shuffle(chosen)
    out = bytearray()
    expected: list[Expected] = []
    line = 1
    for n, vector in enumerate(chosen):
        with_request = n % 2 == 0
        block = b""
        if with_request:
            url, _, shown, layout = request_for(vector, n)
            block += f"GET {url} HTTP/1.1\n".encode()
        exp = expectation(vector, {"file": name, "line": line})
        if with_request:
            exp.request, exp.layout = shown, layout
        block += vector.wire + b"\n\n"
        out += block
        line += block.count(b"\n")
        expected.append(exp)
    return Capture(name, bytes(out), expected, {})


def line_dump_capture(name: str = "lines.txt") -> Capture:
    """One single-line reply per line (statuses, errors, JSON, compact XML)."""
    out = bytearray()
    expected: list[Expected] = []
    for vector in VECTORS:
        if not _dumpable(vector) or b"\n" in vector.wire or b"\r" in vector.wire:
            continue
        expected.append(expectation(vector, {"file": name, "line": len(expected) + 1}))
        out += vector.wire + b"\n"
    return Capture(name, bytes(out), expected, {})


def gzipped(capture: Capture) -> Capture:
    return Capture(capture.name + ".gz", gzip.compress(capture.data, mtime=0), [
        Expected(**{**e.__dict__, "source": {**e.source, "file": capture.name + ".gz"},
                    "paired": None if e.paired is None else
                    {**e.paired, "file": capture.name + ".gz"}})
        for e in capture.expected], capture.skipped)


def jsonl(data: bytes) -> list[Any]:
    # Read as the CLI writes it: canonical JSON (an integer beyond 64 bits exactly).
    return [canonical_loads(line) for line in data.splitlines() if line]
