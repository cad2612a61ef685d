"""Reading a long history reply record by record, as it arrives (requests, sync).

Guide: docs/guides/streaming.md.  :func:`~smsc_codec.iter_history` takes the body
as an iterable of byte chunks -- here ``requests``' ``iter_content`` -- and yields
each record once it is complete, so memory holds one record, not the list.
"""

from __future__ import annotations

from collections.abc import Iterator

import requests

from smsc_codec import (
    Auth,
    ErrorReply,
    HistoryRequest,
    StatusRecord,
    encode_form,
    iter_history,
    reply_layout,
)

#: Bytes asked of the socket at a time (any size works: records may span chunks).
CHUNK_BYTES = 4096


class ServerError(Exception):
    """The server answered with an error reply (``.reply``) instead of records."""

    def __init__(self, reply: ErrorReply) -> None:
        super().__init__(f"SMSC error {reply.code}")
        self.reply = reply


def history(base: str, auth: Auth, phone: str) -> Iterator[StatusRecord]:
    """The history of *phone*, one record at a time.  An error reply is a value for
    the decoder (it yields no records; the stream's ``.reply`` holds it): this client
    raises :class:`ServerError` for it."""
    request = HistoryRequest(auth=auth, phones=(phone,), fmt=3, cnt=1000, charset="utf-8")
    layout = reply_layout(request)  # the reply's fmt and charset, from the request
    with requests.post(base + "get.php", data=encode_form(request), stream=True, timeout=10,
                       headers={"Content-Type": "application/x-www-form-urlencoded"}
                       ) as response:
        response.raise_for_status()
        chunks = response.iter_content(CHUNK_BYTES)
        stream = iter_history(chunks, fmt=layout.fmt, charset=layout.charset)
        yield from stream
        if isinstance(stream.reply, ErrorReply):
            raise ServerError(stream.reply)
