"""From a request to the layout of its reply."""

from __future__ import annotations

from typing import Any

from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.request._models import DeleteRequest, HistoryRequest, Request, request_charset
from smsc_codec.request._params import RequestKind, server_default
from smsc_codec.shape import HISTORY_LEVEL, ReplyShape

#: What a request says about its reply is a :class:`~smsc_codec.shape.ReplyShape`
#: (the name before 0.2, kept as an alias).
ReplyLayout = ReplyShape


def reply_layout(request: Request, /, *, kind: RecordKind | None = None) -> ReplyShape:
    """The :class:`~smsc_codec.shape.ReplyShape` of the reply to *request* (*kind* pins
    SMS vs HLR): the server's defaults filled in.

    ``multi`` is true for several ids, or for one id with ``keep_multi_format`` (the
    documented trailing comma); a history reply is always a list.
    """
    fmt = request.fmt if request.fmt is not None else server_default(request.kind, "fmt")
    charset = request_charset(request)
    if isinstance(request, HistoryRequest):
        return ReplyShape(endpoint=Endpoint.HISTORY, fmt=fmt, all=HISTORY_LEVEL,
                          charset=charset, multi=True, kind=kind)
    multi = len(request.ids) > 1 or request.keep_multi_format
    if isinstance(request, DeleteRequest):
        # all is not a delete parameter; the reply is OK whatever the detail level.
        return ReplyShape(endpoint=Endpoint.STATUS, fmt=fmt,
                          all=server_default(RequestKind.STATUS, "all"), charset=charset,
                          multi=multi, kind=kind, delete=True)
    level = request.all if request.all is not None else server_default(request.kind, "all")
    return ReplyShape(endpoint=Endpoint.STATUS, fmt=fmt, all=level, charset=charset,
                      multi=multi, kind=kind)


def reply_layout_to_json(layout: ReplyShape, /) -> dict[str, Any]:
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
