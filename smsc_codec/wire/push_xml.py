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
from itertools import chain
from typing import Any

from lxml import etree

from smsc_codec.errors import DecodeError
from smsc_codec.models import StatusRecord
from smsc_codec.wire import xml
from smsc_codec.wire._push import Frame, Held, Machine, size

__all__ = ["frame_xml"]

#: The end tags the framer looks at: the fields are read from the tree, and a <sms> is
#: known whole (its tail too) when the next one ends.
_TAGS = ("list", "sms")


def frame_xml(frame: Frame) -> Machine:
    """fmt=2's framer (see the module docstring)."""
    limit, utf8 = frame.limit, frame.utf8
    decoder = frame.text_decoder()
    decode, strict = decoder.decode, frame.policy.strict
    parser: Any = None  # made on first use: what is not a list never needs one
    walked: Any = None  # the end tags of a body parsed at once
    ctx = None  # the records' context, once there are records
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
    window = _Window(utf8)  # the text lxml's error positions may point into

    def feed(text: str, at_once: bool) -> None:
        """Hand *text* to the parser (all the body, when *at_once*: parsed whole, the
        way that is quickest, its end tags then walked as the parser would report
        them).  The root is a <list> (``xml.list_root``): what the parser refuses is
        the list's fault, placed to the byte (``_Window``)."""
        nonlocal fed_bytes, parser, walked
        window.add(text)
        body = raw.body() if at_once and utf8 and raw is not None else None
        if isinstance(body, bytes):
            data = body  # all of it, nothing fed before: these bytes are the text's UTF-8
        else:
            try:
                data = text.encode("utf-8")
            except UnicodeEncodeError as exc:  # text fed as text, with a lone surrogate
                raise xml.unholdable(exc, fed_bytes + size(text[: exc.start], utf8)) from exc
        fed_bytes += len(data) if utf8 else len(text)
        try:
            if at_once:
                walked = _walk(etree.fromstring(data, xml.PARSER))
                return
            if parser is None:
                parser = etree.XMLPullParser(events=("end",), tag=_TAGS, **xml.PARSER_OPTIONS)
            parser.feed(data)
        except etree.XMLSyntaxError as exc:
            raise window.malformed(exc) from exc
        except (ValueError, etree.LxmlError) as exc:
            raise DecodeError(f"malformed XML: {exc}", kind="malformed") from exc

    def events() -> Iterable[tuple[str, Any]]:
        """The end tags the parser has seen since last asked."""
        nonlocal walked
        if walked is not None:
            out: Iterable[tuple[str, Any]] = walked
            walked = None
            return out
        return () if parser is None else parser.read_events()

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
        nonlocal number, ctx
        if not ready:
            return
        if ctx is None:
            ctx = frame.context()
        yield xml.read_elements(ready, ctx, number + 1)
        number += len(ready)
        window.forget()
        if final:
            return  # the tree goes with the frame: nothing to make room for
        for element in ready:
            element.clear()
        while ready[-1].getprevious() is not None:
            del root[0]

    final = False
    while not final:
        chunk, final = yield None
        text = decode(chunk, final)
        final = final and decoder.cut is None  # (see TextDecoder.cut)
        if raw is not None:
            raw.add(chunk, text)
        since_record += len(chunk)
        pending += text
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
            if raw is not None and (at is not None or final):
                # What is not a <list> is read whole (no root at all too): no parser.
                root_at = xml.prolog_end(pending)
                is_list = None if root_at is None else xml.list_root(pending, root_at)
                if is_list is False or (is_list is None and final):
                    return (yield from frame.whole(raw, final))
                if is_list is None:
                    at = None  # its name is not all in yet
            if at is not None or final:
                dtd_checked = True
            else:
                upto = 0
                if len(pending) > limit:
                    frame.too_large(0, "the reply")
        if upto:
            feed(pending[:upto], final and parser is None)
            pending = pending[upto:]
        if not (strict and decoder.judging and not final):  # (see TextDecoder.judging)
            yield from records(events())
        if raw is not None and (not_a_list or final):
            return (yield from frame.whole(raw, final))  # not a list, or no root at all
        if raw is not None and raw.size > limit:
            frame.too_large(0, "the reply")
        if final and parser is not None:
            try:
                parser.close()
            except etree.XMLSyntaxError as exc:
                raise window.malformed(exc) from exc
            yield from records(events())
        if since_record > limit:
            frame.too_large(frame.fed - since_record, "a record")
    return None


def _walk(tree: Any) -> Iterable[tuple[str, Any]]:
    """The end tags a pull parser would report for a body parsed at once, as far as
    the framer looks at them: the first (it tells whether the root is a list), then,
    if that was a <sms> of the <list>, the <sms> after it and the list's end.  (The
    <sms> nested deeper that a walk would give, the framer passes over: walking the
    fields cost a tenth of the decode.)"""
    first = next(iter(etree.iterwalk(tree, events=("end",), tag=_TAGS)), None)
    if first is None:
        return ()
    element = first[1]
    if element is tree or element.getparent() is not tree:
        return (first,)
    return chain((first,), (("end", e) for e in element.itersiblings("sms")), (("end", tree),))


class _Window:
    """The text handed to the parser since records were last read (at least the last
    piece), and where it starts -- line, column, byte -- so that lxml's (line, column)
    of a syntax error becomes a byte offset, as for a body parsed whole: fed whole,
    the window is the body."""

    def __init__(self, utf8: bool) -> None:
        self.utf8 = utf8
        self.pieces: list[str] = []
        self.line, self.column, self.byte = 1, 0, 0  # of pieces[0]'s first character

    def add(self, text: str) -> None:
        self.pieces.append(text)

    def forget(self) -> None:
        """Drop all but the last piece: records read end before it (or in it)."""
        for text in self.pieces[:-1]:
            breaks = text.count("\n")
            self.line += breaks
            self.column = len(text) - text.rfind("\n") - 1 if breaks else self.column + len(text)
            self.byte += size(text, self.utf8)
        del self.pieces[:-1]

    def malformed(self, exc: Any) -> DecodeError:
        """lxml's refusal, placed to the byte when it points into the window."""
        position = getattr(exc, "position", None)
        pos = None
        if position:
            text = "".join(self.pieces)
            line, column = position
            index = xml.position_index(text, line, column, self.line, self.column)
            pos = None if index is None else self.byte + size(text[:index], self.utf8)
        return xml.syntax_error(exc, pos)
