"""The suite's two modes, chosen by one switch (README "Tests").

``default``: what the README's test command runs, in about three minutes on two cores.

``thorough`` (``SMSC_THOROUGH=1``, before a release): every hypothesis test draws
:data:`FACTOR` times its examples with the example database off (each run explores
afresh), and the measured hostile-input cases run under pytest as well -- the time
ratios and the memory peaks of ``tests/test_hostile_measured.py``, which CI runs as
``python -m fuzz.hostile``, one process on a quiet machine, where a ratio means most.
"""

from __future__ import annotations

import os

#: Whether the suite runs in its thorough mode.
THOROUGH = os.environ.get("SMSC_THOROUGH") == "1"
#: How many times its examples a hypothesis test draws in the thorough mode.
FACTOR = 10


def examples(n: int) -> int:
    """A test's hypothesis example count *n* in the mode the suite runs in."""
    return n * FACTOR if THOROUGH else n
