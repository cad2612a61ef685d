"""The record table loads as it is in DuckDB, polars and pandas (the [arrow] and
[scale] extras: CI installs them, see .ci/run)."""

from __future__ import annotations

import io
import pathlib
from decimal import Decimal

import pytest

from smsc_codec.captures import scan
from smsc_codec.cli import run
from tests.captures.test_records import CAPTURES, EXAMPLE, write

pa = pytest.importorskip("pyarrow")
duckdb = pytest.importorskip("duckdb")
pl = pytest.importorskip("polars")

from smsc_codec.captures.arrow import SCHEMA, record_batches  # noqa: E402


def call(argv: list[str]) -> int:
    return run(argv, stdin=io.BytesIO(), stdout=io.BytesIO())


def test_duckdb_reads_the_parquet_with_one_type_per_column(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.parquet"
    assert call(["scan", "--records", str(EXAMPLE), "--to", "parquet", str(out)]) == 0
    got = duckdb.sql("select typeof(status), typeof(last_date), typeof(id), typeof(cost)"
                     f" from '{out}' limit 1").fetchall()
    assert got == [("INTEGER", "TIMESTAMP WITH TIME ZONE", "VARCHAR", "DECIMAL(38,10)")]
    costs = duckdb.sql(f"select cost, cost_text from '{out}' where cost is not null").fetchall()
    assert costs and all(cost == Decimal(text) for cost, text in costs)  # exact


def test_parquet_files_of_different_captures_concatenate(tmp_path: pathlib.Path) -> None:
    outs = []
    for n, capture in enumerate(CAPTURES):
        out = tmp_path / f"{n}.parquet"
        assert call(["scan", "--records", write(tmp_path, capture), "--to", "parquet",
                     str(out)]) in (0, 1)
        outs.append(str(out))
    [(total,)] = duckdb.sql(f"select count(*) from read_parquet({outs!r})").fetchall()
    assert total > 0
    assert pl.read_parquet(outs).height == total
    pd = pytest.importorskip("pandas")
    assert len(pd.concat([pd.read_parquet(p) for p in outs])) == total


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.name)
def test_polars_reads_the_records_json_lines(tmp_path: pathlib.Path, capture: object) -> None:
    out = tmp_path / "out.jsonl"
    path = write(tmp_path, capture)  # type: ignore[arg-type]
    assert call(["scan", "--records", path, "--to", "jsonl", str(out)]) in (0, 1)
    frame = pl.read_ndjson(out, infer_schema_length=None)
    assert frame.height > 0


def test_record_batches_from_python_have_the_fixed_schema() -> None:
    with EXAMPLE.open("rb") as f:
        batches = list(record_batches(scan(f, name="session.har"), size=4))
    assert len(batches) > 1 and all(b.schema == SCHEMA for b in batches)
    table = pa.Table.from_batches(batches)
    assert table.column("id").type == pa.string()


def test_the_parquet_writer_holds_few_rows_as_dicts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rows become Arrow columns every CONVERT_ROWS rows, not when their row group is
    written (8192 rows of dicts took about 100 MiB), and the file is the same: the
    rows in order, a row group once BATCH_ROWS rows are in (a few more, as before:
    the rows of one exchange are never split)."""
    import pyarrow.parquet as pq

    from smsc_codec.captures import arrow, output
    from smsc_codec.captures.records import rows
    from tests.captures.generate import har_capture

    monkeypatch.setattr(output, "CONVERT_ROWS", 8)
    monkeypatch.setattr(arrow, "BATCH_ROWS", 50)
    table_rows = list(rows(scan(io.BytesIO(har_capture(rounds=1).data), name="x.har")))
    sink = io.BytesIO()
    writer = output.RowWriter(sink, "parquet", records=True)
    held = []
    for row in table_rows:
        writer.write([row])
        held.append(len(writer._pending))
    writer.close()
    assert max(held) < 8 and len(table_rows) > 100
    got = pq.ParquetFile(io.BytesIO(sink.getvalue()))
    assert got.read() == pa.Table.from_batches(list(arrow.batches(table_rows)), schema=SCHEMA)
    groups = [got.metadata.row_group(i).num_rows for i in range(got.metadata.num_row_groups)]
    assert sum(groups) == len(table_rows) and len(groups) > 2
    assert all(50 <= n < 50 + 8 for n in groups[:-1]) and groups[-1] < 50 + 8
