"""The ``smsc-codec`` command: decode wire bytes to canonical JSON and back.

A thin face over the library: argument parsing, reading stdin or a file, writing
JSON or bytes, exit codes.  No parsing logic lives here.  Each endpoint is one row
of :data:`ENDPOINTS` (how to decode, how to encode); the commands iterate the table.

Exit codes: 0 done, 1 the input was not a valid message (one line on stderr, no
traceback), 2 bad usage.  Defects of a lenient decode go to stderr as warnings.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from smsc_codec import smtp
from smsc_codec._version import __version__
from smsc_codec.canonical import dumps, from_canonical, to_canonical
from smsc_codec.captures import CONTAINERS, Scan, Summary, exchange_to_json, mask, mask_json
from smsc_codec.captures.output import Format, RowWriter
from smsc_codec.captures.parallel import ScanOptions, scan_files
from smsc_codec.captures.records import exchange_rows
from smsc_codec.charset import DEFAULT_CHARSET
from smsc_codec.completion import completion_script
from smsc_codec.conformance import (
    SEVERITIES,
    Deviation,
    Report,
    check_capture,
    check_reply,
    check_request,
    check_send,
    check_smtp_reply,
    deviation_lines,
    iter_rules,
)
from smsc_codec.errors import SmscCodecError
from smsc_codec.exchange import decode_reply_to
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList
from smsc_codec.mojibake import detect_charset
from smsc_codec.policy import Policy
from smsc_codec.request import decode_request, reply_layout, reply_layout_to_json, request_to_json
from smsc_codec.shape import ALL_LEVELS, FMTS
from smsc_codec.sniff import sniff
from smsc_codec.status import decode_delete, decode_status, encode_delete, encode_status

__all__ = ["CAPTURE_COMMANDS", "ENDPOINTS", "main"]


Canonical = Any  # a JSON value: what decode prints and encode reads


@dataclass(frozen=True)
class Handler:
    """How the CLI decodes one endpoint's messages to canonical JSON, and back."""

    decode: Callable[[bytes, argparse.Namespace], tuple[Canonical, Sequence[str]]]
    encode: Callable[[bytes, argparse.Namespace], bytes]
    #: The charset when --charset is not given: replies default to windows-1251,
    #: e-mails sent over SMTP to koi8-r (each page says so).
    charset: str = DEFAULT_CHARSET


def _policy(a: argparse.Namespace) -> Policy:
    return Policy(strict=a.strict, fmt1_variant=a.variant, max_input_bytes=a.max_input_bytes)


#: The library's Python spellings in its messages, and the CLI option that does the same:
#: a CLI user is told what to type, not what to call.
_CLI_WORDS = (
    ("Policy(max_input_bytes=...)", "--max-input-bytes N"),
    ("reveal_secrets=True", "--reveal-secrets"),
    ("lossy=True", "--lossy"),
)


def _for_cli(message: object) -> str:
    """*message* with the library's keyword spellings replaced by the CLI's options."""
    text = str(message)
    for python, option in _CLI_WORDS:
        text = text.replace(python, option)
    return text


def _notes(reply: Reply) -> list[str]:
    """The defects of a reply, record by record, as warning lines."""
    notes = [str(d) for d in reply.defects]
    if isinstance(reply, StatusList):
        for number, record in enumerate(reply.records, start=1):
            notes += [f"record {number}: {d}" for d in record.defects]
    return notes


def _reply_json(reply: Reply) -> tuple[Canonical, Sequence[str]]:
    """Canonical JSON and the defects, record by record, of a decoded reply."""
    return to_canonical(reply), _notes(reply)


def _reply_handler(endpoint: Endpoint, decode: Callable[[bytes, argparse.Namespace], Reply],
                   encode: Callable[[Reply, argparse.Namespace], bytes]) -> Handler:
    def read(data: bytes, a: argparse.Namespace) -> tuple[Canonical, Sequence[str]]:
        return _reply_json(decode(data, a))

    def write(data: bytes, a: argparse.Namespace) -> bytes:
        # --strict refuses a bad value; lenient encoding writes it back as it came,
        # with a warning (as decode warns of its defects).
        reply = from_canonical(data, endpoint=endpoint, kind=a.kind, policy=_policy(a))
        out = encode(reply, a)
        for note in _notes(reply):
            print(f"smsc-codec: warning: {_for_cli(note)}", file=sys.stderr)
        return out

    return Handler(read, write)


