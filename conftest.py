"""Hypothesis profiles for the whole suite (tests/, fuzz/, examples/).

``default``: what the README's test command runs.  Generation speed is not checked
(``too_slow``) and there is no per-example deadline: on a loaded 2-core machine with
pytest-xdist workers both fire on healthy tests, and a failure there says nothing
about the code.  Example counts stay as each test sets them.

``thorough`` (``SMSC_HYPOTHESIS_PROFILE=thorough``, before a release): ten times the
default example count for every test that does not set its own, and the example
database off so every run explores afresh.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", suppress_health_check=[HealthCheck.too_slow],
                          deadline=None)
settings.register_profile("thorough", parent=settings.get_profile("default"),
                          max_examples=1000, database=None)
settings.load_profile(os.environ.get("SMSC_HYPOTHESIS_PROFILE", "default"))
