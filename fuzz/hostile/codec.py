"""Hostile cases for the codecs (replies, requests, SMTP).

Each time case is one decoder family's worst known shape (issue 19 and earlier),
built at ``n`` and ``4 n``: a ratio above ~5 is a super-linear path.  Each secret
case plants :data:`PASSWORD` and :data:`APIKEY` in one input family and returns
every text the route produced: ``repr``/``str`` of the value, the error with its
whole chain (``__cause__``, ``__context__`` and their attributes, such as a
``UnicodeError``'s ``.object``), canonical JSON, and the CLI's stdout and stderr
(``smsc_codec.cli.run`` in-process).
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable
from typing import Any

import orjson

from fuzz.helpers import VECTORS
from fuzz.hostile._measure import (
    APIKEY,
    PASSWORD,
    MemoryCase,
    SecretCase,
    TimeCase,
    exception_texts,
)
from smsc_codec import STRICT, SmscCodecError, cli, decode_status, iter_status, smtp, sniff
from smsc_codec.canonical import from_canonical, to_canonical_json
from smsc_codec.history import decode_history
from smsc_codec.request import decode_form, decode_request, encode_url, request_to_json

# --- time ------------------------------------------------------------------------

_F0 = ("Status = 1, check_time = 02.01.2024 03:04:05, err = 0, send_date = 02.01.2024"
       " 03:04:05, phone = 79991234567, cost = 1.5, sender_id = SMSC, status_name = ok,"
       " message = hi, comment = ")
_F1 = "1,1704153845,z,1704153845,79991234567,y,SMSC,Доставлено,привет,к,0,5".replace(
    "привет", "привет " * 600)  # long lines: the offsets grow fast


def _fmt0_lookalikes(n: int) -> str:
    # A comment of many ", type = " look-alikes and a long tail the type cannot take:
    # the fast lane's lookahead per candidate rescanned the tail (quadratic).
    return _F0 + ", type = 0x" * (n // 20) + "y" * (n // 2)


_H1 = ("1,1704153845,z,1704153845,79991234567,25001,Россия,МТС,Москва,y,SMSC,ok,"
       + "привет " * 600 + ",0,5,a,1,0,c")


def _fmt1_defects(n: int) -> bytes:
    # utf-8, a bad value in two fields of every line: fmt=1 tries several layouts per
    # line and asks positions backwards, which were counted from byte 0 again.
    return "\n".join([_F1] * n).encode()


def _history1_defects(n: int) -> bytes:
    return "\n".join([_H1] * n).encode()


def _fmt2_prolog(n: int) -> bytes:
    # Many comments before the root, then a list of n records: the prolog scan and
    # the list reader both in one pass.
    return (b"<!-- c -->" * n + b"<list>"
            + b"<sms><status>1</status><err>x</err><id>5</id></sms>" * n + b"</list>")


def _fmt2_attributes(n: int) -> bytes:
    # One <sms> with n distinct attributes (each dropped with a defect): lxml's
    # attribute values and dict(attrib) walk the attribute list per lookup.
    return b"<sms" + b"".join(b' a%d="1"' % i for i in range(n)) + b"><status>1</status></sms>"


def _fmt3_defects(n: int) -> bytes:
    return b"[" + b",".join([b'{"status":1,"err":"x","id":5,"flag":"y"}'] * n) + b"]"


def _history0(n: int) -> str:
    line = ("Status = 1, last_date = 02.01.2024 03:04:05, err = 0, send_date = 02.01.2024"
            " 03:04:05, phone = 79991234567, cost = 1.5, sender_id = SMSC, status_name = ok,"
            " message = ")
    return line + ", type = 0x" * (n // 20) + "y" * (n // 2)


def _query(n: int) -> str:
    # A long phone/id list and many unknown parameters, one of them with a bad escape
    # at the very end.
    phones = ",".join(["79991234567"] * n)
    ids = ",".join(["5"] * n)
    return (f"login=u&psw=p&phone={phones}&id={ids}&" + "&".join(f"x{i}=v" for i in range(n)))


def _send_line(n: int) -> bytes:
    # Empty recipients: a defect each, whose line and byte offset were counted from 0.
    return ("login:psw:1:0,0:0,0,SMSC,0:" + "," * n + "79991234567:hello").encode()


def _send_mail(n: int) -> bytes:
    line = "login:psw:1:0,0:0,0,SMSC,0:" + "," * n + "79991234567:hello"
    return (b"From: a@example.com\r\nTo: send@send.smscentre.com\r\n"
            b"Content-Type: text/plain; charset=koi8-r\r\n\r\n" + line.encode() + b"\r\n")


def _smtp_reply(n: int) -> bytes:
    return b"ERROR = 1 (" + b"(x) " * n + b")"


def _smtp_replies(data: bytes) -> None:
    for _ in range(20):  # one reply is microseconds: enough of them to time
        smtp.decode_reply(data)


def _canonical(n: int) -> Any:
    return [{"status": 1, "err": "x", "id": i + 1, "extra": {"a": [1, 2]}} for i in range(n)]



#: The ratio limit of the many-attributes cases: 8, not 5, because the bare parser's
#: own ratio on that shape is already 4.5 (see the cases); a quadratic path is ~16.
ATTRIBUTES_LIMIT = 8.0


TIME_CASES: list[TimeCase] = [
    TimeCase("fmt=0 status: comment of ', type = ' look-alikes", _fmt0_lookalikes,
             lambda s: decode_status(s, fmt=0, all=1), 640_000),
    TimeCase("fmt=1 status utf-8: two bad values per line", _fmt1_defects,
             lambda b: decode_status(b, fmt=1, all=1, charset="utf-8"), 150),
    TimeCase("fmt=2 status: comments in the prolog, bad values", _fmt2_prolog,
             lambda b: decode_status(b, fmt=2, charset="utf-8"), 300),
    # libxml2 alone is super-linear in the attributes of one element: its own ratio on
    # this shape measured 4.5 on a quiet machine, the library's 5.0 there and 5.4-6.9
    # after the memory cases in one process; the quadratic defect report was ~16.
    TimeCase("fmt=2 status: one element of many attributes", _fmt2_attributes,
             lambda b: decode_status(b, fmt=2), 32_000, limit=ATTRIBUTES_LIMIT),
    TimeCase("fmt=2 status, streamed: one element of many attributes", _fmt2_attributes,
             lambda b: list(iter_status([b], fmt=2)), 32_000, limit=ATTRIBUTES_LIMIT),
    TimeCase("fmt=3 status: bad values in every record", _fmt3_defects,
             lambda b: decode_status(b, fmt=3, charset="utf-8"), 1_000),
    TimeCase("fmt=0 history: message of ', type = ' look-alikes", _history0,
             lambda s: decode_history(s, fmt=0), 320_000),
    TimeCase("fmt=1 history utf-8: two bad values per line", _history1_defects,
             lambda b: decode_history(b, fmt=1, charset="utf-8"), 250),
    TimeCase("fmt=2 history: comments in the prolog, bad values", _fmt2_prolog,
             lambda b: decode_history(b, fmt=2, charset="utf-8"), 150),
    TimeCase("fmt=3 history: bad values in every record", _fmt3_defects,
             lambda b: decode_history(b, fmt=3, charset="utf-8"), 150),
    TimeCase("request: long lists, many unknown parameters", _query, decode_request, 2_000),
    TimeCase("SMTP send line: empty recipients", _send_line,
             lambda b: smtp.decode_line(b, charset="utf-8"), 5_000),
    TimeCase("SMTP e-mail: empty recipients", _send_mail, smtp.decode_send_mail, 5_000),
    TimeCase("SMTP reply: a long error text", _smtp_reply, _smtp_replies, 3_000),
    TimeCase("canonical JSON: records with bad values and extras", _canonical,
             lambda obj: from_canonical(obj), 200),
]

# --- memory ----------------------------------------------------------------------

#: The child of a memory case: its code makes the input (``data``, or ``chunks()``
#: for a stream, which yields it lazily so that the input itself is never held),
#: decodes it through a public entry point only (``decode_status``, ``iter_status``,
#: ...: the cases survive a rewrite of the stream's framing) and asserts what came
#: out -- so a case cannot pass by refusing its input early (``too-large`` before
#: anything is read) or by reading less than it was given.
_CHILD = """
from smsc_codec import DecodeError, decode_status, iter_history, iter_status, smtp
from smsc_codec.history import decode_history
from smsc_codec.limits import MAX_MAIL_BYTES, MAX_REPLY_BYTES, MAX_REQUEST_BYTES
from smsc_codec.request import decode_request
MIB = 1024 * 1024

