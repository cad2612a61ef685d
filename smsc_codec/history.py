"""The history endpoint (``get.php?get_messages=1``): lists of sent messages.

The same layout table, models and wire modules as the status endpoint; only the
rows differ (history page, "If the request is successful ... when fmt = 0..3").  A
history reply is always a list -- zero, one or many records -- and its errors come
from the endpoint's own table (:class:`~smsc_codec.codes.HistoryApiError`, where 3
means "message not found").
"""

from __future__ import annotations

from smsc_codec.charset import DEFAULT_CHARSET
from smsc_codec.errors import DecodeError
from smsc_codec.layouts import Endpoint
from smsc_codec.models import ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.policy import LENIENT, Policy
from smsc_codec.shape import HISTORY_LEVEL, reply_shape
from smsc_codec.status import decode_shaped, encode_reply

__all__ = ["decode_history", "encode_history", "history_list"]


def decode_history(
    data: bytes | str,
    /,
    *,
    fmt: int,
    charset: str = DEFAULT_CHARSET,
    policy: Policy = LENIENT,
) -> StatusList | ErrorReply:
    """Decode a ``get.php?get_messages=1`` reply: a :class:`StatusList` or an error."""
    shape = reply_shape(endpoint=Endpoint.HISTORY, fmt=fmt, all=HISTORY_LEVEL, charset=charset)
    return history_list(decode_shaped(data, shape, policy))


def history_list(reply: Reply) -> StatusList | ErrorReply:
    """A decoded history reply as the endpoint has it: a lone ``<sms>`` or object is a
    list of one; a delete reply is no history reply."""
    if isinstance(reply, StatusRecord):
        return StatusList(records=(reply,))
    if not isinstance(reply, StatusList | ErrorReply):
        raise DecodeError("not a history reply", kind="wrong-endpoint")
    return reply


def encode_history(
    reply: StatusList | ErrorReply,
    /,
    *,
    fmt: int,
    charset: str = DEFAULT_CHARSET,
    lossy: bool = False,
) -> bytes:
    """Encode a history reply exactly as the server writes it."""
    # An HLR record is refused by encode_reply (no HLR history layout).
    return encode_reply(reply, endpoint=Endpoint.HISTORY, fmt=fmt, all=HISTORY_LEVEL,
                        charset=charset, lossy=lossy)
