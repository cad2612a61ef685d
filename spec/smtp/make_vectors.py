"""Writes the SMTP golden vectors of spec/smtp/ (run: python spec/smtp/make_vectors.py).

Every vector is an input file -- ``<name>.line`` (a bare send line), ``<name>.reply``
(a reply line) or ``<name>.eml`` (a whole e-mail) -- and one expectation file per
policy it is read under, ``<name>.<strict|lenient>.json``::

    {"value": <canonical JSON, secrets revealed>, "defects": [[kind, field], ...],
     "canonical": true}
    {"error": {"kind": ..., "field": ..., "pos": ...}}

``canonical`` says the input is the one spelling the encoder writes: the tests then
encode the decoded value and compare bytes.  The expectations below are written by
hand, and the e-mails are templated here with ``base64``/``binascii`` rather than
the ``email`` package, so the library is checked against a second implementation,
never against itself.
"""

from __future__ import annotations

import base64
import binascii
import json
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
CRLF = "\r\n"

Vector = tuple[str, str | bytes, dict[str, dict[str, Any]]]


def ok(value: dict[str, Any], *defects: tuple[str, str | None], canonical: bool = False,
       ) -> dict[str, Any]:
    return {"value": value, "defects": [list(d) for d in defects], "canonical": canonical}


