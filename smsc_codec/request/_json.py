"""The canonical JSON view of a request (masked for display, revealed to read back)."""

from __future__ import annotations

from typing import Any

from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.request._models import (
    MODELS,
    Auth,
    DeleteRequest,
    Request,
    StatusRequest,
    masked_extra,
)
from smsc_codec.request._params import SECRET_NAMES, TABLE, RequestKind
from smsc_codec.request._values import Invalid

# {"request": "status", "secrets": "masked", "login": ..., "psw": "***", "phone": [...],
#  "id": [...], "fmt": 3, ..., "keep_multi_format": false, "extra": [["name", "value"]]}
# Keys are wire names in PARAMS order; absent parameters are left out; values have
# their JSON type (lists are arrays, fmt/all/format/cnt numbers, dates "dd.mm.yyyy").

_SECRETS_KEY = "secrets"


def request_to_json(request: Request, /, *, reveal_secrets: bool = False) -> dict[str, Any]:
    """The canonical JSON object of *request*, for display and for tests.

    Secrets read ``***`` and ``"secrets": "masked"`` says so, unless *reveal_secrets*;
    only a revealed view reads back with :func:`request_from_json`.
    """
    kind = request.kind
    out: dict[str, Any] = {
        "request": kind.value,
        _SECRETS_KEY: "revealed" if reveal_secrets else "masked",
    }
    for param in TABLE[kind].values():
        if param.attr is None:
            continue
        owner = request.auth if param.on_auth else request
        value = getattr(owner, param.attr)
        if value is not None and value != ():
            out[param.name] = param.codec.to_json(value, reveal=reveal_secrets)
    if isinstance(request, StatusRequest | DeleteRequest):
        out["keep_multi_format"] = request.keep_multi_format
    if request.extra:
        extra = request.extra if reveal_secrets else masked_extra(request.extra)
        out["extra"] = [list(pair) for pair in extra]
    return out


def request_from_json(obj: Any, /) -> Request:
    """The request a revealed :func:`request_to_json` object describes.

    Raises :class:`DecodeError` (``field`` = the key) for a masked view, an unknown
    key, a value of the wrong JSON type, or a request the models refuse.
    """
    if not isinstance(obj, dict):
        raise DecodeError("a request is a JSON object", found=type(obj).__name__,
                          kind="bad-json")
    try:
        kind = RequestKind(str(obj.get("request")))
    except ValueError as exc:
        raise DecodeError("unknown request", expected=" or ".join(RequestKind),
                          found=obj.get("request"), field="request", kind="bad-json") from exc
    table = TABLE[kind]
    secrets = obj.get(_SECRETS_KEY, "revealed")
    if secrets != "revealed":
        field = next((n for n in SECRET_NAMES if n in obj), _SECRETS_KEY)
        raise DecodeError("this view has its secrets masked (***); make it with "
                          "reveal_secrets=True to read it back", expected='"revealed"',
                          field=field, kind="masked-secret")
    auth_values: dict[str, Any] = {}
    values: dict[str, Any] = {}
    for key, item in obj.items():
        param = table.get(key)
        if key in ("request", _SECRETS_KEY):
            continue
        if key == "keep_multi_format" and kind is not RequestKind.HISTORY:
            values[key] = item  # the model checks it is a bool
        elif key == "extra":
            if not (isinstance(item, list) and all(isinstance(p, list) for p in item)):
                raise DecodeError("expected an array of [name, value] arrays", field="extra",
                                  kind="bad-json")
            values[key] = tuple(tuple(p) for p in item)
        elif param is None or param.attr is None:
            raise DecodeError(f"{key} is not a field of {kind} requests", field=key,
                              kind="bad-json")
        else:
            try:
                value = param.codec.from_json(item)
            except Invalid as exc:
                raise DecodeError(str(exc), expected=param.codec.expected, field=key,
                                  kind="bad-json") from exc
            (auth_values if param.on_auth else values)[param.attr] = value
    for param in table.values():
        if param.required and param.attr is not None:
            values.setdefault(param.attr, ())  # absent: the model says which one is missing
    try:
        return MODELS[kind](auth=Auth(**auth_values), **values)
    except EncodeError as exc:
        raise DecodeError(exc.message, field=exc.field, kind="bad-json") from exc
