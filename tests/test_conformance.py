"""Conformance: every rule's passing and failing example (spec/conformance/), the rule
table itself, and ``smsc-codec check``."""

from __future__ import annotations

import importlib.util
import io
import json
import pathlib
import re
from typing import Any

import orjson
import pytest

from smsc_codec.captures import Exchange, Location
from smsc_codec.cli import run
from smsc_codec.conformance import (
    DEFECT_RULES,
    ERROR_RULES,
    RULES,
    SEVERITIES,
    Report,
    check_capture,
    check_exchange,
    check_reply,
    check_request,
    check_send,
    check_smtp_reply,
)
from smsc_codec.models import StatusRecord
from smsc_codec.policy import Defect
from tests.captures.generate import FAKE_SECRETS, har_capture, mbox_capture

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "spec" / "conformance"
METAS = sorted(EXAMPLES.glob("*.json"))


def load(path: pathlib.Path) -> dict[str, Any]:
    meta: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return meta


def check_example(meta: dict[str, Any], which: str) -> Report:
    rule, options = meta["rule"], meta["options"]
    data = (EXAMPLES / f"{rule}.{which}.{meta['input']}").read_bytes()
    name = f"{rule}.{which}"
    if meta["check"] == "reply":
        return check_reply(data, name=name, **options)
    if meta["check"] == "request":
        return check_request(data.decode("ascii"), name=name)
    if meta["check"] == "send":
        reply = (EXAMPLES / f"{rule}.{which}.reply").read_bytes() if options.get("reply") \
            else None
        return check_send(data, reply=reply, name=name)
    if meta["check"] == "smtp-reply":
        return check_smtp_reply(data, name=name)
    assert meta["check"] == "capture"
    return check_capture(io.BytesIO(data), name=name)


def test_every_rule_has_examples() -> None:
    assert sorted(load(p)["rule"] for p in METAS) == sorted(r.id for r in RULES)


@pytest.mark.parametrize("path", METAS, ids=[p.stem for p in METAS])
def test_passing_example(path: pathlib.Path) -> None:
    meta = load(path)
    report = check_example(meta, "pass")
    assert [d.rule for d in report.deviations] == meta["pass"]["deviations"] == []
    assert report.exit_code("notice") == 0 and report.checked >= 1


@pytest.mark.parametrize("path", METAS, ids=[p.stem for p in METAS])
def test_failing_example(path: pathlib.Path) -> None:
    meta = load(path)
    report = check_example(meta, "fail")
    assert sorted(d.rule for d in report.deviations) == meta["fail"]["deviations"]
    assert meta["rule"] in meta["fail"]["deviations"]
    by_id = {r.id: r for r in RULES}
    for d in report.deviations:
        rule = by_id[d.rule]
        assert (d.severity, d.title, d.quote, d.source) == (rule.severity, rule.title,
                                                             rule.quote, rule.source)
        assert d.location.file == f"{meta['rule']}.fail" or \
            d.location.file.startswith(f"{meta['rule']}.fail")
    assert report.exit_code("notice") == 1
    worst = min(SEVERITIES.index(d.severity) for d in report.deviations)
    assert report.exit_code(SEVERITIES[worst]) == 1


def test_examples_are_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_examples",
                                                  EXAMPLES / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build()
    assert len(module.CASES) == len(METAS)
    for c in module.CASES:
        meta = load(EXAMPLES / f"{c['rule']}.json")
        assert meta["fail"]["deviations"] == c["fail_rules"]
        assert (EXAMPLES / f"{c['rule']}.pass.{c['ext']}").read_bytes() == c["pass"]
        assert (EXAMPLES / f"{c['rule']}.fail.{c['ext']}").read_bytes() == c["fail"]


# --- the table -----------------------------------------------------------------------


def test_rule_table() -> None:
    ids = [r.id for r in RULES]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[A-Z][0-9]{2}", i) for i in ids)
    for rule in RULES:
        assert rule.severity in SEVERITIES and rule.title and rule.quote and rule.source
    assert set(DEFECT_RULES.values()) | set(ERROR_RULES.values()) <= set(ids)


def _reported_kinds() -> set[str]:
    """Every defect kind the library's decoders report (read from their source)."""
    kinds: set[str] = set()
    for path in (ROOT / "smsc_codec").rglob("*.py"):
        text = path.read_text("utf-8")
        kinds |= set(re.findall(r"\.report\(\s*\"([a-z-]+)\"", text))
    return kinds


def test_every_defect_kind_maps_to_a_rule() -> None:
    kinds = _reported_kinds()
    assert len(kinds) > 20
    assert kinds <= set(DEFECT_RULES), sorted(kinds - set(DEFECT_RULES))


