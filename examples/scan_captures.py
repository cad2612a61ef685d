"""Scanning captured traffic: every SMSC exchange in a HAR file, decoded.

Guide: docs/guides/captures.md.  :class:`~smsc_codec.captures.Scan` reads a
capture (HAR, mbox or one ``.eml``, a dump of bodies; gzip too) from a file the
caller opened, chunk by chunk, and yields one decoded
:class:`~smsc_codec.captures.Exchange` per request/reply it finds; unrelated
traffic is counted, not yielded.

    python -m examples.scan_captures examples/session.har
"""

from __future__ import annotations

import sys
from pathlib import Path

from smsc_codec import ErrorReply, StatusList, StatusRecord
from smsc_codec.captures import Exchange, Scan, Summary


def describe(exchange: Exchange) -> str:
    """One line: where, which endpoint, and what the reply said."""
    reply = exchange.reply
    if exchange.error is not None:
        what = f"not decoded ({exchange.error.kind})"
    elif isinstance(reply, StatusRecord):
        what = f"status {reply.status!r}"
    elif isinstance(reply, StatusList):
        what = f"{len(reply.records)} records"
    elif isinstance(reply, ErrorReply):
        what = f"error {reply.code}"
    else:
        what = type(reply).__name__
    notes = exchange.defects()
    defects = f", {len(notes)} deviation(s)" if notes else ""
    return f"{exchange.location}: {exchange.endpoint}: {what}{defects}"


def main(path: Path) -> None:
    summary = Summary()
    with path.open("rb") as capture:
        scan = Scan(capture, name=path.name)
        for exchange in scan:
            print(describe(exchange))
            summary.add(exchange)
        summary.files += 1
        summary.skip(scan.skipped)
    for line in summary.lines():
        print(line)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
