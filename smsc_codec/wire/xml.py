"""``fmt=2``: ``<sms>`` records, ``<list>`` of them, ``<result>`` for errors and deletes.

Grammar (status page, "with fmt = 2"; "for fmt = 2 ... the entire list of statuses
contained in the <list> tag"; error and delete replies)::

    reply   = sms / list / result
    sms     = "<sms>" *field "</sms>"          ; field = "<name>" text "</name>"
    list    = "<list>" *sms "</list>"
    result  = "<result>" ("OK" / "<error>" text "</error><error_code>" N "</error_code>")
              "</result>"

Strategy: lxml parses (entities unresolved, no network, no DTD: a DOCTYPE is
refused outright -- the server never sends one, and it is how entity-expansion and
XXE attacks arrive).  Element names are the canonical field names, so decoding is
key-driven; unknown elements are kept as extras.  We parse *text*: the charset was
applied at the boundary, so an encoding declaration is checked against it (a
contradiction is an error, not mojibake) and then removed.

Canonical output is compact -- no declaration, no whitespace between elements --
and writes characters the charset lacks as character references.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from smsc_codec.charset import Charset, can_encode, normalize_charset
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusRecord, wire_record
from smsc_codec.wire import _fast
from smsc_codec.wire._common import (
    READ,
    VERBATIM,
    Context,
    FieldReader,
    check_carried,
    kind_from_names,
    records_list,
    wire_text,
)
from smsc_codec.wire._fast import TEXT_DICT_READER, text_plan

__all__ = [
    "PARSER", "PARSER_OPTIONS", "check_declaration", "decode", "dtd_in_prolog", "encode",
    "list_root", "position_index", "prolog_end", "read_elements", "read_record", "refuse_dtd",
    "syntax_error", "unholdable",
]

_DECLARATION = re.compile(r"\s*<\?xml\b[^>]*?\?>", re.ASCII)
_ENCODING = re.compile(r"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", re.ASCII)
#: Characters XML 1.0 cannot hold at all, even as references ("Char ::= #x9 | #xA |
#: #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]", surrogates aside).
NOT_XML_CHARS = "".join(map(chr, (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)))
_NOT_XML = re.compile(f"[{NOT_XML_CHARS}]")
# The same, or a lone surrogate: one search rules both out.
_UNWRITABLE = re.compile(f"[{NOT_XML_CHARS}\ud800-\udfff]")
# What element content escapes.
_MARKUP = re.compile("[&<>\r]")
#: How many dropped attributes of one element a defect quotes by name and value;
#: the rest are counted.  No reply carries attributes at all: a few show what the
#: writer did, and the bound keeps the report linear (issue 19: 40 000 attributes
#: took 92 s to quote).
QUOTED_ATTRIBUTES = 16

#: The parser settings, shared with the streaming decoder (smsc_codec.stream): UTF-8
#: input whatever the declaration says, no entity resolution, no network, no DTD
#: loading, libxml2's size limits on.
PARSER_OPTIONS: dict[str, Any] = {
    "encoding": "utf-8",
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "remove_comments": True,
    "remove_pis": True,
}
#: A parser of whole bodies with those settings (``fromstring``'s, which is thread-safe).
PARSER = etree.XMLParser(**PARSER_OPTIONS)


def check_declaration(text: str, charset: Charset) -> None:
    """Refuse an ``<?xml encoding=...?>`` that contradicts the charset in use."""
    m = _DECLARATION.match(text)
    if m is None:
        return
    enc = _ENCODING.search(m[0])
    if enc is None:
        return
    try:
        declared = normalize_charset(enc[1])
    except ValueError:
        declared = None
    if declared != charset:
        raise DecodeError(
            "the XML declaration contradicts the charset",
            expected=f"encoding={charset!r} (or no declaration)",
            found=enc[1],
            pos=enc.start(1),
            field="encoding",
            kind="charset-mismatch",
        )


def refuse_dtd(text: str, at: int, pos: int | None, *, prolog: bool = False) -> None:
    """Refuse a DTD whose ``<!`` is at character *at* of *text* (byte *pos* of the
    reply): the server never sends one, and it is how entity-expansion and XXE
    attacks arrive.  *prolog*: the ``<!`` is one :func:`dtd_in_prolog` found, refused
    whatever follows it (no other ``<!`` is XML there); else it is the reply's first
    ``<!``, refused when it opens a ``<!DOCTYPE`` or ``<!ENTITY``."""
    if prolog or text.startswith(("<!DOCTYPE", "<!ENTITY"), at):
        raise DecodeError("a DTD in a reply is refused (entity expansion, XXE)",
                          expected="no <!DOCTYPE>", found=text[at : at + 20],
                          pos=pos, kind="dtd")


def dtd_in_prolog(text: str, start: int = 0) -> int | None:
    """Where a markup declaration stands in the prolog of *text* (from *start*): the
    index of its ``<!``, or ``-1`` when the root element (or the end of a whole
    reply) comes first, or ``None`` when *text* ends inside the prolog (a stream
    needs more of it to tell).

    The prolog is what comes before the root element: an XML declaration,
    comments, processing instructions, white space -- and, in XML, the one place a
    ``<!DOCTYPE`` may stand.  Every ``<!`` there but a comment's is refused
    (spec/decisions.md D-dtd-prolog): looking at the first ``<!`` only let
    ``<!-- x --><!DOCTYPE ...>`` through to the parser (issue 19).  One pass, each
    ``find`` starting where the one before ended."""
    i = prolog_end(text, start)
    if i is None:
        return None
    return i if text.startswith("<!", i) else -1


def prolog_end(text: str, start: int = 0) -> int | None:
    """The index of the first ``<`` of *text* (from *start*) that opens neither a
    comment nor a processing instruction -- a ``<!`` or the root element -- or
    ``None`` when *text* ends before one is known."""
    i = start
    while True:
        i = text.find("<", i)
        if i < 0:
            return None
        if text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            if end < 0:
                return None
            i = end + 3
        elif text.startswith("<?", i):
            end = text.find("?>", i + 2)
            if end < 0:
                return None
            i = end + 2
        elif len(text) - i < 2:
            return None  # a "<" at the end: a "<!" may follow
        else:
            return i


def list_root(text: str, at: int) -> bool | None:
    """Whether the root element that opens at *at* is a ``<list>`` (``None``: *text*
    ends before its name does)."""
    if len(text) - at < 6:
        return None if text.startswith("<list"[: len(text) - at], at) else False
    return _LIST_ROOT.match(text, at) is not None


_LIST_ROOT = re.compile(r"<list[\s/>]")


def _parse(text: str, ctx: Context) -> Any:
    # lxml refuses text that carries an encoding declaration, and a declaration may
    # be malformed; so hand it UTF-8 bytes and tell it so -- the declared encoding
    # was checked against the charset at the boundary, and is ignored here.
    if ctx.utf8 is not None and ctx.text is text:
        data = ctx.utf8
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:  # a str holding a lone surrogate
            raise unholdable(exc, ctx.pos(exc.start)) from exc
    if data.find(b"<!") >= 0:  # (a search in bytes: quicker than in Cyrillic text)
        at = dtd_in_prolog(text)
        if at is not None and at >= 0:
            refuse_dtd(text, at, ctx.pos(at), prolog=True)
    try:
        return etree.fromstring(data, PARSER)
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise syntax_error(exc, ctx.pos(position_index(text, line, column))) from exc
    except (ValueError, etree.LxmlError) as exc:
        raise DecodeError(f"malformed XML: {exc}", kind="malformed") from exc


def position_index(text: str, line: int, column: int, first_line: int = 1,
                   first_column: int = 0) -> int | None:
    """The character index in *text* of lxml's 1-based (*line*, *column*), *text*
    starting *first_column* characters into line *first_line* (a push framer's
    window); ``None`` for a position before *text*."""
    line = max(line, 1)
    if line < first_line:
        return None
    start = -first_column
    for _ in range(line - first_line):
        nl = text.find("\n", max(start, 0))
        if nl < 0:
            break
        start = nl + 1
    index = start + max(column - 1, 0)
    return None if index < 0 else min(index, len(text))


def syntax_error(exc: Any, pos: int | None) -> DecodeError:
    """lxml's refusal as the decoder's error, at byte *pos* of the reply."""
    position = getattr(exc, "position", None)
    return DecodeError(f"malformed XML: {exc.msg}", pos=pos,
                       line=position[0] if position else None, kind="malformed")


def unholdable(exc: UnicodeEncodeError, pos: int | None) -> DecodeError:
    """Text fed as text holding a lone surrogate, which no XML holds (at byte *pos*)."""
    return DecodeError("text XML cannot hold", expected="no lone surrogate",
                       found=exc.object[exc.start : exc.end], pos=pos, kind="bad-charset")


def _text(element: Any) -> str:
    return element.text or ""


def _stray(element: Any, ctx: Context) -> None:
    """Attributes and text between elements carry nothing we know: record them."""
    names = element.keys()  # a list in one pass over the attributes
    if names:
        # lxml looks each value up by walking the attribute list (dict(attrib) and
        # values() too): quoting all of them is quadratic in their count, so the
        # report quotes the first QUOTED_ATTRIBUTES and counts the rest.
        shown = {name: element.get(name) for name in names[:QUOTED_ATTRIBUTES]}
        more = len(names) - len(shown)
        rest = f" and {more} more" if more else ""
        ctx.log.report("unexpected-markup", f"attributes {shown!r}{rest} on"
                       f" <{element.tag}> dropped", field=element.tag)
    tail = element.tail
    if tail and tail.strip():
        ctx.log.report("unexpected-markup", f"text {tail.strip()!r} after"
                       f" <{element.tag}> dropped", field=element.tag)


def read_elements(elements: list[Any], ctx: Context, first: int) -> list[StatusRecord]:
    """The records of a list's <sms> *elements*, numbered from *first*: what the
    whole-body decoder and the framer both read."""
    fast = _fast_list(elements, ctx) if _fast.ENABLED else None
    if fast is not None:
        return fast
    records = []
    for child in elements:
        ctx.log.line = child.sourceline
        records.append(read_record(child, ctx, multi=True))
    ctx.log.line = None
    return records


def _fast_list(elements: list[Any], ctx: Context) -> list[StatusRecord] | None:
    """The records of a list's <sms> elements when each is plain (see _plain_row) and
    holds its layout's fields once, in one order, canonical; ``None`` if not so."""

    def chunk(elements: list[Any], _: int) -> list[StatusRecord] | None:
        rows = []
        for element in elements:
            row = _plain_row(element)
            if row is None:
                return None
            rows.append(row)
        return _fast.text_dict_list(rows, ctx)

    return _fast.by_chunks(elements, chunk)


