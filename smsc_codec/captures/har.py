"""HAR 1.2 (HTTP Archive) captures, read one entry at a time.

HAR is the capture format of browsers (Chrome/Firefox DevTools), mitmproxy, Charles
and Fiddler: one JSON object, ``{"log": {"entries": [...]}}``, each entry a request
and its response.  A capture of a long session is one huge JSON document, so it is
never loaded whole.

How the entries are streamed: :class:`_Cursor` keeps a window of the input (a
``bytearray`` refilled chunk by chunk, its consumed front dropped) and walks the
JSON structure itself only as far as the path needs: the top-level object's keys,
``log``'s keys, then the ``entries`` array.  Every other value -- ``pages``,
``creator``, an unrelated key -- is skipped without being kept.  Each element of
``entries`` is cut out as raw bytes by counting brackets outside strings (a string
is scanned for its closing quote, honouring backslash escapes) and handed to
``orjson.loads`` -- orjson does all the real JSON parsing, one entry at a time.
Memory therefore holds one entry plus one chunk: an entry larger than
:data:`MAX_ENTRY_BYTES` is skipped (scanned, not kept) and reported as such.

What an entry contributes (:class:`HarEntry`): the request method and URL, the form
body (``postData.text``, or ``postData.params`` joined as ``name=value&...`` when
there is no text -- Chrome and Firefox write them as on the wire), the response
status, its ``Content-Type`` and the body: ``content.text``, base64-decoded when
``content.encoding`` is ``"base64"`` (bytes, to be read in the request's charset),
otherwise the text the recorder already decoded.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson

from smsc_codec.errors import DecodeError

from ._decode import API_SCRIPTS, OTHER_REQUEST, http_exchange, script_of
from ._model import Exchange, Location

__all__ = ["MAX_ENTRY_BYTES", "HarEntry", "entries", "entry", "entry_of", "exchanges",
           "raw_entries", "unrelated"]

#: The largest entry kept in memory.  An API exchange is a few kilobytes (a history
#: reply of 1000 records, base64-encoded, a few megabytes); browsers record
#: unrelated downloads of any size, which are skipped, never buffered.
MAX_ENTRY_BYTES = 16 * 1024 * 1024
#: The largest object key read (``"log"``, ``"entries"``...): longer keys are skipped.
_MAX_KEY = 1024

_WS = frozenset(b" \t\r\n")
#: A whole string, a bracket, or a lone quote (a string the window cuts off).
_TOKEN = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[][{}]|"', re.DOTALL)
_QUOTE = ord('"')
_OPEN = frozenset(b"{[")
_IN_STRING = re.compile(rb'["\\]')
_SCALAR_END = re.compile(rb"[],}\s]")
_VALUE_START = frozenset(b'"{[-0123456789tfn')
_BOM = b"\xef\xbb\xbf"


def _nested(depth: int) -> re.Pattern[bytes]:
    """An object or array nested at most *depth* deep, matched whole in C: the same
    cut as :meth:`_Cursor._container` (brackets counted outside strings, of either
    kind, a string ending at its first unescaped quote), so where it matches both
    end at the same byte.  Every repetition is possessive and the branches start
    with different bytes (a run of other bytes, a quote, a bracket), so nothing is
    ever tried twice: a match, or a failure, costs one pass over the bytes.  It
    fails -- and the bracket counter takes over -- when the value does not end
    inside the window yet, or nests deeper."""
    string = rb'"[^"\\]*+(?:\\.[^"\\]*+)*+"'
    value = rb'[{\[](?:[^][{}"]++|' + string + rb')*+[]}]'
    for _ in range(depth):
        value = rb'[{\[](?:[^][{}"]++|' + string + rb"|" + value + rb")*+[]}]"
    return re.compile(value, re.DOTALL)


#: How deep :data:`_WHOLE` follows nesting: a browser's entry is five levels deep
#: (``entries[]{request{headers[{...}]}}``, ``postData{params[{}]}``), mitmproxy's
#: and Charles's the same; deeper values are cut by the bracket counter.
_WHOLE_DEPTH = 12
#: One whole entry in the window, cut in one regular-expression match: about 4x
#: the bracket counter's speed, which loops in Python once per string and bracket.
_WHOLE = _nested(_WHOLE_DEPTH)


class _Cursor:
    """A moving window over the chunks of one JSON document.

    ``buf[pos:]`` is unread; bytes before ``keep`` (the start of a value being cut
    out) or, when nothing is being kept, before ``pos`` are dropped on the next
    refill, so indices into ``buf`` shift down by what :meth:`fill` returns.
    ``base`` is the absolute offset of ``buf[0]``, for error positions.
    """

    def __init__(self, stream: Iterator[bytes]) -> None:
        self.stream = stream
        self.buf = bytearray()
        self.pos = 0
        self.base = 0
        self.keep: int | None = None
        self.eof = False

    def fill(self) -> int | None:
        """Read one more chunk; how many bytes were dropped from the front, or
        ``None`` at the end of input."""
        if self.eof:
            return None
        chunk = next(self.stream, None)
        if chunk is None:
            self.eof = True
            return None
        drop = self.pos if self.keep is None else self.keep
        if drop:
            del self.buf[:drop]
            self.base += drop
            self.pos -= drop
            if self.keep is not None:
                self.keep -= drop
        self.buf += chunk
        return drop

    def error(self, message: str, kind: str = "bad-har") -> DecodeError:
        return DecodeError(message, pos=self.base + self.pos, kind=kind)

    def more(self, where: str) -> int:
        shift = self.fill()
        if shift is None:
            raise self.error(f"the HAR ends {where}", "truncated")
        return shift

    def peek(self) -> int | None:
        """The next byte that is not whitespace (``None`` at the end of input)."""
        while True:
            while self.pos < len(self.buf) and self.buf[self.pos] in _WS:
                self.pos += 1
            if self.pos < len(self.buf):
                return self.buf[self.pos]
            if self.fill() is None:
                return None

    def expect(self, char: bytes) -> None:
        if self.peek() != char[0]:
            raise self.error(f"expected {char.decode()!r} in the HAR JSON")
        self.pos += 1

    def _over(self, i: int, limit: int | None) -> None:
        """Stop keeping once the value being kept passes *limit* at index *i*:
        checked before each refill, so nothing past the limit is ever buffered."""
        if self.keep is not None and limit is not None and i - self.keep > limit:
            self.keep = None

    def _string_end(self, i: int, limit: int | None = None) -> int:
        """Index just past the string whose opening quote is at *i*; when the value
        being kept passes *limit* inside it, it is only skipped from there on."""
        i += 1
        while True:
            m = _IN_STRING.search(self.buf, i)
            if m is None or (m[0] == b"\\" and m.end() >= len(self.buf)):
                i = len(self.buf) if m is None else m.start()
                self._over(i, limit)
                if self.keep is None:
                    self.pos = i  # skipping: the scanned part of the string is done with
                i -= self.more("inside a string")
                continue
            if m[0] == b"\\":
                i = m.end() + 1  # the escaped byte, whatever it is
                continue
            return m.end()

    def key(self) -> str | None:
        """An object key (``None`` if too long to matter), then its ``:``."""
        if self.peek() != ord('"'):
            raise self.error("expected an object key in the HAR JSON")
        self.keep = self.pos
        self.pos = self._string_end(self.pos, _MAX_KEY + 2)  # the quotes around it
        too_long = self.keep is None or self.pos - self.keep > _MAX_KEY + 2
        raw = b"" if too_long else bytes(self.buf[self.keep:self.pos])
        self.keep = None
        self.expect(b":")
        if too_long:
            return None
        try:
            value = orjson.loads(raw)
        except orjson.JSONDecodeError as exc:  # a bad escape or bytes that are no UTF-8
            raise self.error(f"malformed object key in the HAR JSON: {exc.msg}") from exc
        return value if isinstance(value, str) else None

    def value(self, limit: int | None) -> bytes | None:
        """Consume the next JSON value.  Its raw bytes when *limit* is given and it
        is no larger; ``None`` when it was skipped (never kept in memory)."""
        first = self.peek()
        if first is None:
            raise self.error("the HAR ends where a value was expected", "truncated")
        if first not in _VALUE_START:
            raise self.error("expected a JSON value in the HAR")
        self.keep = self.pos if limit is not None else None
        if first == ord('"'):
            self.pos = self._string_end(self.pos, limit)
        elif first in b"{[":
            whole = _WHOLE.match(self.buf, self.pos)
            if whole is not None:
                self.pos = whole.end()  # in the window already: nothing more to buffer
            else:
                self._container(limit)
        else:
            while (m := _SCALAR_END.search(self.buf, self.pos)) is None:
                self.pos = len(self.buf)
                self._over(self.pos, limit)
                if self.fill() is None:
                    break
            if m is not None:
                self.pos = m.start()
        kept, self.keep = self.keep, None
        if kept is None or (limit is not None and self.pos - kept > limit):
            return None
        return bytes(self.buf[kept:self.pos])

    def _container(self, limit: int | None) -> None:
        """Consume an object or array, counting brackets outside strings."""
        depth = 0
        i = self.pos
        while True:
            self._over(i, limit)  # too large to keep: from here on, only skipped
            m = _TOKEN.search(self.buf, i)
            if m is None:
                self.pos = len(self.buf)
                self.more("inside an entry")
                i = self.pos
                continue
            start, i = m.span()
            char = self.buf[start]
            if char == _QUOTE:
                if i - start == 1:  # a string the window does not hold whole yet
                    self.pos = start
                    i = self._string_end(start, limit)
                continue
            depth += 1 if char in _OPEN else -1
            if depth == 0:
                self.pos = i
                return
            if self.keep is None:
                self.pos = i

    def separator(self, close: bytes) -> bool:
        """After a member: ``True`` for ``,`` (another follows), ``False`` at *close*."""
        char = self.peek()
        if char is None:
            raise self.error("the HAR ends inside a list or object", "truncated")
        if char == ord(","):
            self.pos += 1
            return True
        if char == close[0]:
            self.pos += 1
            return False
        raise self.error(f"expected ',' or {close.decode()!r} in the HAR JSON")


def raw_entries(stream: Iterator[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """``(index, raw JSON bytes)`` of each element of ``log.entries``, in order;
    the bytes are ``None`` for an entry over :data:`MAX_ENTRY_BYTES` (skipped)."""
    cursor = _Cursor(stream)
    if cursor.peek() == _BOM[0]:
        while len(cursor.buf) < 3 and cursor.fill():
            pass
        if bytes(cursor.buf[:3]) == _BOM:
            cursor.pos = 3
    if cursor.peek() != ord("{"):
        raise cursor.error("not a HAR file: expected a JSON object", "not-har")
    yield from _walk_object(cursor, ("log", "entries"))
    if cursor.peek() is not None:
        raise cursor.error("text after the HAR's JSON object")


def _walk_object(cursor: _Cursor, path: tuple[str, ...]) -> Iterator[tuple[int, bytes | None]]:
    cursor.expect(b"{")
    if cursor.peek() == ord("}"):
        cursor.pos += 1
        return
    while True:
        name = cursor.key()
        if name == path[0] and len(path) > 1 and cursor.peek() == ord("{"):
            yield from _walk_object(cursor, path[1:])
        elif name == path[0] and len(path) == 1 and cursor.peek() == ord("["):
            yield from _walk_array(cursor)
        else:
            cursor.value(None)
        if not cursor.separator(b"}"):
            return


def _walk_array(cursor: _Cursor) -> Iterator[tuple[int, bytes | None]]:
    cursor.expect(b"[")
    if cursor.peek() == ord("]"):
        cursor.pos += 1
        return
    index = 0
    while True:
        yield index, cursor.value(MAX_ENTRY_BYTES)
        index += 1
        if not cursor.separator(b"]"):
            return


# --- one entry ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class HarEntry:
    """What one HAR entry says about an exchange.

    ``form`` is the POST body as form text (``None`` for none).  ``body`` is the
    response body: bytes when the HAR stored it base64-encoded, else the text the
    recorder decoded (``None`` when the HAR holds no body).  ``content_type`` is
    the response's ``Content-Type`` header (``content.mimeType`` when no header).
    """

    index: int
    method: str
    url: str
    form: str | None = None
    status: int | None = None
    content_type: str | None = None
    body: bytes | str | None = None


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _header(headers: Any, name: str) -> str | None:
    if isinstance(headers, list):
        for item in headers:
            if isinstance(item, dict) and str(item.get("name", "")).lower() == name:
                return _str(item.get("value"))
    return None


def _form(post: dict[str, Any]) -> str | None:
    text = _str(post.get("text"))
    if text:
        return text
    params = post.get("params")
    if isinstance(params, list) and params:
        pairs = [f"{_str(p.get('name')) or ''}={_str(p.get('value')) or ''}"
                 for p in params if isinstance(p, dict)]
        return "&".join(pairs)
    return None


def entry(index: int, raw: bytes) -> HarEntry:
    """The :class:`HarEntry` of one raw element of ``log.entries``."""
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise DecodeError(f"entry {index} is not JSON: {exc.msg}", pos=exc.pos,
                          kind="bad-har") from exc
    return entry_of(index, data)


def entry_of(index: int, data: Any) -> HarEntry:
    """The :class:`HarEntry` of one element of ``log.entries`` already parsed (what
    ``bench/scan_bench.py`` builds from another parser's objects, to compare)."""
    top = _obj(data)
    request, response = _obj(top.get("request")), _obj(top.get("response"))
    content = _obj(response.get("content"))
    text = _str(content.get("text"))
    body: bytes | str | None = text
    if text is not None and str(content.get("encoding", "")).lower() == "base64":
        try:
            body = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError) as exc:
            raise DecodeError(f"entry {index}: content.text is not base64", kind="bad-har",
                              field="content.text") from exc
    status = response.get("status")
    return HarEntry(
        index=index,
        method=str(request.get("method", "GET")).upper(),
        url=_str(request.get("url")) or "",
        form=_form(_obj(request.get("postData"))),
        status=status if isinstance(status, int) and not isinstance(status, bool) else None,
        content_type=_header(response.get("headers"), "content-type")
        or _str(content.get("mimeType")),
        body=body,
    )


