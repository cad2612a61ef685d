"""The send line: text <-> :class:`~smsc_codec.smtp.request.SendRequest`.

The vendor's grammar (page 004)::

    <login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>:<phones>:<mes>
    <login>:<psw>:<id>:<time>,<tz>:<translit>,<format>,<sender>,<test>::<list>

"The parameters must go strictly in the specified order. Login, psw are required,
phones and mes. If some optional parameter is missing, then the colon must remain."
"In the composite field <translate>,<format>,<sender>,<test>, any parameter can be
omitted, keeping the initial comma."

Read as: the first six colons of the line end the six head fields (none of which
can hold a colon or a line break); everything after the sixth is ``mes`` ("may
contain colons": it is the last field) or, when ``phones`` is empty, the list.
Inside a composite field the parts are separated by commas; parts left out at the
end take their commas with them (``1`` rather than ``1,,,``), parts left out before
a given one keep theirs (``,1,,1``).  That is the canonical spelling the encoder
writes; the commas of parts left out at the end are just as valid ("keeping the
initial comma": the vendor's own clients write ``0,1,``) and read under every
policy with no defect.  A decoder meets other spellings (spec/smtp.md lists each
decision):

======================================  ==================  =======================
deviation                               strict              lenient (defect kind)
======================================  ==================  =======================
spaces around a field whose grammar     error               dropped
has none (the English doc's             (the field's        (``space-after-separator``)
``alex: psw:::1,1, Alex:...``)          ``bad-value``)
CR / CRLF line ends                     error               LF (``line-ending``)
line break at the end of the line       error               dropped (``trailing-newline``)
``+3``, ``09-21``, ``+05`` ...          error               read (``non-canonical``)
a ``format`` the page does not list     error               kept (``unknown-format``)
``,`` and ``;`` mixed in ``phones``     error               read (``mixed-separators``)
an empty recipient (``7999,,7998``)     error               dropped (``empty-recipient``)
an undocumented recipient form          error               kept raw (``bad-recipient``)
a blank line in a list                  error               dropped (``blank-line``)
parameter lines out of order            error               read (``param-order``)
======================================  ==================  =======================

Strategy: one pass over the text, left to right, with the absolute position of
every field at hand so that each :class:`~smsc_codec.errors.DecodeError` and
defect says where (the byte offset when the input was bytes).  The value is then
built as a :class:`SendRequest`, whose own checks are the last word: a value it
refuses is a ``DecodeError`` of kind ``invalid``.
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import pairwise
from typing import Any, Literal, NoReturn, overload

from smsc_codec.charset import ByteOffsets, Charset, decode_text, encode_text, normalize_charset
from smsc_codec.errors import DecodeError, EncodeError
from smsc_codec.limits import MAX_MAIL_BYTES, check_size
from smsc_codec.policy import LENIENT, DefectLog, Policy
from smsc_codec.smtp.mes import (
    entry_start,
    escape_list_text,
    join_mes,
    split_mes,
    split_params,
    unescape_list_text,
)
from smsc_codec.smtp.request import HEADER, PSW, HeaderField, ListEntry, SendRequest
from smsc_codec.smtp.values import (
    PARAMETER_NAMES,
    RawRecipient,
    Recipient,
    SendFormat,
    TestMode,
    format_recipient,
    parse_recipient,
    split_prefix,
)

__all__ = ["DEFAULT_LINE_CHARSET", "decode_line", "encode_line"]

#: "The message must be transmitted in plain text with the encoding specified, by
#: default koi8-r."  A bare line given as bytes is read in it unless told otherwise.
DEFAULT_LINE_CHARSET: Charset = "koi8-r"

#: The six head fields the first six colons end, by name (for error messages).
_HEAD_NAMES = ("login", "psw", "id", "time,tz", "translit,format,sender,test", "phones")


class _Reader:
    """The text being read, the defect log, and positions in the original input."""

    def __init__(self, data: str | bytes, charset: Charset, log: DefectLog) -> None:
        self.log = log
        self.charset: Charset | None = charset if isinstance(data, bytes) else None
        text = decode_text(data, charset, log, holds_secret=True)  # its psw field
        self.original = self.text = text
        # Positions and line numbers of defects, each counted once forward: a line of
        # 100 000 defects (empty recipients) counting each from 0 was quadratic.
        self.offsets = None if self.charset is None else ByteOffsets(text, self.charset)
        self.breaks: list[int] | None = None  # where the text's "\n" stand, when asked
        self.index: list[int] | None = None  # normalised index -> original index
        if "\r" in text:
            self.report("line-ending", "CR line ends read as LF", at=text.index("\r"))
            self.index = [i for i, ch in enumerate(text) if not (ch == "\r" and
                                                                  text[i + 1 : i + 2] == "\n")]
            text = text.replace("\r\n", "\n").replace("\r", "\n")
            self.breaks = None
        self.text = text

    def pos(self, at: int) -> int:
        if self.index is not None:
            at = self.index[at] if at < len(self.index) else len(self.original)
        if self.offsets is None:
            return at
        return self.offsets(at)

    def line(self, at: int) -> int:
        if self.breaks is None:
            self.breaks = [i for i, ch in enumerate(self.text) if ch == "\n"]
        return bisect_left(self.breaks, at) + 1

    def fail(
        self,
        message: str,
        *,
        at: int,
        field: str | None = None,
        kind: str = "malformed",
        expected: str | None = None,
        found: object = None,
    ) -> NoReturn:
        raise DecodeError(message, expected=expected, found=found, pos=self.pos(at),
                          line=self.line(at), field=field, kind=kind)

    def report(self, kind: str, message: str, *, at: int, field: str | None = None) -> None:
        self.log.report(kind, message, field=field, pos=self.pos(at), line=self.line(at))

    def strip(self, start: int, end: int, field: str) -> tuple[int, int]:
        """Lenient: the span without spaces at either end.  Strict: the span as it is,
        for the field's grammar to refuse.  Only for fields whose grammar has no
        space at its ends: in ``psw`` and ``mes`` a space is data under any policy
        (S-spaces)."""
        if self.log.policy.strict:
            return start, end
        s, e = start, end
        while s < e and self.text[s] == " ":
            s += 1
        while e > s and self.text[e - 1] == " ":
            e -= 1
        if (s, e) != (start, end):
            self.report("space-after-separator", "spaces around a field dropped",
                        at=start, field=field)
        return s, e


def decode_line(
    data: str | bytes,
    /,
    *,
    charset: str = DEFAULT_LINE_CHARSET,
    policy: Policy = LENIENT,
) -> SendRequest:
    """The :class:`SendRequest` of a send line (text, or bytes in *charset*).

    Raises :class:`~smsc_codec.errors.DecodeError` for a line that is no request;
    under a lenient *policy* the deviations listed in the module docstring are
    accepted and recorded in ``defects``.
    """
    check_size(data, policy.limit(MAX_MAIL_BYTES), "the send line")
    log = DefectLog(policy)
    rd = _Reader(data, normalize_charset(charset), log)
    text = rd.text
    if text.endswith("\n"):
        at = len(text.rstrip("\n"))
        rd.report("trailing-newline", "line breaks at the end of the line dropped", at=at)
        text = text[:at]
    values: dict[str, Any] = {}
    start = 0
    for index, group in enumerate(HEADER):
        end = _field_end(rd, text, start, index)
        _read_group(rd, group, start, end, values)
        start = end + 1
    end = _field_end(rd, text, start, len(HEADER))
    fmt = values.get("format")
    if start == end:
        values.update(_read_list(rd, text, end + 1, values.get("test")))
    else:
        values["phones"], values["phones_sep"] = _read_recipients(rd, start, end, ",;", "phones")
        values.update(_read_mes(text, end + 1, fmt))
    try:
        return SendRequest(**values, defects=log.take())
    except EncodeError as exc:
        raise DecodeError(exc.message, field=exc.field, kind="invalid") from exc


def _field_end(rd: _Reader, text: str, start: int, index: int) -> int:
    """The colon ending head field *index*, which starts at *start*."""
    colon = text.find(":", start)
    newline = text.find("\n", start)
    if colon < 0 or 0 <= newline < colon:
        at = len(text) if colon < 0 else newline
        rd.fail(f"the line ends before the ':' after {_HEAD_NAMES[index]}", at=at,
                field=_HEAD_NAMES[index], kind="missing-field", expected="':'")
    return colon


def _read_group(
    rd: _Reader, group: tuple[HeaderField, ...], start: int, end: int, values: dict[str, Any]
) -> None:
    """One colon-separated head field: its comma-separated parts, each parsed."""
    text = rd.text
    name = ",".join(f.name for f in group)
    if len(group) > 1:
        cuts = [start - 1] + [i for i in range(start, end) if text[i] == ","] + [end]
    else:
        cuts = [start - 1, end]
    if len(cuts) - 1 > len(group):
        rd.fail(f"{name} has {len(group)} parts", at=cuts[len(group)], field=name,
                kind="too-many-parts", expected=f"at most {len(group) - 1} commas")
    # Trailing commas (``0,1,``) are omitted parts "keeping the initial comma": valid.
    for spec, (a, b) in zip(group, pairwise(cuts), strict=False):
        s, e = (a + 1, b) if spec.secret else rd.strip(a + 1, b, spec.name)
        values[spec.name] = _read_part(rd, spec, s, e)


def _read_part(rd: _Reader, spec: HeaderField, start: int, end: int) -> Any:
    raw = rd.text[start:end]
    if raw == "":
        if spec is PSW:
            rd.fail("psw is required", at=start, field="psw", kind="missing-field")
        return "" if spec.name == "login" else None
    try:
        value = spec.parse(raw)
    except ValueError as exc:
        rd.fail(str(exc), at=start, field=spec.name, kind="bad-value",
                found=None if spec.secret else raw)
    if spec.format(value) != raw:
        rd.report("non-canonical", f"{raw!r} is written {spec.format(value)!r}", at=start,
                  field=spec.name)
    if spec.name == "format" and not isinstance(value, SendFormat):
        rd.report("unknown-format", f"format {value} is not on the page (0..12)", at=start,
                  field="format")
    return value


def _read_recipients(
    rd: _Reader, start: int, end: int, seps: str, field: str
) -> tuple[tuple[Recipient, ...], Literal[",", ";"]]:
    """The recipients in ``text[start:end]`` and the separator between them."""
    text = rd.text
    cuts = [start - 1] + [i for i in range(start, end) if text[i] in seps] + [end]
    used = [text[i] for i in cuts[1:-1]]
    sep: Literal[",", ";"] = ";" if used and used[0] == ";" else ","
    if len(set(used)) > 1:
        rd.report("mixed-separators", f"phones separated by both ',' and ';': written {sep!r}",
                  at=start, field=field)
    out: list[Recipient] = []
    for a, b in pairwise(cuts):
        s, e = rd.strip(a + 1, b, field)
        token = text[s:e]
        if not token:
            rd.report("empty-recipient", "an empty recipient dropped", at=s, field=field)
            continue
        try:
            out.append(parse_recipient(token))
        except ValueError as exc:
            rd.report("bad-recipient", f"{token!r}: {exc}; kept as written", at=s, field=field)
            try:
                out.append(RawRecipient(text=token))
            except EncodeError as err:
                rd.fail(err.message, at=s, field=field, kind="bad-value", found=token)
    if not out:
        rd.fail("no recipient", at=start, field=field, kind="missing-field")
    return tuple(out), sep


def _read_mes(text: str, start: int, fmt: SendFormat | int | None) -> dict[str, Any]:
    parts = split_mes(text[start:], fmt)
    return {"prefix": parts.prefix, "mes": parts.text, "param": parts.param,
            "subj": parts.subj, "voice": parts.voice}


def _read_list(rd: _Reader, text: str, start: int, test: TestMode | None) -> dict[str, Any]:
    """``<list>``: entries, then the parameter lines that end it."""
    list_break = text.startswith("\n", start)
    if list_break:
        start += 1
    if start >= len(text):
        rd.fail("the list has no entry", at=start, field="list", kind="missing-field")
    lines = text[start:].split("\n")
    offsets = [start]
    for line in lines[:-1]:
        offsets.append(offsets[-1] + len(line) + 1)
    params, end = split_params(lines)
    out: dict[str, Any] = {"list_break": list_break}
    for name, value, i in params:
        if name in out:
            rd.fail(f"a second {name}: line", at=offsets[i], field=name,
                    kind="duplicate-parameter")
        out[name] = value
    names = [p[0] for p in params]
    if names != sorted(names, key=PARAMETER_NAMES.index):
        rd.report("param-order", "parameter lines written subj, then voice", at=offsets[end],
                  field="list")
    if test is TestMode.MULTILINE:
        entries = _read_multiline(rd, lines[:end], offsets)
    else:
        entries = []
        for line, at in zip(lines[:end], offsets, strict=False):
            if not line.strip(" "):
                rd.report("blank-line", "a blank line in the list dropped", at=at, field="list")
                continue
            entries.append(_read_entry(rd, line, at, escaped=True))
    if not entries:
        rd.fail("the list has no entry", at=start, field="list", kind="missing-field")
    out["entries"] = tuple(entries)
    return out


def _read_entry(rd: _Reader, line: str, at: int, *, escaped: bool) -> ListEntry:
    """"phones1:mes1" (or with ';')."""
    cut = min((i for i in (line.find(":"), line.find(";")) if i >= 0), default=-1)
    if cut < 0:
        rd.fail("a list entry is phones:mes", at=at, field="list", kind="missing-field",
                expected="':' or ';'")
    phones, _ = _read_recipients(rd, at, at + cut, ",", "phones")
    mes = line[cut + 1 :]
    prefix, mes = split_prefix(unescape_list_text(mes) if escaped else mes)
    sep: Literal[":", ";"] = ";" if line[cut] == ";" else ":"
    try:
        return ListEntry(phones=phones, mes=mes, prefix=prefix, sep=sep)
    except EncodeError as exc:
        rd.fail(exc.message, at=at, field=exc.field, kind="invalid")


def _read_multiline(rd: _Reader, lines: list[str], offsets: list[int]) -> list[ListEntry]:
    """test=2: a line starting with recipients and a separator opens an entry; any
    other line continues the message before it (S-multiline)."""
    groups: list[tuple[int, list[str]]] = []
    for i, line in enumerate(lines):
        if entry_start(line) is not None:
            groups.append((i, [line]))
        elif not groups:
            rd.fail("a multi-line list starts with an entry", at=offsets[i], field="list",
                    kind="missing-field", expected="phones:mes")
        else:
            groups[-1][1].append(line)
    return [_read_entry(rd, "\n".join(g), offsets[i], escaped=False) for i, g in groups]


# --- writing -------------------------------------------------------------------------


def _group_text(request: SendRequest, group: tuple[HeaderField, ...]) -> str:
    parts = []
    for spec in group:
        value = getattr(request, spec.name)
        parts.append("" if value is None else spec.format(value))
    while len(parts) > 1 and parts[-1] == "":
        parts.pop()  # "any parameter can be omitted, keeping the initial comma"
    return ",".join(parts)


def _entry_text(entry: ListEntry, *, escaped: bool) -> str:
    phones = ",".join(format_recipient(r) for r in entry.phones)
    mes = escape_list_text(entry.mes) if escaped else entry.mes
    return phones + entry.sep + (entry.prefix.value if entry.prefix else "") + mes


def _line(request: SendRequest) -> str:
    head = ":".join(_group_text(request, group) for group in HEADER)
    if not request.is_list:
        phones = request.phones_sep.join(format_recipient(r) for r in request.phones)
        return f"{head}:{phones}:{join_mes(request.single_mes)}"
    escaped = request.test is not TestMode.MULTILINE
    lines = [_entry_text(e, escaped=escaped) for e in request.entries]
    lines += [f"{name}:{value}" for name in PARAMETER_NAMES
              if (value := getattr(request, name)) is not None]
    return f"{head}::" + ("\n" if request.list_break else "") + "\n".join(lines)


@overload
def encode_line(request: SendRequest, /) -> str: ...
@overload
def encode_line(request: SendRequest, /, *, charset: str) -> bytes: ...
def encode_line(request: SendRequest, /, *, charset: str | None = None) -> str | bytes:
    """The canonical send line of *request*: text, or bytes in *charset*.

    Never fails for text: a :class:`SendRequest` that exists can be written (its
    constructor refused what the line cannot carry).  Bytes raise
    :class:`~smsc_codec.errors.EncodeError` for characters *charset* lacks.
    """
    if not isinstance(request, SendRequest):
        raise EncodeError(f"expected a SendRequest, got {type(request).__name__}")
    line = _line(request)
    if charset is None:
        return line
    return encode_text(line, normalize_charset(charset), field="mes")
