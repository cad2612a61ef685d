"""Reading captured traffic: HAR files, mbox/``.eml`` mail, plain dumps.

Layer 5 of the library: the containers are read here, every message in them is
decoded by the codecs below (requests, replies, SMTP, sniffing) -- nothing is parsed
twice.  I/O-free like the rest: :func:`scan` takes a binary file-like object or an
iterable of ``bytes`` chunks from the caller, and reads it chunk by chunk, so memory
stays flat whatever the input's size (one HAR entry, one mail or one dump record at a
time; gzip inflated as it streams).

* :func:`scan` / :class:`Scan` -- any capture, its container detected
  (:func:`detect_container`), to :class:`Exchange` values;
* :func:`exchange_to_json` -- the JSON Lines record of an exchange (secrets masked);
* :func:`mask` / :func:`mask_json` -- the one masking rule every output of a
  capture goes through (``psw=``/``apikey=`` values, send-line passwords);
* :class:`Summary` -- counts by endpoint, format, status and error code, failures;
* :func:`http_exchange`, :func:`bare_reply`, :func:`reply_exchange`,
  :func:`mail_exchange` -- one exchange from its captured pieces (what the readers
  use, and what :mod:`smsc_codec.conformance` checks single messages with);
* :mod:`.har`, :mod:`.mail`, :mod:`.dump` -- the containers, usable alone.

``spec/captures.md`` describes the formats, the decisions and the measured figures.
"""

from smsc_codec.captures import dump, har, mail
from smsc_codec.captures._decode import (
    bare_reply,
    content_charset,
    http_exchange,
    mail_exchange,
    reply_exchange,
)
from smsc_codec.captures._mask import mask, mask_json
from smsc_codec.captures._model import Exchange, Location, error_to_json, exchange_to_json
from smsc_codec.captures._scan import (
    CONTAINERS,
    Container,
    Scan,
    Summary,
    detect_container,
    scan,
)
from smsc_codec.captures._stream import CHUNK, ByteSource

__all__ = [
    "CHUNK",
    "CONTAINERS",
    "ByteSource",
    "Container",
    "Exchange",
    "Location",
    "Scan",
    "Summary",
    "bare_reply",
    "content_charset",
    "detect_container",
    "dump",
    "error_to_json",
    "exchange_to_json",
    "har",
    "http_exchange",
    "mail",
    "mail_exchange",
    "mask",
    "mask_json",
    "reply_exchange",
    "scan",
]