def _plain_row(element: Any) -> dict[str, str] | None:
    """The field texts of an <sms> that holds nothing for the general reader to
    report but its fields (no attributes, stray text, nested elements or repeated
    field), or ``None``."""
    if element.tag != "sms" or element.keys() or (
            (text := element.text) is not None and text.strip()) or (
            (tail := element.tail) is not None and tail.strip()):
        return None
    row = {}
    for child in element:
        tag = child.tag
        if type(tag) is not str or child.keys() or len(child) or (
                (tail := child.tail) is not None and tail.strip()):
            return None
        row[tag] = child.text or ""
    return row if len(row) == len(element) else None


def _fast_record(element: Any, ctx: Context, multi: bool) -> StatusRecord | None:
    """The record of a canonical ``<sms>``, its values typed on access; ``None`` for
    anything the general reader would have to say something about."""
    if not _fast.ENABLED:
        return None
    row = _plain_row(element)
    if row is None:
        return None
    plan = text_plan(ctx, multi, tuple(row))
    if plan is None or not plan.accepts(row):
        return None
    return wire_record(plan.kind, row, TEXT_DICT_READER,
                       ctx.log.take() if ctx.log.defects else ())


def read_record(element: Any, ctx: Context, multi: bool) -> StatusRecord:
    """One record's parsed ``<sms>`` element (an lxml element)."""
    fast = _fast_record(element, ctx, multi)
    if fast is not None:
        return fast
    reader = FieldReader(ctx, ctx.log)
    if element.text and element.text.strip():
        ctx.log.report("unexpected-markup", f"text {element.text.strip()!r} in <sms> dropped")
    if element.keys() or ((tail := element.tail) is not None and tail.strip()):
        _stray(element, ctx)  # attributes on <sms> itself, text after it in a <list>
    # (child, tag) of the elements; lxml builds the tag string anew on every access.
    children = [(c, tag) for c in element if isinstance(tag := c.tag, str)]
    kind = kind_from_names([tag for _, tag in children], ctx.kind)
    layout = ctx.layout(kind, multi)
    carried, values = layout.carried, reader.values
    for child, name in children:
        if child.keys() or ((tail := child.tail) is not None and tail.strip()):
            _stray(child, ctx)
        if len(child):
            ctx.log.report("unexpected-markup", f"<{name}> holds elements; its text is kept",
                           field=name, line=child.sourceline)
        read = READ.get(name)
        if read is None:
            ctx.log.report("unknown-field", f"<{name}> kept as an extra", field=name,
                           line=child.sourceline)
            reader.extra.append((name, _text(child)))
            continue
        if name in values or (reader.raw and reader.has(name)):
            # A record has one value per field: the first wins, the defect keeps the rest.
            ctx.log.report("duplicate-field", f"<{name}> appears again with"
                           f" {_text(child)!r}; the first value is kept", field=name,
                           line=child.sourceline)
            continue
        if name not in carried:
            ctx.log.report("field-not-in-layout",
                           f"{layout.describe()} does not document <{name}>", field=name,
                           line=child.sourceline)
        # FieldReader.text, unrolled: this loop is most of the decoder.
        text = child.text or ""
        if name in VERBATIM:
            values[name] = text
            continue
        try:
            value, canonical = read(text)
        except ValueError:
            reader.bad_text(name, text)
            continue
        if not canonical:
            reader.non_canonical_text(name, text, value)
        values[name] = value
    reader.check_missing(layout, line=element.sourceline)
    return reader.record(kind, ctx.log.take())


