"""A planted secret (psw, apikey) never shows: not in repr, str, JSON views,
exception messages (the whole cause chain), warnings, logs or CLI output -- on the
success paths and on the error paths.  Only an explicit reveal shows it."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Callable, Iterator
from contextlib import redirect_stderr, suppress
from typing import Any

import pytest

from smsc_codec import STRICT, smtp
from smsc_codec.cli import run
from smsc_codec.request import (
    Auth,
    HistoryRequest,
    Secret,
    StatusRequest,
    decode_request,
    request_to_json,
)

SECRET = "Zq7-planted-S3cret"
BASE = "https://smsc.ru/sys/"


def exception_texts(exc: BaseException) -> Iterator[str]:
    """Everything an exception (and its causes) would print or carry."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield str(current)
        yield repr(current)
        yield repr(current.args)
        yield repr(vars(current)) if hasattr(current, "__dict__") else ""
        current = current.__cause__ or current.__context__


def assert_clean(*texts: str) -> None:
    for text in texts:
        assert SECRET not in text
        assert SECRET.encode().hex() not in text


@pytest.fixture(autouse=True)
def _watch_logs_and_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    caplog.set_level(logging.DEBUG)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    assert_clean(*(str(w.message) for w in caught), caplog.text)


# --- values --------------------------------------------------------------------

def test_request_models_mask_both_secrets() -> None:
    for auth in (Auth(login="alex", psw=Secret(SECRET)), Auth(apikey=Secret(SECRET))):
        request = StatusRequest(auth=auth, phones=("7",), ids=("1",))
        history = HistoryRequest(auth=auth, cnt=10)
        for value in (auth, request, history):
            assert_clean(repr(value), str(value), repr(request_to_json(value))
                         if not isinstance(value, Auth) else "")
    assert SECRET in repr(request_to_json(request, reveal_secrets=True))


def test_send_requests_mask_the_password() -> None:
    for line in (f"alex:{SECRET}::::79999999999:hi", f":{SECRET}::::79999999999:hi"):
        value = smtp.decode_line(line)
        assert_clean(repr(value), str(value), repr(smtp.to_json(value)))
        mail = smtp.decode_send_mail(smtp.encode_send_mail(smtp.SendMail(request=value)))
        assert_clean(repr(mail), str(mail), repr(smtp.to_json(mail)))


# --- error paths ------------------------------------------------------------------

BAD_REQUESTS = [
    f"{BASE}status.php?login=a&psw={SECRET}&phone=7&id=1&fmt=9",
    f"{BASE}status.php?login=a&psw={SECRET}&psw={SECRET}&phone=7&id=1",
    f"{BASE}status.php?login=a&psw={SECRET}%ZZ&phone=7&id=1",
    f"{BASE}status.php?login=a&psw={SECRET}&apikey={SECRET}&phone=7&id=1",
    f"{BASE}get.php?get_messages=1&apikey={SECRET}&cnt=1001",
    f"{BASE}get.php?get_messages=1&apikey={SECRET}&start=31.02.2026",
    f"{BASE}status.php?login=a&psw={SECRET}&phone=7,8&id=1",
    f"{BASE}nope.php?login=a&psw={SECRET}",
]


@pytest.mark.parametrize("url", BAD_REQUESTS)
def test_request_decode_errors_never_quote_the_secret(url: str) -> None:
    for data in (url, url.split("?", 1)[1], url.split("?", 1)[1].encode("cp1251")):
        with pytest.raises(ValueError) as info:
            decode_request(data)
        assert_clean(*exception_texts(info.value))


def test_building_a_bad_request_never_quotes_the_secret() -> None:
    bad: list[Callable[[], Any]] = [
        lambda: HistoryRequest(auth=Auth(login="a", psw=Secret(SECRET)), cnt=1001),
        lambda: Auth(login="a", psw=Secret(SECRET), apikey=Secret(SECRET)),
        lambda: StatusRequest(auth=Auth(apikey=Secret(SECRET)), phones=("7",), ids=()),
    ]
    for build in bad:
        with pytest.raises(ValueError) as info:
            build()
        assert_clean(*exception_texts(info.value))


BAD_LINES = [
    f"alex:{SECRET}:bad id!::::79999999999:hi",
    f"alex:{SECRET}::99999999999:::79999999999:hi",
    f"alex:{SECRET}:::1,9,TooLongSenderName,1:79999999999:hi",
    f"alex:{SECRET}::::79999999999:" + "m" * 1001,
    f"alex:{SECRET}",
]


@pytest.mark.parametrize("line", BAD_LINES)
def test_send_line_errors_never_quote_the_secret(line: str) -> None:
    with pytest.raises(ValueError) as info:
        smtp.decode_line(line, policy=STRICT)
    assert_clean(*exception_texts(info.value))


# --- the command line -------------------------------------------------------------

def cli(argv: list[str], data: bytes = b"") -> str:
    out, err = io.BytesIO(), io.StringIO()
    with redirect_stderr(err), suppress(SystemExit):  # SystemExit: argparse usage errors
        run(argv, stdin=io.BytesIO(data), stdout=out)
    return out.getvalue().decode("utf-8", "replace") + err.getvalue()


@pytest.mark.parametrize("url", [*BAD_REQUESTS,
                                 f"{BASE}status.php?login=a&psw={SECRET}&phone=7,&id=1,&fmt=3"])
def test_cli_request_and_decode_request_never_print_the_secret(url: str) -> None:
    assert_clean(cli(["request", url]))
    assert_clean(cli(["decode", "--request", url], b'[{"status":-3,"id":1,"phone":"7"}]'))
    assert_clean(cli(["decode", "--request", url], b"garbage"))


@pytest.mark.parametrize("line", [f"alex:{SECRET}::::79999999999:hi", *BAD_LINES])
def test_cli_smtp_never_prints_the_secret(line: str) -> None:
    assert_clean(cli(["decode", "--endpoint", "smtp-send"], line.encode()))
    assert_clean(cli(["decode", "--endpoint", "smtp-send", "--strict"], line.encode()))


def test_cli_reveals_only_when_asked() -> None:
    line = f"alex:{SECRET}::::79999999999:hi".encode()
    assert SECRET in cli(["decode", "--endpoint", "smtp-send", "--reveal-secrets"], line)
