"""The vendor's code tables: status codes, error codes and message types.

This module owns every numeric code the API documents and the names the vendor gives
them, in English and in Russian, one row per code:

- :class:`StatusCode` - ``<status>`` of a message or HLR request (000 / 003);
- :class:`DeliveryError` - ``<err>`` of a message or HLR request (000 / 003);
- :class:`EmailError` - ``<err>`` of an e-mail message (000 / 003);
- :class:`StatusApiError` - ``ERROR = N`` from ``status.php`` (000 / 003);
- :class:`HistoryApiError` - ``ERROR = N`` from ``get.php?get_messages=1`` (002);
- :class:`SendError` - ``ERROR = N`` replying to a send over SMTP (004);
- :class:`MessageType` - ``<type>``, and bits 0-3 of ``<flag>`` (000 / 003)

(the sources are the files of ``shared/seeds``: ``000`` the English status page,
``003`` its Russian original, ``002`` the history page, ``004`` the SMTP page.)

Names are copied, not improved.  The English ones are the vendor's own translation,
clumsy wording included ("Waiting send", "Limit exceeded messages"); only trailing
full stops are dropped, and the stray quote in "Invalid format'" (e-mail ``err``
249).  The Russian original is authoritative where the two differ.  Tables that
exist on English pages only (002, 004) carry Russian names written for this library
from the English, reusing the Russian page's wording where the same sentence appears
there; their class docstrings say so.

The API grows: a reply may carry a code no table lists yet.  Decoders therefore go
through :func:`lookup`, which returns the member for a known code and the plain
``int`` for any other, so an unknown code is kept and written back unchanged (the
h2 ``_error_code_from_int`` rule).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Literal, Self, TypeVar

__all__ = [
    "SEND_ERRORS_WITH_ID",
    "CodeEnum",
    "DeliveryError",
    "EmailError",
    "HistoryApiError",
    "Language",
    "MessageType",
    "SendError",
    "StatusApiError",
    "StatusCode",
    "describe",
    "err_table",
    "lookup",
]

#: The languages code descriptions are kept in: the vendor's English and Russian words.
Language = Literal["en", "ru"]


class CodeEnum(IntEnum):
    """An ``IntEnum`` whose members also carry the vendor's English and Russian names.

    A row reads ``NOT_FOUND = -3, "Message not found", "Сообщение не найдено"``; the
    member equals ``-3``, prints as ``-3`` and has ``name_en`` / ``name_ru``.
    """

    name_en: str
    name_ru: str

    # The defaults exist only for the type checker: ``StatusCode(-3)`` is a value
    # lookup that the enum machinery answers without calling this method, but mypy
    # checks it against this signature.  Every row is built here, so a row that
    # forgets a name is refused when its class is created.
    def __new__(cls, value: int, name_en: str = "", name_ru: str = "") -> Self:
        if not name_en or not name_ru:
            raise TypeError(f"{cls.__name__} row {value}: both names are required")
        member = int.__new__(cls, value)
        member._value_ = value
        member.name_en = name_en
        member.name_ru = name_ru
        return member

    def describe(self, lang: Language = "en") -> str:
        """The vendor's name of this code in *lang*."""
        return self.name_ru if lang == "ru" else self.name_en


class StatusCode(CodeEnum):
    """``<status>``: "Possible variants of message status codes or HLR requests"."""

    NOT_FOUND = -3, "Message not found", "Сообщение не найдено"
    STOPPED = -2, "Stopped", "Остановлено"
    WAITING = -1, "Waiting send", "Ожидает отправки"
    TRANSFERRED = 0, "Transferred to the operator", "Передано оператору"
    DELIVERED = 1, "Delivered", "Доставлено"
    # "This status is possible for e-mail messages that have the format of an html
    # document."
    READ = 2, "Read", "Прочитано"
    EXPIRED = 3, "Expired", "Просрочено"
    LINK_CLICKED = 4, "Click on link", "Нажата ссылка"
    UNDELIVERABLE = 20, "Unable to deliver", "Невозможно доставить"
    WRONG_NUMBER = 22, "Wrong number", "Неверный номер"
    BANNED = 23, "Banned", "Запрещено"
    INSUFFICIENT_FUNDS = 24, "Insufficient funds", "Недостаточно средств"
    UNAVAILABLE_NUMBER = 25, "Unavailable number", "Недоступный номер"


