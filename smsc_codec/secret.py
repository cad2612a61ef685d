"""Secrets: passwords and API keys that are compared by value and never shown.

Ground layer: the request side (``psw``, ``apikey``) and the SMTP side (``psw``, an
API key when the login is empty) both hold their secrets in :class:`Secret`, and
every display view writes :data:`MASK` instead.
"""

from __future__ import annotations

import hmac
from typing import Final, final

from smsc_codec.errors import EncodeError

__all__ = ["MASK", "SECRET_NAMES", "Secret", "is_secret_name", "masked_cause"]

#: What a secret looks like in every display view.
MASK: Final = "***"

#: The parameters whose value is a secret: "psw - Client Password", "apikey" (the
#: request tables mark them; the SMTP head's psw is its own field).
SECRET_NAMES: Final = frozenset({"psw", "apikey"})


def is_secret_name(name: str) -> bool:
    """Whether a parameter named *name* holds a secret -- the one masking rule of every
    display view: ``psw`` or ``apikey`` in any case, with spaces around.  A second
    ``PSW=`` is no parameter of the table (it rides in ``extra``), but a server may
    well read it as the password, so it is masked like one (issue 19)."""
    return name.strip().casefold() in SECRET_NAMES


def masked_cause(exc: UnicodeError) -> ValueError:
    """A stand-in for a codec error over a secret, to chain in its place: the reason
    and where, not the value (a ``UnicodeError``'s ``.object`` is the whole secret).
    Raise it outside the ``except`` block, or the original rides along as
    ``__context__``."""
    where = getattr(exc, "start", None)
    encoding = getattr(exc, "encoding", "codec")
    reason = getattr(exc, "reason", type(exc).__name__)
    return ValueError(f"{encoding}: {reason} at character {where} of a secret (masked)")


# --- secrets --------------------------------------------------------------------


@final
class Secret:
    """A password or API key: compared and hashed by value, never shown.

    ``repr()`` is ``Secret('***')`` and ``str()`` is ``***``; :meth:`reveal` is the
    one way to read the value, and the encoder is its one caller in this package.
    Not a dataclass on purpose: tools that drill into dataclass fields (pytest's
    assertion diffs, ``dataclasses.asdict``) stop at an opaque object.
    """

    __slots__ = ("_value",)
    _value: str

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            # No repr of the value here: it is a secret even when mistyped.
            raise EncodeError(f"a Secret holds text, not {type(value).__name__}")
        object.__setattr__(self, "_value", value)

    def reveal(self) -> str:
        """The secret itself, for the wire."""
        return self._value

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Secret is immutable")

    def __reduce__(self) -> tuple[type[Secret], tuple[str]]:
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild through __init__,
        # since __setattr__ refuses.  A pickle carries the secret, as it must.
        return Secret, (self._value,)

    def __repr__(self) -> str:
        return f"Secret({MASK!r})"

    def __str__(self) -> str:
        return MASK

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        # Constant time, as any comparison of credentials should be.
        return hmac.compare_digest(_utf8(self._value), _utf8(other._value))

    def __hash__(self) -> int:
        return hash((Secret, self._value))


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")
