"""From a request to the layout of its reply."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smsc_codec.charset import Charset
from smsc_codec.errors import EncodeError, shorten
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.request._models import (
    DeleteRequest,
    HistoryRequest,
    Request,
    check_value,
    request_charset,
)
from smsc_codec.request._params import TABLE, RequestKind, server_default


@dataclass(frozen=True, slots=True, kw_only=True)
class ReplyLayout:
    """Everything a request says about how to decode its reply.

    ``endpoint``, ``fmt``, ``all``, ``charset`` and ``multi`` are what the reply
    decoders take (``decode_reply(body, endpoint=..., fmt=..., all=..., charset=...,
    kind=..., multi=...)``), with the server's defaults filled in.  History replies
    have one detail level, recorded as ``all=2`` as in the layout table, and are
    always lists (``multi=True``).  ``delete`` says the reply is the ``OK`` of
    ``del=1`` (or an error), not a status.

    ``kind`` is ``None`` unless the caller pins it: a status request names a message
    by phone and id and cannot say whether that message was an SMS (or e-mail) or an
    HLR query.  The reply decoder settles it from the reply itself -- the HLR-only
    fields (``imsi``, ``msc``, ``mcc``, ``mnc``, ``cn``, ``net``, ``rcn``, ``rnet``)
    in ``fmt`` 0/2/3, the field count in ``fmt=1`` -- and a caller who knows (it sent
    the HLR query itself) may pin it with ``reply_layout(request, kind=...)``.
    """

    endpoint: Endpoint
    fmt: int
    all: int
    charset: Charset
    multi: bool
    kind: RecordKind | None = None
    delete: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.endpoint, Endpoint):
            raise EncodeError(f"expected an Endpoint, found {shorten(self.endpoint)}",
                              field="endpoint")
        status_table = TABLE[RequestKind.STATUS]
        for name in ("fmt", "all", "charset"):
            check_value(status_table[name], getattr(self, name))
        for name in ("multi", "delete"):
            if type(getattr(self, name)) is not bool:
                raise EncodeError("expected a bool", field=name)
        if self.kind is not None and not isinstance(self.kind, RecordKind):
            raise EncodeError(f"expected a RecordKind or None, found {shorten(self.kind)}",
                              field="kind")
        if self.endpoint is Endpoint.HISTORY:
            # The history reply: "a list of sent SMS messages", one layout, SMS fields.
            if self.all != 2 or not self.multi or self.delete:
                raise EncodeError("a history reply is a list at all=2, never a delete",
                                  field="all" if self.all != 2 else
                                  "multi" if not self.multi else "delete")
            if self.kind is RecordKind.HLR:
                raise EncodeError("history records have the SMS layout only", field="kind")


def reply_layout(request: Request, /, *, kind: RecordKind | None = None) -> ReplyLayout:
    """The :class:`ReplyLayout` of the reply to *request* (*kind* pins SMS vs HLR).

    ``multi`` is true for several ids, or for one id with ``keep_multi_format`` (the
    documented trailing comma); a history reply is always a list.
    """
    fmt = request.fmt if request.fmt is not None else server_default(request.kind, "fmt")
    charset = request_charset(request)
    if isinstance(request, HistoryRequest):
        return ReplyLayout(endpoint=Endpoint.HISTORY, fmt=fmt, all=2, charset=charset,
                           multi=True, kind=kind)
    multi = len(request.ids) > 1 or request.keep_multi_format
    if isinstance(request, DeleteRequest):
        # all is not a delete parameter; the reply is OK whatever the detail level.
        return ReplyLayout(endpoint=Endpoint.STATUS, fmt=fmt,
                           all=server_default(RequestKind.STATUS, "all"), charset=charset,
                           multi=multi, kind=kind, delete=True)
    level = request.all if request.all is not None else server_default(request.kind, "all")
    return ReplyLayout(endpoint=Endpoint.STATUS, fmt=fmt, all=level, charset=charset,
                       multi=multi, kind=kind)


def reply_layout_to_json(layout: ReplyLayout, /) -> dict[str, Any]:
    """The JSON object of *layout* (``kind`` is ``null`` when the reply must tell)."""
    return {
        "endpoint": layout.endpoint.value,
        "delete": layout.delete,
        "fmt": layout.fmt,
        "all": layout.all,
        "charset": layout.charset,
        "multi": layout.multi,
        "kind": None if layout.kind is None else layout.kind.value,
    }
