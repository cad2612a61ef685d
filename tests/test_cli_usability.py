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
