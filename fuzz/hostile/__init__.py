"""Hostile input, measured: time ratios, memory peaks and secret searches.

Each family module (``codec.py``, ``captures.py``, ...) lists its cases in
module-level ``TIME_CASES``, ``MEMORY_CASES`` and ``SECRET_CASES``; ``python -m
fuzz.hostile`` runs every case of every family and prints one line per case with
pass/fail, and ``tests/test_hostile_measured.py`` runs the same cases under
pytest.  The measuring code lives in :mod:`fuzz.hostile._measure`.
"""

FAMILIES = ("codec", "captures")