#: A ``"url"`` key and its string value in an entry's raw bytes.  Inside a JSON
#: string every quote is escaped, so ``"url"`` followed by a colon is a key.
_URL_KEY = re.compile(rb'"url"\s*:\s*"((?:[^"\\]|\\.)*)"', re.DOTALL)


def unrelated(raw: bytes) -> bool:
    """Whether an entry is certainly not an API exchange, told from its raw bytes
    before any parsing: it has ``"url"`` keys and none names an API script.  An
    entry with no such key is parsed (and reported if broken), as before."""
    urls = _URL_KEY.findall(raw)
    if not urls:
        return False
    for url in urls:
        try:
            text = orjson.loads(b'"' + url + b'"') if b"\\" in url else url.decode("utf-8")
        except (orjson.JSONDecodeError, UnicodeDecodeError):
            return False  # let the full parse report it
        if script_of(text) in API_SCRIPTS:
            return False
    return True


def entries(stream: Iterator[bytes], *, skip: bool = False
            ) -> Iterator[HarEntry | tuple[int, DecodeError] | int]:
    """Each entry of a HAR as a :class:`HarEntry`, or ``(index, error)`` for an
    entry that cannot be read (too large, not JSON); a broken HAR structure raises
    :class:`DecodeError` after the entries before it.  With *skip*, an entry that
    is :func:`unrelated` is only its index: not JSON-parsed, its body not decoded
    (browsers record every script and image; most of a HAR is those)."""
    for index, raw in raw_entries(stream):
        if raw is None:
            yield index, DecodeError(f"entry {index} is larger than {MAX_ENTRY_BYTES} bytes;"
                                     " skipped", kind="too-large")
            continue
        if skip and unrelated(raw):
            yield index
            continue
        try:
            yield entry(index, raw)
        except DecodeError as exc:
            yield index, exc


