"""A small example SMSC client (sync and async) for the fake server's fixtures."""

from __future__ import annotations

import asyncio
import urllib.parse
import urllib.request

import httpx

from smsc_codec import StatusRecord, decode_reply_to, decode_request


def _query(login: str, psw: str, phone: str, id: str) -> str:
    """The status request of one message, in fmt=3 all=2 utf-8."""
    return urllib.parse.urlencode({"login": login, "psw": psw, "phone": phone, "id": id,
                                   "fmt": 3, "all": 2, "charset": "utf-8"})


def _record(query: str, body: bytes) -> StatusRecord:
    decoded = decode_reply_to(decode_request(query), body)
    if not isinstance(decoded, StatusRecord):
        raise RuntimeError(f"SMSC answered {decoded!r}")
    return decoded


def status(base: str, login: str, psw: str, phone: str, id: str) -> StatusRecord:
    """The status of one message (urllib; *base* is ``https://smsc.ru/sys/``)."""
    query = _query(login, psw, phone, id)
    with urllib.request.urlopen(base + "status.php?" + query) as reply:
        return _record(query, reply.read())


async def status_async(base: str, login: str, psw: str, phone: str, id: str) -> StatusRecord:
    """The same without blocking the event loop."""
    return await asyncio.to_thread(status, base, login, psw, phone, id)


async def status_httpx(client: httpx.AsyncClient, login: str, psw: str, phone: str,
                       id: str) -> StatusRecord:
    """The same on an ``httpx.AsyncClient`` whose ``base_url`` is the API's host."""
    query = _query(login, psw, phone, id)
    reply = await client.get("/sys/status.php?" + query)
    reply.raise_for_status()
    return _record(query, reply.content)
