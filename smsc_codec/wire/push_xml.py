"""The push framer of fmt=2: lxml's pull parser over the ``<list>``.

The parser has the settings of ``wire/xml.py`` (no DTD: a ``<!DOCTYPE`` is refused
before the parser sees it, no entities, no network).  Each ``<sms>`` of the
``<list>`` is read on its end tag by ``xml.read_record``, then cleared and dropped
from the tree, so memory holds one record.  What is not a ``<list>`` (a record, a
``<result>``, an ERROR line, bytes that are no XML before the root) is held and
decoded whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from lxml import etree

from smsc_codec.errors import DecodeError
from smsc_codec.models import StatusRecord
from smsc_codec.wire import xml
from smsc_codec.wire._push import Frame, Machine

__all__ = ["frame_xml"]


def frame_xml(frame: Frame) -> Machine:
    """fmt=2's framer (see the module docstring)."""
    limit, utf8 = frame.limit, frame.charset == "utf-8"
    decode = frame.text_decoder().decode
    # Events for the <list> and its <sms> only: the fields are read from the tree.
    parser = etree.XMLPullParser(events=("start", "end"), tag=("list", "sms"),
                                 **xml.PARSER_OPTIONS)
    ctx = frame.context()
    raw: bytearray | None = bytearray()  # the body, kept until its root is <list>
    pending = ""  # text not yet handed to the parser
    fed_bytes = 0  # bytes of the text handed to the parser
    head_checked = dtd_checked = False
    prolog_check = 0  # the held prolog is looked at again from this length on
    root: Any = None
    last: Any = None  # the last record read, still (empty) in the tree
    waiting: Any = None  # a record read to its end tag, waiting for its tail
    not_a_list = False
    number = 0
    since_record = 0  # bytes read since the last record ended

    def feed(text: str) -> bool:
        """Hand *text* to the parser; ``False`` if the parser refused it before the
        root proved a list (the body is all held: the whole decoder then says
        exactly where the XML breaks)."""
        nonlocal fed_bytes
        data = text.encode("utf-8")
        fed_bytes += len(data) if utf8 else len(text)
        try:
            parser.feed(data)
        except etree.XMLSyntaxError as exc:
            if raw is not None:
                return False
            raise _malformed(exc) from exc
        return True

    def no_strangers(upto: Any) -> None:
        """As xml.decode: an element of the <list> before *upto* (None: to the
        end) that is not an <sms> -- and not the last record read -- is an error."""
        for child in root:
            if child is upto:
                return
            if child is not last and isinstance(child.tag, str):
                raise DecodeError("a <list> holds <sms> elements", expected="<sms>",
                                  found=f"<{child.tag}>", line=child.sourceline,
                                  field=f"record {number + 1}")

    def records(events: Iterable[tuple[str, Any]]) -> Iterator[StatusRecord]:
        """The records the parser's events complete (none once the root says the
        reply is not a list: raw stays set).  A <sms> is read once its tail is
        complete too (text after it is a defect of its own): when the next one
        starts, or the list ends."""
        nonlocal root, raw, waiting, not_a_list
        for event, element in events:
            if root is None:  # the first event: is it the root's, and a <list>?
                if element.tag != "list" or element.getparent() is not None:
                    not_a_list = True  # a record, anything else: read it whole
                    return
                root, raw = element, None
                continue
            if element.getparent() is not root:
                if element is root:  # the end of the list
                    yield from flush()
                continue  # a <sms> nested in a field
            if event == "start":
                yield from flush()
                continue
            if element.getprevious() is not last:
                no_strangers(element)
            waiting = element

    def flush() -> Iterator[StatusRecord]:
        """Read the record waiting for its tail, then drop what is before it."""
        nonlocal waiting, last, number, since_record
        if waiting is None:
            return
        number += 1
        ctx.log.line = waiting.sourceline
        yield xml.read_record(waiting, ctx, multi=True)
        waiting.clear()
        while waiting.getprevious() is not None:
            del root[0]
        last, waiting = waiting, None
        since_record = 0

    final = False
    while not final:
        chunk, final = yield None
        if raw is not None:
            raw += chunk
        since_record += len(chunk)
        pending += decode(chunk, final)
        if not head_checked:
            # As decode_status: an ERROR line is read whole; a declaration must
            # agree with the charset (it ends at the first ">").
            head = pending.lstrip("\r\n")
            if (len(head) < 5 or ">" not in pending) and not final:
                continue
            if head.startswith("ERROR") and raw is not None:
                return (yield from frame.whole(raw, final))
            xml.check_declaration(pending, frame.charset)
            head_checked = True
        upto = len(pending)
        if not dtd_checked:
            # Every "<!" of the prolog but a comment's is refused, as by the whole
            # decoder (D-dtd-prolog): the prolog is held back from the parser until
            # its end is seen.  Looked at again only once the held text has doubled,
            # so a long prolog in small chunks costs linear time.
            at = None
            if final or len(pending) >= prolog_check:
                at = xml.dtd_in_prolog(pending)
                prolog_check = 2 * len(pending)
            if at is not None and at >= 0:
                before = pending[:at].encode("utf-8") if utf8 else pending[:at]
                xml.refuse_dtd(pending, at, fed_bytes + len(before), prolog=True)
            if at is not None or final:
                dtd_checked = True
            else:
                upto = 0
                if len(pending) > limit:
                    frame.too_large(0, "the reply")
        if upto:
            if not feed(pending[:upto]):
                assert raw is not None
                return (yield from frame.whole(raw, final))
            pending = pending[upto:]
        yield from records(parser.read_events())
        if raw is not None and (not_a_list or final):
            return (yield from frame.whole(raw, final))  # not a list, or no root at all
        if raw is not None and len(raw) > limit:
            frame.too_large(0, "the reply")
        if final:
            try:
                parser.close()
            except etree.XMLSyntaxError as exc:
                raise _malformed(exc) from exc
            yield from records(parser.read_events())
            no_strangers(None)
        if since_record > limit:
            frame.too_large(frame.fed - since_record, "a record")
    return None


def _malformed(exc: Any) -> DecodeError:
    line = exc.position[0] if getattr(exc, "position", None) else None
    return DecodeError(f"malformed XML: {exc.msg}", line=line, kind="malformed")
