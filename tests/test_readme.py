"""The README's Python examples run as written (its shell commands run in CI)."""

from __future__ import annotations

import pathlib
import re

import pytest

README = pathlib.Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text("utf-8"), re.DOTALL)


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_example_runs(block: str) -> None:
    # The examples show a failing call on their last line (STRICT raises): run all
    # lines, letting only a line marked "raises" raise the library's error.
    namespace: dict[str, object] = {}
    for statement in _statements(block):
        if "# raises" in statement:
            with pytest.raises(ValueError):
                exec(statement, namespace)
        else:
            exec(statement, namespace)


def _statements(block: str) -> list[str]:
    """Top-level statements of *block* (a line that opens a bracket continues)."""
    out: list[str] = []
    for line in block.splitlines():
        if out and (out[-1].count("(") > out[-1].count(")") or line.startswith(" ")):
            out[-1] += "\n" + line
        elif line.strip():
            out.append(line)
    return out
