"""Hypothesis strategies for the library's values, to property-test SMSC clients.

Needs ``hypothesis`` (the ``[testing]`` extra).  Three modules, by wire format:

* :mod:`smsc_codec.testing.strategies.records` -- status and history records of
  any layout, and the replies (single, multi-status) an HTTP server writes:
  :func:`record`, :func:`reply`;
* :mod:`smsc_codec.testing.strategies.http` -- valid ``status.php`` / ``get.php``
  request models in every charset: :func:`status_requests`, :func:`delete_requests`,
  :func:`history_requests`, :data:`http_requests`;
* :mod:`smsc_codec.testing.strategies.smtp` -- SMTP send requests, their lines and
  e-mails, and the server's replies: :data:`send_requests`, :data:`send_lines`,
  :func:`send_mails`, :data:`send_replies`.

Every value drawn is one the library encodes and decodes back to itself (its own
round-trip tests use these very strategies), so a client's test can encode a drawn
reply with ``encode_reply_to`` and feed it to the client, or decode what the client
sent and compare::

    from hypothesis import given
    from smsc_codec.layouts import Endpoint, RecordKind, layout_for
    from smsc_codec.testing import strategies

    LIST = layout_for(Endpoint.STATUS, RecordKind.SMS, 2, 3, True)  # fmt=3, all=2

    @given(strategies.reply(LIST))
    def test_my_client_reads(value): ...
"""

from __future__ import annotations

from hypothesis import strategies as st

from smsc_codec.request import Request
from smsc_codec.smtp import SendReply, SendRequest, encode_line
from smsc_codec.testing.strategies import http, smtp
from smsc_codec.testing.strategies.http import (
    delete_requests,
    history_requests,
    status_requests,
)
from smsc_codec.testing.strategies.records import record, reply
from smsc_codec.testing.strategies.smtp import send_mails

#: Any valid HTTP request model: status, delete or history (``http.requests``).
http_requests: st.SearchStrategy[Request] = http.requests
#: Any valid SMTP send request, single or list form (``smtp.requests``).
send_requests: st.SearchStrategy[SendRequest] = smtp.requests
#: The server's SMTP replies, ``OK - n SMS, ID - id`` and ``ERROR = N (...)``
#: (``smtp.replies``).
send_replies: st.SearchStrategy[SendReply] = smtp.replies
#: Send lines (``<login>:<psw>:...:<phones>:<mes>``, as text) of drawn send requests.
send_lines: st.SearchStrategy[str] = send_requests.map(encode_line)

__all__ = [
    "delete_requests",
    "history_requests",
    "http_requests",
    "record",
    "reply",
    "send_lines",
    "send_mails",
    "send_replies",
    "send_requests",
    "status_requests",
]
