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


def mask_json(value: Any) -> Any:
    """A JSON value with :func:`mask` applied to every string in it (keys too)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, dict):
        return {mask(k): mask_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_json(v) for v in value]
    return value
