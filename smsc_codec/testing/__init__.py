"""A wire-exact fake SMSC server for the test suites of clients (issue 13).

Optional: nothing in :mod:`smsc_codec` imports this package.  :class:`FakeSmsc` is
the sans-I/O core (request bytes in, reply bytes out, every request logged with
its conformance deviations; an e-mail in, the reply e-mail out).  Adapters, each
importing its own third-party package alone: :mod:`smsc_codec.testing.wsgi` and
:mod:`smsc_codec.testing.asgi` (standard library), :mod:`smsc_codec.testing.transport`
(httpx), :mod:`smsc_codec.testing.smtp` (aiosmtpd); :mod:`smsc_codec.testing.strategies`
(hypothesis) draws the library's values for property tests.
Decisions where the vendor's pages are silent: ``spec/testing.md``.
"""

from __future__ import annotations

from smsc_codec.testing._core import (
    MAX_BODY_BYTES,
    PATHS,
    TOO_LARGE,
    Account,
    FakeSmsc,
    HttpReply,
    OutgoingMail,
    SeenRequest,
    SeenSend,
)

__all__ = ["MAX_BODY_BYTES", "PATHS", "TOO_LARGE", "Account", "FakeSmsc", "HttpReply",
           "OutgoingMail", "SeenRequest", "SeenSend"]
