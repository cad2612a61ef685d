"""The README's ``smsc-codec check`` examples on one message run as written, over
files the repository ships (examples/), and print what the README shows (issue 18)."""

from __future__ import annotations

import io
import os
import re
import shlex
from pathlib import Path

import pytest

from smsc_codec.cli import run

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "README.md").read_text("utf-8")
#: "$ smsc-codec check --…" lines (one message each) and the output line after each.
EXAMPLES = re.findall(r"^\$ smsc-codec (check --\S.*)\n([^$`\n].*)$", TEXT, re.MULTILINE)


def test_the_readme_shows_both_examples() -> None:
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize(("command", "shown"), EXAMPLES)
def test_readme_check_example_runs_as_written(command: str, shown: str) -> None:
    argv = shlex.split(command)
    for arg in argv:
        if arg.startswith("examples/"):
            assert (ROOT / arg).is_file(), f"{arg} is not shipped"
    out = io.BytesIO()
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        code = run(argv, stdin=io.BytesIO(b""), stdout=out)
    finally:
        os.chdir(cwd)
    assert code == 0
    assert out.getvalue().decode().splitlines()[-1] == shown
