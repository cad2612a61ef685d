"""What ``mes`` carries besides its text: the prefix, the parameter lines, list escapes.

This module owns the grammar *inside* the last field of the send line, both forms:

single form (``...:<phones>:<mes>``)::

    mes    = [prefix] text [LF "~~~" LF param] [LF "subj:" subj] [LF "voice:" voice]

list form (``...::<list>``)::

    list   = [LF] entry *(LF entry) *(LF param-line)
    entry  = recipients (":" / ";") text          ; text with "\\n" for a line break
    param-line = ("subj" / "voice") ":" value

The vendor's sentences behind each piece:

* prefix -- "you can use the special prefix at the start or instead of text
  messages" (:class:`~smsc_codec.smtp.values.Prefix`);
* ``~~~`` -- "at the end of the text, you can specify a special combination "\\n~~~\\n"
  (line feed, 3 of the tilde character, and again line feed), after which you can
  pass the param parameter" (calls only);
* ``subj:`` -- "The subject of the letter is indicated at the end of the message text
  through a line feed in the form "subj:Theme"" (format 8);
* ``voice:`` -- "The voice used for voice-over is indicated at the end of the message
  text through a line feed in the form of "voice:The voice."" (format 9);
* list -- "phones1:mes1 / phones2:mes2 ... separated by a colon or semicolon ... If you
  want to pass a newline character in the mes message, specify it with \\n ... Some
  parameters (for example, subj, voice) are passed at the end of the list message list
  via a line feed."

Strategy: pure functions on text, no policy.  ``split_*`` read, ``join_*`` write, and
the request model checks each value it holds by writing it and reading it back
(:func:`mes_reads_back`), so what the line cannot carry is refused when the value
is built, not discovered when it is sent.
"""

from __future__ import annotations

from dataclasses import dataclass

from smsc_codec.smtp.values import (
    PARAMETER_NAMES,
    Prefix,
    SendFormat,
    parse_recipient,
    split_prefix,
)

__all__ = [
    "ESCAPED_NEWLINE",
    "MAX_MES_CHARS",
    "PARAM_MARK",
    "SingleMes",
    "entry_start",
    "escape_list_text",
    "is_call",
    "is_mail",
    "join_mes",
    "split_mes",
    "split_params",
    "unescape_list_text",
]

#: "mes: ... The maximum size is 1000 characters."  Counted on the text the server
#: receives as ``mes``: prefix, text and parameter lines together (single form), the
#: unescaped prefix and text of each entry (list form).
MAX_MES_CHARS = 1000
#: The line that opens a call's ``param`` block: "\n~~~\n".
PARAM_MARK = "~~~"
#: How a list entry spells a line break: "specify it with \n".
ESCAPED_NEWLINE = "\\n"


def is_mail(fmt: SendFormat | int | None, prefix: Prefix | None) -> bool:
    """Whether ``subj:`` lines mean something: an e-mail (format 8 or ``__MAIL__``)."""
    return fmt == SendFormat.EMAIL or prefix is Prefix.MAIL


def is_call(fmt: SendFormat | int | None, prefix: Prefix | None) -> bool:
    """Whether ``voice:`` and ``~~~`` mean something: a call (format 9 or ``__CALL__``)."""
    return fmt == SendFormat.CALL or prefix is Prefix.CALL


@dataclass(frozen=True, slots=True, kw_only=True)
class SingleMes:
    """The parts of a single-form ``mes``."""

    prefix: Prefix | None = None
    text: str = ""
    param: str | None = None
    subj: str | None = None
    voice: str | None = None


def split_mes(mes: str, fmt: SendFormat | int | None) -> SingleMes:
    """The prefix, text and parameter lines of a single-form *mes*.

    Parameter lines are read from the end, in the canonical order's reverse (voice,
    subj, then the ``~~~`` block), and only where they mean something for the
    message type: an SMS whose last line is ``subj:...`` just says so.
    """
    prefix, rest = split_prefix(mes)
    mail, call = is_mail(fmt, prefix), is_call(fmt, prefix)
    lines = rest.split("\n")
    voice = subj = param = None
    if call and len(lines) > 1 and lines[-1].startswith("voice:"):
        voice = lines.pop()[len("voice:") :]
    if mail and len(lines) > 1 and lines[-1].startswith("subj:"):
        subj = lines.pop()[len("subj:") :]
    if call and len(lines) > 2 and lines[-2] == PARAM_MARK:
        param = lines.pop()
        lines.pop()
    return SingleMes(prefix=prefix, text="\n".join(lines), param=param, subj=subj, voice=voice)


def join_mes(parts: SingleMes) -> str:
    """The single-form ``mes`` of *parts*, in the canonical order."""
    out = (parts.prefix.value if parts.prefix else "") + parts.text
    if parts.param is not None:
        out += f"\n{PARAM_MARK}\n{parts.param}"
    if parts.subj is not None:
        out += f"\nsubj:{parts.subj}"
    if parts.voice is not None:
        out += f"\nvoice:{parts.voice}"
    return out


def mes_reads_back(parts: SingleMes, fmt: SendFormat | int | None) -> str | None:
    """Why *parts* would not read back from their ``mes``; ``None`` if they would."""
    back = split_mes(join_mes(parts), fmt)
    if back == parts:
        return None
    if back.prefix != parts.prefix:
        return f"the text starts with the prefix token {back.prefix}; give it as prefix"
    for name in ("voice", "subj", "param"):
        if getattr(back, name) != getattr(parts, name):
            if getattr(parts, name) is None:
                return f"the text's last lines would read back as the {name} parameter"
            return f"{name} would not read back: is it allowed for this message type?"
    return "the text would not read back unchanged"  # pragma: no cover - defensive


# --- the list form -------------------------------------------------------------------


def escape_list_text(text: str) -> str:
    """A list entry's text with each line break written ``\\n``.

    The doc gives no escape for the backslash itself, so a text containing a
    backslash followed by ``n`` cannot be carried (it would read back as a line
    break); the request model refuses it.  Every other backslash is written as is.
    """
    return text.replace("\n", ESCAPED_NEWLINE)


def unescape_list_text(text: str) -> str:
    """A list-mode entry's text as sent: each ``\\n`` escape back to a line break."""
    return text.replace(ESCAPED_NEWLINE, "\n")


def entry_start(line: str) -> tuple[str, int] | None:
    """``(recipients, separator index)`` if *line* starts a list entry.

    A line starts an entry when the text before its first ``:`` or ``;`` is a
    comma-separated list of recipients in a documented form.  The multi-line mode
    (``test=2``) needs this to tell a new entry from the next line of a message.
    """
    cut = min((i for i in (line.find(":"), line.find(";")) if i >= 0), default=-1)
    if cut <= 0:
        return None
    head = line[:cut]
    try:
        for token in head.split(","):
            parse_recipient(token)
    except ValueError:
        return None
    return head, cut


def param_line(line: str) -> tuple[str, str] | None:
    """``(name, value)`` if *line* is a list's trailing parameter line."""
    name, colon, value = line.partition(":")
    if colon and name in PARAMETER_NAMES:
        return name, value
    return None


def split_params(lines: list[str]) -> tuple[list[tuple[str, str, int]], int]:
    """The parameter lines ending a list, as ``(name, value, line index)`` in wire order,
    and the index of the first of them (``len(lines)`` if none).  The first line is
    never one: a list holds at least one entry."""
    found: list[tuple[str, str, int]] = []
    end = len(lines)
    while end > 1 and (parsed := param_line(lines[end - 1])) is not None:
        end -= 1
        found.insert(0, (*parsed, end))
    return found, end
