"""The code tables: the documented codes, their names, and lossless lookup of unknown ones."""

from __future__ import annotations

from enum import IntEnum

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.codes import (
    SEND_ERRORS_WITH_ID,
    CodeEnum,
    DeliveryError,
    EmailError,
    HistoryApiError,
    MessageType,
    SendError,
    StatusApiError,
    StatusCode,
    describe,
    err_table,
    lookup,
)

# The code sets as the vendor pages list them, typed out by hand from the pages
# (000/003 status, 002 history, 004 SMTP) so that a table edit that drops or invents
# a code fails here.
DOCUMENTED: dict[type[CodeEnum], frozenset[int]] = {
    StatusCode: frozenset({-3, -2, -1, 0, 1, 2, 3, 4, 20, 22, 23, 24, 25}),
    DeliveryError: frozenset({0, 1, 6, 11, 12, 13, 21, 200, 219, 220, *range(237, 256)}),
    EmailError: frozenset({0, 1, 2, 3, 4, 239, 245, 248, 249, 252, 253, 254, 255}),
    StatusApiError: frozenset({1, 2, 4, 5, 9}),
    HistoryApiError: frozenset({1, 2, 3, 4, 9}),
    SendError: frozenset(range(1, 10)),
    MessageType: frozenset({0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12}),
}
TABLES = list(DOCUMENTED)
CYRILLIC = frozenset(chr(c) for c in range(0x400, 0x500))


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_table_holds_exactly_the_documented_codes(table: type[CodeEnum]) -> None:
    assert {int(member) for member in table} == DOCUMENTED[table]


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_every_row_has_both_names(table: type[CodeEnum]) -> None:
    for member in table:
        for name in (member.name_en, member.name_ru):
            assert name and name == name.strip()
            assert not name.endswith(".")  # names, not sentences
        assert member.describe("en") == member.name_en
        assert member.describe("ru") == member.name_ru
        assert isinstance(member, IntEnum)


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_russian_names_are_russian(table: type[CodeEnum]) -> None:
    # Product names (SMS, MMS, Viber, E-mail) are written in Latin letters in the
    # Russian page too; everything else must carry Cyrillic, i.e. is not an English
    # name pasted twice.
    latin_ok = {"SMS", "Flash-SMS", "Wap-push", "Ping-SMS", "MMS", "E-mail", "Viber"}
    for member in table:
        if member.name_ru not in latin_ok:
            assert CYRILLIC & set(member.name_ru), member


def test_names_quoted_from_the_pages() -> None:
    assert int(StatusCode.NOT_FOUND) == -3
    assert StatusCode.NOT_FOUND.name_en == "Message not found"
    assert StatusCode.NOT_FOUND.name_ru == "Сообщение не найдено"
    assert StatusCode.WAITING.name_en == "Waiting send"  # the vendor's wording, kept
    assert StatusCode(25).name_ru == "Недоступный номер"
    assert DeliveryError(219).name_ru == "Замена sim-карты"
    assert DeliveryError(254).name_en == "Unregistered sender id"
    assert EmailError(2).name_en == "Crowded Inbox"
    assert EmailError(2).name_ru == "Переполнен почтовый ящик"
    assert EmailError(249).name_en == "Invalid format"  # the page's stray quote dropped
    assert HistoryApiError(3).name_en == "Message not found"
    assert StatusApiError(5).name_ru == "Ошибка удаления сообщения"
    assert SendError(3).name_en == "Insufficient funds in Customer account"
    assert MessageType(12).name_ru == "Соцсети"


def test_tables_that_differ_between_pages() -> None:
    # err = 2 exists for e-mail only; 3 is "message not found" for history only.
    assert lookup(DeliveryError, 2) == 2 and type(lookup(DeliveryError, 2)) is int
    assert lookup(EmailError, 2) is EmailError.INBOX_FULL
    assert lookup(StatusApiError, 3) == 3 and type(lookup(StatusApiError, 3)) is int
    assert lookup(HistoryApiError, 3) is HistoryApiError.NOT_FOUND
    assert lookup(HistoryApiError, 5) == 5 and type(lookup(HistoryApiError, 5)) is int
    assert EmailError(252).name_en != DeliveryError(252).name_en


def test_members_are_written_as_their_numbers() -> None:
    # What an encoder puts on the wire for a member: the plain number.
    assert f"{StatusCode.DELIVERED}" == "1"
    assert str(StatusCode.NOT_FOUND) == "-3"
    assert StatusCode.NOT_FOUND + 0 == -3


def test_send_errors_that_carry_an_id() -> None:
    # "ERROR = N (description), ID - <id>" - "for 3 errors,6,7,8" (page 004).
    assert {int(code) for code in SEND_ERRORS_WITH_ID} == {3, 6, 7, 8}


def test_a_row_without_names_is_refused() -> None:
    with pytest.raises(TypeError, match="both names"):

        class Broken(CodeEnum):
            ONLY_EN = 1, "English only"


@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.__name__)
def test_known_codes_look_up_to_their_member(table: type[CodeEnum]) -> None:
    for member in table:
        assert lookup(table, int(member)) is member
        assert describe(table, int(member)) == member.name_en
        assert describe(table, int(member), "ru") == member.name_ru


@given(table=st.sampled_from(TABLES), value=st.integers(min_value=-(2**70), max_value=2**70))
def test_lookup_never_raises_and_keeps_the_number(table: type[CodeEnum], value: int) -> None:
    code = lookup(table, value)
    assert code == value
    if value in DOCUMENTED[table]:
        assert isinstance(code, table)
        assert describe(table, value) is not None
    else:
        assert type(code) is int  # the raw number, written back unchanged
        assert describe(table, value) is None
        assert describe(table, value, "ru") is None


def test_lookup_rereads_a_member_of_another_table_by_number() -> None:
    assert lookup(EmailError, DeliveryError.NO_ERROR) is EmailError.NO_ERROR
    assert lookup(EmailError, DeliveryError.SIM_REPLACED) == 219
    assert type(lookup(EmailError, DeliveryError.SIM_REPLACED)) is int


def test_lookup_wants_an_int() -> None:
    with pytest.raises(TypeError):
        lookup(StatusCode, "1")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("message_type", "table"),
    [
        (MessageType.EMAIL, EmailError),
        (8, EmailError),
        (MessageType.SMS, DeliveryError),
        (MessageType.HLR, DeliveryError),
        (9, DeliveryError),
        (None, DeliveryError),
    ],
)
def test_err_table_by_message_type(message_type: MessageType | int | None, table: type) -> None:
    assert err_table(message_type) is table