def exchanges(stream: Iterator[bytes], name: str,
              skipped: dict[str, int] | None = None) -> Iterator[Exchange]:
    """The API exchanges of a HAR: every entry whose URL path ends in ``status.php``
    or ``get.php``, on any host, decoded.  Other entries are counted in *skipped*
    (``unrelated``, ``other-get-php``, ``too-large-entry``), not yielded."""
    skipped = skipped if skipped is not None else {}
    for item in entries(stream, skip=True):
        if isinstance(item, int):
            skipped["unrelated"] = skipped.get("unrelated", 0) + 1
            continue
        if isinstance(item, tuple):
            index, exc = item
            if exc.kind == "too-large":
                skipped["too-large-entry"] = skipped.get("too-large-entry", 0) + 1
            else:
                yield Exchange(location=Location(file=name, entry=index), endpoint="unknown",
                               error=exc)
            continue
        result = http_exchange(Location(file=name, entry=item.index), url=item.url,
                               form=item.form if item.method == "POST" else None,
                               body=item.body, content_type=item.content_type,
                               http_status=item.status)
        if result is None:
            skipped["unrelated"] = skipped.get("unrelated", 0) + 1
        elif isinstance(result, str):
            skipped[OTHER_REQUEST] = skipped.get(OTHER_REQUEST, 0) + 1
        else:
            yield result
