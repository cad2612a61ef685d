"""The one masking rule for what a capture shows: no ``psw``/``apikey`` value, ever.

The codecs mask the secrets they parse (:class:`smsc_codec.secret.Secret`).  A
capture also holds text no codec parsed as a request: a dump record whose first
line was not read as its request, a send line taken for a reply, a body quoting a
URL.  Whatever part of such text reaches an output -- a JSON Lines value, an error
message, a summary line, a ``check`` report, a ``repr`` -- goes through
:func:`mask` first.  It masks two shapes, the two ways the API carries a password:

* a parameter ``psw=...`` / ``apikey=...`` (any case; the value runs to the next
  ``&``, whitespace, quote or angle bracket): "login=<login>&psw=<password>"
  (status page, 000);
* an SMTP send line ``login:psw:id:time:...``: "login:password:id:time:tz,
  translit,format,sender,test:phones:message" (SMTP page, 004) -- the second
  colon field of a line (or text, or quoted text) that starts with a login word
  (empty before an API key) and has at least four colons is masked (four, not
  six: a send line taken for a ``fmt=1`` reply comes out in pieces).  A time
  (``09:15:02``) has too few; an IPv6 address of five groups or more at the start
  of a text would be masked too, which is the price of never showing a send
  line's password.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from smsc_codec.secret import MASK

__all__ = ["mask", "mask_json"]

_PARAM = re.compile(r"(?i)\b(psw|apikey)(\s*=\s*)[^&\s'\"<>\\]+")
_SEND_LINE = re.compile(
    r"(?m)(?:^|(?<=['\"]))([\w.@+-]{0,64}):[^:\r\n'\"]+(?=(?::[^:\r\n'\"]*){2}:)")


def mask(text: str) -> str:
    """*text* with every ``psw``/``apikey`` value and send-line password masked."""
    if "=" in text:
        text = _PARAM.sub(rf"\1\2{MASK}", text)
    if text.count(":") >= 4:
        text = _SEND_LINE.sub(rf"\1:{MASK}", text)
    return text


#: What every string :func:`mask` changes holds, looked for once in the JSON text of
#: a whole value rather than string by string (a scan's record has some seventy
#: strings, nearly always with nothing to mask): the last letter of a parameter
#: name (``psw``, ``apikey``: a ``w`` or a ``y``, which no other character matches
#: case-insensitively) and its ``=``, with the whitespace between as JSON writes it
#: (raw, or escaped: ``\n``, ``\u000b``...); or four colons with no quote between
#: them, as a send line's are.  JSON text holds each string's other characters as
#: they are (only quotes, backslashes and control characters are escaped, and none
#: of them is a letter, a colon, ``=`` or a quote), and a quote between any two
#: strings, so a string that needs masking always shows here.  (A request's masked
#: ``"psw":"***"`` does not: a key is followed by a quote.)  The search is of the
#: UTF-8 bytes, where any non-ASCII byte stands for whitespace: ``\s`` in
#: :data:`_PARAM` is Unicode's, ``\x85`` and ``\u2028`` included.
_MAY_PARAM = re.compile(rb"[wWyY](?:\s|\\[bfnrt]|\\u00[01][0-9a-fA-F]|[\x80-\xff])*=")
_MAY_SEND_LINE = re.compile(rb':[^:"]*:[^:"]*:[^:"]*:')
#: orjson writes these as JSON of its own making (a dataclass as an object, a
#: datetime as text); here they are refused, so they come back as they are.
_ONLY_JSON = orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_PASSTHROUGH_DATETIME | \
    orjson.OPT_PASSTHROUGH_SUBCLASS


def mask_json(value: Any) -> Any:
    """A JSON value with :func:`mask` applied to every string in it (keys too).

    When nothing in it needs masking -- nearly always -- that is *value* itself, not
    a copy: the records of one 15 MB multi-status entry are some 80 MiB of objects,
    and a copy of them was the largest part of ``scan``'s peak.  Otherwise a new
    value, its arrays as lists, every string that changed masked and every other
    object shared."""
    try:
        text = orjson.dumps(value, option=_ONLY_JSON)
    except TypeError:  # a big int, a lone surrogate, no JSON type: walked string by string
        return _mask_each(value)
    if _MAY_PARAM.search(text) or _MAY_SEND_LINE.search(text):
        return _mask_each(value)
    return value


def _mask_each(value: Any) -> Any:
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {mask(k): _mask_each(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_mask_each(v) for v in value]
    return value
