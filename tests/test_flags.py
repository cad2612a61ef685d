"""The 2-byte ``flag`` field: every value round-trips, undescribed bits included."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.codes import MessageType
from smsc_codec.errors import DecodeError, EncodeError, SmscCodecError
from smsc_codec.flags import (
    FLAG_MAX,
    SECOND_BALANCE_MASK,
    TEMPLATE_MASK,
    TEMPLATE_TYPE_MASK,
    TYPE_MASK,
    UNDESCRIBED_MASK,
    MessageFlag,
    TemplateType,
)

# Every value a 2-byte field can carry.
flag_values = st.integers(min_value=0, max_value=FLAG_MAX)
# Parts of a flag: any type nibble (0..15, named or not), any template type, and any
# subset of the undescribed bits.
flag_parts = st.builds(
    MessageFlag,
    message_type=st.integers(min_value=0, max_value=15),
    second_balance=st.booleans(),
    template=st.booleans(),
    template_type=st.sampled_from(TemplateType),
    undescribed=st.integers(min_value=0, max_value=FLAG_MAX).map(lambda v: v & UNDESCRIBED_MASK),
)


def test_masks_partition_the_two_bytes() -> None:
    masks = [TYPE_MASK, SECOND_BALANCE_MASK, TEMPLATE_MASK, TEMPLATE_TYPE_MASK, UNDESCRIBED_MASK]
    total = 0
    for mask in masks:
        assert total & mask == 0  # disjoint
        total |= mask
    assert total == FLAG_MAX == 0xFFFF
    assert UNDESCRIBED_MASK == 0xF8D0  # bits 4, 6, 7, 11-15


def test_every_16_bit_value_round_trips() -> None:
    # Exhaustive: 65536 values is cheap, and beats sampling for a bit layout.
    for value in range(FLAG_MAX + 1):
        flag = MessageFlag.from_int(value)
        assert flag.to_int() == value
        assert int(flag) == value


@given(flag_values)
def test_from_int_to_int(value: int) -> None:
    assert MessageFlag.from_int(value).to_int() == value


@given(flag_parts)
def test_parts_to_int_from_int(flag: MessageFlag) -> None:
    assert MessageFlag.from_int(flag.to_int()) == flag
    assert 0 <= int(flag) <= FLAG_MAX


@pytest.mark.parametrize("value", [-1, FLAG_MAX + 1, 2**32, 2**64, -(2**70), 10**30])
def test_out_of_range_is_a_decode_error(value: int) -> None:
    with pytest.raises(DecodeError) as info:
        MessageFlag.from_int(value)
    assert info.value.kind == "bad-value"
    assert info.value.field == "flag"
    assert info.value.expected == "an integer 0..65535"
    assert info.value.found == value
    assert isinstance(info.value, SmscCodecError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("value", [True, False, "5", 5.0, None])
def test_non_integers_are_a_decode_error(value: object) -> None:
    with pytest.raises(DecodeError) as info:
        MessageFlag.from_int(value)  # type: ignore[arg-type]
    assert info.value.kind == "bad-value" and info.value.field == "flag"


@given(st.integers().filter(lambda v: not 0 <= v <= FLAG_MAX))
def test_any_out_of_range_integer_is_refused(value: int) -> None:
    with pytest.raises(DecodeError):
        MessageFlag.from_int(value)


def test_documented_bits() -> None:
    # "Bits 0-3 (message type)": 4 is "HLR-request".
    assert MessageFlag.from_int(4).message_type is MessageType.HLR
    # "Bit 5 – payment of the message from the second balance."
    assert MessageFlag.from_int(0x20) == MessageFlag(second_balance=True)
    # "Bit 8 is a sign of a template message."
    assert MessageFlag.from_int(0x100) == MessageFlag(template=True)
    # "Bits 10,9 ... (00 - service, 01 - transactional, 10 - authorization, 11 -
    # advertising)": bit 9 alone is 01.
    assert MessageFlag.from_int(0x300).template_type is TemplateType.TRANSACTIONAL
    assert MessageFlag.from_int(0x500).template_type is TemplateType.AUTHORIZATION
    assert MessageFlag.from_int(0x700).template_type is TemplateType.ADVERTISING
    flag = MessageFlag(
        message_type=MessageType.VIBER,
        second_balance=True,
        template=True,
        template_type=TemplateType.ADVERTISING,
    )
    assert flag.to_int() == 10 | 0x20 | 0x100 | 0x600


def test_undescribed_bits_are_kept_and_listed() -> None:
    flag = MessageFlag.from_int(0xFFFF)
    assert flag.undescribed == UNDESCRIBED_MASK
    assert flag.undescribed_bits() == (4, 6, 7, 11, 12, 13, 14, 15)
    assert MessageFlag.from_int(0x0090 | 8).undescribed_bits() == (4, 7)
    assert MessageFlag.from_int(8).undescribed_bits() == ()


def test_unnamed_type_numbers_stay_plain_ints() -> None:
    for number in (9, 11, 13, 14, 15):
        flag = MessageFlag.from_int(number)
        assert flag.message_type == number and type(flag.message_type) is int
        assert flag.to_int() == number


def test_construction_normalises_numbers_to_members() -> None:
    built = MessageFlag(message_type=8, template_type=1)  # type: ignore[arg-type]
    assert built.message_type is MessageType.EMAIL
    assert built.template_type is TemplateType.TRANSACTIONAL
    assert built == MessageFlag(
        message_type=MessageType.EMAIL, template_type=TemplateType.TRANSACTIONAL
    )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"message_type": 16}, "message_type"),
        ({"message_type": -1}, "message_type"),
        ({"message_type": True}, "message_type"),
        ({"message_type": "SMS"}, "message_type"),
        ({"template_type": 4}, "template_type"),
        ({"template_type": -1}, "template_type"),
        ({"second_balance": 1}, "second_balance"),
        ({"template": "yes"}, "template"),
        ({"undescribed": 0x0001}, "undescribed"),  # bit 0 is the type, not undescribed
        ({"undescribed": 0x0020}, "undescribed"),
        ({"undescribed": 0x10000}, "undescribed"),
        ({"undescribed": -1}, "undescribed"),
    ],
)
def test_bad_parts_are_an_encode_error(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(EncodeError) as info:
        MessageFlag(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_value_object() -> None:
    flag = MessageFlag.from_int(0x0390)
    with pytest.raises(dataclasses.FrozenInstanceError):
        flag.template = False  # type: ignore[misc]
    assert not hasattr(flag, "__dict__")
    assert hash(flag) == hash(MessageFlag.from_int(0x0390))
    with pytest.raises(TypeError):
        MessageFlag(8)  # type: ignore[call-arg]  # keyword-only


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0, "type=SMS"),
        (0x0390, "type=SMS template=transactional bits=4,7"),
        (0x0020 | 8, "type=E-mail second-balance"),
        (0x0400 | 9, "type=9 template-type=authorization"),
        (0x8000 | 4, "type=HLR-request bits=15"),
    ],
)
def test_str(value: int, text: str) -> None:
    assert str(MessageFlag.from_int(value)) == text