def _read_result(root: Any, ctx: Context) -> Reply:
    children = {c.tag: c for c in root if isinstance(c.tag, str)}
    if not children and _text(root).strip() == "OK":
        return DeleteOk(defects=ctx.log.take())
    code = children.get("error_code")
    if code is None:
        raise DecodeError("a <result> that is neither OK nor an error",
                          expected="<error_code>", found=etree.tostring(root)[:60],
                          line=root.sourceline, kind="malformed")
    text = _text(code).strip()
    if not text.isascii() or not text.isdigit() or len(text) > 9:
        raise DecodeError("bad error code", expected="a number", found=text,
                          field="error_code", line=code.sourceline, kind="bad-value")
    error = children.get("error")
    return ErrorReply(code=int(text), description=None if error is None else _text(error),
                      endpoint=ctx.endpoint, defects=ctx.log.take())


def decode(text: str, ctx: Context) -> Reply:
    """A whole ``fmt=2`` body (already text): one XML document, no DTD."""
    root = _parse(text, ctx)
    tag = root.tag
    if tag == "result":
        return _read_result(root, ctx)
    if tag == "sms":
        if ctx.multi:
            ctx.log.report("expected-list", "a single <sms> where a <list> was expected")
        return read_record(root, ctx, multi=False)
    if tag == "list":
        list_defects = ctx.log.take()
        elements = [c for c in root if isinstance(c.tag, str)]
        sms = next((i for i, c in enumerate(elements) if c.tag != "sms"), len(elements))
        records = read_elements(elements[:sms], ctx, 1)
        if sms < len(elements):  # said once the records before it are read
            child = elements[sms]
            raise DecodeError("a <list> holds <sms> elements", expected="<sms>",
                              found=f"<{child.tag}>", line=child.sourceline,
                              field=f"record {sms + 1}")
        return records_list(records, ctx, list_defects)
    raise DecodeError("not a status reply", expected="<sms>, <list> or <result>",
                      found=f"<{tag}>", line=root.sourceline, kind="malformed")


