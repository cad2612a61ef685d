"""Checking captured traffic against the vendor's documentation, as a CI step.

Guide: docs/guides/conformance.md.  :func:`~smsc_codec.conformance.check_capture`
checks every exchange of a capture; the :class:`~smsc_codec.conformance.Report`
counts the deviations by rule and severity and gives the exit code a CI job wants.
The same from the shell: ``smsc-codec check --json --fail-on error FILE...``.

    python -m examples.conformance_ci examples/session.har
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

from smsc_codec.conformance import Report, check_capture


def check(paths: list[Path]) -> Report:
    """One report over every capture in *paths* (each opened and closed here)."""
    report = Report()
    for path in paths:
        with path.open("rb") as capture:
            check_capture(capture, name=path.name, report=report)
    return report


def main(paths: list[Path], fail_on: Literal["error", "warning", "notice"] = "error") -> int:
    """Print each deviation and the counts; 0 unless one is *fail_on* or worse."""
    report = check(paths)
    for line in report.lines(quotes=False):
        print(line)
    return report.exit_code(fail_on)


if __name__ == "__main__":
    sys.exit(main([Path(arg) for arg in sys.argv[1:]]))