def same(value: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A canonical input: both policies read the same value with no defect."""
    return {"strict": ok(value, canonical=True), "lenient": ok(value, canonical=True)}


def err(kind: str, field: str | None, pos: int | None) -> dict[str, Any]:
    return {"error": {"kind": kind, "field": field, "pos": pos}}


def req(**kw: Any) -> dict[str, Any]:
    """A canonical request JSON in the doc's key order (``list`` where mes would be)."""
    order = ["secrets", "login", "psw", "apikey", "id", "time", "tz", "translit", "format",
             "sender", "test", "phones", "prefix", "mes", "param", "list", "list_break",
             "subj", "voice"]
    base = {"secrets": "revealed", "login": "alex", "psw": "123"}
    if "apikey" in kw:
        base = {"secrets": "revealed"}
    merged = {**base, **kw}
    return {k: merged[k] for k in order if k in merged}


ALEX = "alex:123"
P = "79999999999"

# --- the vendor's own examples (page 004) -----------------------------------------

DOC: list[Vector] = [
    ("doc/example", "alex:123::::79999999999:message", same(req(phones=P, mes="message"))),
    # Spaces are data in psw and mes under any policy; lenient drops them around the
    # fields whose grammar has none (D-spaces).
    ("doc/spaces-1", "alex: psw:::1,1, Alex:79999999999: message", {
        "strict": err("bad-value", "sender", 16),
        "lenient": ok(req(psw=" psw", translit=1, format=1, sender="Alex", phones=P,
                          mes=" message"), ("space-after-separator", "sender"))}),
    ("doc/spaces-2", "alex: psw:::1:79999999999: message",
     same(req(psw=" psw", translit=1, phones=P, mes=" message"))),
    ("doc/spaces-3", "alex: psw:::, 1:79999999999: message", {
        "strict": err("bad-value", "format", 13),
        "lenient": ok(req(psw=" psw", format=1, phones=P, mes=" message"),
                      ("space-after-separator", "format"))}),
    ("doc/spaces-4", "alex: psw:::, 1, Alex:79999999999: message", {
        "strict": err("bad-value", "format", 13),
        "lenient": ok(req(psw=" psw", format=1, sender="Alex", phones=P, mes=" message"),
                      ("space-after-separator", "format"), ("space-after-separator", "sender"))}),
    ("doc/spaces-5", "alex: psw:::,1,, 1:79999999999: message", {
        "strict": err("bad-value", "test", 16),
        "lenient": ok(req(psw=" psw", format=1, test=1, phones=P, mes=" message"),
                      ("space-after-separator", "test"))}),
    ("doc/spaces-phones", "alex:123:::: 79999999999 , 79999999998:hi", {
        "strict": err("bad-recipient", "phones", 12),
        "lenient": ok(req(phones="79999999999,79999999998", mes="hi"),
                      ("space-after-separator", "phones"), ("space-after-separator", "phones"))}),
    # The same five, as they read without the translation's spaces.
    ("doc/composite-1", "alex:psw:::1,1,Alex:79999999999:message",
     same(req(psw="psw", translit=1, format=1, sender="Alex", phones=P, mes="message"))),
    ("doc/composite-2", "alex:psw:::1:79999999999:message",
     same(req(psw="psw", translit=1, phones=P, mes="message"))),
    ("doc/composite-3", "alex:psw:::,1:79999999999:message",
     same(req(psw="psw", format=1, phones=P, mes="message"))),
    ("doc/composite-4", "alex:psw:::,1,Alex:79999999999:message",
     same(req(psw="psw", format=1, sender="Alex", phones=P, mes="message"))),
    ("doc/composite-5", "alex:psw:::,1,,1:79999999999:message",
     same(req(psw="psw", format=1, test=1, phones=P, mes="message"))),
    # "G<íîìåð ãðóïïû>": the page's own mojibake of "G<номер группы>"; a group code.
    ("doc/group", "alex:123::::G12:message", same(req(phones="G12", mes="message"))),
]

# --- every field form, canonical ---------------------------------------------------------

FIELDS: list[Vector] = [
    ("fields/apikey", ":Zx9-key::::79999999999:hi",
     same(req(apikey="Zx9-key", phones=P, mes="hi"))),
    ("fields/id-number", f"{ALEX}:42:::{P}:hi", same(req(id=42, phones=P, mes="hi"))),
    ("fields/id-max", f"{ALEX}:2147483647:::{P}:hi", same(req(id=2147483647, phones=P, mes="hi"))),
    ("fields/id-string", f"{ALEX}:order-17.a_B:::{P}:hi",
     same(req(id="order-17.a_B", phones=P, mes="hi"))),
    ("fields/id-digits-string", f"{ALEX}:007:::{P}:hi", same(req(id="007", phones=P, mes="hi"))),
    ("fields/id-beyond-int32", f"{ALEX}:2147483648:::{P}:hi",
     same(req(id="2147483648", phones=P, mes="hi"))),
    ("fields/id-40", f"{ALEX}:{'a' * 40}:::{P}:hi", same(req(id="a" * 40, phones=P, mes="hi"))),
    ("fields/time-compact", f"{ALEX}::0102251200::{P}:hi",
     same(req(time="0102251200", phones=P, mes="hi"))),
    ("fields/time-dotted", f"{ALEX}::01.02.25 12.00::{P}:hi",
     same(req(time="01.02.25 12.00", phones=P, mes="hi"))),
    ("fields/time-window", f"{ALEX}::9-21::{P}:hi", same(req(time="9-21", phones=P, mes="hi"))),
    ("fields/time-timestamp", f"{ALEX}::01700000000::{P}:hi",
     same(req(time="01700000000", phones=P, mes="hi"))),
    ("fields/time-delay", f"{ALEX}::+90::{P}:hi", same(req(time="+90", phones=P, mes="hi"))),
    ("fields/time-now", f"{ALEX}::0::{P}:hi", same(req(time="0", phones=P, mes="hi"))),
    ("fields/time-tz", f"{ALEX}::0102251200,-2::{P}:hi",
     same(req(time="0102251200", tz=-2, phones=P, mes="hi"))),
    ("fields/tz-only", f"{ALEX}::,3::{P}:hi", same(req(tz=3, phones=P, mes="hi"))),
    ("fields/translit-2", f"{ALEX}:::2:{P}:hi", same(req(translit=2, phones=P, mes="hi"))),
    ("fields/translit-0", f"{ALEX}:::0:{P}:hi", same(req(translit=0, phones=P, mes="hi"))),
    ("fields/format-wap-push", f"{ALEX}:::,2:{P}:http://example.com\nExample",
     same(req(format=2, phones=P, mes="http://example.com\nExample"))),
    ("fields/format-hlr", f"{ALEX}:::,3:{P}:", same(req(format=3, phones=P, mes=""))),
    ("fields/format-email", f"{ALEX}:::,8,Shop:a@example.com:Body text\nsubj:Theme",
     same(req(format=8, sender="Shop", phones="a@example.com", mes="Body text", subj="Theme"))),
    ("fields/format-call", f"{ALEX}:::,9:{P}:Hello\n~~~\n3,10,30\nvoice:w",
     same(req(format=9, phones=P, mes="Hello", param="3,10,30", voice="w"))),
    ("fields/format-social", f"{ALEX}:::,12:{P}:hi", same(req(format=12, phones=P, mes="hi"))),
    ("fields/sender-space", f"{ALEX}:::,,My Shop:{P}:hi",
     same(req(sender="My Shop", phones=P, mes="hi"))),
    ("fields/sender-15-digits", f"{ALEX}:::,,123456789012345:{P}:hi",
     same(req(sender="123456789012345", phones=P, mes="hi"))),
    ("fields/test-1", f"{ALEX}:::,,,1:{P}:hi", same(req(test=1, phones=P, mes="hi"))),
    ("fields/all-head", f"{ALEX}:7:0102251200,1:1,0,Alex,1:{P}:hi",
     same(req(id=7, time="0102251200", tz=1, translit=1, format=0, sender="Alex", test=1,
              phones=P, mes="hi"))),
    ("fields/phones-comma", f"{ALEX}::::+79999999999,79999999998:hi",
     same(req(phones="+79999999999,79999999998", mes="hi"))),
    ("fields/phones-semicolon", f"{ALEX}::::79999999999;79999999998:hi",
     same(req(phones="79999999999;79999999998", mes="hi"))),
    ("fields/phones-forms", f"{ALEX}::::G12,#nick_1,#123456,user@mail.example:hi",
     same(req(phones="G12,#nick_1,#123456,user@mail.example", mes="hi"))),
    ("fields/mes-colons", f"{ALEX}::::{P}:Time: 12:30; place: here",
     same(req(phones=P, mes="Time: 12:30; place: here"))),
    ("fields/mes-cyrillic", f"{ALEX}::::{P}:Привет, мир!",
     same(req(phones=P, mes="Привет, мир!"))),
    ("fields/sms-subj-is-text", f"{ALEX}::::{P}:Hi\nsubj:not a subject",
     same(req(phones=P, mes="Hi\nsubj:not a subject"))),
]
for _prefix in ("CALL", "VIBER", "SOC", "MAIL", "BOT"):
    FIELDS.append((f"fields/prefix-{_prefix.lower()}", f"{ALEX}::::{P}:__{_prefix}__text",
                   same(req(phones=P, prefix=f"__{_prefix}__", mes="text"))))
for _prefix in ("PING", "HLR"):
    FIELDS.append((f"fields/prefix-{_prefix.lower()}", f"{ALEX}::::{P}:__{_prefix}__",
                   same(req(phones=P, prefix=f"__{_prefix}__", mes=""))))
FIELDS += [
    ("fields/prefix-doc-spelling", f"{ALEX}::::{P}:__CALL__: message",
     same(req(phones=P, prefix="__CALL__", mes=": message"))),
    ("fields/prefix-call-voice", f"{ALEX}::::{P}:__CALL__Hello\nvoice:m",
     same(req(phones=P, prefix="__CALL__", mes="Hello", voice="m"))),
    ("fields/prefix-mail-subj", f"{ALEX}::::a@example.com:__MAIL__Body\nsubj:Hi",
     same(req(phones="a@example.com", prefix="__MAIL__", mes="Body", subj="Hi"))),
]

# --- the list form ---------------------------------------------------------------------

LIST: list[Vector] = [
    ("list/basic", f"{ALEX}:::::79999999999:first\n79999999998,79999999997:second",
     same(req(list=[{"phones": "79999999999", "mes": "first"},
                    {"phones": "79999999998,79999999997", "mes": "second"}]))),
    ("list/semicolon", f"{ALEX}:::::79999999999;first: with colon",
     same(req(list=[{"phones": "79999999999", "mes": "first: with colon", "sep": ";"}]))),
    ("list/escape", f"{ALEX}:::::79999999999:line 1\\nline 2\n79999999998:c:\\\\d",
     same(req(list=[{"phones": "79999999999", "mes": "line 1\nline 2"},
                    {"phones": "79999999998", "mes": "c:\\\\d"}]))),
    ("list/break", f"{ALEX}:::,,,1::\n79999999999:a\n79999999998:b",
     same(req(test=1, list=[{"phones": "79999999999", "mes": "a"},
                            {"phones": "79999999998", "mes": "b"}], list_break=True))),
    ("list/params", f"{ALEX}:::,8::a@example.com:Hi A\nb@example.com:Hi B\nsubj:News",
     same(req(format=8, list=[{"phones": "a@example.com", "mes": "Hi A"},
                              {"phones": "b@example.com", "mes": "Hi B"}], subj="News"))),
    ("list/params-both", f"{ALEX}:::::{P}:x\nsubj:S\nvoice:V",
     same(req(list=[{"phones": P, "mes": "x"}], subj="S", voice="V"))),
    ("list/prefix", f"{ALEX}:::::{P}:__VIBER__hi\n79999999998:plain",
     same(req(list=[{"phones": P, "prefix": "__VIBER__", "mes": "hi"},
                    {"phones": "79999999998", "mes": "plain"}]))),
    ("list/multiline", f"{ALEX}:::,,,2::{P}:line 1\nline 2\n\nline 4\\n\n79999999998:b",
     same(req(test=2, list=[{"phones": P, "mes": "line 1\nline 2\n\nline 4\\n"},
                            {"phones": "79999999998", "mes": "b"}]))),
]

# --- deviations: lenient reads them with defects, strict refuses ---------------------------

LENIENT: list[Vector] = [
    ("lenient/crlf", f"{ALEX}::::{P}:a\r\nb", {
        "strict": err("line-ending", None, 25),
        "lenient": ok(req(phones=P, mes="a\nb"), ("line-ending", None))}),
    ("lenient/trailing-newline", f"{ALEX}::::{P}:hi\n", {
        "strict": err("trailing-newline", None, 26),
        "lenient": ok(req(phones=P, mes="hi"), ("trailing-newline", None))}),
    # Not a deviation: omitted parts "keeping the initial comma" (S-composite); both
    # policies read it with no defect, the encoder writes the shorter spelling.
    ("lenient/trailing-commas", f"{ALEX}:::1,1,,:{P}:hi", {
        "strict": ok(req(translit=1, format=1, phones=P, mes="hi")),
        "lenient": ok(req(translit=1, format=1, phones=P, mes="hi"))}),
    # What the vendor's own clients write: the comma before an omitted sender kept.
    ("lenient/kept-sender-comma", f"{ALEX}:::0,1,:{P}:hi", {
        "strict": ok(req(translit=0, format=1, phones=P, mes="hi")),
        "lenient": ok(req(translit=0, format=1, phones=P, mes="hi"))}),
    ("lenient/tz-plus", f"{ALEX}::,+3::{P}:hi", {
        "strict": err("non-canonical", "tz", 11),
        "lenient": ok(req(tz=3, phones=P, mes="hi"), ("non-canonical", "tz"))}),
    ("lenient/window-zeros", f"{ALEX}::09-21::{P}:hi", {
        "strict": err("non-canonical", "time", 10),
        "lenient": ok(req(time="9-21", phones=P, mes="hi"), ("non-canonical", "time"))}),
    ("lenient/unknown-format", f"{ALEX}:::,13:{P}:hi", {
        "strict": err("unknown-format", "format", 12),
        "lenient": ok(req(format=13, phones=P, mes="hi"), ("unknown-format", "format"),
                      canonical=True)}),
    ("lenient/mixed-separators", f"{ALEX}::::79999999999,79999999998;79999999997:hi", {
        "strict": err("mixed-separators", "phones", 12),
        "lenient": ok(req(phones="79999999999,79999999998,79999999997", mes="hi"),
                      ("mixed-separators", "phones"))}),
    ("lenient/empty-recipient", f"{ALEX}::::79999999999,,79999999998:hi", {
        "strict": err("empty-recipient", "phones", 24),
        "lenient": ok(req(phones="79999999999,79999999998", mes="hi"),
                      ("empty-recipient", "phones"))}),
    ("lenient/raw-recipient", f"{ALEX}::::8(999)123-45-67:hi", {
        "strict": err("bad-recipient", "phones", 12),
        "lenient": ok(req(phones="8(999)123-45-67", mes="hi"), ("bad-recipient", "phones"),
                      canonical=True)}),
    ("lenient/blank-line", f"{ALEX}:::::{P}:a\n\n79999999998:b", {
        "strict": err("blank-line", "list", 27),
        "lenient": ok(req(list=[{"phones": P, "mes": "a"}, {"phones": "79999999998", "mes": "b"}]),
                      ("blank-line", "list"))}),
    ("lenient/param-order", f"{ALEX}:::::{P}:x\nvoice:V\nsubj:S", {
        "strict": err("param-order", "list", 27),
        "lenient": ok(req(list=[{"phones": P, "mes": "x"}], subj="S", voice="V"),
                      ("param-order", "list"))}),
]

# --- what is no request at all ---------------------------------------------------------------

ERRORS: list[Vector] = [
    # "Login, psw are required, phones and mes": a line that stops after phones.
    ("errors/no-mes", f"{ALEX}::::{P}", {
        "strict": err("missing-field", "phones", 23),
        "lenient": err("missing-field", "phones", 23)}),
    # One colon short: the phones land in the composite field.
    ("errors/missing-colon", f"{ALEX}:::{P}:hi", {
        "strict": err("bad-value", "translit", 11), "lenient": err("bad-value", "translit", 11)}),
    ("errors/newline-in-head", "alex:1\n23::::79999999999:hi", {
        "strict": err("missing-field", "psw", 6), "lenient": err("missing-field", "psw", 6)}),
    ("errors/no-psw", f"alex:::::{P}:hi", {
        "strict": err("missing-field", "psw", 5), "lenient": err("missing-field", "psw", 5)}),
    ("errors/bad-id", f"{ALEX}:id#1:::{P}:hi", {
        "strict": err("bad-value", "id", 9), "lenient": err("bad-value", "id", 9)}),
    ("errors/bad-date", f"{ALEX}::3102251200::{P}:hi", {
        "strict": err("bad-value", "time", 10), "lenient": err("bad-value", "time", 10)}),
    ("errors/too-many-parts", f"{ALEX}:::1,1,A,1,1:{P}:hi", {
        "strict": err("too-many-parts", "translit,format,sender,test", 18),
        "lenient": err("too-many-parts", "translit,format,sender,test", 18)}),
    ("errors/long-sender", f"{ALEX}:::,,TwelveChars1:{P}:hi", {
        "strict": err("bad-value", "sender", 13), "lenient": err("bad-value", "sender", 13)}),
    ("errors/long-mes", f"{ALEX}::::{P}:" + "x" * 1001, {
        "strict": err("invalid", "mes", None), "lenient": err("invalid", "mes", None)}),
    ("errors/empty-list", f"{ALEX}:::::", {
        "strict": err("missing-field", "list", 13), "lenient": err("missing-field", "list", 13)}),
]

# --- replies -------------------------------------------------------------------------------

REPLIES: list[Vector] = [
    ("reply/ok", "OK - 2 SMS, ID - 1234", same({"id": 1234, "cnt": 2})),
    ("reply/ok-string-id", "OK - 1 SMS, ID - order-17", same({"id": "order-17", "cnt": 1})),
    ("reply/error-1", "ERROR = 1 (Error in parameters)",
     same({"error": "Error in parameters", "error_code": 1})),
    ("reply/error-3-id", "ERROR = 3 (Insufficient funds in Customer account), ID - 77",
     same({"error": "Insufficient funds in Customer account", "error_code": 3, "id": 77})),
    ("reply/error-paren", "ERROR = 6 (Denied message (by text or by sender name)), ID - 5",
     same({"error": "Denied message (by text or by sender name)", "error_code": 6, "id": 5})),
    ("reply/error-unknown-code", "ERROR = 12 (something new)",
     same({"error": "something new", "error_code": 12})),
    ("reply/loose", "ok-2 sms,id-9\n", {
        "strict": err("non-canonical", None, 0),
        "lenient": ok({"id": 9, "cnt": 2}, ("non-canonical", None), ("non-canonical", None))}),
    ("reply/no-description", "ERROR = 2", {
        "strict": err("missing-description", None, 0),
        "lenient": ok({"error": None, "error_code": 2}, ("missing-description", None),
                      canonical=True)}),
    ("reply/id-on-error-1", "ERROR = 1 (parameters), ID - 5", {
        "strict": err("reply-id", "id", 0),
        "lenient": ok({"error": "parameters", "error_code": 1, "id": 5}, ("reply-id", "id"),
                      canonical=True)}),
    ("reply/garbage", "Thank you for your message", {
        "strict": err("malformed", None, 0), "lenient": err("malformed", None, 0)}),
]

# --- e-mails ---------------------------------------------------------------------------------


def qp(data: bytes) -> bytes:
    """Quoted-printable of short lines (no soft breaks needed), CRLF line ends."""
    lines = []
    for line in data.split(b"\n"):
        out = b""
        for i, byte in enumerate(line):
            ch = bytes([byte])
            last = i == len(line) - 1
            if byte == 0x3D or byte > 0x7E or (byte in (0x20, 0x09) and last):
                out += b"=" + binascii.hexlify(ch).upper()
            else:
                out += ch
        assert len(out) <= 76, "keep golden lines short"
        lines.append(out)
    return CRLF.encode().join(lines)


def b64(data: bytes) -> bytes:
    return base64.encodebytes(data.replace(b"\n", b"\r\n")).replace(b"\n", b"\r\n")


def eml(body: bytes, headers: list[tuple[str, str]], content_type: str, cte: str) -> bytes:
    head = [*headers, ("Content-Type", content_type), ("Content-Transfer-Encoding", cte),
            ("MIME-Version", "1.0")]
    text = "".join(f"{k}: {v}{CRLF}" for k, v in head) + CRLF
    return text.encode("ascii") + body


HEADERS = [("From", "client@example.com"), ("To", "send@send.smscentre.com"),
           ("Subject", "sms"), ("Date", "Tue, 02 Jan 2024 03:04:05 +0300"),
           ("Message-ID", "<1@example.com>")]
MAIL_HEADERS = {"from": "client@example.com", "to": "send@send.smscentre.com", "subject": "sms",
                "date": "Tue, 02 Jan 2024 03:04:05 +0300", "message_id": "<1@example.com>"}
LINE_RU = f"{ALEX}::::{P}:Привет = 1%"
VALUE_RU = req(phones=P, mes="Привет = 1%")
NO_HEADERS = {"from": None, "to": None, "subject": None, "date": None, "message_id": None}


def mail(value: dict[str, Any], charset: str | None, cte: str, *, tagged: bool = False,
         body_type: str = "text/plain", headers: dict[str, Any] = MAIL_HEADERS) -> dict[str, Any]:
    return {**value, "mail": {"charset": charset, "transfer_encoding": cte,
                              "body_type": body_type, "tagged": tagged, **headers}}


MAILS: list[Vector] = []
for _cs, _codec in (("koi8-r", "koi8_r"), ("windows-1251", "cp1251"), ("utf-8", "utf-8")):
    _raw = (LINE_RU + "\n").encode(_codec)
    _ct = f'text/plain; charset="{_cs}"'
    MAILS += [
        (f"mail/{_cs}-qp", eml(qp(_raw), HEADERS, _ct, "quoted-printable"),
         same(mail(VALUE_RU, _cs, "quoted-printable"))),
        (f"mail/{_cs}-base64", eml(b64(_raw), HEADERS, _ct, "base64"),
         same(mail(VALUE_RU, _cs, "base64"))),
        (f"mail/{_cs}-8bit", eml(_raw.replace(b"\n", b"\r\n"), HEADERS, _ct, "8bit"),
         same(mail(VALUE_RU, _cs, "8bit"))),
    ]
_raw = f"[text]{LINE_RU}[/text]\n".encode("koi8_r")
MAILS.append(("mail/tagged-plain", eml(qp(_raw), HEADERS, 'text/plain; charset="koi8-r"',
                                       "quoted-printable"),
              same(mail(VALUE_RU, "koi8-r", "quoted-printable", tagged=True))))
_html = (f"<html><body>[text]{ALEX}::::{P}:a &lt;b&gt; &amp; c<br>\nnext[/text]"
         "</body></html>\n").encode()
MAILS.append(("mail/html", eml(qp(_html), [], 'text/html; charset="utf-8"', "quoted-printable"),
              same(mail(req(phones=P, mes="a <b> & c\nnext"), "utf-8", "quoted-printable",
                        tagged=True, body_type="text/html", headers=NO_HEADERS))))
_raw = (LINE_RU + "\n").encode("koi8_r")
MAILS.append(("mail/no-charset", eml(_raw.replace(b"\n", b"\r\n"), [], "text/plain", "8bit"),
              same(mail(VALUE_RU, None, "8bit", headers=NO_HEADERS))))
_ascii = f"{ALEX}::::{P}:hello\n".encode()
MAILS.append(("mail/us-ascii-7bit", eml(_ascii.replace(b"\n", b"\r\n"), [],
                                        'text/plain; charset="us-ascii"', "7bit"),
              same(mail(req(phones=P, mes="hello"), "us-ascii", "7bit", headers=NO_HEADERS))))
_list = f"{ALEX}:::::{P}:Один\\nдва\n79999999998:Три\nsubj:Тема\n".encode("koi8_r")
MAILS.append(("mail/list-koi8-r", eml(qp(_list), HEADERS, 'text/plain; charset="koi8-r"',
                                      "quoted-printable"),
              same(mail(req(list=[{"phones": P, "mes": "Один\nдва"},
                                  {"phones": "79999999998", "mes": "Три"}], subj="Тема"),
                        "koi8-r", "quoted-printable"))))
# Decode-only: what the encoder never writes.
_cp = (LINE_RU + "\n").encode("cp1251")
MAILS.append(("mail/guess-windows-1251", eml(_cp.replace(b"\n", b"\r\n"), [], "text/plain", "8bit"),
              {"strict": ok(mail(req(phones=P, mes=_cp.decode("koi8_r")[:-1].split(":", 6)[6]),
                                 None, "8bit", headers=NO_HEADERS)),
               "lenient": ok(mail(VALUE_RU, "windows-1251", "8bit", headers=NO_HEADERS),
                             ("charset-guessed", "charset"))}))
# What the vendor's smsc_api.php sends: mail("send@send.smsc.ru", "", <line>, "From: "
# ... "\nContent-Type: text/plain; charset=" ... "\n") -- an 8-bit body and no
# Content-Transfer-Encoding (RFC 2045 would read 7bit): kept as 8bit, with a defect.
_php = (f"To: send@send.smsc.ru{CRLF}From: api@smsc.ru{CRLF}"
        f"Content-Type: text/plain; charset=utf-8{CRLF}{CRLF}{LINE_RU}").encode()
_php_headers = {**NO_HEADERS, "from": "api@smsc.ru", "to": "send@send.smsc.ru"}
MAILS.append(("mail/php-mail-8bit-undeclared", _php,
              {"strict": err("undeclared-8bit", "transfer_encoding", None),
               "lenient": ok(mail(VALUE_RU, "utf-8", "8bit", headers=_php_headers),
                             ("undeclared-8bit", "transfer_encoding"))}))
_moji = f"{ALEX}::::{P}:íîìåð ãðóïïû\n".encode()  # windows-1251 read as Latin-1, sent as UTF-8
MAILS.append(("mail/mojibake", eml(_moji.replace(b"\n", b"\r\n"), [],
                                   'text/plain; charset="utf-8"', "8bit"),
              {"strict": ok(mail(req(phones=P, mes="íîìåð ãðóïïû"), "utf-8", "8bit",
                                 headers=NO_HEADERS), canonical=True),
               "lenient": ok(mail(req(phones=P, mes="номер группы"), "utf-8", "8bit",
                                  headers=NO_HEADERS), ("mojibake-repaired", "mes"))}))
_boundary = "XyZ"
_multi = (
    f"MIME-Version: 1.0{CRLF}Content-Type: multipart/alternative; boundary=\"{_boundary}\"{CRLF}"
    f"{CRLF}--{_boundary}{CRLF}Content-Type: text/plain; charset=\"utf-8\"{CRLF}{CRLF}"
    f"Your mailer cannot send plain text?{CRLF}"
    f"--{_boundary}{CRLF}Content-Type: text/html; charset=\"utf-8\"{CRLF}"
    f"Content-Transfer-Encoding: 8bit{CRLF}{CRLF}"
    f"<p>[text]{ALEX}::::{P}:Привет[/text]</p>{CRLF}--{_boundary}--{CRLF}"
).encode()
MAILS.append(("mail/multipart-html", _multi,
              {
                  "strict": ok(mail(req(phones=P, mes="Привет"), "utf-8", "8bit", tagged=True,
                                    body_type="text/html", headers=NO_HEADERS)),
                  "lenient": ok(mail(req(phones=P, mes="Привет"), "utf-8", "8bit", tagged=True,
                                     body_type="text/html", headers=NO_HEADERS))}))
_big = eml(b"x" * (100 * 1024), [], "text/plain", "8bit")
MAILS.append(("mail/too-large", _big, {"strict": err("too-large", None, 102400),
                                       "lenient": err("too-large", None, 102400)}))
_reply = b"OK - 3 SMS, ID - 42\r\n"
MAILS.append(("mail/reply-ok", eml(_reply, [("From", "robot@smscentre.com")],
                                   'text/plain; charset="koi8-r"', "8bit"),
              same({"id": 42, "cnt": 3, "mail": {
                  "charset": "koi8-r", "transfer_encoding": "8bit", "body_type": "text/plain",
                  "tagged": False, **{**NO_HEADERS, "from": "robot@smscentre.com"}}})))

ALL = DOC + FIELDS + LIST + LENIENT + ERRORS + REPLIES + MAILS


def suffix(name: str, data: str | bytes) -> str:
    if name.startswith("reply/"):
        return ".reply"
    return ".eml" if isinstance(data, bytes) else ".line"


def main() -> None:
    for old in HERE.rglob("*"):
        if old.is_file() and old.suffix in (".line", ".reply", ".eml", ".json"):
            old.unlink()
    for name, data, expectations in ALL:
        path = HERE / (name + suffix(name, data))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        for policy, expected in expectations.items():
            text = json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
            (HERE / f"{name}.{policy}.json").write_text(text, encoding="utf-8")
    print(f"{len(ALL)} vectors")


if __name__ == "__main__":
    main()
