"""Scanning many captures on processes or an existing engine (Dask, Spark).

:func:`scan_file` is the picklable per-file entry point: a path or a binary file-like
object in, its rows (JSON Lines records or record-table rows) and its
:class:`~smsc_codec.captures.Summary` out.  Summaries add up (``a + b``), so any engine
that maps a function over files and reduces with ``+`` scans a capture set;
:func:`scan_files` does it on local processes (``smsc-codec scan --jobs N``) with the
output in the order of the files, as one process would write it.  Recipes for Dask
and PySpark are in the README and in ``tests/captures/test_scale.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import IO, Any

from . import dump
from ._model import exchange_to_json
from ._scan import Container, Scan, Summary
from .records import exchange_rows

__all__ = ["FileResult", "ScanOptions", "scan_file", "scan_files"]


@dataclass(frozen=True, slots=True)
class ScanOptions:
    """How each file is read and what rows it gives (``records``: the record table)."""

    records: bool = False
    container: Container | None = None
    split: dump.Split = "auto"
    charset: str | None = None


#: The default: the JSON Lines records of ``smsc-codec scan``.
JSON_LINES = ScanOptions()


@dataclass(slots=True)
class FileResult:
    """One file scanned: its rows, summary, and whether it was unusable (could not be
    opened, or its container broke before any exchange)."""

    name: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)
    unusable: bool = False
    open_error: str | None = None


def _scan_into(result: FileResult, source: IO[bytes], options: ScanOptions) -> None:
    scan = Scan(source, name=result.name, container=options.container,
                split=options.split, charset=options.charset)
    summary = result.summary
    summary.files += 1
    for found, exchange in enumerate(scan, start=1):
        summary.add(exchange)
        if options.records:
            result.rows.extend(exchange_rows(exchange))
        else:
            result.rows.append(exchange_to_json(exchange))
        loc = exchange.location
        if exchange.error is not None and found == 1 and loc.entry is None and \
                loc.line is None and loc.message is None:
            result.unusable = True  # the container broke before any exchange
    summary.skip(scan.skipped)


def scan_file(source: str | os.PathLike[str] | IO[bytes], options: ScanOptions = JSON_LINES,
              *, name: str | None = None) -> FileResult:
    """Scan one capture (a path, opened and closed here, or a binary file-like object)
    into a :class:`FileResult`.  A top-level function of picklable arguments: what
    process pools, Dask and Spark map over files."""
    if isinstance(source, str | os.PathLike):
        label = name if name is not None else os.fspath(source)
        result = FileResult(label)
        try:
            f = open(source, "rb")  # noqa: SIM115 -- closed below
        except OSError as exc:
            result.unusable, result.open_error = True, f"{exc.strerror}: {label}"
            return result
        with f:
            _scan_into(result, f, options)
        return result
    result = FileResult(name if name is not None else "-")
    _scan_into(result, source, options)
    return result


def scan_files(paths: Iterable[str], options: ScanOptions = JSON_LINES, *,
               jobs: int = 1) -> Iterator[FileResult]:
    """:func:`scan_file` over *paths*, on *jobs* processes, results in the order of
    *paths* (so the output and the summed summary equal a one-process scan's)."""
    if jobs <= 1:
        for path in paths:
            yield scan_file(path, options)
        return
    names = list(paths)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(scan_file, names, [options] * len(names))
