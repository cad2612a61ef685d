"""The fake's SMTP side: the core's replies, and smtplib -> aiosmtpd on 127.0.0.1."""

from __future__ import annotations

import smtplib

from smsc_codec.codes import SendError
from smsc_codec.smtp import SendErrorReply, SendOk, decode_reply_mail
from smsc_codec.testing import Account, FakeSmsc, OutgoingMail
from smsc_codec.testing.smtp import serve_smtp

#: 95 characters with Cyrillic: UCS-2, over 70, so parts of 67 -> 2 SMS (page 004:
#: "the maximum length becomes 67 for Cyrillic").
TEXT = ("Привет, " * 12).rstrip()
TWO = "79991234567,79991234568"


def mail(line: str, charset: str = "koi8-r", sender: str = "shop@example.com") -> bytes:
    """A send e-mail as a mail client writes it (CRLF, as SMTP carries it)."""
    head = (f"From: {sender}\r\nTo: send@send.smscentre.com\r\nSubject: sms\r\n"
            f'Content-Type: text/plain; charset="{charset}"\r\n'
            "Content-Transfer-Encoding: 8bit\r\nMIME-Version: 1.0\r\n\r\n")
    return head.encode("ascii") + line.encode(charset) + b"\r\n"


def fake() -> FakeSmsc:
    return FakeSmsc(accounts=[Account("demo", "secret")])


def reply_of(out: OutgoingMail | None) -> object:
    assert out is not None
    return decode_reply_mail(out.data).reply


def test_smtplib_through_aiosmtpd_gets_ok_with_the_counted_sms() -> None:
    server = fake()
    with serve_smtp(server) as (host, port), \
            smtplib.SMTP(host, port, local_hostname="localhost") as client:
        client.sendmail("client@example.com", ["send@send.smscentre.com"],
                        mail(f"demo:secret:::,,,1:{TWO}:{TEXT}"))
    assert [out.to for out in server.outbox] == ["client@example.com"]
    assert reply_of(server.outbox[0]) == SendOk(cnt=4, id=1)
    seen = server.sends[0]
    assert (seen.mail_from, seen.rules, seen.mailed) == ("client@example.com", (), True)
    assert seen.request is not None and seen.request.mes == TEXT


def test_test_0_answers_errors_only() -> None:
    server = fake()
    assert server.handle_mail(mail(f"demo:secret:::,,,:{TWO}:hi")) is None
    assert server.sends[-1].reply == SendOk(cnt=2, id=1) and server.outbox == []
    wrong = server.handle_mail(mail(f"demo:nope:::,,,:{TWO}:hi"))
    assert reply_of(wrong) == SendErrorReply.of(SendError.AUTHORIZATION)
    # The reply goes to the From header's address when no MAIL FROM was given.
    assert wrong is not None and wrong.to == "shop@example.com"


def test_ids_are_the_clients_or_assigned_in_order() -> None:
    server = fake()
    for line in (f"demo:secret:77::,,,1:{TWO}:hi", f"demo:secret:::,,,1:{TWO}:hi",
                 f"demo:secret:::,,,1:{TWO}:hi"):
        server.handle_mail(mail(line, "utf-8"))
    assert [reply_of(out) for out in server.outbox] == [
        SendOk(cnt=2, id=77), SendOk(cnt=2, id=1), SendOk(cnt=2, id=2)]


def test_a_bad_line_and_a_bad_recipient() -> None:
    server = fake()
    bad = server.handle_mail(mail("demo:secret::,,,,1:79991234567:hi"), mail_from="a@b.ru")
    assert reply_of(bad) == SendErrorReply.of(SendError.PARAMETERS)
    assert server.sends[-1].rules == ("T01",) and server.sends[-1].error is not None
    raw = server.handle_mail(mail("demo:secret:5::,,,:8(999)123-45-67:hi"))
    assert reply_of(raw) == SendErrorReply.of(SendError.INVALID_NUMBER, id=5)
    assert server.sends[-1].rules == ("T02",)


def test_a_third_identical_send_within_a_minute_is_error_9() -> None:
    now = [0.0]
    server = FakeSmsc(accounts=[Account("demo", "secret")], clock=lambda: now[0],
                      rate_limit=True)
    line = f"demo:secret:::,,,1:{TWO}:hi"
    for _ in range(3):
        server.handle_mail(mail(line))
    server.handle_mail(mail(line.replace("hi", "hello")))  # another request
    now[0] = 60.0
    server.handle_mail(mail(line))
    assert [reply_of(out) for out in server.outbox] == [
        SendOk(cnt=2, id=1), SendOk(cnt=2, id=2),
        SendErrorReply.of(SendError.DUPLICATE_REQUEST), SendOk(cnt=2, id=3),
        SendOk(cnt=2, id=4)]
