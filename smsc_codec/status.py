"""The status endpoint (``status.php``): status replies and delete replies.

This is the public face of the codec for ``status.php``: pick the layout from the
request parameters (``fmt``, ``all``, ``charset``) and the data, cross the charset
boundary once, hand the text to the wire module for ``fmt``.

Real servers deviate (spec/decisions.md, D-deviations): whatever ``fmt`` was asked,
an error may come back as a plain ``ERROR = N (description)`` line, and a delete may
answer a bare ``OK``.  Both decode, with a ``format-mismatch`` defect.
"""

from __future__ import annotations

from smsc_codec.charset import DEFAULT_CHARSET, normalize_charset
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError
from smsc_codec.layouts import Endpoint, RecordKind, Variant
from smsc_codec.limits import MAX_REPLY_BYTES, check_size
from smsc_codec.models import (
    DeleteOk,
    ErrorReply,
    Reply,
    StatusList,
    StatusRecord,
    StatusReply,
)
from smsc_codec.policy import LENIENT, Defect, DefectLog, Policy
from smsc_codec.shape import ReplyShape, reply_shape
from smsc_codec.wire import kv, xml
from smsc_codec.wire._common import Context
from smsc_codec.wire._push import Frame
from smsc_codec.wire.formats import FORMATS

__all__ = ["decode_delete", "decode_reply", "decode_shaped", "decode_status", "encode_delete",
           "encode_reply", "encode_status"]

def _held_context(shape: ReplyShape, data: bytes | str, text: str, defects: list[Defect],
                  policy: Policy) -> Context:
    """The context a held reply is read in: its text (decoded by the frame, with the
    *defects* decoding found), the declaration checked against the charset."""
    cs = shape.charset
    ctx = Context(shape, DefectLog(policy, defects), text=text)
    if FORMATS[shape.fmt].has_declaration and isinstance(data, bytes):
        xml.check_declaration(text, cs)
        # Bytes that decoded as UTF-8 are the UTF-8 encoding of the text: no need to
        # encode it again for lxml.
        if cs == "utf-8":
            ctx.utf8 = data
    return ctx


def decode_reply(
    data: bytes | str,
    /,
    *,
    endpoint: Endpoint,
    fmt: int,
    all: int = 0,
    charset: str = DEFAULT_CHARSET,
    kind: RecordKind | str | None = None,
    multi: bool | None = None,
    policy: Policy = LENIENT,
) -> StatusReply:
    """Decode a status or history reply (the shared machinery of both endpoints).

    A history reply is a list at ``all=2`` (:class:`~smsc_codec.shape.ReplyShape`'s
    rule): other *all* or *multi* for it are a :class:`UsageError`."""
    return decode_shaped(data, reply_shape(endpoint=endpoint, fmt=fmt, all=all,
                                           charset=charset, kind=kind, multi=multi), policy)


def decode_shaped(data: bytes | str, shape: ReplyShape, policy: Policy = LENIENT
                  ) -> StatusReply:
    """Decode a status or history reply of *shape* (what :func:`decode_reply` does
    once its keywords are a shape): its push decoder fed the body as one final chunk,
    so that a body decodes alike whole or in chunks, by construction."""
    check_size(data, policy.limit(MAX_REPLY_BYTES), "the reply")
    frame = start_frame(shape, policy)
    return frame.status_result(frame.send(data, True))


def start_frame(shape: ReplyShape, policy: Policy) -> Frame:
    """The machinery of one push decode of a reply of *shape*: its format's framer,
    started (a pinned single record, and a delete reply, are not cut: they are read
    whole)."""
    row = FORMATS[shape.fmt]
    frame = Frame(shape=shape, policy=policy, limit=policy.limit(MAX_REPLY_BYTES),
                  keeps_undecodable=row.keeps_undecodable,
                  read_held=_read_delete if shape.delete else _read_reply)
    frame.start(Frame.held if shape.multi is False or shape.delete else row.framer)
    return frame


def _read_reply(data: bytes | str, text: str, defects: list[Defect], shape: ReplyShape,
                policy: Policy) -> StatusReply:
    """A status or history reply the framer held (one record, an error, nothing, a
    pinned single record), read whole by its format's reader."""
    ctx = _held_context(shape, data, text, defects, policy)
    endpoint, fmt = shape.endpoint, shape.fmt
    if endpoint is Endpoint.STATUS and not text.strip():
        # One rule for every fmt (spec/decisions.md, D-empty-status-body): a status
        # request names an id, so the server writes a record or an ERROR line; no bytes
        # are no reply, as in XML/JSON.  (An empty history is an empty list at fmt 0/1.)
        raise DecodeError("an empty body where a reply was expected", expected="a reply",
                          found="an empty body", kind="empty-body")
    row = FORMATS[fmt]
    if not row.plain_error_line:
        error = kv.decode_error(text)
        if error is not None:
            ctx.log.report("format-mismatch", f"a plain ERROR line where fmt={fmt} was asked")
            return ErrorReply(code=error.code, description=error.description,
                              endpoint=endpoint, defects=ctx.log.take())
    reply: Reply = row.decode(text, ctx)
    if isinstance(reply, DeleteOk):
        raise DecodeError("a delete reply where a status was expected", expected="a status",
                          found=text[:20], kind="wrong-endpoint")
    return reply


