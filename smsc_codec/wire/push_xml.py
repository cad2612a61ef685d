"""The push framer of fmt=2: lxml's pull parser over the ``<list>``.

The parser has the settings of ``wire/xml.py`` (no DTD: a ``<!DOCTYPE`` is refused
before the parser sees it, no entities, no network), and reports end tags only.
A ``<sms>`` of the ``<list>`` is whole, its tail too, once the next one ends (or the
list does); the ones the text at hand completes are read in one go by
``xml.read_elements`` (the whole-body decoder's list reader), then cleared and dropped
from the tree, so memory holds the records of a chunk.  What is not a ``<list>`` (a record, a
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
from smsc_codec.wire._push import Frame, Held, Machine

__all__ = ["frame_xml"]


def frame_xml(frame: Frame) -> Machine:
    """fmt=2's framer (see the module docstring)."""
    limit, utf8 = frame.limit, frame.charset == "utf-8"
    decoder = frame.text_decoder()
    decode, strict = decoder.decode, frame.policy.strict
    # End tags of the <list> and its <sms> only: the fields are read from the tree,
    # and a <sms> is known whole (its tail too) when the next one ends.
    parser = etree.XMLPullParser(events=("end",), tag=("list", "sms"), **xml.PARSER_OPTIONS)
    ctx = frame.context()
    raw: Held | None = Held()  # the body, kept until its root is <list>
    pending = ""  # text not yet handed to the parser
    fed_bytes = 0  # bytes of the text handed to the parser
    head_checked = dtd_checked = False
    prolog_check = 0  # the held prolog is looked at again from this length on
    root: Any = None
    previous: Any = None  # the last <sms> seen (read ones stay in the tree, empty)
    waiting: Any = None  # a record read to its end tag, waiting for its tail
    not_a_list = False
    number = 0  # records read
    seen = 0  # <sms> elements ended
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

    def stranger(upto: Any) -> DecodeError | None:
        """As xml.decode: an element of the <list> between the last <sms> seen and
        *upto* (None: the end) is an error, said once the records before it are read."""
        child = root[-1] if upto is None and len(root) else \
            None if upto is None else upto.getprevious()
        found = None
        while child is not None and child is not previous:
            if isinstance(child.tag, str):
                found = child
            child = child.getprevious()
        if found is None:
            return None
        return DecodeError("a <list> holds <sms> elements", expected="<sms>",
                           found=f"<{found.tag}>", line=found.sourceline,
                           field=f"record {seen + 1}")

    def records(events: Iterable[tuple[str, Any]]) -> Iterator[list[StatusRecord]]:
        """The records the parser's events complete (none once the root says the
        reply is not a list: raw stays set), read in one go.  A <sms> is complete
        once its tail is too (text after it is a defect of its own): when the next
        one ends, or the list does."""
        nonlocal root, raw, waiting, not_a_list, previous, seen, since_record
        ready: list[Any] = []
        error = None
        for _, element in events:
            if root is None:  # the first end tag: is the root a <list>?
                parent = element.getparent()
                if element.tag == "list" and parent is None:
                    root = element
                elif (element.tag == "sms" and parent is not None and parent.tag == "list"
                      and parent.getparent() is None):
                    root = parent
                else:
                    not_a_list = True  # a record, anything else: read it whole
                    return
                raw = None
            if element.getparent() is not root:
                if element is root:  # the end of the list
                    if waiting is not None:
                        ready.append(waiting)
                        waiting = None
                    error = stranger(None)
                continue  # a <sms> nested in a field
            if waiting is not None:
                ready.append(waiting)
            if element.getprevious() is not previous:
                error = stranger(element)
                if error is not None:
                    waiting = None
                    break
            waiting = previous = element
            seen += 1
            since_record = 0
        yield from read(ready)
        if error is not None:
            raise error

    def read(ready: list[Any]) -> Iterator[list[StatusRecord]]:
        """Read the records whose tails are in, then drop them from the tree."""
        nonlocal number
        if not ready:
            return
        yield xml.read_elements(ready, ctx, number + 1)
        number += len(ready)
        for element in ready:
            element.clear()
        while ready[-1].getprevious() is not None:
            del root[0]

    final = False
    while not final:
        chunk, final = yield None
        if raw is not None:
            raw.add(chunk)
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
        if not (strict and decoder.judging and not final):  # (see TextDecoder.judging)
            yield from records(parser.read_events())
        if raw is not None and (not_a_list or final):
            return (yield from frame.whole(raw, final))  # not a list, or no root at all
        if raw is not None and raw.size > limit:
            frame.too_large(0, "the reply")
        if final:
            try:
                parser.close()
            except etree.XMLSyntaxError as exc:
                raise _malformed(exc) from exc
            yield from records(parser.read_events())
        if since_record > limit:
            frame.too_large(frame.fed - since_record, "a record")
    return None


def _malformed(exc: Any) -> DecodeError:
    line = exc.position[0] if getattr(exc, "position", None) else None
    return DecodeError(f"malformed XML: {exc.msg}", line=line, kind="malformed")
