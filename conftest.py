"""Hypothesis profiles for the whole suite (tests/, fuzz/, examples/).

``default``: what the README's test command runs.  Generation speed is not checked
(``too_slow``) and there is no per-example deadline: on a loaded 2-core machine with
pytest-xdist workers both fire on healthy tests, and a failure there says nothing
about the code.  Example counts stay as each test sets them.

``thorough`` (``SMSC_THOROUGH=1``, before a release, ``tests/modes.py``): ten times
the examples -- the default count for a test that does not set its own, ten times its
own (``tests.modes.examples``) for one that does -- and the example database off so
every run explores afresh.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

from tests.modes import FACTOR, THOROUGH

settings.register_profile("default", suppress_health_check=[HealthCheck.too_slow],
                          deadline=None)
settings.register_profile("thorough", parent=settings.get_profile("default"),
                          max_examples=100 * FACTOR, database=None)
settings.load_profile("thorough" if THOROUGH else "default")
