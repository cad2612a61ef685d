"""Requests to ``status.php`` and ``get.php?get_messages=1``: models and their wire forms.

This package owns the client side of the two endpoints: typed, frozen models of the
three requests (status, delete, history), their query strings and form bodies, and
the one thing the reply codec needs from a request, :func:`reply_layout`.

``_values`` (value codecs, :class:`Secret`) -> ``_params`` (the table) -> ``_models``
(validated models) -> ``_wire`` (query strings, bodies, URLs), ``_json`` (the
canonical JSON view), ``_layout`` (the reply layout).  Only this module is public.

Strategy: one table, :data:`PARAMS`, lists every parameter the three requests take
(wire name, codec, server default, which requests, the vendor's words), in the one
order the encoder writes them.  Encoding walks it, decoding looks names up in it,
and the models check each value with its row's codec on construction, so a model
that exists can always be encoded.  The rules that tie two parameters together
(``phone``/``id`` pairing, the six-month period, exactly one way to authenticate)
are the only hand-written checks, one short function each.

The wire grammar is ``application/x-www-form-urlencoded``, read as PHP reads it:
``&``-separated ``name=value`` pairs, ``+`` is a space, ``%XX`` is a byte of the
request's ``charset`` (windows-1251 unless the request says otherwise).  The
decisions the vendor leaves open are written up in ``spec/requests.md``.

Secrets: ``psw`` and ``apikey`` are :class:`Secret` values.  Their ``repr``/``str``
is ``***``, no error message quotes them, and every display view (``to_params()``,
:func:`request_to_json`) masks them unless called with ``reveal_secrets=True``.
"""

from smsc_codec.request._json import request_from_json, request_to_json
from smsc_codec.request._layout import ReplyLayout, reply_layout, reply_layout_to_json
from smsc_codec.request._models import (
    Auth,
    DeleteRequest,
    HistoryRequest,
    Request,
    StatusRequest,
)
from smsc_codec.request._params import MAX_CNT, MAX_ID_LENGTH, PARAMS, Param, RequestKind
from smsc_codec.request._wire import (
    decode_form,
    decode_query,
    decode_request,
    decode_url,
    encode_form,
    encode_query,
    encode_url,
)
from smsc_codec.secret import MASK, Secret

__all__ = [
    "MASK",
    "MAX_CNT",
    "MAX_ID_LENGTH",
    "PARAMS",
    "Auth",
    "DeleteRequest",
    "HistoryRequest",
    "Param",
    "ReplyLayout",
    "Request",
    "RequestKind",
    "Secret",
    "StatusRequest",
    "decode_form",
    "decode_query",
    "decode_request",
    "decode_url",
    "encode_form",
    "encode_query",
    "encode_url",
    "reply_layout",
    "reply_layout_to_json",
    "request_from_json",
    "request_to_json",
]
