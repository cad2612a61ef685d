"""Query strings, form bodies and URLs: encoding and decoding requests."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, AnyStr, Final, NoReturn
from urllib.parse import quote_plus, unquote_to_bytes

from smsc_codec.charset import DEFAULT_CHARSET, Charset, normalize_charset
from smsc_codec.errors import DecodeError, EncodeError, shorten
from smsc_codec.layouts import Endpoint
from smsc_codec.limits import MAX_REQUEST_BYTES, check_size
from smsc_codec.request._models import MODELS, Auth, Request, request_charset
from smsc_codec.request._params import (
    ENDPOINT_OF_SCRIPT,
    MARKERS,
    SCRIPT_OF,
    TABLE,
    Param,
    RequestKind,
)
from smsc_codec.request._values import CharsetCodec, Invalid
from smsc_codec.secret import is_secret_name, masked_cause

#: Characters the encoder leaves unescaped besides the unreserved ones: the comma that
#: separates list items (the docs write lists as "comma-separated") and the ``@`` of
#: e-mail addresses.  The decoder accepts them escaped or not.
SAFE: Final = ",@"

# Encoding writes application/x-www-form-urlencoded text as PHP reads it back:
# bytes of the request's charset, unreserved ASCII as is, a space as "+", every
# other byte as %XX (upper case).  The output is ASCII, the same for a query string
# and a form body.


def _escape(text: str, charset: Charset) -> str:
    return quote_plus(text, safe=SAFE, encoding=charset, errors="strict")


def encode_query(request: Request, /) -> str:
    """The query string of *request* (without ``?``), secrets included.

    Parameters come in :data:`PARAMS` order, unknown ones last as they came.
    """
    charset = request_charset(request)
    return "&".join(
        f"{_escape(name, charset)}={_escape(text, charset)}"
        for name, text in request.to_params(reveal_secrets=True)
    )


def encode_form(request: Request, /) -> bytes:
    """The ``application/x-www-form-urlencoded`` POST body of *request* ("call the GET
    or POST address method": the same pairs as the query string)."""
    return encode_query(request).encode("ascii")


def encode_url(request: Request, /, *, base: str = "https://smsc.ru/sys/") -> str:
    """The full GET URL: *base* + ``status.php`` or ``get.php`` + ``?`` + the query.

    The API answers under several hosts (``smsc.ru``, ``smscentre.com``, ...); *base*
    picks one and must end with ``/``.
    """
    if not base.endswith("/") or "?" in base or "#" in base:
        raise EncodeError(f"{shorten(base)} must end with '/' and hold no '?' or '#'",
                          field="base")
    return f"{base}{request.kind.script}?{encode_query(request)}"


# Decoding reads the same grammar leniently where PHP is lenient (empty pieces
# between "&"s are skipped, "+" and "%20" are both a space, "%2C" is a comma, a name
# without "=" has an empty value) and strictly where the request would not be what
# it looks like: a "%" that starts no escape, bytes that are not the charset, a known
# parameter given twice (PHP keeps the last one silently; we refuse to guess).

_BAD_ESCAPE = re.compile(rb"%(?![0-9A-Fa-f]{2})")


@dataclass(frozen=True, slots=True)
class _Pair:
    name: str
    value: str
    pos: int  #: where ``name=value`` starts in the caller's input


def _split(data: AnyStr, amp: AnyStr, eq: AnyStr, offset: int) -> list[tuple[AnyStr, AnyStr, int]]:
    out: list[tuple[AnyStr, AnyStr, int]] = []
    pos = offset
    for piece in data.split(amp):
        if piece:
            name, _, value = piece.partition(eq)
            out.append((name, value, pos))
        pos += len(piece) + 1
    return out


def _plain(text: str) -> bool:
    """Whether *text* decodes to itself: ASCII with no ``%`` and no ``+``.  The API's
    three charsets (windows-1251, koi8-r, utf-8) and the ``ascii`` ``charset=`` is
    read in all carry ASCII as ASCII, so encoding such text, unquoting it and
    decoding it gives it back.  Most of a captured request is such text (logins,
    phones, ids, fmt): skipping that round trip makes decoding a URL cheap (issue 14).
    """
    return "%" not in text and "+" not in text and text.isascii()


def _unescape(raw: str | bytes, charset: str, *, field: str | None, pos: int,
              secret: bool = False) -> str:
    """Percent-decode one name or value.  Raw characters of a ``str`` input stand for
    themselves; ``%XX`` are bytes of *charset*.  Errors quote nothing of a secret, and
    chain a cause that holds none (:func:`~smsc_codec.secret.masked_cause`)."""
    if isinstance(raw, str) and _plain(raw):
        return raw
    failed: UnicodeError | None = None
    if isinstance(raw, str):
        try:
            raw = raw.encode(charset)
        except UnicodeEncodeError as exc:
            failed, found = exc, exc.object[exc.start:exc.end]
    if failed is not None:
        _refuse(DecodeError(f"a character {charset} cannot carry", field=field, pos=pos,
                            kind="bad-charset", found=None if secret else found), failed, secret)
    assert isinstance(raw, bytes)
    bad = _BAD_ESCAPE.search(raw)
    if bad is not None:
        raise DecodeError("a '%' that starts no %XX escape", expected="'%' and two hex digits",
                          found=None if secret else raw[bad.start():bad.start() + 3],
                          field=field, pos=pos, kind="bad-escape")
    data = unquote_to_bytes(raw.replace(b"+", b" "))
    try:
        return data.decode(charset)
    except UnicodeDecodeError as exc:
        failed, cut = exc, data[exc.start:exc.end]
    _refuse(DecodeError(f"bytes that are not {charset}", expected=f"{charset} text", field=field,
                        pos=pos, kind="bad-charset", found=None if secret else cut),
            failed, secret)


def _refuse(error: DecodeError, cause: UnicodeError, secret: bool) -> NoReturn:
    """Raise *error* from *cause* -- or, for a secret, from a cause without it.  Called
    outside the ``except`` block: inside it the codec error (whose ``.object`` is the
    whole value) would ride along as ``__context__`` even under ``raise ... from``."""
    raise error from (masked_cause(cause) if secret else cause)


def _peek_name(raw: str | bytes) -> str:
    """A name read without knowing the charset: enough to recognise ASCII names."""
    if isinstance(raw, str) and _plain(raw):
        return raw
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return unquote_to_bytes(data.replace(b"+", b" ")).decode("latin-1")


def _find_charset(raw: list[tuple[Any, Any, int]]) -> Charset:
    """The charset the other values are escaped in, from the ``charset`` parameter."""
    found = [(value, pos) for name, value, pos in raw if _peek_name(name) == "charset"]
    if not found:
        return DEFAULT_CHARSET
    if len(found) > 1:
        raise DecodeError("charset given twice", field="charset", pos=found[1][1],
                          kind="repeated-parameter")
    value, pos = found[0]
    text = _unescape(value, "ascii", field="charset", pos=pos)
    try:
        return normalize_charset(text)
    except EncodeError as exc:
        raise DecodeError(f"{shorten(text)} is not a charset the API offers",
                          expected=CharsetCodec().expected, field="charset", pos=pos,
                          kind="bad-parameter") from exc


def _kind_of(names: set[str], endpoint: Endpoint | None) -> RequestKind:
    """Which request this is.  A script (from the URL path, or pinned by the caller)
    decides the endpoint; without one, ``get_messages`` means get.php.  On status.php
    ``del`` makes it a delete ("call the status request script ... specifying the
    del command")."""
    if endpoint is None:
        endpoint = Endpoint.HISTORY if "get_messages" in names else Endpoint.STATUS
    if endpoint is Endpoint.HISTORY:
        return RequestKind.HISTORY
    return RequestKind.DELETE if "del" in names else RequestKind.STATUS


def _decode(data: str | bytes, *, offset: int, endpoint: Endpoint | None) -> Request:
    raw = (_split(data, "&", "=", offset) if isinstance(data, str)
           else _split(data, b"&", b"=", offset))
    charset = _find_charset(raw)
    pairs = []
    for raw_name, raw_value, pos in raw:
        name = _unescape(raw_name, charset, field=None, pos=pos)
        if not name:
            raise DecodeError("a parameter without a name", expected="name=value", pos=pos,
                              kind="bad-parameter")
        value = _unescape(raw_value, charset, field=name, pos=pos,
                          secret=is_secret_name(name))
        pairs.append(_Pair(name, value, pos))

    kind = _kind_of({p.name for p in pairs}, endpoint)
    table = TABLE[kind]
    seen: dict[str, _Pair] = {}
    extra: list[tuple[str, str]] = []
    for pair in pairs:
        if pair.name in table:
            if pair.name in seen:
                raise DecodeError(f"{pair.name} given twice", field=pair.name, pos=pair.pos,
                                  kind="repeated-parameter")
            seen[pair.name] = pair
        elif pair.name in MARKERS:
            raise DecodeError(f"{pair.name} is not a parameter of {kind.script} {kind} "
                              "requests", field=pair.name, pos=pair.pos, kind="bad-parameter")
        else:
            extra.append((pair.name, pair.value))  # unknown: kept, in order, as text

    auth_values: dict[str, Any] = {}
    values: dict[str, Any] = {}
    trailing: dict[str, _Pair] = {}
    for param in table.values():
        given = seen.get(param.name)
        if given is None:
            if param.marker:
                raise DecodeError(f"{kind.script} serves {kind} requests only with "
                                  f"{param.name}=1", field=param.name, kind="bad-parameter")
            if param.required and param.attr is not None:
                values[param.attr] = ()  # absent: the model says which one is missing
            continue
        text = given.value
        if param.trailing_comma and text.endswith(","):
            trailing[param.name] = given
            text = text[:-1]
        try:
            value = param.codec.parse(text)
        except Invalid as exc:
            raise DecodeError(str(exc), expected=param.codec.expected, field=param.name,
                              pos=given.pos, kind="bad-parameter") from exc
        if param.attr is not None:
            (auth_values if param.on_auth else values)[param.attr] = value
    if any(p.trailing_comma for p in table.values()):
        _read_trailing_comma(table, seen, trailing)
        values["keep_multi_format"] = bool(trailing)

    try:
        return MODELS[kind](auth=Auth(**auth_values), extra=tuple(extra), **values)
    except EncodeError as exc:
        culprit = seen.get(exc.field or "")
        raise DecodeError(exc.message, field=exc.field,
                          pos=None if culprit is None else culprit.pos,
                          kind="bad-parameter") from exc


def _read_trailing_comma(table: dict[str, Param], seen: dict[str, _Pair],
                         trailing: dict[str, _Pair]) -> None:
    """The comma that keeps the multi format follows the phone *and* the id."""
    if not trailing:
        return
    for param in table.values():
        if param.trailing_comma and param.name in seen and param.name not in trailing:
            other = next(iter(trailing))
            raise DecodeError(
                f"{other} ends with the comma that keeps the multi-status format, "
                f"{param.name} does not; the docs put it after both",
                expected=f"a trailing comma after {param.name} too", field=param.name,
                pos=seen[param.name].pos, kind="bad-parameter")


def decode_query(data: str | bytes, /, *, endpoint: Endpoint | None = None) -> Request:
    """A request from its query string (a leading ``?`` is allowed).

    Without *endpoint* the request tells: ``get_messages`` means get.php, anything
    else status.php (``del`` making it a delete).  ``DecodeError.pos`` is the offset,
    in *data*'s own units, of the offending ``name=value`` pair.
    """
    check_size(data, MAX_REQUEST_BYTES, "the request")
    # Compared in data's own type: bytes == str is a BytesWarning (an error under -bb).
    skip = 1 if data[:1] == (b"?" if isinstance(data, bytes) else "?") else 0
    return _decode(data[skip:], offset=skip, endpoint=endpoint)


def decode_form(data: str | bytes, /, *, endpoint: Endpoint | None = None) -> Request:
    """A request from its ``application/x-www-form-urlencoded`` POST body (the same
    grammar as a query string; pass the *endpoint* the body was posted to)."""
    check_size(data, MAX_REQUEST_BYTES, "the request")
    return _decode(data, offset=0, endpoint=endpoint)


def decode_url(url: str, /) -> Request:
    """A request from a full URL, on any host: the path's last segment
    (``status.php`` or ``get.php``, under ``/sys/`` on the vendor's hosts) decides the
    endpoint; a ``#fragment`` is ignored (browsers never send it)."""
    check_size(url, MAX_REQUEST_BYTES, "the request")
    hash_at = url.find("#")
    query_at = url.find("?")
    if query_at == -1 or -1 < hash_at < query_at:
        head, query, offset = url if hash_at == -1 else url[:hash_at], "", len(url)
    else:
        end = hash_at if hash_at > query_at else len(url)
        head, query, offset = url[:query_at], url[query_at + 1:end], query_at + 1
    script = head.rsplit("/", 1)[-1]
    endpoint = ENDPOINT_OF_SCRIPT.get(script)
    if endpoint is None:
        raise DecodeError("not a status.php or get.php URL",
                          expected="a path ending in status.php or get.php",
                          found=head, pos=0, kind="unknown-endpoint")
    return _decode(query, offset=offset, endpoint=endpoint)


def decode_request(data: str | bytes, /, *, endpoint: Endpoint | None = None) -> Request:
    """A URL, a query string or a form body, whichever *data* is.

    Text with a ``?`` and no ``=``/``&`` before it is a URL (its path decides the
    endpoint, and a pinned *endpoint* must agree); anything else is a query string.
    """
    if isinstance(data, str):
        head, sep, _ = data.partition("?")
        if sep and head and "=" not in head and "&" not in head:
            request = decode_url(data)
            if endpoint is not None and request.kind.endpoint is not endpoint:
                raise DecodeError(f"the URL is a {request.kind.script} request",
                                  expected=f"a {SCRIPT_OF[endpoint]} URL", pos=0,
                                  kind="unknown-endpoint")
            return request
    return decode_query(data, endpoint=endpoint)
