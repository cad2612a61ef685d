"""The 2-byte ``flag`` field of a status reply, as a value object.

This module owns the bit layout of ``<flag>`` and its two directions: the integer the
server sends (``"flag": 289`` in JSON, ``<flag>289</flag>`` in XML) and
:class:`MessageFlag`, its parts by name.  The status page (000, Russian original 003)
says:

    "<flag> is a flag in the form of a 2 byte number containing various information
    about the message. Combinations of bit values of different characteristics are
    possible. Bits 0-3 (message type): 0 – SMS, 1 – Flash-SMS, ... 12 – Social
    Networks. Bit 5 – payment of the message from the second balance. Bit 8 is a
    sign of a template message. Bits 10,9 are the type of template message (00 -
    service, 01 - transactional, 10 - authorization, 11 - advertising)."

Bits 4, 6, 7 and 11-15 are not described.  They are kept in
:attr:`MessageFlag.undescribed`, in place, so that ``from_int(v).to_int() == v`` for
every 16-bit ``v``: a decoder that zeroed them would silently change the value on
the way back (dnspython's "unknown flag bits must not be dropped" lesson).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from smsc_codec.codes import MessageType, lookup
from smsc_codec.errors import DecodeError, EncodeError

__all__ = [
    "FLAG_MAX",
    "SECOND_BALANCE_MASK",
    "TEMPLATE_MASK",
    "TEMPLATE_TYPE_MASK",
    "TEMPLATE_TYPE_SHIFT",
    "TYPE_MASK",
    "UNDESCRIBED_MASK",
    "MessageFlag",
    "TemplateType",
]

#: "a 2 byte number": the largest value the field can hold.
FLAG_MAX = 0xFFFF

#: "Bits 0-3 (message type)": a :class:`~smsc_codec.codes.MessageType` number.  Four
#: bits hold 0..15; 9, 11, 13, 14 and 15 name no type yet.
TYPE_MASK = 0x000F
#: "Bit 5 – payment of the message from the second balance."
SECOND_BALANCE_MASK = 0x0020
#: "Bit 8 is a sign of a template message."
TEMPLATE_MASK = 0x0100
#: "Bits 10,9 are the type of template message": a :class:`TemplateType`, read as a
#: two-bit number with bit 10 high ("01 - transactional" is bit 9 alone).
TEMPLATE_TYPE_MASK = 0x0600
#: Where :data:`TEMPLATE_TYPE_MASK` starts: the two-bit template type is ``(flag & mask) >> 9``.
TEMPLATE_TYPE_SHIFT = 9
#: Every bit the docs say nothing about: 4, 6, 7 and 11-15.  Kept, never zeroed.
UNDESCRIBED_MASK = FLAG_MAX & ~(
    TYPE_MASK | SECOND_BALANCE_MASK | TEMPLATE_MASK | TEMPLATE_TYPE_MASK
)


class TemplateType(IntEnum):
    """Bits 10,9: "the type of template message"."""

    SERVICE = 0  #: "00 - service"
    TRANSACTIONAL = 1  #: "01 - transactional"
    AUTHORIZATION = 2  #: "10 - authorization"
    ADVERTISING = 3  #: "11 - advertising"


def _is_int(value: object) -> bool:
    # bool is an int subclass; True where a number belongs is a caller's mistake,
    # not the number 1.
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True, kw_only=True)
class MessageFlag:
    """The parts of one ``<flag>`` value; every 16-bit integer has exactly one.

    ``message_type``
        bits 0-3: a :class:`~smsc_codec.codes.MessageType`, or the plain ``int``
        (0..15) for a number the docs do not name.
    ``second_balance``
        bit 5: the message was paid from the second balance.
    ``template``
        bit 8: "a sign of a template message".
    ``template_type``
        bits 10,9.  Kept as read even when ``template`` is false: the docs do not
        say these bits are zero then, and dropping them would change the value.
    ``undescribed``
        the undescribed bits (:data:`UNDESCRIBED_MASK`), in their own positions.
    """

    message_type: MessageType | int = MessageType.SMS
    second_balance: bool = False
    template: bool = False
    template_type: TemplateType = TemplateType.SERVICE
    undescribed: int = 0

    def __post_init__(self) -> None:
        if not _is_int(self.message_type) or not 0 <= self.message_type <= TYPE_MASK:
            raise EncodeError(
                f"a message type is an integer 0..15 (bits 0-3), not {self.message_type!r}",
                field="message_type",
            )
        for name in ("second_balance", "template"):
            if not isinstance(getattr(self, name), bool):
                raise EncodeError(f"must be a bool, not {getattr(self, name)!r}", field=name)
        if not _is_int(self.template_type) or not 0 <= self.template_type <= 3:
            raise EncodeError(
                f"a template type is an integer 0..3 (bits 10,9), not {self.template_type!r}",
                field="template_type",
            )
        if not _is_int(self.undescribed) or self.undescribed & ~UNDESCRIBED_MASK:
            raise EncodeError(
                f"only bits 4, 6, 7 and 11-15 (mask 0x{UNDESCRIBED_MASK:04X}) are"
                f" undescribed; got {self.undescribed!r}",
                field="undescribed",
            )
        # Normalise so that equal flags compare and print alike whether they were
        # built from a member or from its number.
        object.__setattr__(self, "message_type", lookup(MessageType, self.message_type))
        object.__setattr__(self, "template_type", TemplateType(self.template_type))
        object.__setattr__(self, "undescribed", int(self.undescribed))

    @classmethod
    def from_int(cls, value: int) -> MessageFlag:
        """Split a ``flag`` value into its parts; any integer 0..65535 is accepted."""
        if not _is_int(value) or not 0 <= value <= FLAG_MAX:
            raise DecodeError(
                "not a 2-byte flag",
                expected="an integer 0..65535",
                found=value,
                field="flag",
                kind="bad-value",
            )
        return cls(
            message_type=value & TYPE_MASK,
            second_balance=bool(value & SECOND_BALANCE_MASK),
            template=bool(value & TEMPLATE_MASK),
            template_type=TemplateType((value & TEMPLATE_TYPE_MASK) >> TEMPLATE_TYPE_SHIFT),
            undescribed=value & UNDESCRIBED_MASK,
        )

    def to_int(self) -> int:
        """The ``flag`` value: the exact inverse of :meth:`from_int`."""
        return (
            int(self.message_type)
            | (SECOND_BALANCE_MASK if self.second_balance else 0)
            | (TEMPLATE_MASK if self.template else 0)
            | (int(self.template_type) << TEMPLATE_TYPE_SHIFT)
            | self.undescribed
        )

    def __int__(self) -> int:
        return self.to_int()

    def undescribed_bits(self) -> tuple[int, ...]:
        """Numbers of the undescribed bits that are set, lowest first."""
        return tuple(bit for bit in range(16) if self.undescribed >> bit & 1)

    def __str__(self) -> str:
        """``type=SMS template=transactional bits=4,7``: one token per set part."""
        kind = self.message_type
        parts = [f"type={kind.name_en if isinstance(kind, MessageType) else kind}"]
        if self.second_balance:
            parts.append("second-balance")
        if self.template:
            parts.append(f"template={self.template_type.name.lower()}")
        elif self.template_type:
            # Bits 10,9 without bit 8: shown, since to_int() writes them back.
            parts.append(f"template-type={self.template_type.name.lower()}")
        if self.undescribed:
            parts.append("bits=" + ",".join(map(str, self.undescribed_bits())))
        return " ".join(parts)
