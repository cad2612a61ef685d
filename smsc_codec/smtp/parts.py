"""How many SMS a text takes, so ``n`` of ``OK - <n> SMS`` can be predicted.

Page 004: "Size of one SMS – 160 characters in Latin or 70 characters in Cyrillic.
When splitting a message into multiple SMS messages, a header is added to each part
to combine the parts into a single message on the recipient's phone, and the maximum
length becomes 67 for Cyrillic and 153 for Latin letters."  And: "<n> is the number of
SMS sent, calculated as the number of SMS messages in the message multiplied by the
number of recipients."

Two rules are offered:

``"gsm"`` (the default, exact)
    3GPP TS 23.038 (GSM 03.38).  A text made only of characters of the GSM 7-bit
    default alphabet is sent in septets: one per character of the basic table, two
    for a character of the extension table (``ESC`` + code: ``^ { } \\ [ ~ ] | €`` and
    form feed).  160 septets fit one SMS; a longer text is split into parts of 153
    (the 6-octet concatenation header, TS 23.040 §9.2.3.24.1, takes 7 septets), and an
    escape pair is never split across two parts.  Any other character makes the
    whole text UCS-2, counted in UTF-16 code units: 70 in one SMS, 67 per part (134 of
    the 140 octets), and a surrogate pair (an emoji, any character beyond U+FFFF,
    two units) is never split.
``"doc"`` (the page's rule of thumb)
    characters, not septets or units: 160/153 if every character is in the GSM
    alphabet ("Latin"), 70/67 otherwise ("Cyrillic").  It differs from ``"gsm"``
    for extension characters (``€`` counts 1, not 2), characters beyond U+FFFF
    (1, not 2) and near part boundaries.

What neither rule knows: the server's transliteration (``translit``), comments it
strips from the text, and whether it merges duplicate recipients; see
:func:`expected_sms`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from smsc_codec.errors import EncodeError
from smsc_codec.smtp.request import SendRequest
from smsc_codec.smtp.values import Phone, SendFormat, Translit

__all__ = [
    "GSM_BASIC",
    "GSM_EXTENSION",
    "GSM_PART",
    "GSM_SINGLE",
    "UCS2_PART",
    "UCS2_SINGLE",
    "SmsParts",
    "count_sms",
    "expected_sms",
    "is_gsm",
    "split_sms",
]

#: The GSM 7-bit default alphabet, codes 0x00..0x7F in order (TS 23.038 §6.2.1),
#: without 0x1B, the escape to the extension table, which is no character.
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
#: The default extension table (TS 23.038 §6.2.1.1): each costs ESC + its code.
GSM_EXTENSION = frozenset("\x0c^{}\\[~]|€")

#: Septets in one SMS (140 octets x 8 / 7).
GSM_SINGLE = 160
#: Septets per part of a concatenated SMS (160 - 7 for the header).
GSM_PART = 153
#: UTF-16 code units in one SMS (140 octets / 2).
UCS2_SINGLE = 70
#: UTF-16 code units per part of a concatenated SMS ((140 - 6) / 2).
UCS2_PART = 67

Encoding = Literal["gsm-7", "ucs-2"]
Rule = Literal["gsm", "doc"]


def is_gsm(text: str) -> bool:
    """Whether *text* can be sent in the GSM 7-bit alphabet (with its extension)."""
    return all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text)


@dataclass(frozen=True, slots=True, kw_only=True)
class SmsParts:
    """A text as the SMS it is sent in.

    ``units`` counts septets (``gsm-7``) or UTF-16 code units (``ucs-2``) of the
    whole text; ``parts`` are the texts of the SMS, in order (one part, possibly
    empty, for a text that fits).
    """

    encoding: Encoding
    units: int
    parts: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many SMS the text is sent as (the ``n`` of ``OK - n SMS``)."""
        return len(self.parts)


def _cost(ch: str, encoding: Encoding) -> int:
    if encoding == "ucs-2":
        return 2 if ord(ch) > 0xFFFF else 1
    return 2 if ch in GSM_EXTENSION else 1


def split_sms(text: str) -> SmsParts:
    """*text* split as the GSM rule sends it (see the module docstring)."""
    if not isinstance(text, str):
        raise EncodeError("an SMS text is str", field="mes")
    encoding: Encoding = "gsm-7" if is_gsm(text) else "ucs-2"
    single, per_part = (GSM_SINGLE, GSM_PART) if encoding == "gsm-7" else (UCS2_SINGLE, UCS2_PART)
    units = sum(_cost(ch, encoding) for ch in text)
    if units <= single:
        return SmsParts(encoding=encoding, units=units, parts=(text,))
    parts: list[str] = []
    start = used = 0
    for i, ch in enumerate(text):
        cost = _cost(ch, encoding)
        if used + cost > per_part:  # an escape pair or surrogate pair moves whole
            parts.append(text[start:i])
            start, used = i, 0
        used += cost
    parts.append(text[start:])
    return SmsParts(encoding=encoding, units=units, parts=tuple(parts))


def count_sms(text: str, *, rule: Rule = "gsm") -> int:
    """How many SMS *text* takes under *rule* (``"gsm"`` exact, ``"doc"`` the page's)."""
    if rule == "gsm":
        return split_sms(text).count
    if rule != "doc":
        raise ValueError(f"rule is 'gsm' or 'doc', not {rule!r}")
    single, per_part = (GSM_SINGLE, GSM_PART) if is_gsm(text) else (UCS2_SINGLE, UCS2_PART)
    n = len(text)
    return 1 if n <= single else -(-n // per_part)


#: Formats whose ``n`` is parts x recipients of a text SMS.
_TEXT_SMS = (SendFormat.SMS, SendFormat.FLASH)


def expected_sms(request: SendRequest, *, rule: Rule = "gsm") -> int | None:
    """The ``n`` the server should answer *request* with, or ``None`` if unknowable.

    ``n`` = SMS per message x recipients, summed over the entries of a list.
    ``None`` when the request is not a text SMS (a ``format`` other than 0/1, any
    prefix), when a recipient is not a phone number (a group's size is in the
    account; e-mail and Telegram are no SMS), or when the server transliterates a
    text that is not GSM already (its tables are not documented).  Duplicate numbers
    are counted as given.
    """
    if request.format is not None and request.format not in _TEXT_SMS:
        return None
    if request.is_list:
        messages = [(e.mes, e.prefix, e.phones) for e in request.entries]
    else:
        messages = [(request.mes, request.prefix, request.phones)]
    total = 0
    for text, prefix, phones in messages:
        if prefix is not None or not all(isinstance(p, Phone) for p in phones):
            return None
        if request.translit not in (None, Translit.NONE) and not is_gsm(text):
            return None
        total += count_sms(text, rule=rule) * len(phones)
    return total
