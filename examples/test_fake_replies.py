"""examples/fake_replies.py prints the bytes SMSC writes: all of them, checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples import fake_replies

#: What ``python -m examples.fake_replies`` prints (decoded from windows-1251).
PRINTED = (Path(__file__).parent / "fake_replies.out").read_text(encoding="utf-8")


def test_it_prints_each_fmt_the_error_and_the_list(capsys: pytest.CaptureFixture[str]) -> None:
    fake_replies.main()
    assert capsys.readouterr().out == PRINTED
