"""The typed format registry: one frozen row per ``fmt`` value.

    "fmt – server response format: 0 – (default) in the form of a string (Status = 1,
    check_time = 10.10.2010 10:10:10), 1 – in the form of numbers separated by commas
    (1,1286524636), 2 – xml format, 3 – json format."  (status page)

What differs between the formats outside their own modules -- how a reply is decoded
and encoded, and the capabilities that used to be ``fmt ==`` branches in the endpoint
modules, the push decoder, sniffing and conformance -- is a field of the row here, so
those modules ask the row, never the number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from smsc_codec.charset import encode_text
from smsc_codec.errors import UsageError
from smsc_codec.models import Reply
from smsc_codec.wire import commas, jsondoc, kv, push_lines, xml
from smsc_codec.wire._common import Context
from smsc_codec.wire._push import Framer
from smsc_codec.wire.push_json import frame_json
from smsc_codec.wire.push_xml import frame_xml

__all__ = ["FORMATS", "Framer", "WireFormat", "wire_format"]


@dataclass(frozen=True, slots=True)
class WireFormat:
    """What one ``fmt`` value is, for the code outside its module."""

    fmt: int
    name: str  #: the module's name: "kv", "commas", "xml", "jsondoc"
    #: Text (in a decode context) to a reply; a reply to text or bytes.
    decode: Callable[[str, Context], Reply]
    encode_text: Callable[[Reply, Context], str]
    #: How a push decoder (smsc_codec.stream) cuts a reply into records, chunk by
    #: chunk: the format's incremental framer (wire/push_*.py).
    framer: Framer
    #: One record per line, starting like this (D-newlines); ``None``: markup.  An
    #: empty list is then an empty body, and a one-line reply may be a list of one.
    record_start: re.Pattern[str] | None = None
    #: Undecodable bytes are kept as escapes under a lenient policy (fmt 0/1); the XML
    #: and JSON parsers hold only real characters, so for them such bytes are an error.
    keeps_undecodable: bool = False
    #: The body may open with ``<?xml encoding=...?>``, checked against the charset, and
    #: its parser reads the UTF-8 bytes themselves.
    has_declaration: bool = False
    #: ``ERROR = N (...)`` is the format's own error line (no ``format-mismatch``).
    plain_error_line: bool = False
    #: A bare ``OK`` is the format's own delete reply (no ``format-mismatch``).
    bare_ok: bool = False
    #: The format's decoder reads delete replies (``0,-N``, ``<result>``, ``{"result"}``).
    decodes_delete: bool = False
    #: Fields are told apart by position only (fmt=1): the kind and the variant
    #: (D-fmt1-counts, D-fmt1-legacy) are readings, not facts.
    positional: bool = False
    #: The encoder escapes what the charset lacks while encoding (jsondoc.encode_bytes).
    encode_bytes: Callable[[Reply, Context], bytes] | None = None
    #: Characters the format cannot hold even escaped (XML 1.0's controls); the
    #: encoder refuses text with one.
    unwritable: str = ""
    #: A value keeps the type it was written in (JSON: the id ``1`` and ``"1"`` differ);
    #: the text formats read a canonical number as a number.
    keeps_types: bool = False

    def encode(self, reply: Reply, ctx: Context) -> bytes:
        """The reply's bytes in the context's charset."""
        if self.encode_bytes is not None:
            return self.encode_bytes(reply, ctx)
        return encode_text(self.encode_text(reply, ctx), ctx.charset)


#: One row per ``fmt`` value the API defines, by that value.
FORMATS: dict[int, WireFormat] = {
    0: WireFormat(0, "kv", kv.decode, kv.encode,
                  push_lines.framer(kv.RECORD_START, kv.read_lines),
                  record_start=kv.RECORD_START, keeps_undecodable=True, plain_error_line=True,
                  bare_ok=True),
    1: WireFormat(1, "commas", commas.decode, commas.encode,
                  push_lines.framer(commas.RECORD_START, commas.read_lines),
                  record_start=commas.RECORD_START, keeps_undecodable=True, bare_ok=True,
                  decodes_delete=True, positional=True),
    2: WireFormat(2, "xml", xml.decode, xml.encode, frame_xml, has_declaration=True,
                  decodes_delete=True, unwritable=xml.NOT_XML_CHARS),
    3: WireFormat(3, "jsondoc", jsondoc.decode, jsondoc.encode, frame_json,
                  decodes_delete=True, encode_bytes=jsondoc.encode_bytes, keeps_types=True),
}


def wire_format(fmt: int) -> WireFormat:
    """The row of *fmt*; a ``UsageError`` for a value the API does not define."""
    try:
        row = FORMATS.get(fmt)
    except TypeError:  # unhashable: no fmt either
        row = None
    if row is None:
        raise UsageError(f"fmt must be 0, 1, 2 or 3, not {fmt!r}")
    return row
