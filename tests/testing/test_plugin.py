"""The pytest plugin's fixtures, used as a client's suite would (issue 13)."""

from __future__ import annotations

import smtplib
import sys
import urllib.request

import pytest
import requests

from smsc_codec import StatusRecord, decode_reply_to, decode_request
from smsc_codec.errors import UsageError
from smsc_codec.smtp import SendOk, decode_reply_mail
from smsc_codec.testing import Account, FakeSmsc
from tests.testing.matrix import SLICE, Case, check
from tests.testing.test_core import HLR, SMS


def test_the_live_fixture_serves_the_core_fixture(smsc_fake: FakeSmsc, smsc_server: str) -> None:
    smsc_fake.add(SMS)
    query = f"apikey=demo-key&phone={SMS.phone}&id={SMS.id}&fmt=2&all=2&charset=koi8-r"
    with urllib.request.urlopen(smsc_server + "status.php?" + query) as reply:
        decoded = decode_reply_to(decode_request(query), reply.read())
    assert isinstance(decoded, StatusRecord) and decoded.status == SMS.status
    assert [seen.path for seen in smsc_fake.log] == ["/sys/status.php"]


@pytest.mark.parametrize("case", SLICE, ids=[c.id for c in SLICE])
def test_requests_against_the_live_fixture(smsc_fake: FakeSmsc, smsc_server: str,
                                           case: Case) -> None:
    """``requests`` over 127.0.0.1 against ``smsc_server``: the matrix's slice (the
    full matrix runs in memory, test_matrix.py), GET and a form POST."""
    smsc_fake.accounts[0] = Account("demo", "secret", ("K1",))
    smsc_fake.add(SMS)
    smsc_fake.add(HLR)
    url = smsc_server.removesuffix("/sys/") + case.path
    with requests.Session() as session:
        got = session.get(url + "?" + case.query, timeout=60)
        posted = session.post(url, data=case.query.encode("ascii"), timeout=60,
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert (got.status_code, posted.content) == (200, got.content)
    check(case, got.content)
    assert [(s.method, s.deviations) for s in smsc_fake.log] == [("GET", ()), ("POST", ())]


def test_the_smtp_fixture_mails_back_into_the_outbox(smsc_fake: FakeSmsc,
                                                     smsc_smtp: tuple[str, int]) -> None:
    line = "demo:secret:::,,,1:79991234567:Hello"
    mail = (b"From: shop@example.com\r\nContent-Type: text/plain; charset=utf-8\r\n"
            b"Content-Transfer-Encoding: 8bit\r\n\r\n" + line.encode() + b"\r\n")
    with smtplib.SMTP(*smsc_smtp, local_hostname="localhost") as client:
        client.sendmail("shop@example.com", ["send@send.smscentre.com"], mail)
    assert [(out.to, decode_reply_mail(out.data).reply) for out in smsc_fake.outbox] == [
        ("shop@example.com", SendOk(cnt=1, id=1))]


def test_the_smtp_fixture_without_aiosmtpd_says_what_to_install(
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes the import fail as if the package were not installed.
    for name in ("aiosmtpd", "aiosmtpd.smtp", "smsc_codec.testing.smtp"):
        monkeypatch.setitem(sys.modules, name, None)
    with pytest.raises(UsageError) as caught:
        request.getfixturevalue("smsc_smtp")
    assert str(caught.value) == ("the smsc_smtp fixture needs aiosmtpd: pip install "
                                 "'smsc_codec[testing]'")
