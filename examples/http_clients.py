"""Decoding SMSC replies fetched with requests, httpx and aiohttp.

Guide: docs/guides/http-clients.md.  The codec does no I/O, so every client is the
same two calls around its own request: build the request as a value (its URL or
form body comes from :func:`~smsc_codec.encode_url` / :func:`~smsc_codec.encode_form`),
send it, and hand the reply's *bytes* to :func:`~smsc_codec.decode_reply_to` with
that same value -- it knows the reply's ``fmt``, ``all`` and charset from it.

examples/test_http_clients.py runs each one against the fake SMSC of
:mod:`smsc_codec.testing`, live on 127.0.0.1 (the ``smsc_server`` fixture).
"""

from __future__ import annotations

import aiohttp
import httpx
import requests

from smsc_codec import (
    Auth,
    ErrorReply,
    HistoryRequest,
    StatusList,
    StatusRecord,
    StatusRequest,
    decode_reply_to,
    encode_form,
    encode_url,
)

#: Seconds before a client gives up on the server.
TIMEOUT = 10
#: The form body's type, for the POST requests.
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


class SmscError(Exception):
    """The server answered with an error reply (``ERROR = 2 (...)`` and the like)."""

    def __init__(self, reply: ErrorReply) -> None:
        super().__init__(f"SMSC error {reply.code}: {reply.description}")
        self.reply = reply


def status_request(auth: Auth, phone: str, id: str) -> StatusRequest:
    """The status of one message, asked in fmt=3 (JSON) at all=2, in utf-8."""
    return StatusRequest(auth=auth, phones=(phone,), ids=(id,), fmt=3, all=2,
                         charset="utf-8")


def read_status(request: StatusRequest, body: bytes) -> StatusRecord:
    """The record of *body*, the reply to *request*; an error reply raises."""
    reply = decode_reply_to(request, body)
    if isinstance(reply, ErrorReply):
        raise SmscError(reply)
    assert isinstance(reply, StatusRecord)  # one phone, one id: one record
    return reply


def status_with_requests(base: str, auth: Auth, phone: str, id: str) -> StatusRecord:
    request = status_request(auth, phone, id)
    response = requests.get(encode_url(request, base=base), timeout=TIMEOUT)
    response.raise_for_status()
    return read_status(request, response.content)  # .content: bytes, not .text


def history_with_requests(base: str, auth: Auth, phone: str) -> tuple[StatusRecord, ...]:
    """The history of one phone, POSTed as a form (the password stays out of URLs)."""
    request = HistoryRequest(auth=auth, phones=(phone,), fmt=3, charset="utf-8")
    response = requests.post(base + "get.php", data=encode_form(request), headers=FORM,
                             timeout=TIMEOUT)
    response.raise_for_status()
    reply = decode_reply_to(request, response.content)
    if isinstance(reply, ErrorReply):
        raise SmscError(reply)
    assert isinstance(reply, StatusList)
    return reply.records


def status_with_httpx(base: str, auth: Auth, phone: str, id: str) -> StatusRecord:
    request = status_request(auth, phone, id)
    with httpx.Client(timeout=TIMEOUT) as client:
        response = client.get(encode_url(request, base=base))
        response.raise_for_status()
    return read_status(request, response.content)


async def status_with_httpx_async(base: str, auth: Auth, phone: str, id: str
                                  ) -> StatusRecord:
    request = status_request(auth, phone, id)
    async with httpx.AsyncClient(timeout=TIMEOUT) as client:
        response = await client.post(base + "status.php", content=encode_form(request),
                                     headers=FORM)
        response.raise_for_status()
    return read_status(request, response.content)


async def status_with_aiohttp(base: str, auth: Auth, phone: str, id: str) -> StatusRecord:
    request = status_request(auth, phone, id)
    timeout = aiohttp.ClientTimeout(total=TIMEOUT)
    async with aiohttp.ClientSession(timeout=timeout) as session, \
            session.get(encode_url(request, base=base)) as response:
        response.raise_for_status()
        body = await response.read()
    return read_status(request, body)
