"""CI runs the suite a second time under ``python -bb`` (``.ci/run``): comparing bytes
with str is then an error.  This test makes sure that run is what it says, in every
pytest-xdist worker (they start without the parent's flags unless told how)."""

from __future__ import annotations

import os
import sys

import pytest


@pytest.mark.skipif(os.environ.get("SMSC_EXPECT_BB") != "1",
                    reason="only in CI's python -bb run (SMSC_EXPECT_BB=1)")
def test_this_process_runs_with_bytes_warnings_as_errors() -> None:
    assert sys.flags.bytes_warning == 2, "the worker runs without -bb"
