"""Canonical JSON of the SMTP values: requests, replies and their e-mails.

The keys are the vendor's parameter names, in the page's order, and each value is
the field's wire spelling where the page gives one (``time`` is ``"0102251200"`` or
``"+60"``, ``phones`` is ``"79999999999,79999999998"``), a JSON number where the
field is a number::

    {"secrets": "masked", "login": "alex", "psw": "***", "id": 7, "time": "9-21", "tz": 2,
     "translit": 1, "format": 0, "sender": "Alex", "test": 1,
     "phones": "79999999999;G12", "prefix": "__VIBER__", "mes": "message"}

A request whose ``login`` is empty is written ``{"apikey": "***", ...}`` (the page:
"When an empty login field value is passed ... this parameter is interpreted as an
API authorization key (apikey)").  The list form has ``"list": [{"phones": ...,
"mes": ...}, ...]`` instead of ``phones``/``mes``, and ``"list_break": true`` when
the list starts on its own line.  Fields left empty are absent.

Secrets, as for the HTTP requests (:func:`smsc_codec.request.request_to_json`):
``psw``/``apikey`` are written ``"***"`` and ``"secrets": "masked"`` says so, unless
``reveal_secrets=True`` (``"secrets": "revealed"``); a masked view does not read back.

Replies: ``{"id": ..., "cnt": n}`` for ``OK - <n> SMS, ID - <id>`` (``cnt`` as the
HTTP API's JSON names it), ``{"error": description, "error_code": N}`` (plus ``"id"``)
for ``ERROR = N (...)``, the shape the status codec uses for its errors.

An e-mail adds ``"mail": {...}`` with its envelope (``charset``, ``transfer_encoding``,
``body_type``, ``tagged``, and the headers ``from``, ``to``, ``subject``, ``date`` as
RFC 5322 text, ``message_id``).

Defects are not part of the canonical form: they describe a wire, not a value.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any, TypeVar

from smsc_codec.canonical import loads as canonical_loads
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.secret import MASK, Secret
from smsc_codec.smtp.message import SEND_ENVELOPE, Envelope, ReplyMail, SendMail
from smsc_codec.smtp.reply import SendErrorReply, SendOk, SendReply
from smsc_codec.smtp.request import HEADER, ListEntry, SendRequest
from smsc_codec.smtp.values import (
    Prefix,
    RawRecipient,
    Recipient,
    format_recipient,
    parse_recipient,
)

__all__ = [
    "envelope_from_json",
    "envelope_to_json",
    "loads",
    "reply_from_json",
    "reply_mail_from_json",
    "reply_mail_to_json",
    "reply_to_json",
    "request_from_json",
    "request_to_json",
    "send_mail_from_json",
    "send_mail_to_json",
]

T = TypeVar("T")

# --- requests ---------------------------------------------------------------------

_HEAD = [spec for group in HEADER for spec in group]
#: The key saying whether ``psw``/``apikey`` hold the secret or ``***``.
_SECRETS = "secrets"


def _phones_text(phones: tuple[Recipient, ...], sep: str) -> str:
    return sep.join(format_recipient(r) for r in phones)


def request_to_json(request: SendRequest, /, *, reveal_secrets: bool = False) -> dict[str, Any]:
    """The canonical JSON object of *request* (``psw`` masked unless revealed)."""
    out: dict[str, Any] = {_SECRETS: "revealed" if reveal_secrets else "masked"}
    secret = request.psw.reveal() if reveal_secrets else MASK
    if request.login == "":
        out["apikey"] = secret
    else:
        out["login"] = request.login
        out["psw"] = secret
    for spec in _HEAD[2:]:
        value = getattr(request, spec.name)
        if value is None:
            continue
        out[spec.name] = spec.format(value) if spec.name in ("time",) else _json_scalar(value)
    if request.is_list:
        out["list"] = [_entry_to_json(e) for e in request.entries]
        if request.list_break:
            out["list_break"] = True
    else:
        out["phones"] = _phones_text(request.phones, request.phones_sep)
        if request.prefix is not None:
            out["prefix"] = request.prefix.value
        out["mes"] = request.mes
        if request.param is not None:
            out["param"] = request.param
    for name in ("subj", "voice"):
        if (value := getattr(request, name)) is not None:
            out[name] = value
    return out


def _json_scalar(value: Any) -> Any:
    return int(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _entry_to_json(entry: ListEntry) -> dict[str, Any]:
    out: dict[str, Any] = {"phones": _phones_text(entry.phones, ",")}
    if entry.prefix is not None:
        out["prefix"] = entry.prefix.value
    out["mes"] = entry.mes
    if entry.sep != ":":
        out["sep"] = entry.sep
    return out


class _Obj:
    """A JSON object being read: typed getters, and unknown keys refused at the end."""

    def __init__(self, obj: object, where: str) -> None:
        if not isinstance(obj, Mapping):
            raise DecodeError(f"{where} is a JSON object", found=type(obj).__name__,
                              field=where, kind="bad-json")
        self.obj = obj
        self.where = where
        self.seen: set[str] = set()

    def get(self, key: str, kind: type[T] | tuple[type, ...], default: Any = None) -> Any:
        self.seen.add(key)
        if key not in self.obj:
            return default
        value = self.obj[key]
        if value is None:
            return default
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise DecodeError(f"{key} has the wrong JSON type", found=value, field=key,
                              kind="bad-json")
        return value

    def done(self) -> None:
        extra = [k for k in self.obj if k not in self.seen]
        if extra:
            raise DecodeError(f"unknown keys in {self.where}: {', '.join(map(str, extra))}",
                              field=self.where, kind="unknown-key")


def _read(key: str, text: str, parse: Callable[[str], T]) -> T:
    try:
        return parse(text)
    except ValueError as exc:
        raise DecodeError(str(exc), found=text, field=key, kind="bad-value") from exc


def _recipients(key: str, text: str, seps: str) -> tuple[tuple[Recipient, ...], str]:
    used = {ch for ch in text if ch in seps}
    if len(used) > 1:
        raise DecodeError("phones use one separator, ',' or ';'", found=text, field=key,
                          kind="mixed-separators")
    sep = used.pop() if used else ","
    out: list[Recipient] = []
    for token in text.split(sep):
        try:
            out.append(parse_recipient(token))
        except ValueError:
            try:
                out.append(RawRecipient(text=token))
            except EncodeError as exc:
                raise DecodeError(exc.message, found=token, field=key,
                                  kind="bad-value") from exc
    return tuple(out), sep


def _prefix(value: str | None) -> Prefix | None:
    if value is None:
        return None
    try:
        return Prefix(value)
    except ValueError:
        raise DecodeError("not a prefix", found=value, field="prefix", kind="bad-value") from None


def request_from_json(data: object, /) -> SendRequest:
    """The :class:`SendRequest` of a canonical JSON object (or JSON text/bytes).

    Time and code spellings other than the canonical one are accepted (``"09-21"``);
    a masked view (``"secrets": "masked"``) is refused.
    """
    obj = _Obj(_maybe_loads(data), "request")
    values: dict[str, Any] = {}
    if obj.get(_SECRETS, str, "revealed") != "revealed":
        field = "apikey" if "apikey" in obj.obj else "psw"
        raise DecodeError("this view has its secrets masked (***); make it with "
                          "reveal_secrets=True to read it back", expected='"revealed"',
                          field=field, kind="masked-secret")
    apikey = obj.get("apikey", str)
    if apikey is not None:
        if "login" in obj.obj or "psw" in obj.obj:
            raise DecodeError("apikey replaces login and psw", field="apikey",
                              kind="bad-json")
        values["login"], secret, key = "", apikey, "apikey"
    else:
        values["login"] = obj.get("login", str, "")
        secret, key = obj.get("psw", str, ""), "psw"
    if not secret:
        raise DecodeError(f"{key} is required", field=key, kind="missing-field")
    values["psw"] = Secret(secret)
    for spec in _HEAD[2:]:
        if spec.name in ("time", "sender"):
            value = obj.get(spec.name, str)
        elif spec.name == "id":
            value = obj.get("id", (int, str))
            value = None if value is None else _read("id", str(value), spec.parse)
        else:
            value = obj.get(spec.name, int)
        if value is not None and spec.name in ("time", "sender"):
            value = _read(spec.name, value, spec.parse)
        values[spec.name] = value
    entries = obj.get("list", list)
    if entries is not None:
        values["entries"] = tuple(_entry_from_json(e, i) for i, e in enumerate(entries))
        values["list_break"] = obj.get("list_break", bool, False)
    else:
        phones = obj.get("phones", str, "")
        if phones:
            values["phones"], values["phones_sep"] = _recipients("phones", phones, ",;")
        values["prefix"] = _prefix(obj.get("prefix", str))
        values["mes"] = obj.get("mes", str, "")
        values["param"] = obj.get("param", str)
    for name in ("subj", "voice"):
        values[name] = obj.get(name, str)
    obj.done()
    return _build(SendRequest, values)


def _entry_from_json(data: object, index: int) -> ListEntry:
    obj = _Obj(data, f"list[{index}]")
    phones, _ = _recipients("phones", obj.get("phones", str, ""), ",")
    values = {"phones": phones, "prefix": _prefix(obj.get("prefix", str)),
              "mes": obj.get("mes", str, ""), "sep": obj.get("sep", str, ":")}
    obj.done()
    return _build(ListEntry, values)


def _build(cls: Callable[..., T], values: dict[str, Any]) -> T:
    try:
        return cls(**values)
    except EncodeError as exc:
        raise DecodeError(exc.message, field=exc.field, kind="invalid") from exc


def _maybe_loads(data: object) -> object:
    return loads(data) if isinstance(data, str | bytes) else data


def loads(data: str | bytes) -> Any:
    """JSON text to a value, with :class:`DecodeError` (and its position) on failure.

    Read as the replies' canonical JSON is (:func:`smsc_codec.canonical.loads`): a
    ``\\udcXX`` escape, which :func:`~smsc_codec.canonical.dumps` writes for a byte a
    lenient decode could not read, comes back as that byte's escape (orjson alone
    refuses it)."""
    try:
        return canonical_loads(data)
    except DecodeError as exc:
        raise DecodeError(exc.message, pos=exc.pos, kind="bad-json") from exc


# --- replies ------------------------------------------------------------------------


def reply_to_json(reply: SendReply, /) -> dict[str, Any]:
    """``{"id": ..., "cnt": n}`` or ``{"error": ..., "error_code": N[, "id": ...]}``."""
    if isinstance(reply, SendOk):
        return {"id": reply.id, "cnt": reply.cnt}
    out: dict[str, Any] = {"error": reply.description, "error_code": int(reply.code)}
    if reply.id is not None:
        out["id"] = reply.id
    return out


def reply_from_json(data: object, /) -> SendReply:
    """A :class:`SendReply` from its canonical JSON (:func:`reply_to_json`'s shape)."""
    obj = _Obj(_maybe_loads(data), "reply")
    if "error_code" in obj.obj:
        values: dict[str, Any] = {"code": obj.get("error_code", int),
                                  "description": obj.get("error", str)}
        raw_id = obj.get("id", (int, str))
        values["id"] = raw_id
        obj.done()
        return _build(SendErrorReply, values)
    values = {"id": obj.get("id", (int, str)), "cnt": obj.get("cnt", int)}
    obj.done()
    return _build(SendOk, values)


# --- e-mails --------------------------------------------------------------------------


_HEADER_KEYS = (("from", "from_addr"), ("to", "to_addr"), ("subject", "subject"),
                ("date", "date"), ("message_id", "message_id"))


def envelope_to_json(envelope: Envelope, /) -> dict[str, Any]:
    """Every key, ``null`` for a header left out (so that a key *missing* from JSON
    can mean "the default" when reading)."""
    out: dict[str, Any] = {
        "charset": envelope.charset,
        "transfer_encoding": envelope.transfer_encoding,
        "body_type": envelope.body_type,
        "tagged": envelope.tagged,
    }
    for key, name in _HEADER_KEYS:
        value = getattr(envelope, name)
        out[key] = format_datetime(value) if key == "date" and value is not None else value
    return out


def envelope_from_json(data: object, /, *, default: Envelope = SEND_ENVELOPE) -> Envelope:
    """An :class:`Envelope` from its JSON; keys left out take *default*'s values,
    ``null`` means "no such header" (or no charset parameter)."""
    obj = _Obj(data, "mail")
    values: dict[str, Any] = {}
    kinds = {"charset": str, "transfer_encoding": str, "body_type": str, "tagged": bool}
    for key, name in (*((k, k) for k in kinds), *_HEADER_KEYS):
        value = obj.get(key, kinds.get(key, str))
        if key not in obj.obj:
            values[name] = getattr(default, name)
        elif key == "date" and value is not None:
            try:
                values[name] = parsedate_to_datetime(value)
            except (ValueError, TypeError) as exc:
                raise DecodeError("date is RFC 5322 date text", found=value, field="date",
                                  kind="bad-value") from exc
        else:
            values[name] = value
    obj.done()
    return _build(Envelope, values)


def send_mail_to_json(mail: SendMail, /, *, reveal_secrets: bool = False) -> dict[str, Any]:
    """The canonical JSON of a send e-mail: its request (secrets masked unless
    ``reveal_secrets``) and a ``"mail"`` object for the envelope."""
    return {**request_to_json(mail.request, reveal_secrets=reveal_secrets),
            "mail": envelope_to_json(mail.envelope)}


def send_mail_from_json(data: object, /) -> SendMail:
    """A :class:`SendMail` from request JSON with an optional ``"mail"`` object (its
    absence, or keys it leaves out, take the send defaults: koi8-r, quoted-printable,
    to the vendor's send address)."""
    obj = _maybe_loads(data)
    if not isinstance(obj, Mapping):
        raise DecodeError("a mail is a JSON object", field="request", kind="bad-json")
    rest = {k: v for k, v in obj.items() if k != "mail"}
    envelope = envelope_from_json(obj["mail"]) if "mail" in obj else SEND_ENVELOPE
    return SendMail(request=request_from_json(rest), envelope=envelope)


def reply_mail_to_json(mail: ReplyMail, /) -> dict[str, Any]:
    """The canonical JSON of a reply e-mail: the reply and a ``"mail"`` object."""
    return {**reply_to_json(mail.reply), "mail": envelope_to_json(mail.envelope)}


def reply_mail_from_json(data: object, /) -> ReplyMail:
    """A :class:`ReplyMail` from :func:`reply_mail_to_json`'s shape."""
    obj = _maybe_loads(data)
    if not isinstance(obj, Mapping):
        raise DecodeError("a mail is a JSON object", field="reply", kind="bad-json")
    rest = {k: v for k, v in obj.items() if k != "mail"}
    envelope = envelope_from_json(obj["mail"], default=Envelope()) if "mail" in obj else Envelope()
    return ReplyMail(reply=reply_from_json(rest), envelope=envelope)
