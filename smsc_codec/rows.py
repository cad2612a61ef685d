"""Checked wire rows, typed on demand: how a decoder's fast lane hands records over.

A decoder that has checked every value of a record to be the canonical wire form of
its field (the codec's ``pattern`` for text, ``json_types`` and ``pattern`` for JSON;
see :mod:`smsc_codec.values`) keeps the values as they came -- a *row* -- instead of
converting each one.  A :class:`RowReader` tells the record where each field sits in
its row and how to type it; the record types a field the first time it is asked for.
Converting checked canonical text cannot fail, so nothing about the record's value
changes, only when the work is done (spec/decisions.md, D-lazy-typing).

Rows are sequences of a layout's fields in its order (``fmt`` 0/1: the checked line,
kept as it is until a field is read, then the regular-expression match whose groups
are the fields, resp. its comma-split parts) or dicts (field name to value: ``fmt``
2/3).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from smsc_codec.policy import Defect

__all__ = ["RowReader"]

Family = Literal["text", "json"]


@dataclass(frozen=True, slots=True, eq=False)
class RowReader:
    """Where each field sits in a row (an index or a key) and how it is typed."""

    family: Family
    #: field name -> (index or key into the row, the codec's parse/from_json).
    entries: dict[str, tuple[int | str | slice, Callable[[Any], Any]]] = field(repr=False)
    #: Rows are dicts by field name (else sequences in a layout's order).
    keyed: bool = False
    #: The layout whose whole canonical line each row is a match of (``fmt`` 0/1), if
    #: any: an encoder writing that layout may write the matched line as it is.
    source: Any = None
    #: Rows may be kept as one string until a field is read, then expanded by this
    #: (a checked line: ``fmt=0`` matches it again, ``fmt=1`` splits it at its commas).
    expand: Callable[[str], Any] | None = None
    #: The defects a row's reading is in itself, given the record's line number
    #: (``fmt=1``: commas in two free-text fields), for records that defer them.
    row_defects: Callable[[Any, int], tuple[Defect, ...]] | None = None

    @classmethod
    def for_names(cls, family: Family, names: Iterable[str],
                  convert: dict[str, Callable[[Any], Any]], keyed: bool, *, first: int = 0,
                  source: Any = None, expand: Callable[[str], Any] | None = None
                  ) -> RowReader:
        """A reader of rows holding *names*: by position from *first* (a tuple, or a
        regular expression match whose groups are the fields), or, when *keyed*, by
        name (a dict row)."""
        return cls(family, {name: (name if keyed else i, convert[name])
                            for i, name in enumerate(names, start=first)}, keyed, source,
                   expand)

    def names(self, row: Any) -> Collection[str]:
        """The fields *row* holds a value for."""
        if self.keyed:
            return row.keys()  # type: ignore[no-any-return]
        return self.entries.keys()

    def wire(self, row: Any, name: str) -> Any:
        """The checked wire value of *name* in *row*, or ``None`` if it has none."""
        entry = self.entries.get(name)
        if entry is None:
            return None
        key = entry[0]
        if self.keyed:
            return row.get(key)  # (a checked row holds no None)
        if self.expand is not None and type(row) is str:
            row = self.expand(row)
        found = row[key]
        # A run of comma-split parts (fmt=1 free text) is the text they were split from.
        return ",".join(found) if key.__class__ is slice else found

    def value(self, row: Any, name: str) -> Any:
        """The typed value of *name* in *row*, or ``None`` if it has none."""
        found = self.wire(row, name)
        return None if found is None else self.entries[name][1](found)
