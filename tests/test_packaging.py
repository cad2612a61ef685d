"""The installed distribution and the package agree on what they are."""

from __future__ import annotations

import importlib.metadata

import smsc_codec


def test_version_is_the_distributions() -> None:
    assert smsc_codec.__version__ == importlib.metadata.version("smsc_codec")


def test_license_expression_is_mit() -> None:
    meta = importlib.metadata.metadata("smsc_codec")
    assert meta["License-Expression"] == "MIT"
