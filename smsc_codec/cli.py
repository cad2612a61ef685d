"""The ``smsc-codec`` command: decode wire bytes to canonical JSON and back.

A thin face over the library: argument parsing, reading stdin or a file, writing
JSON or bytes, exit codes.  No parsing logic lives here.  Each endpoint is one row
of :data:`ENDPOINTS` (how to decode, how to encode); the commands iterate the table.

Exit codes: 0 done, 1 the input was not a valid message (one line on stderr, no
traceback), 2 bad usage.  Defects of a lenient decode go to stderr as warnings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import BinaryIO

import orjson

from smsc_codec.canonical import from_canonical, to_canonical
from smsc_codec.charset import DEFAULT_CHARSET
from smsc_codec.errors import SmscCodecError
from smsc_codec.exchange import decode_reply_to
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import Endpoint, RecordKind
from smsc_codec.models import DeleteOk, ErrorReply, Reply, StatusList
from smsc_codec.policy import Defect, Policy
from smsc_codec.request import decode_request, reply_layout, reply_layout_to_json, request_to_json
from smsc_codec.status import decode_delete, decode_status, encode_delete, encode_status

__all__ = ["ENDPOINTS", "main"]


@dataclass(frozen=True)
class Handler:
    """How the CLI decodes and encodes one endpoint's messages."""

    decode: Callable[[bytes, argparse.Namespace], Reply]
    encode: Callable[[Reply, argparse.Namespace], bytes]
    endpoint: Endpoint = Endpoint.STATUS


def _policy(a: argparse.Namespace) -> Policy:
    return Policy(strict=a.strict, fmt1_variant=a.variant)


def _status_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_status(data, fmt=a.fmt, all=a.all, charset=a.charset, kind=a.kind,
                         multi=a.multi, policy=_policy(a))


def _status_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    return encode_status(reply, fmt=a.fmt, all=a.all, charset=a.charset, lossy=a.lossy,
                         variant="legacy" if a.variant == "legacy" else "documented")


def _delete_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_delete(data, fmt=a.fmt, charset=a.charset,
                         policy=_policy(a))


def _delete_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    if not isinstance(reply, DeleteOk | ErrorReply):
        raise SmscCodecError('a delete reply is {"result": "OK"} or an error')
    return encode_delete(reply, fmt=a.fmt, charset=a.charset)


def _history_decode(data: bytes, a: argparse.Namespace) -> Reply:
    return decode_history(data, fmt=a.fmt, charset=a.charset,
                          policy=_policy(a))


def _history_encode(reply: Reply, a: argparse.Namespace) -> bytes:
    if not isinstance(reply, StatusList | ErrorReply):
        raise SmscCodecError("a history reply is a JSON array of records, or an error")
    return encode_history(reply, fmt=a.fmt, charset=a.charset, lossy=a.lossy)


