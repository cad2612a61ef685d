"""smsc_codec: I/O-free encoders and decoders for the SMS Center (SMSC.ru) API.

The package never opens a socket or a file: give it bytes (or text), get typed,
immutable values; give it values, get the exact bytes the server or client would
write.  Start with :func:`decode_status` / :func:`encode_status`.

Above the codecs: :mod:`smsc_codec.sniff` tells what a reply body is,
:mod:`smsc_codec.captures` reads HAR, mbox/``.eml`` and dump captures, and
:mod:`smsc_codec.conformance` checks messages and captures against the spec.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

from smsc_codec._version import __version__ as __version__
from smsc_codec.canonical import from_canonical, to_canonical, to_canonical_json
from smsc_codec.charset import CHARSETS, DEFAULT_CHARSET, Charset, normalize_charset
from smsc_codec.codes import (
    DeliveryError,
    EmailError,
    HistoryApiError,
    MessageType,
    SendError,
    StatusApiError,
    StatusCode,
)
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError, UsageError
from smsc_codec.exchange import decode_reply_to, encode_reply_to
from smsc_codec.flags import MessageFlag, TemplateType
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import (
    DeleteOk,
    ErrorReply,
    Reply,
    StatusList,
    StatusRecord,
    StatusReply,
)
from smsc_codec.policy import LENIENT, STRICT, Defect, Policy
from smsc_codec.request import (
    Auth,
    DeleteRequest,
    HistoryRequest,
    ReplyLayout,
    Request,
    Secret,
    StatusRequest,
    decode_request,
    encode_form,
    encode_query,
    encode_url,
    reply_layout,
    request_from_json,
    request_to_json,
)
from smsc_codec.shape import ReplyShape
from smsc_codec.status import decode_delete, decode_status, encode_delete, encode_status
from smsc_codec.stream import (
    AsyncRecordStream,
    Chunk,
    HistoryDecoder,
    RecordStream,
    StatusDecoder,
    aiter_history,
    aiter_status,
    iter_history,
    iter_status,
)
from smsc_codec.values import MSK

if TYPE_CHECKING:  # what the attributes below are, for type checkers
    from smsc_codec import captures, conformance, smtp, sniff

#: The SMTP codec and the tools above the codecs, imported on first use (PEP 562):
#: ``import smsc_codec`` loads the reply codec alone, not ``email`` nor
#: charset-normalizer; ``smsc_codec.captures`` and ``from smsc_codec import sniff``
#: work as ever.
_ON_FIRST_USE = frozenset({"captures", "conformance", "smtp", "sniff"})


def __getattr__(name: str) -> ModuleType:
    if name in _ON_FIRST_USE:
        module = importlib.import_module(f"smsc_codec.{name}")
        globals()[name] = module  # once: later lookups are plain attributes
        return module
    raise AttributeError(f"module 'smsc_codec' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_ON_FIRST_USE})


__all__ = [
    "CHARSETS",
    "DEFAULT_CHARSET",
    "LENIENT",
    "MSK",
    "STRICT",
    "AsyncRecordStream",
    "Auth",
    "Charset",
    "Chunk",
    "DecodeError",
    "Defect",
    "DeleteOk",
    "DeleteRequest",
    "DeliveryError",
    "EmailError",
    "EncodeError",
    "Endpoint",
    "ErrorReply",
    "HistoryApiError",
    "HistoryDecoder",
    "HistoryRequest",
    "MessageFlag",
    "MessageType",
    "Policy",
    "RecordKind",
    "RecordStream",
    "Reply",
    "ReplyLayout",
    "ReplyShape",
    "Request",
    "Secret",
    "SendError",
    "SmscCodecError",
    "StatusApiError",
    "StatusCode",
    "StatusDecoder",
    "StatusList",
    "StatusRecord",
    "StatusReply",
    "StatusRequest",
    "TemplateType",
    "UsageError",
    "aiter_history",
    "aiter_status",
    "captures",
    "conformance",
    "decode_delete",
    "decode_history",
    "decode_reply_to",
    "decode_request",
    "decode_status",
    "encode_delete",
    "encode_form",
    "encode_history",
    "encode_query",
    "encode_reply_to",
    "encode_status",
    "encode_url",
    "from_canonical",
    "iter_history",
    "iter_status",
    "normalize_charset",
    "reply_layout",
    "request_from_json",
    "request_to_json",
    "smtp",
    "sniff",
    "to_canonical",
    "to_canonical_json",
]
