"""Hostile cases for the capture readers (HAR, mbox, dumps, gzip) and scan/check.

Filled by issue 19.
"""

from __future__ import annotations

from fuzz.hostile._measure import MemoryCase, SecretCase, TimeCase

TIME_CASES: list[TimeCase] = []
MEMORY_CASES: list[MemoryCase] = []
SECRET_CASES: list[SecretCase] = []
