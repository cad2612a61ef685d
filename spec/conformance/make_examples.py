"""Write spec/conformance/: a passing and a failing example of every conformance rule.

Each rule ``<ID>`` (``smsc_codec.conformance.RULES``) gets ``<ID>.json`` (how to check
the examples and what must be found) and the two inputs ``<ID>.pass.<ext>`` and
``<ID>.fail.<ext>`` (for an SMTP send checked with its reply, also
``<ID>.pass.reply`` / ``<ID>.fail.reply``)::

    {"rule": "D01", "title": "...", "why": "what the failing example gets wrong",
     "check": "reply" | "request" | "send" | "smtp-reply" | "capture",
     "options": {"request": "https://..."} or {"fmt": 3, "all": 2, ...},
     "pass": {"deviations": []}, "fail": {"deviations": ["D01"]}}

``deviations`` is the exact list (sorted) of rule ids the check must report for the
whole input: a failing example may trip a second rule when the two cannot be told
apart (``why`` says so).  The inputs are written by plain templating from a
consistent base record, never by the library; tests/test_conformance.py runs them.
Run it after changing an example, review the diff, commit.
"""

from __future__ import annotations

import base64
import json
import pathlib
from typing import Any
from urllib.parse import quote

HERE = pathlib.Path(__file__).parent

#: One delivered SMS whose facts agree with each other: the dates are the Moscow time
#: of the timestamps, the flag's type is ``type``, ``sms_cnt`` is the parts of the text.
SMS: dict[str, Any] = {
    "status": 1, "last_date": "21.11.2026 09:15:02", "last_timestamp": 1795241702,
    "flag": 0, "err": 0, "send_date": "21.11.2026 09:14:55", "send_timestamp": 1795241695,
    "phone": "79991234567", "cost": "2.50", "sender_id": "SMSC.RU",
    "status_name": "Доставлено", "message": "Код 4815, никому не сообщайте", "comment": "",
    "mccmnc": "25001", "country": "Россия", "operator": "МТС", "operator_orig": "МТС",
    "region": "Москва", "type": 0, "sms_cnt": 1,
}
SMS_ALL0 = {k: SMS[k] for k in ("status", "last_date", "last_timestamp", "flag", "err")}
HLR_ALL1: dict[str, Any] = {
    "status": 1, "last_date": "21.11.2026 09:15:02", "last_timestamp": 1795241702,
    "flag": 4, "err": 0, "imsi": "250011234567890", "msc": "79168999999", "mcc": "250",
    "mnc": "01", "cn": "Россия", "net": "МТС", "rcn": "", "rnet": "",
    "send_date": "21.11.2026 09:14:55", "send_timestamp": 1795241695, "phone": "79161234567",
    "cost": "0.20", "sender_id": "", "status_name": "Доставлено", "message": "", "type": 4,
}
BASE = "https://smsc.ru/sys/status.php?login=demo&psw=fake-psw"


def url(fmt: int, all_level: int = 0, *, phones: str = "79991234567", ids: str = "101",
        charset: str | None = "utf-8", extra: str = "") -> str:
    out = f"{BASE}&phone={phones}&id={ids}&fmt={fmt}&all={all_level}"
    if charset is not None:
        out += f"&charset={charset}"
    return out + extra