def decode_status(
    data: bytes | str,
    /,
    *,
    fmt: int,
    all: int = 0,
    charset: str = DEFAULT_CHARSET,
    kind: RecordKind | str | None = None,
    multi: bool | None = None,
    policy: Policy = LENIENT,
) -> StatusReply:
    """Decode a ``status.php`` reply.

    *data* is the body as bytes in *charset* (the request's ``charset``, default
    windows-1251), or already decoded text.  *fmt* and *all* are the request's.
    *kind* (``"sms"``/``"hlr"``) and *multi* pin what the data would otherwise tell.

    Returns a :class:`StatusRecord`, a :class:`StatusList` (multi-status), or an
    :class:`ErrorReply`; raises :class:`DecodeError` for bytes that are none of these.
    """
    return decode_reply(data, endpoint=Endpoint.STATUS, fmt=fmt, all=all, charset=charset,
                        kind=kind, multi=multi, policy=policy)


def encode_reply(
    reply: Reply,
    /,
    *,
    endpoint: Endpoint,
    fmt: int,
    all: int = 0,
    charset: str = DEFAULT_CHARSET,
    variant: Variant = "documented",
    lossy: bool = False,
) -> bytes:
    """Encode a status, delete or history reply of *endpoint* as the server writes it.

    The shared machinery of :func:`encode_status`, :func:`encode_delete` and
    ``encode_history`` (which say what each endpoint's replies may be); raises
    :class:`EncodeError` for a value the layout cannot carry or that would not read
    back or a charset the API does not offer, :class:`UsageError` for a bad *fmt* or
    *all*.
    """
    # A charset the API does not offer is the encoder's EncodeError (as documented),
    # a bad fmt or all the shape's UsageError.
    shape = reply_shape(endpoint=endpoint, fmt=fmt, all=all, charset=normalize_charset(charset))
    row = FORMATS[fmt]
    ctx = Context(shape, DefectLog(LENIENT), variant=variant, lossy=lossy)
    if not isinstance(reply, StatusRecord | StatusList | ErrorReply | DeleteOk):
        raise SmscCodecError(f"not a reply value: {type(reply).__name__}")
    records = reply.records if isinstance(reply, StatusList) else (reply,)
    if endpoint is Endpoint.HISTORY and any(
            isinstance(r, StatusRecord) and r.kind is RecordKind.HLR for r in records):
        # "get_messages=1" lists sent messages: the table has no HLR history layout,
        # and writing one in the SMS layout (lossy) would pass it off as an SMS.
        raise EncodeError("a history reply lists SMS records, not HLR ones", field="kind")
    if (endpoint is Endpoint.STATUS and isinstance(reply, StatusList) and not reply.records
            and row.record_start is not None):
        # decode_status reads no bytes as no reply (spec/decisions.md, D-empty-status-body).
        raise EncodeError(f"an empty StatusList has no fmt={fmt} spelling (it would be an"
                          " empty body, which is no reply)")
    return row.encode(reply, ctx)


def encode_status(
    reply: Reply,
    /,
    *,
    fmt: int,
    all: int = 0,
    charset: str = DEFAULT_CHARSET,
    variant: Variant = "documented",
    lossy: bool = False,
) -> bytes:
    """Encode a status reply exactly as the server writes it.

    A :class:`StatusList` is written as a multi-status reply.  Record fields the
    layout cannot carry raise :class:`EncodeError` unless *lossy* is set;
    *variant* ``"legacy"`` writes the older ``fmt=1`` layout.
    """
    return encode_reply(reply, endpoint=Endpoint.STATUS, fmt=fmt, all=all, charset=charset,
                        variant=variant, lossy=lossy)


def decode_delete(
    data: bytes | str,
    /,
    *,
    fmt: int,
    charset: str = DEFAULT_CHARSET,
    policy: Policy = LENIENT,
) -> DeleteOk | ErrorReply:
    """Decode the reply to ``status.php?del=1``: ``OK`` or an error."""
    shape = reply_shape(endpoint=Endpoint.STATUS, fmt=fmt, all=0, charset=charset,
                        delete=True)
    check_size(data, policy.limit(MAX_REPLY_BYTES), "the reply")
    frame = start_frame(shape, policy)
    frame.send(data, True)
    reply = frame.result([])
    assert isinstance(reply, DeleteOk | ErrorReply)
    return reply


def _read_delete(data: bytes | str, text: str, defects: list[Defect], shape: ReplyShape,
                 policy: Policy) -> DeleteOk | ErrorReply:
    """A delete reply (always held: it is one line or element), read whole."""
    ctx = _held_context(shape, data, text, defects, policy)
    fmt = shape.fmt
    row = FORMATS[fmt]
    if text.strip() == "OK":
        if not row.bare_ok:
            ctx.log.report("format-mismatch", f"a bare OK where fmt={fmt} was asked")
        if text != "OK":
            ctx.log.report("non-canonical", "whitespace around OK")
        return DeleteOk(defects=ctx.log.take())
    error = kv.decode_error(text)
    if error is not None:
        if not row.plain_error_line:
            ctx.log.report("format-mismatch", f"a plain ERROR line where fmt={fmt} was asked")
        return ErrorReply(code=error.code, description=error.description,
                          defects=ctx.log.take())
    if row.decodes_delete:
        reply = row.decode(text, ctx)
        if isinstance(reply, DeleteOk | ErrorReply):
            return reply
    raise DecodeError("not a delete reply", expected="OK or an error", found=text[:60],
                      kind="wrong-endpoint")


def encode_delete(
    reply: DeleteOk | ErrorReply, /, *, fmt: int, charset: str = DEFAULT_CHARSET
) -> bytes:
    """Encode a delete reply: ``OK``, ``<result>OK</result>``, ``{"result":"OK"}``."""
    if not isinstance(reply, DeleteOk | ErrorReply):
        raise SmscCodecError(f"not a delete reply: {type(reply).__name__}")
    return encode_reply(reply, endpoint=Endpoint.STATUS, fmt=fmt, charset=charset)
