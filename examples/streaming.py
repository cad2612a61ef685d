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
    HistoryRequest,
    StatusRecord,
    encode_form,
    iter_history,
    reply_layout,
)

#: Bytes asked of the socket at a time (any size works: records may span chunks).
CHUNK_BYTES = 4096


def history(base: str, auth: Auth, phone: str) -> Iterator[StatusRecord]:
    """The history of *phone*, one record at a time.  An error reply raises
    :class:`~smsc_codec.ErrorReplyError` (its ``.reply`` is the decoded error)."""
    request = HistoryRequest(auth=auth, phones=(phone,), fmt=3, cnt=1000, charset="utf-8")
    layout = reply_layout(request)  # the reply's fmt and charset, from the request
    with requests.post(base + "get.php", data=encode_form(request), stream=True, timeout=10,
                       headers={"Content-Type": "application/x-www-form-urlencoded"}
                       ) as response:
        response.raise_for_status()
        chunks = response.iter_content(CHUNK_BYTES)
        yield from iter_history(chunks, fmt=layout.fmt, charset=layout.charset)
