"""Named maximums, one per decoder, each with its reason.

Every decoder checks its input's size against its limit before it transcodes or
parses anything, and refuses a larger input with a ``DecodeError`` of kind
``too-large`` whose ``pos`` is the limit (the first byte past it).  Within a limit
every decoder runs in time and memory linear in the input (tests/test_hostile.py).
A caller who needs more passes ``Policy(max_input_bytes=...)``; a reply larger than
any sane whole-body limit belongs to the streaming decoders.

The capture readers bound what they buffer the same way, in their own modules: a
HAR entry (``captures.har.MAX_ENTRY_BYTES``) and a dump record
(``captures.dump.MAX_RECORD_BYTES``) at 16 MiB like a reply, a mail of an mbox
(``captures.mail.MAX_MESSAGE_BYTES``); a larger one is skipped unread and reported.
"""

from __future__ import annotations

from smsc_codec.errors import DecodeError

__all__ = [
    "MAX_MAIL_BYTES",
    "MAX_REPLY_BYTES",
    "MAX_REQUEST_BYTES",
    "MAX_SEND_REPLY_BYTES",
    "check_size",
]

#: A status, delete or history reply.  The largest the docs allow is a history reply:
#: "cnt – The maximum value is 1000" records, each under 4 KiB even with a 1000-character
#: message in UTF-8; 16 MiB leaves four times that.  Multi-status replies have no
#: documented bound; ten thousand full records still fit.
MAX_REPLY_BYTES = 16 * 1024 * 1024
#: A request URL, query string or form body.  Phone and id lists make the longest;
#: 1 MiB holds tens of thousands of pairs, far past what the server accepts in one
#: request ("more than one mass request within a minute" is refused).
MAX_REQUEST_BYTES = 1024 * 1024
#: The e-mail of an SMTP send: "The maximum email size is 100 KB" (read as 100 KiB,
#: the larger reading: a decoder should not refuse what the server takes).  A bare
#: send line travels in such an e-mail, so it has the same bound.
MAX_MAIL_BYTES = 100 * 1024
#: The server's SMTP reply ("OK - <n> SMS, ID - <id>" or "ERROR = N (description)")
#: is one short line; 64 KiB leaves room for any description and a mail around it.
MAX_SEND_REPLY_BYTES = 64 * 1024


def check_size(data: bytes | str, limit: int, what: str) -> None:
    """Refuse *data* longer than *limit* bytes (characters, for text)."""
    if len(data) > limit:
        raise DecodeError(
            f"{what} is larger than this decoder accepts",
            expected=f"at most {limit} bytes (Policy(max_input_bytes=...) to raise it)",
            found=f"{len(data)} bytes",
            pos=limit,
            kind="too-large",
        )
