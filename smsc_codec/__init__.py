"""smsc_codec: I/O-free encoders and decoders for the SMS Center (SMSC.ru) API.

The package never opens a socket or a file: give it bytes (or text), get typed,
immutable values; give it values, get the exact bytes the server or client would
write.  Start with :func:`decode_status` / :func:`encode_status`.
"""

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
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError
from smsc_codec.flags import MessageFlag, TemplateType
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList, StatusRecord
from smsc_codec.policy import LENIENT, STRICT, Defect, Policy
from smsc_codec.status import decode_delete, decode_status, encode_delete, encode_status
from smsc_codec.values import MSK

__version__ = "0.1.0"

__all__ = [
    "CHARSETS",
    "DEFAULT_CHARSET",
    "LENIENT",
    "MSK",
    "STRICT",
    "Charset",
    "DecodeError",
    "Defect",
    "DeleteOk",
    "DeliveryError",
    "EmailError",
    "EncodeError",
    "Endpoint",
    "ErrorReply",
    "HistoryApiError",
    "MessageFlag",
    "MessageType",
    "Policy",
    "RecordKind",
    "Reply",
    "SendError",
    "SmscCodecError",
    "StatusApiError",
    "StatusCode",
    "StatusList",
    "StatusRecord",
    "TemplateType",
    "decode_delete",
    "decode_status",
    "encode_delete",
    "encode_status",
    "from_canonical",
    "normalize_charset",
    "to_canonical",
    "to_canonical_json",
]
