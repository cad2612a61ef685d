"""The command line turns every golden vector into its canonical JSON, and back."""

from __future__ import annotations

import io
import subprocess
import sys

import orjson
import pytest

from smsc_codec import canonical
from smsc_codec.cli import run
from tests.smtp.test_golden import CASES as SMTP_CASES
from tests.smtp.test_golden import Case, is_reply
from tests.vectors import VECTORS, Vector

OK = [v for v in VECTORS if "error" not in v.meta]
CANONICAL = [v for v in OK if v.meta["canonical"]]


def options(vector: Vector) -> list[str]:
    m = vector.meta
    args = ["--endpoint", m["endpoint"], "--fmt", str(m["fmt"]), "--all", str(m["all"]),
            "--charset", m["charset"]]
    if m.get("multi") is True:
        args.append("--multi")
    if m.get("variant") == "legacy":
        args += ["--variant", "legacy"]
    return args


def call(argv: list[str], data: bytes) -> tuple[int, bytes]:
    out = io.BytesIO()
    code = run(argv, stdin=io.BytesIO(data), stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize("vector", OK, ids=[v.name for v in OK])
def test_decode_prints_canonical_json(vector: Vector) -> None:
    code, out = call(["decode", *options(vector)], vector.wire)
    assert code == 0
    assert canonical.loads(out) == vector.meta["expect"]  # as written: big integers exact


@pytest.mark.parametrize("vector", CANONICAL, ids=[v.name for v in CANONICAL])
def test_encode_writes_the_wire(vector: Vector) -> None:
    code, out = call(["encode", *options(vector)], canonical.dumps(vector.meta["expect"]))
    assert (code, out) == (0, vector.wire)


def test_bad_input_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = call(["decode", "--fmt", "3"], b'{"status":')
    err = capsys.readouterr().err
    assert (code, out) == (1, b"")
    assert err.startswith("smsc-codec: error: malformed JSON") and err.count("\n") == 1


def test_missing_file_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = call(["decode", "/nonexistent/reply.txt"], b"")
    assert code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_defects_are_warnings_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = call(["decode", "--fmt", "3"], b'{"status":1}')
    assert code == 0
    assert "warning: missing-field" in capsys.readouterr().err


def test_strict_turns_a_defect_into_exit_1() -> None:
    assert call(["decode", "--fmt", "3", "--strict"], b'{"status":1}')[0] == 1


def test_module_entry_point_runs() -> None:
    done = subprocess.run([sys.executable, "-m", "smsc_codec", "decode", "--fmt", "1"],
                          input=b"1,1286524541,0", capture_output=True, check=False)
    assert done.returncode == 0
    assert orjson.loads(done.stdout) == {"status": 1, "last_timestamp": 1286524541, "err": 0}


SECRET = "s3cr3t-Pa55"


def test_request_prints_the_masked_request_and_its_reply_layout(
        capsys: pytest.CaptureFixture[str]) -> None:
    url = (f"https://smscentre.com/sys/status.php?login=alex&psw={SECRET}"
           "&phone=79999999999,&id=5,&fmt=2&all=1&charset=koi8-r")
    code, out = call(["request", url], b"")
    assert code == 0
    assert orjson.loads(out) == {
        "request": {"request": "status", "secrets": "masked", "login": "alex", "psw": "***",
                    "phone": ["79999999999"], "id": ["5"], "keep_multi_format": True,
                    "fmt": 2, "all": 1, "charset": "koi8-r"},
        "reply_layout": {"endpoint": "status", "delete": False, "fmt": 2, "all": 1,
                         "charset": "koi8-r", "multi": True, "kind": None},
    }
    assert SECRET not in out.decode() + capsys.readouterr().err


def test_request_reveals_secrets_only_when_asked() -> None:
    url = f"https://smsc.ru/sys/get.php?get_messages=1&apikey={SECRET}&cnt=10"
    assert SECRET not in call(["request", url], b"")[1].decode()
    assert SECRET in call(["request", "--reveal-secrets", url], b"")[1].decode()


def test_bad_request_names_the_parameter_without_the_secret(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = call(["request", f"https://smsc.ru/sys/get.php?get_messages=1&login=a"
                               f"&psw={SECRET}&cnt=1001"], b"")
    err = capsys.readouterr().err
    assert code == 1
    assert "cnt" in err and SECRET not in err


def test_decode_with_the_request_takes_its_layout() -> None:
    url = f"https://smsc.ru/sys/status.php?login=a&psw={SECRET}&phone=79990000000,&id=103,&fmt=1"
    code, out = call(["decode", "--request", url], b"-3,0,0,103,79990000000")
    assert code == 0
    # One line, yet a list: the trailing commas asked for the multi-status format.
    assert orjson.loads(out) == [{"status": -3, "last_timestamp": 0, "err": 0,
                                  "id": 103, "phone": "79990000000"}]


# --- SMTP: every canonical vector of spec/smtp/ through the CLI, both ways ---------

SMTP_CANONICAL = [c for c in SMTP_CASES
                  if c.policy == "strict" and c.expected.get("canonical") and "value" in c.expected]


def smtp_options(case: Case) -> list[str]:
    endpoint = "smtp-reply" if is_reply(case) else "smtp-send"
    options = ["--endpoint", endpoint, "--reveal-secrets", "--strict"]
    if case.suffix == ".eml":
        options.append("--eml")
    else:
        options += ["--charset", "utf-8"]
    return options


@pytest.mark.parametrize("case", SMTP_CANONICAL, ids=[c.id() for c in SMTP_CANONICAL])
def test_smtp_vectors_decode_and_encode(case: Case) -> None:
    options = smtp_options(case)
    code, out = call(["decode", *[o for o in options if o != "--eml"]], case.data)
    assert code == 0
    assert orjson.loads(out) == case.expected["value"]
    code, wire = call(["encode", *options], out)
    assert (code, wire) == (0, case.data)


def test_smtp_send_masks_the_password_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out = call(["decode", "--endpoint", "smtp-send"], f"alex:{SECRET}::::79999999999:hi"
                     .encode())
    assert code == 0
    assert SECRET not in out.decode() + capsys.readouterr().err
    assert orjson.loads(out)["psw"] == "***"
    code, _ = call(["encode", "--endpoint", "smtp-send"], out)
    assert code == 1  # a masked password cannot be written back
