"""Hypothesis strategies for records, lists and replies, one per layout.

Values are drawn per field codec, in the domain the wire format can carry: text
for ``fmt`` 0/1 stays inside what windows-1251 and koi8-r share, and avoids the
few sequences the format cannot carry (tested on their own in the suite);
``fmt`` 2/3 take any character their format can hold (written as references /
``\\u`` escapes).  No text is one the misread check would rightly flag.
"""

from __future__ import annotations

import functools
import string
from datetime import datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from smsc_codec import MSK, MessageFlag, StatusRecord
from smsc_codec.layouts import FIELDS, Endpoint, Layout
from smsc_codec.misread import find_misread
from smsc_codec.models import StatusList
from smsc_codec.testing.strategies._shapes import ALNUM, DIGITS, chars, joined
from smsc_codec.wire.formats import wire_format

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
#: Characters every charset of the API can hold.
SHARED = string.ascii_letters + string.digits + CYRILLIC + " .!?-_+()/'\"<>&;:=#@*%\t"


def _reads_as_written(text: str) -> bool:
    """Whether neither 8-bit charset's misread check takes *text* for the other one
    misread: random letters make words that start lowercase and go on in capitals
    ("йААЙ"), what capitalised Russian becomes in the charset with the other case
    order, and the decoders rightly report ``wrong-charset`` when the other reading
    ("Кббк") scores as Russian (spec/decisions.md, D-wrong-charset).  Such text is
    the misread check's material (tests/test_wrong_charset.py), not a round trip's."""
    return find_misread(text, "koi8-r") is None and find_misread(text, "windows-1251") is None


# The builders below are cached: a strategy is immutable, and building one (hypothesis
# validates it on first draw) costs more than drawing from it -- a test that calls
# ``reply(layout)`` inside ``data.draw`` for every example would pay it every time.


@functools.cache
def plain_text(fmt: int, *, commas: bool = False, max_size: int = 30) -> st.SearchStrategy[str]:
    """Text a field of *fmt* carries as is (see the module docstring)."""
    row = wire_format(fmt)
    if row.record_start is None:  # markup: any character, as a reference
        # Exclusions, not filters: a character strategy without a filter draws a whole
        # string as one choice, several times faster than character by character.
        chars = st.characters(exclude_categories=["Cs"],
                              exclude_characters="\x00" + row.unwritable)
        return st.text(chars, max_size=max_size).filter(_reads_as_written)
    alphabet = SHARED + ("," if commas else "")
    return st.text(alphabet=alphabet, max_size=max_size).filter(
        lambda s: (", " not in s or "=" not in s) and _reads_as_written(s))


#: Moscow-time datetimes to the second, 1970-2100 (what the date fields carry).
dates = st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)).map(
    lambda d: d.replace(microsecond=0, fold=0, tzinfo=MSK))
#: Amounts with up to 6 integer and 4 fraction digits, as Decimal
#: (``-?[0-9]{1,6}(\.[0-9]{1,4})?``).
money = joined(st.sampled_from(["", "-"]), chars(DIGITS, 1, 6),
               st.one_of(st.just(""), chars(DIGITS, 1, 4).map(".".__add__))).map(Decimal)
#: Non-negative integers of the integer fields.
ints = st.integers(min_value=0, max_value=2**40)
#: Text message ids of the characters the vendor's ids use (``[A-Za-z0-9._-]{1,40}``).
text_ids = chars(ALNUM + "._-", 1, 40)
#: Numeric message ids (positive, 32-bit).
numeric_ids = st.integers(min_value=1, max_value=2_147_483_647)


@functools.cache
def ids(fmt: int) -> st.SearchStrategy[int | str]:
    """Message ids *fmt* carries as they are: ints and text ids (text formats
    read a canonical number as a number, so no text id looks like one)."""
    if wire_format(fmt).keeps_types:  # JSON: the id 1 and "1" differ
        return st.one_of(numeric_ids, text_ids)
    # Text formats read a canonical number as a number.
    return st.one_of(numeric_ids, text_ids.filter(
        lambda s: not (s.isdigit() and s[0] != "0" and len(s) <= 20)))


@functools.cache
def value(name: str, fmt: int, *, free_commas: bool) -> st.SearchStrategy[Any]:
    """A value of field *name* in the domain *fmt* carries (*free_commas*: free
    text may hold commas)."""
    codec = FIELDS[name].codec
    if name == "status":
        return st.integers(min_value=-5, max_value=300)
    if name == "type":
        return st.integers(min_value=0, max_value=20)
    if name == "err":
        return st.integers(min_value=0, max_value=1000)
    if name == "flag":
        return st.integers(min_value=0, max_value=65535).map(MessageFlag.from_int)
    if name == "id":
        return ids(fmt)
    if name == "cost":
        return money
    if codec.expected.startswith("a DD.MM"):
        return dates
    if codec.expected == "an integer":
        return ints
    return plain_text(fmt, commas=FIELDS[name].free_text and free_commas)


@functools.cache
def record(layout: Layout, *, free_commas: bool = True) -> st.SearchStrategy[StatusRecord]:
    """A record that carries exactly the fields of *layout*."""
    two_free = sum(wf.field.free_text for wf in layout.fields) == 2
    # Told apart by position only, two free texts with commas have no one reading.
    commas = free_commas and not (wire_format(layout.fmt).positional and two_free)
    fields = {wf.name: value(wf.name, layout.fmt, free_commas=commas) for wf in layout.fields}
    return st.fixed_dictionaries(fields).map(
        lambda values: StatusRecord(kind=layout.kind, **values))


@functools.cache
def not_found(layout: Layout) -> st.SearchStrategy[StatusRecord]:
    """A not-found record as fmt 0/2/3 write it: the status and the multi extras."""
    fields = {name: value(name, layout.fmt, free_commas=False) for name in layout.extras}
    return st.fixed_dictionaries(fields).map(
        lambda values: StatusRecord(kind=layout.kind, status=-3, **values))


@functools.cache
def reply(layout: Layout) -> st.SearchStrategy[StatusRecord | StatusList]:
    """A reply of *layout*: one record, or for a multi layout a list (with
    not-found records where the format writes them)."""
    one = record(layout)
    if not wire_format(layout.fmt).positional:  # a positional not-found has every column
        one = st.one_of(one, not_found(layout)) if layout.multi else one
    if not layout.multi:
        return one
    # An empty status list has no fmt 0/1 spelling (spec/decisions.md, D-empty-status-body).
    lines = wire_format(layout.fmt).record_start is not None
    least = 1 if layout.endpoint is Endpoint.STATUS and lines else 0
    return st.lists(one, min_size=least, max_size=4).map(
        lambda rs: StatusList(records=tuple(rs)))