#: One row per endpoint the CLI speaks.
ENDPOINTS: dict[str, Handler] = {
    "status": Handler(_status_decode, _status_encode),
    "delete": Handler(_delete_decode, _delete_encode),
    "history": Handler(_history_decode, _history_encode, Endpoint.HISTORY),
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="smsc-codec",
        description="Decode SMSC.ru API replies to canonical JSON, and encode them back.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, help_text in (("decode", "wire bytes -> canonical JSON"),
                            ("encode", "canonical JSON -> wire bytes")):
        cmd = commands.add_parser(name, help=help_text)
        cmd.add_argument("--endpoint", choices=sorted(ENDPOINTS), default="status")
        cmd.add_argument("--fmt", type=int, choices=range(4), default=0,
                         help="the request's fmt (default 0)")
        cmd.add_argument("--all", type=int, choices=range(3), default=0,
                         help="the request's all (default 0)")
        cmd.add_argument("--charset", default=DEFAULT_CHARSET,
                         help="windows-1251 (default), koi8-r or utf-8")
        cmd.add_argument("--kind", choices=("sms", "hlr"), default=None,
                         help="pin the record kind (default: tell from the data)")
        multi = cmd.add_mutually_exclusive_group()
        multi.add_argument("--multi", dest="multi", action="store_const", const=True,
                           default=None, help="a multi-status reply")
        multi.add_argument("--single", dest="multi", action="store_const", const=False,
                           help="a single-status reply")
        cmd.add_argument("--strict", action="store_true", help="fail on any deviation")
        cmd.add_argument("--variant", choices=("auto", "documented", "legacy"), default="auto",
                         help="fmt=1 SMS layout at all=1/2: the documented one, the older one"
                         " without comment and type, or tell by field count (default)")
        cmd.add_argument("--lossy", action="store_true",
                         help="encode: drop fields the layout cannot carry")
        cmd.add_argument("file", nargs="?", default="-", help="input file, - for stdin")
    decode = commands.choices["decode"]
    decode.add_argument("--request", metavar="URL",
                        help="the captured request (URL or query string): it fixes the"
                        " endpoint, fmt, all, charset and multi-ness of the reply")
    req = commands.add_parser("request", help="a request URL -> its parameters and reply layout")
    req.add_argument("url", help="a request URL, query string or form body")
    req.add_argument("--kind", choices=("sms", "hlr"), default=None,
                     help="pin the record kind of the reply")
    req.add_argument("--reveal-secrets", action="store_true",
                     help="print psw/apikey instead of *** (never the default)")
    return parser


def _read(path: str, stdin: BinaryIO) -> bytes:
    if path == "-":
        return stdin.read()
    with open(path, "rb") as f:
        return f.read()


def _warn(defects: Sequence[Defect], prefix: str = "") -> None:
    for defect in defects:
        print(f"smsc-codec: warning: {prefix}{defect}", file=sys.stderr)


def _report_defects(reply: Reply) -> None:
    _warn(reply.defects)
    if isinstance(reply, StatusList):
        for number, record in enumerate(reply.records, start=1):
            _warn(record.defects, f"record {number}: ")


def run(argv: Sequence[str] | None = None, *, stdin: BinaryIO | None = None,
        stdout: BinaryIO | None = None) -> int:
    args = _parser().parse_args(argv)
    stdin = stdin if stdin is not None else sys.stdin.buffer
    stdout = stdout if stdout is not None else sys.stdout.buffer
    if args.command == "request":
        return _request(args, stdout)
    handler = ENDPOINTS[args.endpoint]
    try:
        data = _read(args.file, stdin)
        if args.command == "decode" and args.request:
            request = decode_request(args.request)
            reply = decode_reply_to(request, data, kind=args.kind, policy=_policy(args))
            _report_defects(reply)
            out = orjson.dumps(to_canonical(reply), option=orjson.OPT_INDENT_2) + b"\n"
        elif args.command == "decode":
            reply = handler.decode(data, args)
            _report_defects(reply)
            out = orjson.dumps(to_canonical(reply), option=orjson.OPT_INDENT_2) + b"\n"
        else:
            reply = from_canonical(data, endpoint=handler.endpoint, kind=args.kind)
            out = handler.encode(reply, args)
    except SmscCodecError as exc:
        print(f"smsc-codec: error: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"smsc-codec: error: {exc.strerror}: {args.file}", file=sys.stderr)
        return 2
    stdout.write(out)
    stdout.flush()
    return 0


def _request(args: argparse.Namespace, stdout: BinaryIO) -> int:
    try:
        request = decode_request(args.url)
        layout = reply_layout(request, kind=None if args.kind is None else RecordKind(args.kind))
    except SmscCodecError as exc:  # never quotes a secret (smsc_codec.request)
        print(f"smsc-codec: error: {exc}", file=sys.stderr)
        return 1
    out = {"request": request_to_json(request, reveal_secrets=args.reveal_secrets),
           "reply_layout": reply_layout_to_json(layout)}
    stdout.write(orjson.dumps(out, option=orjson.OPT_INDENT_2) + b"\n")
    stdout.flush()
    return 0


def main() -> None:
    sys.exit(run())