def js(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def kv(record: dict[str, Any], keys: dict[str, str] | None = None) -> bytes:
    names = {"status": "Status", "last_date": "check_time"} | (keys or {})
    skip = {"last_timestamp", "flag", "send_timestamp", "sms_cnt", "mccmnc", "operator_orig"}
    return ", ".join(f"{names.get(k, k)} = {v}" for k, v in record.items()
                     if k not in skip).encode("utf-8")


def xml(record: dict[str, Any]) -> bytes:
    inner = "".join(f"<{k}>{v}</{k}>" for k, v in record.items())
    return f"<sms>{inner}</sms>".encode()


def har(entries: list[dict[str, Any]]) -> bytes:
    return json.dumps({"log": {"version": "1.2", "creator": {"name": "example"},
                               "entries": entries}}, ensure_ascii=False, indent=1).encode()


def har_entry(request: str, body: bytes, content_type: str) -> dict[str, Any]:
    return {"request": {"method": "GET", "url": request, "headers": []},
            "response": {"status": 200, "headers": [{"name": "Content-Type",
                                                     "value": content_type}],
                         "content": {"mimeType": content_type,
                                     "text": base64.b64encode(body).decode(),
                                     "encoding": "base64"}}}


def mail(line: bytes, charset: str | None = "koi8-r", *, extra: bytes = b"") -> bytes:
    ctype = b"text/plain" + (b'; charset="' + charset.encode() + b'"' if charset else b"")
    return (b"From: shop@example.com\nTo: send@send.smscentre.com\nSubject: sms\n"
            b"Content-Type: " + ctype + b"\nContent-Transfer-Encoding: 8bit\n"
            b"MIME-Version: 1.0\n\n" + extra + line + b"\n")


CASES: list[dict[str, Any]] = []


def case(rule: str, why: str, check: str, options: dict[str, Any], ext: str,
         good: bytes, bad: bytes, *, fail: list[str] | None = None,
         good_reply: bytes | None = None, bad_reply: bytes | None = None) -> None:
    CASES.append({"rule": rule, "why": why, "check": check, "options": options, "ext": ext,
                  "pass": good, "fail": bad, "fail_rules": sorted(fail or [rule]),
                  "pass_reply": good_reply, "fail_reply": bad_reply})


def build() -> None:
    # --- layout ---
    case("L01", "two fields where fmt=1 all=0 has three", "reply", {"request": url(1)}, "wire",
         b"1,1795241702,0", b"1,1795241702")
    reordered = {"err": 0, **{k: v for k, v in SMS_ALL0.items() if k != "err"}}
    case("L02", "err before status; the bytes are not the canonical ones either (W04)",
         "reply", {"request": url(3)}, "wire", js(SMS_ALL0), js(reordered),
         fail=["L02", "W04"])
    case("L03", "no last_date", "reply", {"request": url(3)}, "wire", js(SMS_ALL0),
         js({k: v for k, v in SMS_ALL0.items() if k != "last_date"}))
    case("L04", "an undocumented smsc_node field", "reply", {"request": url(0)}, "wire",
         kv(SMS_ALL0), kv(SMS_ALL0) + b", smsc_node = 7")
    case("L05", "err twice", "reply", {"request": url(0)}, "wire", kv(SMS_ALL0),
         kv(SMS_ALL0) + b", err = 1")
    multi_all0 = {**SMS_ALL0, "id": 101, "phone": "79991234567"}
    case("L06", "one object where the request (id=101,) asked for a list", "reply",
         {"request": url(3, phones="79991234567,", ids="101,")}, "wire", js([multi_all0]),
         js(SMS_ALL0))
    legacy = "1,1795241702,0,1795241695,79991234567,2.50,SMSC.RU,Доставлено,Код 4815"
    documented = legacy + ",,0"
    case("L07", "the older fmt=1 layout without comment and type", "reply",
         {"request": url(1, 1)}, "wire", documented.encode(), legacy.encode())
    case("L08", "commas in both message and comment: where one ends is unknowable",
         "reply", {"request": url(1, 1)}, "wire", documented.encode(),
         (legacy.replace("Код 4815", "Код, 4815") + ",заказ, 17,0").encode())
    case("L09", "an HTML error page where JSON was asked", "reply", {"request": url(3)},
         "wire", js(SMS_ALL0), b"<html><body>502 Bad Gateway</body></html>")
    case("L10", "a plain ERROR line where fmt=3 was asked", "reply", {"request": url(3)},
         "wire", js({"error": "Неверный логин или пароль", "error_code": 2}),
         "ERROR = 2 (Неверный логин или пароль)".encode())
    case("V01", "a date that is no date", "reply", {"request": url(0)}, "wire",
         kv(SMS_ALL0), kv({**SMS_ALL0, "last_date": "00.00.0000 00:00:00"}))
    # --- codes ---
    case("C01", "status 7 is in no table", "reply", {"request": url(3)}, "wire",
         js(SMS_ALL0), js({**SMS_ALL0, "status": 7}))
    email = {**SMS, "phone": "ivan@example.ru", "flag": 8, "type": 8, "err": 2,
             "message": "Счёт", "status": 20, "status_name": "Невозможно доставить"}
    case("C02", "err 2 (crowded inbox) exists for e-mail only, not for an SMS", "reply",
         {"request": url(3, 2)}, "wire", js(email), js({**SMS, "err": 2}))
    case("C03", "error 3 is the history's; status.php has 1, 2, 4, 5, 9", "reply",
         {"request": url(0)}, "wire", "ERROR = 2 (Неверный логин или пароль)".encode(),
         "ERROR = 3 (Сообщение не найдено)".encode())
    case("C04", "type 9 is in no table", "reply", {"request": url(0, 1)}, "wire",
         kv({k: SMS[k] for k in ("status", "last_date", "err", "send_date", "phone", "cost",
                                 "sender_id", "status_name", "message", "comment", "type")}),
         kv({**{k: SMS[k] for k in ("status", "last_date", "err", "send_date", "phone",
                                    "cost", "sender_id", "status_name", "message",
                                    "comment")}, "type": 9}))
    case("C05", "an HLR record of type 0 (and a flag saying 4: G02)", "reply",
         {"request": url(3, 1)}, "wire", js(HLR_ALL1), js({**HLR_ALL1, "type": 0}),
         fail=["C05", "G02"])
    # --- flag ---
    case("G01", "flag 16 sets bit 4, which the docs do not describe", "reply",
         {"request": url(3)}, "wire", js(SMS_ALL0), js({**SMS_ALL0, "flag": 16}))
    case("G02", "flag 8 (e-mail) on a message of type 0", "reply", {"request": url(3, 2)},
         "wire", js(SMS), js({**SMS, "flag": 8}))
    # --- dates and counts ---
    case("D01", "last_timestamp is the date read as UTC+2, an hour late", "reply",
         {"request": url(3)}, "wire", js(SMS_ALL0),
         js({**SMS_ALL0, "last_timestamp": 1795241702 + 3600}))
    case("S01", "sms_cnt 3 for a text of one SMS", "reply", {"request": url(3, 2)}, "wire",
         js(SMS), js({**SMS, "sms_cnt": 3}))
    send = "shop:fake-smtp-psw:17:::79991234567,79991234568:Код 4815".encode("koi8_r")
    case("S02", "OK - 5 SMS for one part to two numbers", "send", {"reply": True}, "line",
         send, send, good_reply=b"OK - 2 SMS, ID - 17", bad_reply=b"OK - 5 SMS, ID - 17")
    case("S03", "error 3 comes with the message id", "smtp-reply", {}, "reply",
         b"ERROR = 3 (Insufficient funds in Customer account), ID - 17",
         b"ERROR = 3 (Insufficient funds in Customer account)")
    # --- multi-status ---
    two = [{**SMS_ALL0, "id": 101, "phone": "79991234567"},
           {**SMS_ALL0, "id": 102, "phone": "79991234568"}]
    multi_url = url(3, phones="79991234567,79991234568", ids="101,102")
    case("M01", "one status for two requested ids", "reply", {"request": multi_url}, "wire",
         js(two), js(two[:1]))
    case("M02", "the second status carries another id", "reply", {"request": multi_url},
         "wire", js(two), js([two[0], {**two[1], "id": 777}]))
    case("M03", "the second status carries another phone", "reply", {"request": multi_url},
         "wire", js(two), js([two[0], {**two[1], "phone": "79990000000"}]))
    # --- charsets ---
    body = js(SMS_ALL0)
    plain = f"{BASE}&phone=79991234567&id=101&fmt=3"
    case("H01", "Content-Type says utf-8 where the request asked for windows-1251",
         "capture", {}, "har",
         har([har_entry(plain, body, "application/json; charset=windows-1251")]),
         har([har_entry(plain, body, "application/json; charset=utf-8")]))
    case("H02", "a byte that is not utf-8", "reply", {"request": url(0)}, "wire",
         kv(SMS_ALL0), kv(SMS_ALL0).replace(b"err = 0", b"err = 0\xff"), fail=["H02", "V01"])
    case("H03", "the message is windows-1251 misread as Latin-1 before the server stored it",
         "reply", {"request": url(3, 2)}, "wire", js(SMS),
         js({**SMS, "message": SMS["message"].encode("cp1251").decode("latin-1")}))
    case("H04", "a mail without charset whose bytes are windows-1251, not the default koi8-r",
         "send", {}, "eml", mail("demo:fake-smtp-psw::::79991234567:Привет, как дела?"
                                 .encode("koi8_r")),
         mail("demo:fake-smtp-psw::::79991234567:Привет, как дела?".encode("cp1251"), None))
    case("H05", "a UTF-8 reply to a request without charset (windows-1251): mojibake",
         "reply", {"request": url(3, 2, charset=None)}, "wire", js(SMS).decode().encode("cp1251"),
         js(SMS))
    # --- canonical form ---
    case("W01", "check_time= without its spaces", "reply", {"request": url(0)}, "wire",
         kv(SMS_ALL0), kv(SMS_ALL0).replace(b"check_time = ", b"check_time="))
    case("W02", "CRLF at the end: a line ending and a trailing newline", "reply",
         {"request": url(0)}, "wire", kv(SMS_ALL0), kv(SMS_ALL0) + b"\r\n",
         fail=["W02", "W02"])
    case("W03", "an attribute on <status>", "reply", {"request": url(2)}, "wire",
         xml(SMS_ALL0), xml(SMS_ALL0).replace(b"<status>", b'<status code="x">'))
    case("W04", "pretty-printed XML: the same value, not the canonical bytes", "reply",
         {"request": url(2)}, "wire", xml(SMS_ALL0),
         xml(SMS_ALL0).replace(b"><", b">\n  <").replace(b"\n  </sms>", b"\n</sms>"))
    # --- requests and sends ---
    case("R01", "two phones and one id", "request", {}, "url", url(3).encode(),
         url(3, phones="79991234567,79991234568").encode())
    case("R02", "tz is no parameter of status.php", "request", {}, "url", url(3).encode(),
         url(3, extra="&tz=3").encode())
    order = quote("заказ-17", encoding="utf-8")
    case("R03", "a text id escaped as UTF-8, and no charset=utf-8", "request", {}, "url",
         url(3, ids=order).encode(), url(3, ids=order, charset=None).encode())
    line = "demo:fake-smtp-psw::::79991234567:Привет"
    case("T01", "the colon before the phones is missing", "send", {}, "line",
         line.encode("koi8_r"), "demo:fake-smtp-psw::::".encode("koi8_r"))
    case("T02", "a recipient in no documented form", "send", {}, "line",
         line.encode("koi8_r"), line.replace("79991234567", "8(999)123-45-67").encode("koi8_r"))
    case("T03", "format 13 is in no table", "send", {}, "line", line.encode("koi8_r"),
         "demo:fake-smtp-psw:::,13:79991234567:Привет".encode("koi8_r"))
    case("T04", "[text] opened and never closed", "send", {}, "eml",
         mail(b"[text]" + line.encode("koi8_r") + b"[/text]"),
         mail(b"[text]" + line.encode("koi8_r")))


def main() -> None:
    build()
    for old in HERE.glob("[A-Z][0-9][0-9].*"):
        old.unlink()
    for c in CASES:
        rule, ext = c["rule"], c["ext"]
        (HERE / f"{rule}.pass.{ext}").write_bytes(c["pass"])
        (HERE / f"{rule}.fail.{ext}").write_bytes(c["fail"])
        if c["pass_reply"] is not None:
            (HERE / f"{rule}.pass.reply").write_bytes(c["pass_reply"])
            (HERE / f"{rule}.fail.reply").write_bytes(c["fail_reply"])
        meta = {"rule": rule, "why": c["why"], "check": c["check"], "options": c["options"],
                "input": ext, "pass": {"deviations": []},
                "fail": {"deviations": c["fail_rules"]}}
        (HERE / f"{rule}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1)
                                           + "\n", "utf-8")


if __name__ == "__main__":
    main()
