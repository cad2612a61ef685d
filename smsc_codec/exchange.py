"""A request and its reply: decode a reply exactly as its request shapes it.

A captured request fixes everything about its reply but one thing: ``fmt``, ``all``,
``charset``, multi-ness and the endpoint come from :func:`reply_layout`; whether the
message was an SMS/e-mail or an HLR query the reply itself tells (the caller may pin
it).  This module is the one place that joins the request side to the reply codecs.
"""

from __future__ import annotations

from smsc_codec.errors import EncodeError
from smsc_codec.layouts import RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply
from smsc_codec.policy import LENIENT, Policy
from smsc_codec.request import ReplyLayout, Request, reply_layout
from smsc_codec.status import decode_delete, decode_shaped, encode_delete, encode_reply

__all__ = ["decode_reply_to", "encode_reply_to"]


def _layout(request: Request | ReplyLayout, kind: RecordKind | str | None) -> ReplyLayout:
    if isinstance(request, ReplyLayout):
        return request
    return reply_layout(request, kind=None if kind is None else RecordKind(kind))


def decode_reply_to(
    request: Request | ReplyLayout,
    data: bytes | str,
    /,
    *,
    kind: RecordKind | str | None = None,
    policy: Policy = LENIENT,
) -> Reply:
    """Decode *data*, the reply to *request* (a decoded request or its layout)."""
    layout = _layout(request, kind)
    if layout.delete:
        return decode_delete(data, fmt=layout.fmt, charset=layout.charset, policy=policy)
    return decode_shaped(data, layout, policy)


def encode_reply_to(request: Request | ReplyLayout, reply: Reply, /, *,
                    lossy: bool = False) -> bytes:
    """The bytes a server writes for *reply* to *request*.

    Fields the request's layout cannot carry (an ``all=2`` record answered at
    ``all=0``) raise :class:`EncodeError` unless *lossy* is set; then they are
    dropped, as a server answering a less detailed request does.
    """
    layout = _layout(request, None)
    if layout.delete:
        if not isinstance(reply, DeleteOk | ErrorReply):
            raise EncodeError("a delete request is answered by OK or an error", field="reply")
        return encode_delete(reply, fmt=layout.fmt, charset=layout.charset)
    return encode_reply(reply, endpoint=layout.endpoint, fmt=layout.fmt, all=layout.all,
                        charset=layout.charset, lossy=lossy)
