"""Reading a long history reply record by record in an asyncio program (httpx).

Guide: docs/guides/streaming.md.  :func:`~smsc_codec.aiter_history` takes the body as
an async iterable of byte chunks -- here ``httpx``' ``response.aiter_bytes()`` -- and
yields each record once it is complete; nothing in the codec imports asyncio.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx

from examples.streaming import ServerError
from smsc_codec import (
    Auth,
    ErrorReply,
    HistoryRequest,
    StatusRecord,
    aiter_history,
    encode_form,
    reply_layout,
)


async def history(client: httpx.AsyncClient, base: str, auth: Auth,
                  phone: str) -> AsyncIterator[StatusRecord]:
    """The history of *phone*, one record at a time, as the body arrives.  An error
    reply raises :class:`~examples.streaming.ServerError`."""
    request = HistoryRequest(auth=auth, phones=(phone,), fmt=3, cnt=1000, charset="utf-8")
    layout = reply_layout(request)  # the reply's fmt and charset, from the request
    async with client.stream(
            "POST", base + "get.php", content=encode_form(request),
            headers={"Content-Type": "application/x-www-form-urlencoded"}) as response:
        response.raise_for_status()
        stream = aiter_history(response.aiter_bytes(), fmt=layout.fmt,
                               charset=layout.charset)
        async for record in stream:
            yield record
        if isinstance(stream.reply, ErrorReply):
            raise ServerError(stream.reply)
