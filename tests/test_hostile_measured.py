"""Every hostile case of every family in ``fuzz.hostile.FAMILIES``, under pytest.

In the default mode every case's worst shape is built and decoded once, at a
small size (the decoder returns or raises the library's error, nothing else), and
every secret case searches every output of its route.  The measurements -- time
ratios at *n* and *4n*, memory peaks in child processes -- run in the thorough mode
(``SMSC_THOROUGH=1``, ``tests/modes.py``) and in ``python -m fuzz.hostile``, which CI
runs in one process after the suite: a ratio of runs of milliseconds to a few tenths
of a second means most on a machine that runs nothing else, and the measurements were
most of this file's cost (150 CPU seconds of a suite of 600).

Time cases are ratios within one run (``fuzz/hostile/_measure.py``): a case that
fails is measured up to ``RETRIES`` more times, best of five runs each, and fails
only if it fails every time -- a shared machine's load bursts can spoil one measurement of a few
milliseconds, a quadratic path fails every attempt (ratio ~16, against a limit of 5).
Under pytest-xdist the other worker's tests share the two cores and stretch single
runs unevenly, so there the limit is 8: still half what a quadratic path gives.
``python -m fuzz.hostile`` measures with each case's own limit.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib
import os
from typing import Any

import pytest

from fuzz.hostile import FAMILIES
from fuzz.hostile._measure import (
    RETRIES,
    MemoryCase,
    SecretCase,
    TimeCase,
    measure_memory,
    measure_secret,
    measure_time,
)
from smsc_codec import SmscCodecError
from tests.modes import THOROUGH


def _cases(attr: str) -> list[Any]:
    found = []
    for family in FAMILIES:
        module = importlib.import_module(f"fuzz.hostile.{family}")
        found += [pytest.param(case, id=f"{family}: {case.name}")
                  for case in getattr(module, attr, ())]
    return found


#: The time ratio allowed beside another worker (linear ~4, quadratic ~16).
XDIST_LIMIT = 8.0
#: The size, as a fraction of the measured *n*, of the default mode's one decode.
SMALL = 16

measured = pytest.mark.skipif(not THOROUGH, reason="a measurement: SMSC_THOROUGH=1, or"
                              " python -m fuzz.hostile (run by CI)")


@pytest.mark.parametrize("case", _cases("TIME_CASES"))
def test_the_worst_shape_decodes_or_raises_the_library_error(case: TimeCase) -> None:
    """What every time case measures works at all: its input is built, and its
    decoder returns or raises the library's error, nothing else."""
    with contextlib.suppress(SmscCodecError):
        case.run(case.make(max(1, case.n // SMALL)))


@measured
@pytest.mark.parametrize("case", _cases("TIME_CASES"))
def test_time_is_linear(case: TimeCase) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        case = dataclasses.replace(case, limit=max(case.limit, XDIST_LIMIT))
    result = measure_time(case)
    for _ in range(RETRIES):
        if result.ok:
            break
        result = measure_time(case, repeat=5)
    assert result.ok, result.line()


@measured
@pytest.mark.parametrize("case", _cases("MEMORY_CASES"))
def test_memory_is_bounded(case: MemoryCase) -> None:
    result = measure_memory(case)
    assert result.ok, result.line()


@pytest.mark.parametrize("case", _cases("SECRET_CASES"))
def test_no_secret_in_any_output(case: SecretCase) -> None:
    result = measure_secret(case)
    assert result.ok, result.line()


def test_every_family_has_cases() -> None:
    """The codec family measures every decoder family named in its docstring."""
    from fuzz.hostile import codec

    assert len(codec.TIME_CASES) >= 15 and len(codec.SECRET_CASES) >= 10
    # Whole-body and streamed, at every fmt, nesting, the SMTP line and the request.
    assert len(codec.MEMORY_CASES) >= 20


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="VmHWM is Linux's")
def test_a_memory_case_measures_the_child_not_its_parent() -> None:
    """The child's own peak: ``ru_maxrss`` would report the parent's 256 MiB here
    (Linux keeps the peak over ``exec``, and ``subprocess`` uses ``vfork``)."""
    held = b"\x01" * (256 * 1024 * 1024)  # resident: every page written
    result = measure_memory(MemoryCase("an empty child", "pass", limit_mib=64))
    del held
    assert result.ok, result.line()
