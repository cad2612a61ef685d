"""Regular string shapes as whole-string draws.

``st.text`` over an alphabet draws a string as one choice; ``st.from_regex`` draws it
character by character, several times slower to generate.  The shapes the strategies
need are simple enough to spell this way (``[abc]{1,10}`` is ``chars("abc", 1, 10)``),
and ``tests/testing/test_strategies.py`` holds each to its regular expression.
"""

from __future__ import annotations

import string

from hypothesis import strategies as st

DIGITS = string.digits
ALNUM = string.ascii_letters + string.digits


def chars(alphabet: str, least: int, most: int) -> st.SearchStrategy[str]:
    """Strings of *least* to *most* characters of *alphabet* (``[...]{least,most}``)."""
    return st.text(alphabet=alphabet, min_size=least, max_size=most)


def joined(*parts: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """One string of each part, concatenated (a regular expression's sequence)."""
    return st.tuples(*parts).map("".join)