def test_an_unmapped_defect_is_never_lost() -> None:
    record = StatusRecord(status=1, defects=(Defect("brand-new", "a new deviation"),))
    found = check_exchange(Exchange(location=Location(file="x"), endpoint="status",
                                    reply=record))
    assert [(d.rule, d.message) for d in found] == [("X01", "brand-new: a new deviation")]


def test_report_exit_codes() -> None:
    report = check_reply(b'{"status": 1, "last_date": "21.11.2026 09:15:02",'
                         b' "last_timestamp": 1795241702, "flag": 0, "err": 0}', fmt=3)
    assert [d.rule for d in report.deviations] == ["W04"]  # spaces: not canonical bytes
    assert (report.exit_code("warning"), report.exit_code("notice")) == (0, 1)
    report.unusable.append("x")
    assert report.exit_code() == 2


def test_check_reply_layout_options() -> None:
    xml = b"<list><sms><status>1</status><last_timestamp>1795241702</last_timestamp></sms></list>"
    report = check_reply(xml, fmt=2)
    assert {d.rule for d in report.deviations} == {"L03"}  # last_date, flag, err, id, phone
    text = check_reply(b"0,-2", fmt=1, endpoint="history")
    assert text.deviations == [] and text.checked == 1
    sniffed = check_reply(b"OK", charset="utf-8")
    assert sniffed.deviations == []


def test_captures_report_their_locations() -> None:
    for capture in (har_capture(rounds=1), mbox_capture()):
        report = check_capture(io.BytesIO(capture.data), name=capture.name)
        assert report.checked == len(capture.expected)
        assert report.deviations and not report.unusable
        text = orjson.dumps(report.to_json()).decode() + "\n".join(report.lines())
        for secret in FAKE_SECRETS:
            assert secret not in text
        for d in report.deviations:
            assert d.location.file == capture.name
            assert d.location.entry is not None or d.location.message is not None


# --- the command ---------------------------------------------------------------------


def call(argv: list[str], stdin: bytes = b"") -> tuple[int, bytes]:
    out = io.BytesIO()
    code = run(argv, stdin=io.BytesIO(stdin), stdout=out)
    return code, out.getvalue()


def test_cli_check_example_files(capsys: pytest.CaptureFixture[str]) -> None:
    meta = load(EXAMPLES / "D01.json")
    for which, want in (("pass", 0), ("fail", 1)):
        path = str(EXAMPLES / f"D01.{which}.wire")
        code, out = call(["check", "--request", meta["options"]["request"], path])
        assert code == want
        text = out.decode()
        if want:
            assert "error D01 date disagrees with timestamp (Moscow time)" in text
            assert "Moscow time" in text and "status page (000)" in text
            assert "fake-psw" not in text
        else:
            assert text.strip().endswith("1 checked: no deviations")
    capsys.readouterr()


def test_cli_check_json_for_ci(tmp_path: pathlib.Path) -> None:
    capture = har_capture(rounds=1)
    path = tmp_path / capture.name
    path.write_bytes(capture.data)
    code, out = call(["check", "--json", str(path)])
    result = orjson.loads(out)
    expected = check_capture(io.BytesIO(capture.data), name=str(path)).to_json()
    assert (code, result) == (1, expected)
    assert result["summary"]["checked"] == len(capture.expected)
    code, _ = call(["check", "--json", "--fail-on", "error", str(EXAMPLES / "W04.fail.wire"),
                    "--fmt", "2"])
    assert code == 0


def test_cli_check_request_send_and_rules(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = call(["check", "--request",
                      "https://smsc.ru/sys/status.php?login=a&psw=Secret-9&phone=1,2&id=5"])
    assert code == 1 and b"R01" in out and b"Secret-9" not in out
    code, out = call(["check", "--endpoint", "smtp-send", "--reply",
                      str(EXAMPLES / "S02.fail.reply"), str(EXAMPLES / "S02.fail.line")])
    assert code == 1 and b"S02 OK - n SMS is not parts x recipients" in out
    assert b"fake-smtp-psw" not in out
    code, out = call(["check", "--endpoint", "smtp-reply", "-"], b"OK - 1 SMS, ID - 5")
    assert (code, out.strip()) == (0, b"1 checked: no deviations")
    code, out = call(["check", "--rules", "--json"])
    assert code == 0 and [r["id"] for r in orjson.loads(out)] == [r.id for r in RULES] + ["X01"]
    capsys.readouterr()


def test_cli_check_unusable(tmp_path: pathlib.Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert call(["check", str(tmp_path / "missing.har")])[0] == 2
    broken = tmp_path / "broken.har"
    broken.write_bytes(b'{"log": {"entries": [}')
    code, out = call(["check", str(broken)])
    assert code == 2 and b"unusable" in out
    assert call(["check"])[0] == 2
    capsys.readouterr()