def _status_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_status(data, fmt=a.fmt, all=a.all, charset=a.charset, kind=a.kind,
                         multi=a.multi, policy=_policy(a))


def _status_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    return encode_status(reply, fmt=a.fmt, all=a.all, charset=a.charset, lossy=a.lossy,
                         variant="legacy" if a.variant == "legacy" else "documented")


def _delete_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_delete(data, fmt=a.fmt, charset=a.charset, policy=_policy(a))


def _delete_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    if not isinstance(reply, DeleteOk | ErrorReply):
        raise SmscCodecError('a delete reply is {"result": "OK"} or an error')
    return encode_delete(reply, fmt=a.fmt, charset=a.charset)


def _history_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_history(data, fmt=a.fmt, charset=a.charset, policy=_policy(a))


def _history_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    if not isinstance(reply, StatusList | ErrorReply):
        raise SmscCodecError("a history reply is a JSON array of records, or an error")
    return encode_history(reply, fmt=a.fmt, charset=a.charset, lossy=a.lossy)


def _smtp_send_decode(data: bytes, a: argparse.Namespace) -> tuple[Canonical, list[str]]:
    value = smtp.decode_send(data, charset=a.charset, policy=_policy(a))
    return (smtp.to_json(value, reveal_secrets=a.reveal_secrets),
            [str(d) for d in smtp.all_defects(value)])


def _smtp_reply_decode(data: bytes, a: argparse.Namespace) -> tuple[Canonical, list[str]]:
    value = smtp.decode_reply_any(data, charset=a.charset, policy=_policy(a))
    return smtp.to_json(value), [str(d) for d in smtp.all_defects(value)]


#: One row per endpoint the CLI speaks.
ENDPOINTS: dict[str, Handler] = {
    "status": _reply_handler(Endpoint.STATUS, _status_decode, _status_encode),
    "delete": _reply_handler(Endpoint.STATUS, _delete_decode, _delete_encode),
    "history": _reply_handler(Endpoint.HISTORY, _history_decode, _history_encode),
    "smtp-send": Handler(
        _smtp_send_decode,
        lambda data, a: smtp.encode_send_json(data, eml=a.eml, charset=a.charset,
                                              mail_charset=a.given_charset),
        charset="koi8-r",
    ),
    "smtp-reply": Handler(
        _smtp_reply_decode,
        lambda data, a: smtp.encode_reply_json(data, eml=a.eml, charset=a.charset,
                                               mail_charset=a.given_charset),
        charset="koi8-r",
    ),
}


#: The main ``--help``'s closing lines.  The exit codes are part of the public
#: contract (CHANGELOG.md, "Versioning policy").
EXIT_CODES = """\
exit codes:
  0  done; check: no deviation at --fail-on or worse
  1  decode, encode, request: the input is not a valid message (one line on
     stderr, never a traceback); scan: an exchange did not decode; check:
     deviations at --fail-on or worse; serve: it could not start
  2  bad usage: an unknown option or value, a file that cannot be opened;
     scan, check: an input unusable as a whole; serve: no [testing] extra

Each command has its own --help, with an example."""