class DeliveryError(CodeEnum):
    """``<err>``: "Possible error codes in the status of messages or HLR requests".

    For HLR requests the same column is "hLR error code or subscriber status code";
    e-mail messages use :class:`EmailError` instead (see :func:`err_table`).
    """

    NO_ERROR = 0, "No error", "Нет ошибки"
    SUBSCRIBER_NOT_EXIST = 1, "The subscriber does not exist", "Абонент не существует"
    SUBSCRIBER_OFFLINE = 6, "Subscriber is offline", "Абонент не в сети"
    SERVICE_NOT_CONNECTED = 11, "The service is not connected", "Не подключена услуга"
    PHONE_ERROR = 12, "Error in the subscriber's phone", "Ошибка в телефоне абонента"
    SUBSCRIBER_BLOCKED = 13, "Subscriber is blocked", "Абонент заблокирован"
    SERVICE_NOT_SUPPORTED = 21, "No support for the service", "Нет поддержки сервиса"
    # Not a failure: "This notification appears under the message status if the
    # message is sent in test mode".
    VIRTUAL_SENDING = 200, "Virtual sending", "Виртуальная отправка"
    SIM_REPLACED = 219, "SIM Card Replacement", "Замена sim-карты"
    OPERATOR_QUEUE_OVERFLOW = (
        220,
        "Queue overflowed from operator",
        "Переполнена очередь у оператора",
    )
    NO_ANSWER = 237, "The caller is not responding", "Абонент не отвечает"
    NO_TEMPLATE = 238, "No template", "Нет шаблона"
    FORBIDDEN_IP = 239, "Forbidden ip address", "Запрещенный ip-адрес"
    SUBSCRIBER_BUSY = 240, "Subscriber is busy", "Абонент занят"
    CONVERSION_ERROR = 241, "Conversion error", "Ошибка конвертации"
    ANSWERING_MACHINE = 242, "Recorded answering machine", "Зафиксирован автоответчик"
    NO_CONTRACT = 243, "No contract", "Не заключен договор"
    MAILING_PROHIBITED = 244, "Mailing is prohibited", "Рассылка запрещена"
    STATUS_NOT_RECEIVED = 245, "Status is not received", "Статус не получен"
    TIME_LIMIT = 246, "Time limit", "Ограничение по времени"
    MESSAGE_LIMIT_EXCEEDED = 247, "Limit exceeded messages", "Превышен лимит сообщений"
    NO_ROUTE = 248, "No route", "Нет маршрута"
    INVALID_NUMBER_FORMAT = 249, "Invalid number format", "Неверный формат номера"
    NUMBER_FORBIDDEN_BY_SETTINGS = (
        250,
        "Telephone number is forbidden settings",
        "Номер запрещен настройками",
    )
    NUMBER_LIMIT_EXCEEDED = (
        251,
        "Limit is exceeded on a single number",
        "Превышен лимит на один номер",
    )
    NUMBER_NOT_PERMITTED = 252, "Number not permitted", "Номер запрещен"
    SPAM_FILTER = 253, "Prohibited spam filter", "Запрещено спам-фильтром"
    UNREGISTERED_SENDER_ID = 254, "Unregistered sender id", "Незарегистрированный sender id"
    REJECTED_BY_OPERATOR = 255, "Rejected by operator", "Отклонено оператором"