def fill(unit, limit, head=b"", tail=b""):
    # as many units as fit in limit bytes between head and tail: (data, count)
    count = (limit - len(head) - len(tail)) // len(unit)
    return head + unit * count + tail, count

def stream(unit, total, chunk, head=b"", tail=b""):
    # head, unit repeated to about total bytes, tail: made piece by piece as they are
    # asked for, each piece about chunk bytes (so the generator holds one piece)
    count = total // len(unit)
    def chunks():
        yield head
        for at in range(0, count * len(unit), chunk):
            piece = (unit * (chunk // len(unit) + 2))[at % len(unit):][:chunk]
            yield piece[:count * len(unit) - at]
        yield tail
    return chunks, count

def refused(run, kind):
    try:
        run()
    except DecodeError as exc:
        assert exc.kind == kind, exc.kind
    else:
        raise AssertionError("not refused")

{code}
"""

#: What the child interpreter peaks at with the library imported (lxml, orjson and
#: the layout tables loaded, every module compiled: no .pyc is written), before any
#: input: measured 34 MiB on Python 3.11 (VmHWM); the bound leaves room for another
#: Python's larger interpreter and allocator.
BASE_MIB = 64.0
#: The whole-body cases' input: a quarter of MAX_REPLY_BYTES, so that the costliest
#: of them stays under half a GiB on a shared machine.  Memory is linear in the
#: input: at 16 MiB the same shapes peaked at 529 (fmt=0), 1482 (fmt=1), 887
#: (fmt=2) and 979 MiB (fmt=3), the factors below times 16 plus the base.
WHOLE_MIB = 4
#: A whole-body decoder holds its input and every record it built at once (the
#: caller asked for the list).  Its worst shape is the shortest record a format
#: writes, with a bad value (a defect object) in each: per MiB of such input, the
#: peak grows by at most this many MiB (measured 31, 90, 53 and 59 at fmt 0-3, on
#: 4 MiB and on 16 MiB alike: about 660-880 bytes of Python objects per record of
#: 10-53 bytes, lxml's tree of the whole document on top at fmt=2).  Long records
#: cost less per byte (history records with text: 30).
WHOLE_FACTOR = {0: 40, 1: 110, 2: 70, 3: 75}
#: A stream holds one record and one chunk, whatever the reply's length: a reply of
#: STREAM_TOTAL_MIB -- twice MAX_REPLY_BYTES, more than any whole-body decoder
#: accepts -- peaks this far above the base at most, less than its own size
#: (measured: no growth above the base's own peak, at every fmt).
STREAM_MIB = 16.0
STREAM_TOTAL_MIB = 32
#: One record as large as a reply may be, streamed in small chunks: it is decoded as
#: one value, so its bytes, its text and the record's copy live at once, a few times
#: its size: measured 4.0x at fmt=3 in 64-byte chunks, 7.9x at fmt=0 in 4 KiB chunks
#: (the stream's line framing holds copies of the pieces; the whole-body decoder
#: takes 4.0x for the same record).
RECORD_FACTOR = 10
#: The SMTP line and request cases: their inputs are small (100 KiB, 1 MiB) but each
#: empty recipient or parameter is an object (a defect, a name and value): the peak
#: grows by at most this many MiB per MiB of input (measured 163 for send lines of
#: empty recipients, 64 for a request of 1 MiB of unknown parameters).
SMALL_FACTOR = 200

_REPLY_MIB = 16  # MAX_REPLY_BYTES, in the bounds' unit
_TOTAL = f"{STREAM_TOTAL_MIB} * MIB"


def _child(code: str) -> str:
    return _CHILD.format(code=code.strip())


#: The shortest record each format writes, with a bad value in it (a defect each).
_SHORT = {
    0: (b"", b"Status = 1, err = x, ID = 5, phone = 7\n", b""),
    1: (b"", b"1,0,x,5,7\n", b""),
    2: (b"<list>", b"<sms><status>1</status><err>x</err><id>5</id></sms>", b"</list>"),
    3: (b"[", b'{"status":1,"err":"x","id":5},', b'{"status":1,"err":"x","id":5}]'),
}


def _short_whole(fmt: int) -> MemoryCase:
    head, unit, tail = _SHORT[fmt]
    return MemoryCase(
        f"fmt={fmt} status, whole: {WHOLE_MIB} MiB of the shortest records, a bad value each",
        _child(f"""
data, count = fill({unit!r}, {WHOLE_MIB} * MIB, {head!r}, {tail!r})
reply = decode_status(data, fmt={fmt}, charset="utf-8")
assert len(reply.records) == count + {int(fmt == 3)}, len(reply.records)
"""), BASE_MIB + WHOLE_FACTOR[fmt] * WHOLE_MIB)


def _golden(fmt: int) -> tuple[bytes, bytes, bytes, str]:
    """The golden ``all=2`` multi-status reply of *fmt* cut into what repeats: (head,
    unit, tail, charset); the unit holds its three records."""
    vector = VECTORS / "status" / f"sms-all2-fmt{fmt}-multi"
    wire = vector.with_suffix(".wire").read_bytes()
    charset: str = orjson.loads(vector.with_suffix(".json").read_bytes())["charset"]
    if fmt in (0, 1):
        return b"", wire + b"\n", b"", charset
    if fmt == 2:
        inner = wire[wire.index(b"<list>") + 6:wire.rindex(b"</list>")]
        return b"<list>", inner, b"</list>", charset
    inner = wire.strip()[1:-1]
    return b"[", inner + b",", inner + b"]", charset


def _golden_stream(fmt: int, chunk: int) -> MemoryCase:
    head, unit, tail, charset = _golden(fmt)
    extra = 3 if fmt == 3 else 0  # the tail's own records
    return MemoryCase(
        f"fmt={fmt} status, streamed: {STREAM_TOTAL_MIB} MiB of golden records,"
        f" {chunk}-byte chunks",
        _child(f"""
chunks, count = stream({unit!r}, {_TOTAL}, {chunk}, {head!r}, {tail!r})
seen = sum(1 for _ in iter_status(chunks(), fmt={fmt}, all=2, charset={charset!r}))
assert seen == 3 * count + {extra}, (seen, count)
"""), BASE_MIB + STREAM_MIB)


_HISTORY_UNIT = (b'{"id":5,"phone":"7","status":1,"err":"x","message":"'
                 + "привет ".encode() * 8 + b'"},')


def _history(size: str) -> str:
    """The arguments of ``fill``/``stream`` for a history list of *size* bytes."""
    return f"{_HISTORY_UNIT!r}, {size}, b'[', {_HISTORY_UNIT[:-1] + b']'!r}"


MEMORY_CASES: list[MemoryCase] = [
    MemoryCase("baseline: the library imported, no input", _child("pass"), BASE_MIB),
    *(_short_whole(fmt) for fmt in (0, 1, 2, 3)),
    MemoryCase(f"fmt=3 history, whole: {WHOLE_MIB} MiB of records with text", _child(f"""
data, count = fill({_history(f"{WHOLE_MIB} * MIB")})
reply = decode_history(data, fmt=3, charset="utf-8")
assert len(reply.records) == count + 1, len(reply.records)
"""), BASE_MIB + WHOLE_FACTOR[3] * WHOLE_MIB),
    *(_golden_stream(fmt, chunk) for fmt, chunk in ((0, 4096), (1, 4096), (2, 65536),
                                                     (3, 65536))),
    MemoryCase(f"fmt=3 history, streamed: {STREAM_TOTAL_MIB} MiB of records with text",
               _child(f"""
chunks, count = stream({_history(_TOTAL + ", 65536")})
seen = sum(1 for _ in iter_history(chunks(), fmt=3, charset="utf-8"))
assert seen == count + 1, (seen, count)
"""), BASE_MIB + STREAM_MIB),
    MemoryCase("fmt=0 status, streamed: one 15 MiB record in 4 KiB chunks", _child(r"""
chunks, count = stream(b"x" * 64, 15 * MIB, 4096, b"Status = 1, ID = 5, comment = ", b"\n")
(record,) = iter_status(chunks(), fmt=0, charset="utf-8")
assert len(record.comment) == 64 * count, len(record.comment)
"""), BASE_MIB + RECORD_FACTOR * 15),
    MemoryCase("fmt=3 status, streamed: one 15 MiB record in 64-byte chunks", _child("""
chunks, count = stream(b"x" * 64, 15 * MIB, 64, b'[{"status":1,"id":5,"comment":"', b'"}]')
(record,) = iter_status(chunks(), fmt=3, charset="utf-8")
assert len(record.comment) == 64 * count, len(record.comment)
"""), BASE_MIB + RECORD_FACTOR * 15),
    MemoryCase("fmt=2, whole: 16 MiB of nested elements (refused at lxml's depth)", _child("""
data, _ = fill(b"<a>", MAX_REPLY_BYTES, b"<list>")
refused(lambda: decode_status(data, fmt=2), "malformed")
"""), BASE_MIB + RECORD_FACTOR * _REPLY_MIB),
    MemoryCase(f"fmt=2, whole: one element of {WHOLE_MIB} MiB of attributes", _child(f"""
attributes = b"".join(b' a%d="1"' % i for i in range({WHOLE_MIB} * MIB // 12))
record = decode_status(b"<sms" + attributes + b"><status>1</status></sms>", fmt=2)
assert record.status == 1
"""), BASE_MIB + WHOLE_FACTOR[2] * WHOLE_MIB),
    MemoryCase("fmt=3, whole: 16 MiB of nested arrays (refused at orjson's depth)", _child("""
data, _ = fill(b"[", MAX_REPLY_BYTES)
refused(lambda: decode_status(data, fmt=3), "malformed")
"""), BASE_MIB + RECORD_FACTOR * _REPLY_MIB),
    # The stream cuts the array into elements before orjson sees one: an element of
    # nested arrays is buffered until it passes MAX_REPLY_BYTES (too-large), one
    # record's worth.  (1 MiB chunks: finding the element's end takes 42 s over the
    # 16 MiB here, 73 s in 64 KiB chunks; the push-decoder rewrite replaces that code.)
    MemoryCase(f"fmt=3, streamed: {STREAM_TOTAL_MIB} MiB of nested arrays", _child(f"""
chunks, _ = stream(b"[", {_TOTAL}, MIB)
refused(lambda: list(iter_status(chunks(), fmt=3)), "too-large")
"""), BASE_MIB + RECORD_FACTOR * _REPLY_MIB),
    MemoryCase("SMTP send line at MAX_MAIL_BYTES: empty recipients", _child("""
data, count = fill(b",", MAX_MAIL_BYTES, b"login:psw:1:0,0:0,0,SMSC,0:", b"79991234567:hi")
request = smtp.decode_line(data, charset="utf-8")
assert len(request.defects) >= count, len(request.defects)
"""), BASE_MIB + SMALL_FACTOR * 0.1),
    MemoryCase("SMTP e-mail at MAX_MAIL_BYTES: empty recipients", _child(r"""
head = (b"From: a@example.com\r\nTo: send@send.smscentre.com\r\n"
        b"Content-Type: text/plain; charset=koi8-r\r\n\r\nlogin:psw:1:0,0:0,0,SMSC,0:")
data, count = fill(b",", MAX_MAIL_BYTES, head, b"79991234567:hi\r\n")
mail = smtp.decode_send_mail(data)
assert len(mail.request.defects) >= count, len(mail.request.defects)
"""), BASE_MIB + SMALL_FACTOR * 0.1),
    MemoryCase("request at MAX_REQUEST_BYTES: phone and id lists", _child("""
phones, count = fill(b"7,", MAX_REQUEST_BYTES // 2, b"login=u&psw=p&phone=", b"7")
request = decode_request(phones + b"&id=" + b"5," * count + b"5")
assert len(request.phones) == len(request.ids) == count + 1, len(request.phones)
"""), BASE_MIB + SMALL_FACTOR * 1),
    MemoryCase("request at MAX_REQUEST_BYTES: many unknown parameters", _child("""
data, count = fill(b"&x=v", MAX_REQUEST_BYTES, b"login=u&psw=p&phone=7&id=5")
request = decode_request(data)
assert len(request.to_params()) >= count, len(request.to_params())
"""), BASE_MIB + SMALL_FACTOR * 1),
]


# --- secrets ---------------------------------------------------------------------

def _route(run: Callable[[], object]) -> list[str]:
    """What one call shows: its value's repr/str and canonical JSON, or its error."""
    try:
        value = run()
    except SmscCodecError as exc:
        return exception_texts(exc)
    out = [repr(value), str(value)]
    with contextlib.suppress(Exception):
        out.append(to_canonical_json(value).decode())  # type: ignore[arg-type]
    with contextlib.suppress(Exception):
        out.append(repr(request_to_json(value)))  # type: ignore[arg-type]
    with contextlib.suppress(Exception):
        out.append(repr(smtp.to_json(value)))  # type: ignore[arg-type]
    return out


def _cli(argv: list[str], stdin: bytes = b"") -> list[str]:
    """stdout and stderr of the CLI, run in-process."""
    out, err = io.BytesIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.suppress(SystemExit):
        cli.run(argv, stdin=io.BytesIO(stdin), stdout=out)
    return [out.getvalue().decode("utf-8", "replace"), err.getvalue()]


_URL = "https://smsc.ru/sys/status.php?"
_QUERIES = {
    "psw and apikey": f"login=u&psw={PASSWORD}&phone=79991234567&id=5",
    "apikey": f"apikey={APIKEY}&phone=79991234567&id=5",
    "second PSW= (other case)": f"login=u&psw={PASSWORD}&PSW={PASSWORD}&APIKEY={APIKEY}"
                                "&phone=79991234567&id=5",
    "psw not utf-8": f"login=u&psw={PASSWORD}%FF&phone=7&id=5&charset=utf-8",
    "PSW= not utf-8": f"login=u&psw=p&PSW={PASSWORD}%FF&phone=7&id=5&charset=utf-8",
    "psw a bad escape": f"login=u&psw={PASSWORD}%G1&phone=7&id=5",
    "psw a character windows-1251 lacks": f"login=u&psw={PASSWORD}\u4e00&phone=7&id=5",
    "apikey and a bad id list": f"apikey={APIKEY}&phone=7,8&id=5",
}


def _request_outputs(query: str) -> Callable[[], Iterable[str]]:
    def outputs() -> list[str]:
        texts = _route(lambda: decode_request(_URL + query))
        with contextlib.suppress(SmscCodecError):
            request = decode_request(_URL + query)
            texts += [repr(request.to_params())]
            assert PASSWORD in encode_url(request) or APIKEY in encode_url(request)
        texts += _cli(["request", _URL + query])
        texts += _cli(["decode", "--request", _URL + query, "-"], b"Status = 1")
        # The conformance report checks the request itself, text and JSON.
        for report in (["check"], ["check", "--json"]):
            texts += _cli([*report, "--request", _URL + query, "-"], b"Status = 1, err = x")
        texts += _route(lambda: sniff.sniff(b"Status = 1", request=_URL + query))
        return texts
    return outputs


_LINES: dict[str, str | bytes] = {
    "a send line": f"login:{PASSWORD}:1:0,0:0,0,SMSC,0:79991234567:hello",
    "a send line with an API key": f":{APIKEY}:1:0,0:0,0,SMSC,0:79991234567:hello",
    "a send line cut after psw": f"login:{PASSWORD}",
    "a send line with bad recipients": f"login:{PASSWORD}:1:0,0:0,0,SMSC,0:xx,,:hello",
    "a send line with a CR in psw": f"login:{PASSWORD}\r:1:0,0:0,0,SMSC,0:79991234567:hi",
}
_LINE_BYTES: dict[str, str | bytes] = {
    "a utf-8 send line with a stray byte in psw":
        f"login:{PASSWORD}".encode() + b"\xff:1:0,0:0,0,SMSC,0:79991234567:hello",
    "a utf-8 send line with a stray byte in the API key":
        f":{APIKEY}".encode() + b"\xc3:1:0,0:0,0,SMSC,0:79991234567,,:hello",
}


def _line_outputs(line: str | bytes) -> Callable[[], Iterable[str]]:
    """A send line as text (written in koi8-r, where every byte decodes) or as bytes
    read as utf-8 (where a stray byte is an undecodable one, whose ``UnicodeError``
    holds the whole line)."""
    charset, data = (("koi8-r", line.encode("koi8-r")) if isinstance(line, str)
                     else ("utf-8", line))

    def outputs() -> list[str]:
        texts = _route(lambda: smtp.decode_line(data, charset=charset))
        if isinstance(line, str):
            texts += _route(lambda: smtp.decode_line(line))
        mail = (b"From: a@example.com\r\nTo: send@send.smscentre.com\r\n"
                b"Content-Type: text/plain; charset=" + charset.encode() + b"\r\n\r\n" + data)
        texts += _route(lambda: smtp.decode_send_mail(mail))
        # Strict: a deviation is an error, raised from what the codec said.
        texts += _route(lambda: smtp.decode_line(data, charset=charset, policy=STRICT))
        texts += _route(lambda: smtp.decode_send_mail(mail, policy=STRICT))
        for body in (data, mail):
            for strict in ([], ["--strict"]):
                texts += _cli(["decode", *strict, "--endpoint", "smtp-send", "--charset",
                               charset, "-"], body)
            # The conformance report of one send, text and JSON.
            for report in (["check"], ["check", "--json"]):
                texts += _cli([*report, "--endpoint", "smtp-send", "--charset", charset, "-"],
                              body)
        return texts
    return outputs


def _form_outputs() -> list[str]:
    """A form body (the bytes of a POST) whose secrets hold bytes that are no utf-8,
    unescaped: the charset's ``UnicodeError`` holds the whole body."""
    texts: list[str] = []
    for body in (f"login=u&psw={PASSWORD}".encode() + b"\xff&phone=7&id=5&charset=utf-8",
                 f"apikey={APIKEY}".encode() + b"\xe0&phone=7&id=5&charset=utf-8"):
        texts += _route(lambda body=body: decode_form(body))  # type: ignore[misc]
        texts += _route(lambda body=body: decode_request(body))  # type: ignore[misc]
        texts += _cli(["request", body.decode("latin-1")])
    return texts


def _body_outputs() -> list[str]:
    """A reply body that happens to hold the secrets (an echoed request): shown as
    data, never as a secret's route -- here the request carries them."""
    query = f"login=u&psw={PASSWORD}&phone=79991234567&id=5&fmt=3"
    texts = _route(lambda: sniff.sniff(b'{"status":1,"id":5}', request=query))
    texts += _cli(["decode", "--request", query, "-"], b'{"status":1,"id":5}')
    texts += _cli(["decode", "--request", query, "-"], b"not a reply")
    return texts


SECRET_CASES: list[SecretCase] = [
    *(SecretCase(f"request URL: {name}", _request_outputs(query))
      for name, query in _QUERIES.items()),
    *(SecretCase(f"SMTP: {name}", _line_outputs(line))
      for name, line in [*_LINES.items(), *_LINE_BYTES.items()]),
    SecretCase("request form body: raw bytes not utf-8 in psw and apikey", _form_outputs),
    SecretCase("reply decoded with a request holding psw", _body_outputs),
]
