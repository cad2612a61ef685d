"""The public names: ``__all__`` lists exactly what the package exports."""

from __future__ import annotations

import smsc_codec.smtp as smtp


def test_all_matches_the_public_names() -> None:
    # "@py_builtins"/"@pytest_ar": pytest rewrites the asserts of every module of a
    # distribution that ships a pytest11 plugin (smsc_codec.testing) and adds these.
    public = {n for n in dir(smtp) if not n.startswith(("_", "@"))}
    modules = {"auto", "canonical", "line", "mes", "message", "parts", "reply", "request",
               "values"}
    assert set(smtp.__all__) == public - modules
    assert len(smtp.__all__) == len(set(smtp.__all__))
