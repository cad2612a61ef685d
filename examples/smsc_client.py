"""A small example SMSC client (sync and async) for the fake server's fixtures."""

from __future__ import annotations

import asyncio
import urllib.parse
import urllib.request

from smsc_codec import StatusRecord, decode_reply_to, decode_request


def status(base: str, login: str, psw: str, phone: str, id: str) -> StatusRecord:
    """The status of one message, asked in fmt=3 all=2 utf-8."""
    query = urllib.parse.urlencode({"login": login, "psw": psw, "phone": phone, "id": id,
                                    "fmt": 3, "all": 2, "charset": "utf-8"})
    with urllib.request.urlopen(base + "status.php?" + query) as reply:
        decoded = decode_reply_to(decode_request(query), reply.read())
    if not isinstance(decoded, StatusRecord):
        raise RuntimeError(f"SMSC answered {decoded!r}")
    return decoded


async def status_async(base: str, login: str, psw: str, phone: str, id: str) -> StatusRecord:
    """The same without blocking the event loop."""
    return await asyncio.to_thread(status, base, login, psw, phone, id)
