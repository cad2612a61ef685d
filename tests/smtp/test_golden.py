"""The golden vectors of spec/smtp/ drive decode and encode, byte for byte.

Each input (``.line``, ``.reply``, ``.eml``) has one expectation per policy,
written by hand in spec/smtp/make_vectors.py: the canonical JSON of the value (with
secrets revealed), the defects as ``[kind, field]`` pairs, or the error's kind, field
and position.  For canonical inputs the decoded value must also encode back to the
very same bytes, and the expected JSON must read back to the decoded value.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from smsc_codec.errors import DecodeError
from smsc_codec.policy import LENIENT, STRICT
from smsc_codec.smtp import (
    ReplyMail,
    SendMail,
    decode_line,
    decode_reply,
    decode_reply_mail,
    decode_send_mail,
    encode_line,
    encode_reply,
    encode_reply_mail,
    encode_send_mail,
    reply_from_json,
    reply_mail_from_json,
    reply_mail_to_json,
    reply_to_json,
    request_from_json,
    request_to_json,
    send_mail_from_json,
    send_mail_to_json,
)

SPEC = Path(__file__).resolve().parents[2] / "spec" / "smtp"
INPUTS = (".line", ".reply", ".eml")


@dataclasses.dataclass(frozen=True)
class Case:
    name: str
    policy: str
    data: bytes
    suffix: str
    expected: dict[str, Any]

    def id(self) -> str:
        return f"{self.name}[{self.policy}]"


def load() -> list[Case]:
    cases = []
    for path in sorted(SPEC.rglob("*.json")):
        stem, policy = path.name.removesuffix(".json").rsplit(".", 1)
        base = path.with_name(stem)
        suffix = next(s for s in INPUTS if base.with_suffix(s).exists())
        data = base.with_suffix(suffix).read_bytes()
        expected = json.loads(path.read_text(encoding="utf-8"))
        cases.append(Case(str(base.relative_to(SPEC)), policy, data, suffix, expected))
    return cases


CASES = load()


def is_reply(case: Case) -> bool:
    value = case.expected.get("value", {})
    return case.suffix == ".reply" or "cnt" in value or "error_code" in value


def without_defects(value: Any) -> Any:
    if isinstance(value, SendMail):
        return dataclasses.replace(value, request=without_defects(value.request), defects=())
    if isinstance(value, ReplyMail):
        return dataclasses.replace(value, reply=without_defects(value.reply), defects=())
    return dataclasses.replace(value, defects=())


def codec(case: Case) -> tuple[Any, Any, Any, Any]:
    """decode, to_json, from_json, encode for the case's kind of input."""
    if case.suffix == ".line":
        return (lambda d, p: decode_line(d, charset="utf-8", policy=p),
                lambda v: request_to_json(v, reveal_secrets=True), request_from_json,
                lambda v: encode_line(v, charset="utf-8"))
    if case.suffix == ".reply":
        return (lambda d, p: decode_reply(d, charset="utf-8", policy=p), reply_to_json,
                reply_from_json, lambda v: encode_reply(v, charset="utf-8"))
    if is_reply(case):
        return (lambda d, p: decode_reply_mail(d, policy=p), reply_mail_to_json,
                reply_mail_from_json, encode_reply_mail)
    return (lambda d, p: decode_send_mail(d, policy=p),
            lambda v: send_mail_to_json(v, reveal_secrets=True), send_mail_from_json,
            encode_send_mail)


def defects_of(value: Any) -> list[list[str | None]]:
    inner = getattr(value, "request", None) or getattr(value, "reply", None)
    found = list(value.defects) + (list(inner.defects) if inner is not None else [])
    return [[d.kind, d.field] for d in found]


def test_the_corpus_is_there_and_covers_each_part() -> None:
    folders = Counter(c.name.split("/")[0] for c in CASES)
    assert folders["doc"] >= 2 * 12
    assert folders["fields"] >= 2 * 40
    assert folders["list"] >= 2 * 8
    assert folders["lenient"] >= 2 * 11
    assert folders["errors"] >= 2 * 9
    assert folders["reply"] >= 2 * 10
    assert folders["mail"] >= 2 * 15
    assert {c.policy for c in CASES} == {"strict", "lenient"}


def test_the_files_are_what_the_generator_writes() -> None:
    sys.path.insert(0, str(SPEC))
    try:
        import make_vectors  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(SPEC))
    written = {(c.name, c.policy): (c.data, c.expected) for c in CASES}
    expected = {}
    for name, data, expectations in make_vectors.ALL:
        raw = data if isinstance(data, bytes) else data.encode("utf-8")
        for policy, exp in expectations.items():
            expected[(name, policy)] = (raw, json.loads(json.dumps(exp)))
    assert written == expected


@pytest.mark.parametrize("case", [c for c in CASES if "error" not in c.expected], ids=Case.id)
def test_decode(case: Case) -> None:
    decode, to_json, from_json, _encode = codec(case)
    value = decode(case.data, STRICT if case.policy == "strict" else LENIENT)
    assert to_json(value) == case.expected["value"]
    assert defects_of(value) == case.expected["defects"]
    # The canonical JSON reads back to the very value (defects aside).
    assert from_json(case.expected["value"]) == without_defects(value)


@pytest.mark.parametrize("case", [c for c in CASES if c.expected.get("canonical")],
                         ids=Case.id)
def test_encode(case: Case) -> None:
    _decode, _, from_json, encode = codec(case)
    assert encode(from_json(case.expected["value"])) == case.data


@pytest.mark.parametrize("case", [c for c in CASES if "error" in c.expected], ids=Case.id)
def test_reject(case: Case) -> None:
    decode, *_ = codec(case)
    with pytest.raises(DecodeError) as info:
        decode(case.data, STRICT if case.policy == "strict" else LENIENT)
    err = info.value
    assert {"kind": err.kind, "field": err.field, "pos": err.pos} == case.expected["error"]
