"""The record table as Arrow: a fixed schema (built from :data:`.records.COLUMNS`, never
inferred) and record batches, so Parquet files of different runs concatenate.

Needs pyarrow (``pip install 'smsc_codec[arrow]'``); the rest of the library never
imports this module.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

import orjson
import pyarrow as pa

from ._model import Exchange
from ._scan import Summary
from .parallel import ScanOptions, scan_file
from .records import COLUMNS, COST_PRECISION, COST_SCALE, ColumnType, rows

__all__ = ["BATCH_ROWS", "SCHEMA", "arrow_type", "batches", "file_to_parquet", "record_batches"]

#: Rows per record batch.
BATCH_ROWS = 8192
_QUANTUM = Decimal(1).scaleb(-COST_SCALE)
_LIMIT = Decimal(10) ** (COST_PRECISION - COST_SCALE)


def arrow_type(kind: ColumnType) -> pa.DataType:
    """The Arrow type of a logical column type (timestamps in UTC, with a zone, so
    DuckDB reads them as ``timestamp with time zone``)."""
    return {
        "text": pa.string(),
        "code": pa.int32(),
        "int": pa.int64(),
        "float": pa.float64(),
        "decimal": pa.decimal128(COST_PRECISION, COST_SCALE),
        "timestamp": pa.timestamp("us", tz="+03:00"),  # us: what Spark reads
    }[kind]


#: The fixed schema of every record table.
SCHEMA: pa.Schema = pa.schema([pa.field(c.name, arrow_type(c.type), nullable=True,
                                        metadata={"doc": c.doc}) for c in COLUMNS])
#: The options of the recipes: the record table.
RECORDS = ScanOptions(records=True)
_BOUNDS = {"code": 2**31, "int": 2**63}
_CHECKED = [(c.name, c.type) for c in COLUMNS if c.type in ("decimal", "code", "int")]


def _fits(kind: ColumnType, value: Any) -> bool:
    if kind == "decimal":
        try:
            return bool(value.quantize(_QUANTUM) == value and abs(value) < _LIMIT)
        except InvalidOperation:
            return False
    bound = _BOUNDS[kind]
    return bool(-bound <= value < bound)


def _fit(row: dict[str, Any]) -> dict[str, Any]:
    # The wire allows 20-digit integers and 30+30-digit amounts: a value beyond its
    # Arrow type is null there and kept exactly in ``unfit`` (nothing lost).
    unfit = {}
    for name, kind in _CHECKED:
        value = row[name]
        if value is not None and not _fits(kind, value):
            unfit[name] = str(value)
            row[name] = None
    if unfit:
        row["unfit"] = orjson.dumps(unfit).decode()
    return row


def batches(table_rows: Iterable[dict[str, Any]], *,
            size: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """Record batches of :data:`SCHEMA` from rows of :func:`.records.rows`."""
    chunk: list[dict[str, Any]] = []
    for row in table_rows:
        chunk.append(_fit(dict(row)))
        if len(chunk) >= size:
            yield pa.RecordBatch.from_pylist(chunk, schema=SCHEMA)
            chunk = []
    if chunk:
        yield pa.RecordBatch.from_pylist(chunk, schema=SCHEMA)


def record_batches(exchanges: Iterable[Exchange], *,
                   size: int = BATCH_ROWS) -> Iterator[pa.RecordBatch]:
    """Arrow record batches of the record table of *exchanges* (e.g. a ``Scan``)."""
    return batches(rows(exchanges), size=size)


def file_to_parquet(source: str, out_dir: str, options: ScanOptions = RECORDS,
                    *, data: bytes | None = None) -> tuple[str, Summary]:
    """Scan one capture (the path *source*, or its bytes *data* named *source*) into one
    Parquet file in *out_dir*; the per-file step of the Dask and Spark recipes.
    Returns the file written and the capture's summary (summaries add up)."""
    import hashlib

    import pyarrow.parquet as pq

    result = scan_file(io.BytesIO(data), options, name=source) if data is not None \
        else scan_file(source, options)
    out = os.path.join(out_dir, hashlib.sha256(source.encode()).hexdigest()[:16] + ".parquet")
    pq.write_table(pa.Table.from_batches(list(batches(result.rows)), schema=SCHEMA), out)
    return out, result.summary
