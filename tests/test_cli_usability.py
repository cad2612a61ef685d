"""The command line speaks the user's language: its own options, its version, hints."""

from __future__ import annotations

import importlib.metadata
import io

import pytest

from smsc_codec.cli import run


def call(argv: list[str], data: bytes = b"") -> tuple[int, bytes]:
    out = io.BytesIO()
    try:
        code = run(argv, stdin=io.BytesIO(data), stdout=out)
    except SystemExit as exc:  # argparse's own exits (--version, usage errors)
        code = int(exc.code or 0)
    return code, out.getvalue()


def test_version_prints_the_package_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = call(["--version"])
    printed = capsys.readouterr().out
    assert code == 0
    assert printed == f"smsc-codec {importlib.metadata.version('smsc-codec')}\n"


def test_errors_name_cli_options_not_python_keywords(
        capsys: pytest.CaptureFixture[str]) -> None:
    body = b"Status = 1, check_time = 21.11.2026 09:15:02, err = 0"
    code, _ = call(["decode", "--max-input-bytes", "10"], body)
    err = capsys.readouterr().err
    assert code == 1 and "--max-input-bytes" in err and "Policy(" not in err
    assert call(["decode", "--max-input-bytes", "100"], body)[0] == 0
    capsys.readouterr()
    code, masked = call(["decode", "--endpoint", "smtp-send"],
                        b"alex:123:::1:79999999999:hi")
    code, _ = call(["encode", "--endpoint", "smtp-send"], masked)
    err = capsys.readouterr().err
    assert code == 1 and "--reveal-secrets" in err and "reveal_secrets=True" not in err


@pytest.mark.parametrize("endpoint", ["smtp-send", "smtp-reply"])
def test_encode_eml_charset_chooses_the_mails_charset(
        endpoint: str, capsys: pytest.CaptureFixture[str]) -> None:
    wire = b"alex:123:::1:79999999999:hi" if endpoint == "smtp-send" else b"OK - 1 SMS, ID - 5"
    _, json = call(["decode", "--endpoint", endpoint, "--reveal-secrets"], wire)
    for charset in ("utf-8", "windows-1251"):
        header = f'charset="{charset}"'.encode()
        code, eml = call(["encode", "--endpoint", endpoint, "--eml", "--charset", charset], json)
        assert code == 0 and header in eml
    code, _ = call(["encode", "--endpoint", endpoint, "--eml", "--charset", "latin-1"], json)
    assert code == 1 and "charset" in capsys.readouterr().err


def test_another_all_level_is_one_warning_with_the_level_it_fits(
        capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    vectors = Path(__file__).resolve().parent.parent / "spec" / "vectors" / "status"
    code, _ = call(["decode", str(vectors / "sms-all2-fmt0-single.wire")])
    err = capsys.readouterr().err
    assert code == 0 and err.count("\n") == 1 and "the data fits --all 2" in err
    code, _ = call(["decode", "--fmt", "1", str(vectors / "sms-all2-fmt1-single.wire")])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "the data fits --all 2" in err