class EmailError(CodeEnum):
    """``<err>`` of e-mail: "Possible error codes in the status of e-mail messages".

    Shares many numbers with :class:`DeliveryError` but not all: 2 "Crowded Inbox",
    3 and 4 exist only here, and 252 means a forbidden *address*, not a number.
    """

    NO_ERROR = 0, "No error", "Нет ошибки"
    RECIPIENT_NOT_EXIST = 1, "Recipient does not exist", "Адресат не существует"
    INBOX_FULL = 2, "Crowded Inbox", "Переполнен почтовый ящик"
    SERVER_NOT_FOUND = 3, "Recipient server was not found", "Сервер получателя не найден"
    MAILBOX_LOCKED = 4, "Mailbox is locked", "Почтовый ящик заблокирован"
    FORBIDDEN_IP = 239, "Forbidden ip address", "Запрещенный ip-адрес"
    STATUS_NOT_RECEIVED = 245, "Status is not received", "Статус не получен"
    NO_ROUTE = 248, "No route", "Нет маршрута"
    INVALID_FORMAT = 249, "Invalid format", "Неверный формат адреса"
    ADDRESS_FORBIDDEN = 252, "E-mail address is prohibited", "E-mail адрес запрещен"
    SPAM_FILTER = 253, "Prohibited spam filter", "Запрещено спам-фильтром"
    UNREGISTERED_SENDER = 254, "Unregistered sender", "Незарегистрированный отправитель"
    REJECTED_BY_SERVER = 255, "Rejected by the recipient server", "Отклонено сервером получателя"


class StatusApiError(CodeEnum):
    """``N`` of ``ERROR = N (description)`` (``0,-N`` at ``fmt=1``) from ``status.php``.

    The table has no name column, only descriptions; the name is the description's
    first sentence.  The same codes answer a delete (``del=1``) request, which is
    where 5 comes from.
    """

    PARAMETERS = 1, "Error in parameters", "Ошибка в параметрах"
    AUTHORIZATION = 2, "Invalid username or password", "Неверный логин или пароль"
    IP_BLOCKED = 4, "The IP address is temporarily blocked", "IP-адрес временно заблокирован"
    DELETE_FAILED = 5, "Error deleting a message", "Ошибка удаления сообщения"
    TOO_MANY_REQUESTS = (
        9,
        "Attempt to send more than five requests to get the status of the same message"
        " or more than one mass request within a minute",
        "Попытка отправки более пяти запросов на получение статуса одного и того же"
        " сообщения или более одного массового запроса в течение минуты",
    )


class HistoryApiError(CodeEnum):
    """``N`` of ``ERROR = N (description)`` from ``get.php?get_messages=1`` (page 002).

    Differs from :class:`StatusApiError`: 3 is "Message not found" here, there is
    no 5, and 9 has its own limits.  Page 002 is English only: the Russian of 1, 2
    and 4 is the status page's wording for the same sentences; 3 and 9 were written
    for this library.
    """

    PARAMETERS = 1, "Error in parameters", "Ошибка в параметрах"
    AUTHORIZATION = 2, "Invalid username or password", "Неверный логин или пароль"
    NOT_FOUND = 3, "Message not found", "Сообщение не найдено"
    IP_BLOCKED = 4, "The IP address is temporarily blocked", "IP-адрес временно заблокирован"
    TOO_MANY_REQUESTS = (
        9,
        "Attempt to send more than three identical requests to get the history of"
        " outgoing messages within a minute or more than thirty requests within an hour",
        "Попытка отправки более трех одинаковых запросов на получение истории исходящих"
        " сообщений в течение минуты или более тридцати запросов в течение часа",
    )