def _command(commands: Any, name: str, summary: str, description: str,
             examples: Sequence[str]) -> argparse.ArgumentParser:
    """A subcommand whose ``--help`` has a description and runnable examples (each
    run by tests/test_cli_help.py from the repository's root)."""
    epilog = ("examples (run from a clone of the repository, which has the files):\n"
              + "".join(f"  $ {line}\n" for line in examples))
    parser: argparse.ArgumentParser = commands.add_parser(
        name, help=summary, description=description, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def _multi_options(cmd: argparse.ArgumentParser, scope: str = "") -> None:
    """``--multi`` / ``--single``: one of them, or neither (tell from the data)."""
    multi = cmd.add_mutually_exclusive_group()
    multi.add_argument("--multi", dest="multi", action="store_const", const=True,
                       default=None, help=f"{scope}a multi-status reply (default: tell from"
                       " the data)")
    multi.add_argument("--single", dest="multi", action="store_const", const=False,
                       help=f"{scope}a single-status reply")


#: A status reply of the vendor's own page, and the request it answers (masked).
_VECTOR = "spec/vectors/status/sms-all1-fmt0-single.wire"
_REQUEST = "'https://smsc.ru/sys/status.php?login=demo&psw=...&phone=79991234567&id=101&fmt=3'"


@functools.cache
def _parser() -> argparse.ArgumentParser:
    # Built once per process: building it is two thirds of a small in-process run
    # (~4 ms of ~6; tests and scripts call main() many times), and parse_args does
    # not change it.
    parser = argparse.ArgumentParser(
        prog="smsc-codec",
        description="Decode SMSC.ru API replies to canonical JSON, and encode them back;"
        "\nscan and check captures of real traffic; serve a fake SMSC for tests.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="print the version and exit")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND",
                                     help="one of these (each has its own --help)")
    for name, summary, description, examples in (
        ("decode", "wire bytes -> canonical JSON",
         "Decode one message -- a status, delete or history reply, an SMTP send or reply --"
         "\nfrom FILE (or stdin) and print its canonical JSON.  A lenient decode keeps what"
         "\ndeviates from the documentation and warns on stderr; --strict refuses it"
         "\ninstead (exit 1).",
         (f"smsc-codec decode --fmt 0 --all 1 {_VECTOR}",
          f"smsc-codec decode --request {_REQUEST} examples/reply.json",
          "smsc-codec decode --endpoint smtp-send examples/send.eml")),
        ("encode", "canonical JSON -> wire bytes",
         "Encode canonical JSON (what decode prints; FILE, or stdin) as the server or the"
         "\nclient writes it: byte for byte the wire of the given --fmt/--all/--charset.",
         ("smsc-codec decode --fmt 3 spec/vectors/status/sms-all0-fmt3-single.wire"
          " | smsc-codec encode --fmt 2",
          "smsc-codec decode --endpoint smtp-reply examples/reply.txt"
          " | smsc-codec encode --endpoint smtp-reply --eml")),
    ):
        cmd = _command(commands, name, summary, description, examples)
        cmd.add_argument("--endpoint", choices=sorted(ENDPOINTS), default="status",
                         help="what the message is: a status.php reply, a delete reply, a"
                         " get.php history reply, an SMTP send or an SMTP reply (default:"
                         " status)")
        cmd.add_argument("--fmt", type=int, choices=FMTS, default=0,
                         help="the request's fmt: 0 text, 1 comma-separated, 2 XML, 3 JSON"
                         " (default: 0)")
        cmd.add_argument("--all", type=int, choices=ALL_LEVELS, default=0,
                         help="the request's all: the detail level 0, 1 or 2 (default: 0)")
        cmd.add_argument("--charset", default=None,
                         help="windows-1251, koi8-r or utf-8 (default: windows-1251 for"
                         " replies, koi8-r for SMTP; with encode --eml, the JSON's);"
                         " decode also takes auto: detect it")
        cmd.add_argument("--kind", choices=("sms", "hlr"), default=None,
                         help="pin the record kind (default: tell from the data)")
        _multi_options(cmd)
        cmd.add_argument("--strict", action="store_true",
                         help="decode: fail on any deviation from the documentation; encode:"
                         " refuse a value its field cannot hold (default: warn)")
        cmd.add_argument("--variant", choices=("auto", "documented", "legacy"), default="auto",
                         help="fmt=1 SMS layout at all=1/2: the documented one, the older one"
                         " without comment and type, or tell by field count (default: auto;"
                         " encode writes legacy only when asked)")
        cmd.add_argument("--lossy", action="store_true",
                         help="encode: drop fields the layout cannot carry (default: refuse"
                         " them, exit 1)")
        cmd.add_argument("--reveal-secrets", action="store_true",
                         help="print psw/apikey instead of *** (never the default)")
        cmd.add_argument("--max-input-bytes", type=int, default=None, metavar="N",
                         help="decode: refuse input larger than N bytes (default: the"
                         " library's limit for the format)")
        cmd.add_argument("--eml", action="store_true",
                         help="encode: an SMTP send or reply as a whole e-mail (default: the"
                         " bare line)")
        cmd.add_argument("file", nargs="?", default="-", metavar="FILE",
                         help="input file (default: -, stdin)")
    decode = commands.choices["decode"]
    decode.add_argument("--request", metavar="URL",
                        help="the captured request (URL or query string): it fixes the"
                        " endpoint, fmt, all, charset and multi-ness of the reply (default:"
                        " the options above)")
    req = _command(
        commands, "request", "a request URL -> its parameters and reply layout",
        "Decode a request (URL, query string or form body) and print its parameters as"
        "\nJSON, psw/apikey masked, with the layout its reply will have.",
        ("smsc-codec request 'https://smsc.ru/sys/status.php?login=demo&psw=secret"
         "&phone=79991234567&id=101&fmt=3&all=2'",))
    req.add_argument("url", help="a request URL, query string or form body")
    req.add_argument("--kind", choices=("sms", "hlr"), default=None,
                     help="pin the record kind of the reply (default: as the request says,"
                     " else either)")
    req.add_argument("--reveal-secrets", action="store_true",
                     help="print psw/apikey instead of *** (never the default)")
    _add_capture_commands(commands)
    serve = _command(
        commands, "serve", "a fake SMSC server on 127.0.0.1 (needs smsc_codec[testing])",
        "Serve /sys/status.php and /sys/get.php on 127.0.0.1 for clients in any language,"
        "\nuntil SIGTERM or SIGINT.  Prints 'listening on http://127.0.0.1:PORT' on stderr"
        "\nonce it accepts connections.",
        ("smsc-codec serve --port 8080 --account demo:secret --messages examples/messages.jsonl",))
    serve.add_argument("--port", type=int, required=True,
                       help="the port on 127.0.0.1; 0 for any free port (required)")
    serve.add_argument("--account", required=True, metavar="LOGIN:PSW",
                       help="the one account the fake accepts (required)")
    serve.add_argument("--apikey", action="append", default=[], metavar="KEY",
                       help="an apikey the account also accepts; repeat for more"
                       " (default: none)")
    serve.add_argument("--messages", required=True, metavar="FILE",
                       help="JSON Lines, one canonical record with its id and phone each"
                       " (required)")
    completion = _command(
        commands, "completion", "print a shell completion script (bash or zsh)",
        "Print a completion script for SHELL, made from this command's own options.",
        ("smsc-codec completion bash > ~/.local/share/bash-completion/completions/smsc-codec",
         "smsc-codec completion zsh > ~/.zfunc/_smsc-codec"))
    completion.add_argument("shell", choices=("bash", "zsh"), help="the shell")
    return parser


def _read(path: str, stdin: BinaryIO) -> bytes:
    if path == "-":
        return stdin.read()
    with open(path, "rb") as f:
        return f.read()


def run(argv: Sequence[str] | None = None, *, stdin: BinaryIO | None = None,
        stdout: BinaryIO | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    if args.command == "completion":
        stdout.write(completion_script(parser, args.shell).encode())
        stdout.flush()
        return 0
    if args.command == "serve":
        return _serve(args)
    if args.command == "request":
        return _request(args, stdout)
    if args.command in CAPTURE_COMMANDS:
        return CAPTURE_COMMANDS[args.command](args, stdin, stdout)
    handler = ENDPOINTS[args.endpoint]
    # --charset as given: with --eml it chooses the e-mail's charset (None: the JSON's).
    args.given_charset = args.charset
    args.charset = args.charset or handler.charset
    auto = args.charset.strip().lower() == AUTO
    if auto and args.command != "decode":
        print("smsc-codec: error: --charset auto is for decode; encode writes the charset"
              " given", file=sys.stderr)
        return 2
    try:
        data = _read(args.file, stdin)
        if auto:
            _auto_charset(data, handler, args)
        if args.command == "decode":
            if args.request:
                request = decode_request(args.request)
                value, notes = _reply_json(decode_reply_to(request, data, kind=args.kind,
                                                           policy=_policy(args)))
            else:
                value, notes = handler.decode(data, args)
                notes = _collapse_layout_notes(notes, data, args)
            for note in notes:
                print(f"smsc-codec: warning: {_for_cli(note)}", file=sys.stderr)
            out = dumps(value, indent=True) + b"\n"
        else:
            out = handler.encode(data, args)
    except SmscCodecError as exc:
        hint = _level_hint(data, args) if args.command == "decode" and not args.request else ""
        print(f"smsc-codec: error: {_for_cli(exc)}{hint}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"smsc-codec: error: {exc.strerror}: {args.file}", file=sys.stderr)
        return 2
    stdout.write(out)
    stdout.flush()
    return 0


#: ``--charset auto``: the charset is detected (decode only).
AUTO = "auto"
#: Below this confidence ``--charset auto`` warns about its choice (as ``check``'s H04).
_UNSURE = 0.9


def _auto_charset(data: bytes, handler: Handler, args: argparse.Namespace) -> None:
    """Set ``args.charset`` to the charset *data* is detected in: among the API's
    three (:func:`smsc_codec.mojibake.detect_charset`), the endpoint's default for
    ASCII (which reads the same in all three)."""
    found = detect_charset(data)
    if found.charset is None or found.note == "any":
        args.charset = handler.charset
    else:
        args.charset = found.charset
        if found.confidence < _UNSURE:
            print(f"smsc-codec: warning: --charset auto chose {found.charset} with confidence"
                  f" {found.confidence:.2f}", file=sys.stderr)
    args.given_charset = args.charset


_NOT_IN_LAYOUT = "field-not-in-layout: "


def _collapse_layout_notes(notes: Sequence[str], data: bytes, args: argparse.Namespace
                           ) -> list[str]:
    """One line for all the ``field-not-in-layout`` warnings (a reply of another
    ``all`` gives one per field), with the ``--all`` the data fits when the sniffer
    knows it."""
    odd = [n for n in notes if _NOT_IN_LAYOUT in n]
    if len(odd) < 2:
        return list(notes)
    names = list(dict.fromkeys(n.split("'")[1] for n in odd if n.count("'") >= 2))
    first = odd[0]
    head = first[:first.index(_NOT_IN_LAYOUT) + len(_NOT_IN_LAYOUT)]
    shown = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    line = (f"{head}{len(odd)} fields the layout does not document ({shown})"
            f"{_level_hint(data, args)}")
    return [n for n in notes if _NOT_IN_LAYOUT not in n] + [line]


def _level_hint(data: bytes, args: argparse.Namespace) -> str:
    """``"; the data fits --all 2"`` when the sniffer reads the reply at another
    ``all`` (same ``fmt``) than the one given; ``""`` otherwise."""
    if args.endpoint not in ("status", "history"):
        return ""
    try:
        found = sniff(data, charset=args.given_charset)
    except (SmscCodecError, TypeError):
        return ""
    if found.fmt == args.fmt and found.all is not None and found.all != args.all:
        return f"; the data fits --all {found.all}"
    return ""


def _request(args: argparse.Namespace, stdout: BinaryIO) -> int:
    try:
        request = decode_request(args.url)
        layout = reply_layout(request, kind=None if args.kind is None else RecordKind(args.kind))
    except SmscCodecError as exc:  # never quotes a secret (smsc_codec.request)
        print(f"smsc-codec: error: {_for_cli(exc)}", file=sys.stderr)
        return 1
    out = {"request": request_to_json(request, reveal_secrets=args.reveal_secrets),
           "reply_layout": reply_layout_to_json(layout)}
    stdout.write(dumps(out, indent=True) + b"\n")
    stdout.flush()
    return 0


def _serve(args: argparse.Namespace) -> int:
    # Lazily: the core CLI must not need the testing extra.
    try:
        from smsc_codec.testing.serve import serve
    except ImportError as exc:
        print(f"smsc-codec serve: needs the testing extra (pip install"
              f" 'smsc_codec[testing]'): {exc}", file=sys.stderr)
        return 2
    try:
        return serve(args.port, args.account, args.apikey, args.messages)
    except (OSError, SmscCodecError) as exc:
        print(f"smsc-codec serve: {exc}", file=sys.stderr)
        return 1


def main(argv: Sequence[str] | None = None) -> None:
    """The console script: :func:`run`, its exit code, a closed pipe quietly ended."""
    try:
        code = run(argv)
        sys.stdout.flush()
    except BrokenPipeError:  # `smsc-codec check --rules | head -1`: the reader left
        # Python would flush stdout again at exit and fail once more: point it at devnull.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 1
    sys.exit(code)


# --- captures: scan and check (smsc_codec.captures, smsc_codec.conformance) ----------

#: The progress bar redraws every this many raw input bytes (and at each file's end).
PROGRESS_STEP = 4 * 1024 * 1024


def _capture_options(cmd: argparse.ArgumentParser) -> None:
    """The options scan and check share: how a capture is read."""
    cmd.add_argument("--container", choices=("auto", *CONTAINERS), default="auto",
                     help="what the files are: HAR, mbox, one e-mail, or a dump of bare"
                     " replies (default: auto, tell from the first bytes)")
    cmd.add_argument("--split", choices=("auto", "blank", "line"), default="auto",
                     help="dumps: replies separated by blank lines, or one per line"
                     " (default: auto, blank lines if there are any)")


def _add_capture_commands(commands: Any) -> None:
    scan = _command(
        commands, "scan", "captures (HAR, mbox/.eml, dumps; gzip too) -> JSON Lines, one"
        " decoded exchange per line; a summary on stderr",
        "Find every SMSC exchange in captures of real traffic (HAR files, mailboxes,"
        "\ndumps of bodies; gzip too), decode it by its request, and write one JSON line"
        "\nper exchange (or per record, --records); secrets are masked.  Unrelated"
        "\ntraffic is skipped and counted.  A summary goes to stderr.",
        ("smsc-codec scan examples/session.har",
         "smsc-codec scan --records examples/session.har"))
    scan.add_argument("files", nargs="+", metavar="FILE", help="capture files, - for stdin")
    _capture_options(scan)
    scan.add_argument("--charset", default=None,
                      help="dumps: the replies' charset (default: detect each)")
    scan.add_argument("--no-progress", action="store_true",
                      help="no progress bar (it is drawn only when stderr is a terminal)")
    scan.add_argument("--records", action="store_true",
                      help="one typed row per status/history record (and per error, delete,"
                      " SMTP exchange): the table of spec/records.schema.json (default: one"
                      " JSON object per exchange)")
    scan.add_argument("--to", nargs=2, metavar=("FORMAT", "OUT"), default=None,
                      help="write to the file OUT as FORMAT: jsonl, csv or parquet (csv and"
                      " parquet need --records; parquet needs the [arrow] extra) (default:"
                      " JSON Lines on stdout)")
    scan.add_argument("--jobs", type=int, default=1, metavar="N",
                      help="scan the files on N processes, same output in the same order"
                      " (default: 1)")
    check = _command(
        commands, "check", "check replies, requests, send lines or whole captures against the"
        " spec: each deviation with its rule id, severity, location and the docs' words",
        "Check captures (as scan reads them), or one message per FILE (with --request,"
        "\n--fmt or --endpoint), against the vendor's documentation: each deviation with"
        "\nits rule id, severity, where it is, and the documentation's words.  For CI:"
        "\n--json, and --fail-on for the severity that fails the run.",
        ("smsc-codec check --fail-on error examples/session.har",
         f"smsc-codec check --request {_REQUEST} examples/reply.json",
         "smsc-codec check --endpoint smtp-send --reply examples/reply.txt examples/send.eml",
         "smsc-codec check --rules"))
    check.add_argument("files", nargs="*", metavar="FILE",
                       help="captures; or, with --request/--fmt/--endpoint, one message each")
    check.add_argument("--request", metavar="URL",
                       help="the request (URL or query string): checked itself, and it fixes"
                       " how each FILE (a reply body) is read (default: none)")
    check.add_argument("--endpoint", choices=("status", "delete", "history", "smtp-send",
                                              "smtp-reply"), default=None,
                       help="each FILE is one message of this endpoint (default: a capture)")
    check.add_argument("--fmt", type=int, choices=FMTS, default=None,
                       help="each FILE is one reply in this fmt (default: sniff)")
    check.add_argument("--all", type=int, choices=ALL_LEVELS, default=0,
                       help="one reply per FILE: the request's all (default: 0)")
    check.add_argument("--charset", default=None,
                       help="the messages' charset (default: the request's, else detect;"
                       " koi8-r for SMTP)")
    check.add_argument("--kind", choices=("sms", "hlr"), default=None,
                       help="one reply per FILE: pin the record kind (default: tell from"
                       " the data)")
    _multi_options(check, "one reply per FILE: ")
    check.add_argument("--reply", metavar="FILE",
                       help="with --endpoint smtp-send: the reply the server mailed back"
                       " (default: none)")
    _capture_options(check)
    check.add_argument("--json", action="store_true",
                       help="one JSON object, for CI (default: text)")
    check.add_argument("--fail-on", choices=SEVERITIES, default="warning",
                       help="exit 1 when a deviation this severe or worse is found"
                       " (default: warning)")
    check.add_argument("--no-quotes", action="store_true",
                       help="text output: leave out the documentation's words")
    check.add_argument("--rules", action="store_true", help="print the rule table and exit")


class _Progress:
    """A one-line progress bar on stderr, drawn only when stderr is a terminal."""

    def __init__(self, name: str, total: int | None, enabled: bool) -> None:
        self.name, self.total, self.enabled = name, total, enabled
        self.next = 0

    def update(self, done: int, exchanges: int, *, final: bool = False) -> None:
        if not self.enabled or (done < self.next and not final):
            return
        self.next = done + PROGRESS_STEP
        mb = done / 1e6
        if self.total:
            share = min(done / self.total, 1.0)
            bar = "#" * int(share * 30)
            figures = f" [{bar:<30}] {share:4.0%} {mb:,.1f} MB, {exchanges} exchanges"
        else:
            figures = f" {mb:,.1f} MB, {exchanges} exchanges"
        # A long path gives way, not the figures: keep its end (the file's name).
        room = max(120 - len(figures), 10)
        name = self.name if len(self.name) <= room else "…" + self.name[-(room - 1):]
        text = name + figures
        sys.stderr.write("\r" + text[:120].ljust(120) + ("\r" + " " * 120 + "\r" if final else ""))
        sys.stderr.flush()


def _open(path: str, stdin: BinaryIO) -> tuple[BinaryIO, int | None]:
    if path == "-":
        return stdin, None
    f = open(path, "rb")  # noqa: SIM115 -- closed by the caller
    return f, os.fstat(f.fileno()).st_size


def _scan_files(args: argparse.Namespace, stdin: BinaryIO
                ) -> Iterator[tuple[str, Scan | None, int | None]]:
    """Each file opened and wrapped in a :class:`Scan` (``None`` if it cannot be
    opened), with its size; closed once the caller has iterated it."""
    for path in args.files:
        try:
            f, size = _open(path, stdin)
        except OSError as exc:
            print(f"smsc-codec: error: {exc.strerror}: {path}", file=sys.stderr)
            yield path, None, None
            continue
        try:
            container = None if args.container == "auto" else args.container
            yield path, Scan(f, name=path, container=container, split=args.split,
                             charset=args.charset), size
        finally:
            if f is not stdin:
                f.close()


def _scan(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO) -> int:
    fmt: Format = "jsonl" if args.to is None else args.to[0]
    if fmt not in ("jsonl", "csv", "parquet") or args.jobs < 1 or \
            (fmt != "jsonl" and not args.records) or (args.jobs > 1 and "-" in args.files):
        print("smsc-codec: error: --to takes jsonl, csv or parquet (csv and parquet with"
              " --records), --jobs a positive number and no stdin", file=sys.stderr)
        return 2
    try:
        out = stdout if args.to is None else open(args.to[1], "wb")  # noqa: SIM115
        writer = RowWriter(out, fmt, records=args.records)
    except (OSError, ImportError) as exc:
        print(f"smsc-codec: error: {exc}", file=sys.stderr)
        return 2
    try:
        summary, unusable = _scan_to(args, stdin, writer)
    finally:
        writer.close()
        if out is not stdout:
            out.close()
    for line in summary.lines():
        print(f"smsc-codec scan: {line}", file=sys.stderr)
    if unusable:
        return 2
    return 1 if summary.failed else 0


def _scan_to(args: argparse.Namespace, stdin: BinaryIO, writer: RowWriter
             ) -> tuple[Summary, bool]:
    summary = Summary()
    unusable = False
    if args.jobs > 1:  # whole files on processes, written back in order
        container = None if args.container == "auto" else args.container
        options = ScanOptions(args.records, container, args.split, args.charset)
        for result in scan_files(args.files, options, jobs=args.jobs):
            if result.open_error is not None:
                print(f"smsc-codec: error: {result.open_error}", file=sys.stderr)
            writer.write(result.rows)
            summary += result.summary
            unusable |= result.unusable
        return summary, unusable
    draw = sys.stderr.isatty() and not args.no_progress
    for path, scan, size in _scan_files(args, stdin):
        if scan is None:
            unusable = True
            continue
        summary.files += 1
        progress = _Progress(path, size, draw)
        found = 0
        for exchange in scan:
            writer.write(exchange_rows(exchange) if args.records
                         else (exchange_to_json(exchange),))
            summary.add(exchange)
            found += 1
            progress.update(scan.bytes_in, found)
            if exchange.error is not None and exchange.location.entry is None and \
                    exchange.location.line is None and exchange.location.message is None \
                    and found == 1:
                unusable = True  # the container broke before any exchange
        progress.update(scan.bytes_in, found, final=True)
        summary.skip(scan.skipped)
    return summary, unusable


def _rules(stdout: BinaryIO, as_json: bool) -> int:
    rules = list(iter_rules())
    if as_json:
        table = [{"id": r.id, "severity": r.severity, "title": r.title, "quote": r.quote,
                  "source": r.source} for r in rules]
        stdout.write(dumps(table, indent=True) + b"\n")
    else:
        for r in rules:
            stdout.write(f"{r.id}  {r.severity:<7}  {r.title}\n".encode())
    stdout.flush()
    return 0


def _check_one(args: argparse.Namespace, path: str, data: bytes, stdin: BinaryIO) -> Report:
    if args.endpoint == "smtp-send":
        reply = _read(args.reply, stdin) if args.reply else None
        return check_send(data, reply=reply, charset=args.charset or "koi8-r", name=path)
    if args.endpoint == "smtp-reply":
        return check_smtp_reply(data, charset=args.charset or "koi8-r", name=path)
    return check_reply(data, request=args.request, endpoint=args.endpoint, fmt=args.fmt,
                       all=args.all, charset=args.charset, kind=args.kind, multi=args.multi,
                       name=path)


def _check(args: argparse.Namespace, stdin: BinaryIO, stdout: BinaryIO) -> int:
    if args.rules:
        return _rules(stdout, args.json)
    if not args.files and not args.request:
        print("smsc-codec: error: nothing to check: give FILE(s) or --request", file=sys.stderr)
        return 2
    # Deviations are written as they are found (a capture of any size, flat memory).
    first = True

    def emit(deviation: Deviation) -> None:
        nonlocal first
        # Through the captures' masking rule: a finding may quote capture text.
        if args.json:
            stdout.write((b"\n" if first else b",\n")
                         + dumps(mask_json(deviation.to_json())))
        else:
            lines = deviation_lines(deviation, quotes=not args.no_quotes)
            stdout.write("".join(mask(line) + "\n" for line in lines).encode())
        first = False

    report = Report(sink=emit)
    if args.json:
        stdout.write(b'{"deviations": [')
    one_each = bool(args.request or args.endpoint or args.fmt is not None)
    if not args.files:
        report.extend(check_request(args.request, name="--request"))
    for path in args.files:
        try:
            if one_each:
                report.extend(_check_one(args, path, _read(path, stdin), stdin))
                continue
            f, _ = _open(path, stdin)
            try:
                container = None if args.container == "auto" else args.container
                check_capture(f, name=path, container=container, split=args.split,
                              charset=args.charset, report=report)
            finally:
                if f is not stdin:
                    f.close()
        except OSError as exc:
            report.unusable.append(f"{path}: {exc.strerror}")
        except SmscCodecError as exc:  # a bad --request never quotes a secret
            report.unusable.append(mask(f"{path}: {exc}"))
    if args.json:
        stdout.write(b"\n], \"summary\": " + dumps(report.summary()) + b"}\n")
    else:
        stdout.write("".join(line + "\n" for line in report.closing_lines()).encode())
    stdout.flush()
    return report.exit_code(args.fail_on)


#: The commands over captures, by name: (args, stdin, stdout) -> exit code.
CAPTURE_COMMANDS: dict[str, Callable[[argparse.Namespace, BinaryIO, BinaryIO], int]] = {
    "scan": _scan,
    "check": _check,
}
