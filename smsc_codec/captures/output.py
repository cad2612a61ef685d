"""Writing scan results: JSON Lines to a stream, or the record table to a file as
Parquet (pyarrow), CSV or JSON Lines -- the columns of :data:`.records.COLUMNS`."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, BinaryIO, Literal

from smsc_codec.canonical import dumps

from .records import COLUMNS, json_row

__all__ = ["Format", "RowWriter"]

#: What ``--to`` writes: JSON Lines, CSV (with a header of every column) or Parquet.
Format = Literal["jsonl", "csv", "parquet"]
#: Rows held as Python dicts before they become an Arrow batch.  A row group is
#: :data:`.arrow.BATCH_ROWS` rows; held as dicts of some seventy columns until it
#: was written, 8192 rows took about 100 MiB (the 30 MiB bench HAR: a peak of
#: 180 MiB with pyarrow's 80), as Arrow columns a few MiB.
CONVERT_ROWS = 512


class RowWriter:
    """Writes rows to *out* (a binary stream) in *fmt*; ``close`` finishes the file."""

    def __init__(self, out: BinaryIO, fmt: Format, *, records: bool) -> None:
        self.out, self.fmt, self.records = out, fmt, records
        self._parquet: Any = None
        self._csv: Any = None
        self._pending: list[dict[str, Any]] = []
        self._batches: list[Any] = []  # Arrow batches of the row group being filled
        self._converted = 0  # rows in them
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
            if len(self._pending) >= CONVERT_ROWS:
                self._convert()
            if self._converted >= self._batch_rows:
                self._flush()
        elif self._csv is not None:
            for row in rows:
                self._csv.writerow(["" if v is None else v
                                    for v in json_row(row).values()])
        else:
            for row in rows:
                self.out.write(dumps(json_row(row) if self.records else row) + b"\n")

    def _convert(self) -> None:
        """The rows held as dicts into one Arrow batch (columns: a tenth of the memory)."""
        from .arrow import batches
        for batch in batches(self._pending, size=len(self._pending) or 1):
            self._batches.append(batch)
            self._converted += batch.num_rows
        self._pending = []

    def _flush(self) -> None:
        import pyarrow as pa

        from .arrow import SCHEMA
        self._convert()
        if self._batches:  # one row group, as one batch of all its rows would be
            self._parquet.write_table(pa.Table.from_batches(self._batches, schema=SCHEMA),
                                      row_group_size=self._converted)
        self._batches, self._converted = [], 0

    def close(self) -> None:
        """Write what is buffered and finish the file (the stream stays open)."""
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
        elif self._csv is not None:
            self._text.flush()
            self._text.detach()
        self.out.flush()