class SendError(CodeEnum):
    """``N`` of the ``ERROR = N (description)`` reply to a send over SMTP (page 004).

    Page 004 is English only; the Russian names were written for this library from
    the English table (1 and 2 reuse the status page's Russian for the same text).
    Errors 3, 6, 7 and 8 come with the message id (:data:`SEND_ERRORS_WITH_ID`).
    """

    PARAMETERS = 1, "Error in parameters", "Ошибка в параметрах"
    AUTHORIZATION = 2, "Invalid username or password", "Неверный логин или пароль"
    INSUFFICIENT_FUNDS = (
        3,
        "Insufficient funds in Customer account",
        "Недостаточно средств на счете Клиента",
    )
    IP_BLOCKED = (
        4,
        "IP address is temporarily blocked due to frequent errors in the queries",
        "IP-адрес временно заблокирован из-за частых ошибок в запросах",
    )
    INVALID_DATE = 5, "Invalid date format", "Неверный формат даты"
    MESSAGE_DENIED = (
        6,
        "Denied message (by text or by sender name)",
        "Сообщение запрещено (по тексту или по имени отправителя)",
    )
    INVALID_NUMBER = 7, "Invalid phone number format", "Неверный формат номера телефона"
    UNDELIVERABLE = (
        8,
        "The message to the specified number can not be delivered",
        "Сообщение на указанный номер не может быть доставлено",
    )
    DUPLICATE_REQUEST = (
        9,
        "Sending more than one identical request for the transmission of SMS messages"
        " within minutes",
        "Отправка более одного одинакового запроса на передачу SMS-сообщений в течение минуты",
    )


#: Send errors whose reply also names the message: "ERROR = N (description), ID -
#: <id>" - "for 3 errors,6,7,8" (page 004); the others are "for 1,2,4,5,9 errors".
SEND_ERRORS_WITH_ID: frozenset[SendError] = frozenset(
    {
        SendError.INSUFFICIENT_FUNDS,
        SendError.MESSAGE_DENIED,
        SendError.INVALID_NUMBER,
        SendError.UNDELIVERABLE,
    }
)


class MessageType(CodeEnum):
    """``<type>``, and bits 0-3 of ``<flag>``: "0 – SMS, 1 – Flash-SMS, ... 12 – Social
    Networks".

    Not the same numbering as the ``format`` parameter of a send (page 004), where
    3 is an HLR request, 9 a call and 11 WhatsApp.
    """

    SMS = 0, "SMS", "SMS"
    FLASH_SMS = 1, "Flash-SMS", "Flash-SMS"
    BINARY_SMS = 2, "Binary SMS", "Бинарное SMS"
    WAP_PUSH = 3, "Wap-push", "Wap-push"
    HLR = 4, "HLR-request", "HLR-запрос"
    PING_SMS = 5, "Ping-SMS", "Ping-SMS"
    MMS = 6, "MMS", "MMS"
    CALL = 7, "Call", "Звонок"
    EMAIL = 8, "E-mail", "E-mail"
    VIBER = 10, "Viber", "Viber"
    SOCIAL = 12, "Social Networks", "Соцсети"


E = TypeVar("E", bound=CodeEnum)


def lookup(enum_cls: type[E], value: int) -> E | int:
    """The member of *enum_cls* numbered *value*, or *value* as a plain ``int``.

    Never raises for an ``int``: a code the table does not list yet is kept, so that
    writing it back gives the very same number.  A member of another table is
    re-read by number (``lookup(EmailError, DeliveryError.NO_ERROR)`` is
    ``EmailError.NO_ERROR``).
    """
    if not isinstance(value, int):
        raise TypeError(f"a code is an int, not {type(value).__name__}")
    try:
        return enum_cls(int(value))
    except ValueError:
        return int(value)


def describe(enum_cls: type[CodeEnum], value: int, lang: Language = "en") -> str | None:
    """The vendor's name of code *value* in *enum_cls*, or ``None`` if it is unknown."""
    code = lookup(enum_cls, value)
    return code.describe(lang) if isinstance(code, CodeEnum) else None


def err_table(message_type: MessageType | int | None) -> type[DeliveryError] | type[EmailError]:
    """Which table reads ``<err>`` of a message of *message_type*.

    The status page gives two: one "for messages or HLR requests" and one "for
    e-mail messages".  ``None`` (type not known) picks the first.
    """
    return EmailError if message_type == MessageType.EMAIL else DeliveryError
