"""The captures and conformance examples on examples/session.har: what they print."""

from __future__ import annotations

from pathlib import Path

import pytest

from examples import conformance_ci, scan_captures

HERE = Path(__file__).parent
SESSION = HERE / "session.har"


def test_scan_prints_each_exchange_and_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    scan_captures.main(SESSION)
    assert capsys.readouterr().out == (HERE / "scan_captures.out").read_text(encoding="utf-8")


def test_check_prints_the_deviations_and_passes_at_error(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert conformance_ci.main([SESSION]) == 0
    assert capsys.readouterr().out == (HERE / "conformance_ci.out").read_text(encoding="utf-8")
    assert conformance_ci.main([SESSION], fail_on="warning") == 1


def test_a_ci_job_can_pin_the_deviations_it_knows() -> None:
    # The pattern for a suite that records traffic: the known deviations, by rule id,
    # so a new one fails the job and names itself.
    report = conformance_ci.check([SESSION])
    assert (report.checked, dict(report.by_rule), report.unusable) == (
        8, {"H03": 1, "L04": 1}, [])
