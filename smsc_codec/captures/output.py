"""Writing scan results: JSON Lines to a stream, or the record table to a file as
Parquet (pyarrow), CSV or JSON Lines -- the columns of :data:`.records.COLUMNS`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, BinaryIO, Literal

import orjson

from .records import COLUMNS, json_row

__all__ = ["Format", "RowWriter"]

#: What ``--to`` writes: JSON Lines, CSV (with a header of every column) or Parquet.
Format = Literal["jsonl", "csv", "parquet"]


class RowWriter:
    """Writes rows to *out* (a binary stream) in *fmt*; ``close`` finishes the file."""

    def __init__(self, out: BinaryIO, fmt: Format, *, records: bool) -> None:
        self.out, self.fmt, self.records = out, fmt, records
        self._parquet: Any = None
        self._csv: Any = None
        self._pending: list[dict[str, Any]] = []
        if fmt == "parquet":
            if not records:
                raise ValueError("--to parquet needs --records (a fixed table)")
            import pyarrow.parquet as pq  # the [arrow] extra, only when asked for

            from .arrow import BATCH_ROWS, SCHEMA
            self._parquet = pq.ParquetWriter(out, SCHEMA)
            self._batch_rows = BATCH_ROWS
        elif fmt == "csv":
            if not records:
                raise ValueError("--to csv needs --records (a fixed table)")
            self._text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
            self._csv = csv.writer(self._text)
            self._csv.writerow([c.name for c in COLUMNS])

    def write(self, rows: Iterable[dict[str, Any]]) -> None:
        """Write *rows* (JSON Lines records, or record-table rows)."""
        if self._parquet is not None:  # buffered: one row group per BATCH_ROWS rows
            self._pending.extend(rows)
            if len(self._pending) >= self._batch_rows:
                self._flush()
        elif self._csv is not None:
            for row in rows:
                self._csv.writerow(["" if v is None else v
                                    for v in json_row(row).values()])
        else:
            for row in rows:
                self.out.write(orjson.dumps(json_row(row) if self.records else row) + b"\n")

    def _flush(self) -> None:
        from .arrow import batches
        for batch in batches(self._pending, size=len(self._pending) or 1):
            self._parquet.write_batch(batch)
        self._pending = []

    def close(self) -> None:
        """Write what is buffered and finish the file (the stream stays open)."""
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
        elif self._csv is not None:
            self._text.flush()
            self._text.detach()
        self.out.flush()
