"""A planted secret shows up in no display view and no error message."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import unquote_plus

import orjson
import pytest
from hypothesis import given

from fuzz.hostile._measure import exception_texts
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError
from smsc_codec.request import (
    Auth,
    HistoryRequest,
    Request,
    Secret,
    StatusRequest,
    decode_query,
    decode_url,
    encode_form,
    encode_query,
    encode_url,
    reply_layout,
    request_from_json,
    request_to_json,
)
from smsc_codec.testing.strategies.http import requests

PLANTED = "Pl4nted-s3cret-Пароль"


def views(request: Request) -> list[str]:
    """Every way a request is shown to people."""
    return [
        repr(request),
        str(request),
        repr(request.auth),
        str(request.auth),
        f"{request}",
        repr(request.to_params()),
        orjson.dumps(request_to_json(request)).decode(),
        repr(reply_layout(request)),
    ]


def error_texts(error: SmscCodecError) -> list[str]:
    return [str(error), repr(error), repr(error.args), repr(vars(error))]


def assert_hidden(texts: list[str]) -> None:
    for text in texts:
        assert PLANTED not in text
        assert "Pl4nted" not in text  # no part of it either


@pytest.mark.parametrize("auth", [Auth.with_password("alex", PLANTED),
                                  Auth.with_apikey(PLANTED)])
def test_display_views_mask_the_secret(auth: Auth) -> None:
    request = StatusRequest(auth=auth, phones=("79999999999",), ids=("6",), charset="utf-8")
    assert_hidden(views(request))
    assert "***" in repr(request)
    # The opt-in shows it, and the wire carries it: the checks above can fail.
    assert PLANTED in orjson.dumps(request_to_json(request, reveal_secrets=True)).decode()
    assert (auth.psw or auth.apikey, PLANTED) in [
        (Secret(v), PLANTED) for _, v in request.to_params(reveal_secrets=True)]
    assert PLANTED in unquote_plus(encode_query(request), encoding="utf-8")
    assert PLANTED in unquote_plus(encode_url(request), encoding="utf-8")
    assert PLANTED.encode() not in encode_form(request)  # percent-encoded, of course


def _build_with_bad_cnt() -> object:
    return HistoryRequest(auth=Auth.with_password("alex", PLANTED), cnt=1001)


def _unencodable_psw() -> object:
    # koi8-r cannot carry "中": the error names psw and quotes no character of it.
    return HistoryRequest(auth=Auth.with_password("alex", PLANTED + "中"), charset="koi8-r")


def _unencodable_apikey() -> object:
    return HistoryRequest(auth=Auth.with_apikey(PLANTED + "中"))


def _json_of_masked() -> object:
    request = HistoryRequest(auth=Auth.with_password("alex", PLANTED))
    return request_from_json(request_to_json(request) | {"secrets": PLANTED})


def _psw_repeated() -> object:
    return decode_query(f"get_messages=1&login=alex&psw={PLANTED}&psw={PLANTED}")


FAILURES: list[tuple[str, Callable[[], object], str]] = [
    ("model-range", _build_with_bad_cnt, "cnt"),
    ("unencodable-psw", _unencodable_psw, "psw"),
    ("unencodable-apikey", _unencodable_apikey, "apikey"),
    ("masked-json", _json_of_masked, "psw"),
    ("repeated-psw", _psw_repeated, "psw"),
    ("decode-range", lambda: decode_query(
        f"get_messages=1&login=alex&psw={PLANTED}&cnt=1001"), "cnt"),
    ("bad-escape", lambda: decode_query(
        f"get_messages=1&login=alex&psw={PLANTED}%Z1"), "psw"),
    ("bad-escape-apikey", lambda: decode_query(
        f"get_messages=1&apikey=%{PLANTED}"), "apikey"),
    ("not-utf8", lambda: decode_query(
        f"get_messages=1&login=alex&charset=utf-8&psw={PLANTED}%FF"), "psw"),
    ("str-not-in-charset", lambda: decode_query(
        f"get_messages=1&login=alex&charset=koi8-r&psw={PLANTED}中"), "psw"),
    ("not-in-windows-1251", lambda: decode_url(
        f"https://smsc.ru/sys/get.php?get_messages=1&login=alex&psw={PLANTED}%98"), "psw"),
    ("both-ways", lambda: decode_query(
        f"get_messages=1&login=alex&psw={PLANTED}&apikey={PLANTED}"), "apikey"),
]


@pytest.mark.parametrize(("make", "field"), [(m, f) for _, m, f in FAILURES],
                         ids=[name for name, _, _ in FAILURES])
def test_errors_never_quote_the_secret(make: Callable[[], object], field: str) -> None:
    with pytest.raises((EncodeError, DecodeError)) as caught:
        make()
    assert isinstance(caught.value, EncodeError | DecodeError)
    assert caught.value.field == field
    assert_hidden(error_texts(caught.value))
    if isinstance(caught.value, DecodeError):
        assert caught.value.found is None or "Pl4nted" not in repr(caught.value.found)


def test_a_secret_is_opaque() -> None:
    secret = Secret(PLANTED)
    assert_hidden([repr(secret), str(secret), f"{secret}", repr([secret]),
                   repr({"psw": secret})])
    assert secret.reveal() == PLANTED
    assert secret == Secret(PLANTED) and hash(secret) == hash(Secret(PLANTED))
    assert secret != Secret(PLANTED + "!") and secret != PLANTED
    with pytest.raises(AttributeError):
        secret._value = "other"


@pytest.mark.parametrize("copier", [copy.copy, copy.deepcopy, dataclasses.asdict,
                                    lambda r: pickle.loads(pickle.dumps(r))])
def test_requests_copy_with_their_secret(copier: Callable[[Any], Any]) -> None:
    request = StatusRequest(auth=Auth.with_password("alex", PLANTED), phones=("7",), ids=("6",))
    copied = copier(request)
    if isinstance(copied, dict):  # asdict: the Secret is copied, still opaque
        assert copied["auth"]["psw"] == Secret(PLANTED)
        assert_hidden([repr(copied)])
    else:
        assert copied == request


@given(requests)
def test_no_generated_request_shows_its_secret(request: Request) -> None:
    auth = Auth.with_apikey(PLANTED) if request.auth.apikey else Auth.with_password(
        request.auth.login or "alex", PLANTED)
    planted: Any = replace(request, auth=auth, charset="utf-8")
    assert_hidden(views(planted))
    assert decode_query(encode_query(planted)) == planted


@pytest.mark.parametrize("query", [
    "login=u&psw=Pw9Secret%FFZq7&phone=7999&id=5&charset=utf-8",  # bytes not utf-8
    "login=u&psw=Pw9Secret\u4e00Zq7&phone=7999&id=5",  # a character windows-1251 lacks
    "login=u&psw=Pw9SecretZq7&PSW=Pw9Secret%FFZq7&phone=7999&id=5&charset=utf-8",
])
def test_a_decode_error_chains_no_secret(query: str) -> None:
    """The cause kept for a bad secret holds neither its value nor its bytes."""
    with pytest.raises(DecodeError) as info:
        decode_query(query)
    assert info.value.__cause__ is not None  # a cause is still kept
    assert not any("Pw9Secret" in text for text in exception_texts(info.value))


def test_a_second_psw_in_another_case_is_masked_everywhere() -> None:
    """``PSW=`` (no parameter of the table, kept in ``extra``) is masked by the one
    rule every display view applies; the encoder still writes it."""
    request = decode_query("login=u&psw=Pw9SecretZq7&PSW=Pw9SecretZq7&Apikey=Ak4Key"
                           "&phone=79991234567&id=5")
    shown = [repr(request), str(request), repr(request.to_params()),
             orjson.dumps(request_to_json(request)).decode()]
    assert not any("Pw9Secret" in text or "Ak4Key" in text for text in shown)
    assert "Pw9SecretZq7" in encode_query(request) and "Ak4Key" in encode_query(request)
    assert request_from_json(request_to_json(request, reveal_secrets=True)) == request