def _escape(text: str, charset: Charset | None, field: str) -> str:
    """*text* as element content: markup escaped, and what *charset* lacks written as
    a character reference (``None``: the caller checks the charset itself)."""
    if _UNWRITABLE.search(text) is not None:
        bad = _NOT_XML.search(text)
        raise EncodeError("XML 1.0 cannot hold this character"
                          f" ({bad[0] if bad else 'a lone surrogate'!r})", field=field)
    out = text
    if _MARKUP.search(out) is not None:
        out = out.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        out = out.replace("\r", "&#13;")
    if charset is not None and not can_encode(out, charset):
        out = "".join(c if can_encode(c, charset) else f"&#{ord(c)};" for c in out)
    return out


def _element(name: str, text: str, charset: Charset | None) -> str:
    return f"<{name}>{_escape(text, charset, name)}</{name}>"


def _encode_record(record: StatusRecord, ctx: Context, multi: bool) -> str:
    # Most records hold only characters the charset has: check the whole record once,
    # and only if it fails write each text with character references.
    out = _record_xml(record, ctx, multi, None)
    if ctx.charset != "utf-8" and not can_encode(out, ctx.charset):
        out = _record_xml(record, ctx, multi, ctx.charset)
    return out


def _record_xml(record: StatusRecord, ctx: Context, multi: bool, charset: Charset | None
                ) -> str:
    layout = ctx.layout(record.kind, multi)
    check_carried(record, layout, ctx)
    parts = ["<sms>"]
    items = [(wf.key, text) for wf in layout.fields
             if (text := wire_text(record, wf, ctx)) is not None]
    values = "".join([text for _, text in items])
    if charset is None and _UNWRITABLE.search(values) is None and (
            _MARKUP.search(values) is None):
        # Nothing to escape in any value (the usual record): one check, not one each.
        parts += [f"<{key}>{text}</{key}>" for key, text in items]
    else:
        parts += [_element(key, text, charset) for key, text in items]
    for name, value in record.extra:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Za-z_][\w.-]*", name):
            if ctx.lossy:
                continue
            raise EncodeError("fmt=2 carries extras with text values and XML names only",
                              field=name)
        parts.append(_element(name, value, charset))
    parts.append("</sms>")
    return "".join(parts)


def encode(reply: Reply, ctx: Context) -> str:
    """A reply as ``fmt=2`` text: the vendor's elements in the layout's order."""
    if isinstance(reply, ErrorReply):
        error = ("" if reply.description is None
                 else _element("error", reply.description, ctx.charset))
        return f"<result>{error}<error_code>{reply.code}</error_code></result>"
    if isinstance(reply, DeleteOk):
        return "<result>OK</result>"
    if isinstance(reply, StatusRecord):
        return _encode_record(reply, ctx, multi=False)
    return "<list>" + "".join(_encode_record(r, ctx, multi=True) for r in reply.records) + "</list>"
