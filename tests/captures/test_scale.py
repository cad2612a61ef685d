"""The recipes of the README: Dask (a bag over paths -> Parquet on a ``distributed``
local cluster) and PySpark (``binaryFiles`` and ``mapInArrow``, local mode) give the
serial scan's rows and summary.  CI installs the [scale] extra; Spark is skipped only
where Java is absent."""

from __future__ import annotations

import io
import os
import pathlib
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from smsc_codec.captures import Summary
from smsc_codec.captures.parallel import ScanOptions, scan_file
from tests.captures.test_records import mixed_set

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

from smsc_codec.captures.arrow import SCHEMA, batches, file_to_parquet  # noqa: E402

RECORDS = ScanOptions(records=True)
#: PySpark 4 warns about pandas 3 (it works for what is used here: Arrow only).
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")


def serial(paths: list[str]) -> tuple[list[tuple[Any, ...]], Summary]:
    results = [scan_file(p, RECORDS) for p in paths]
    table = pa.Table.from_batches([b for r in results for b in batches(r.rows)], schema=SCHEMA)
    return sorted_rows(table), sum((r.summary for r in results), Summary())


def sorted_rows(table: Any) -> list[tuple[Any, ...]]:
    return sorted(tuple(map(repr, row.values())) for row in table.to_pylist())


def test_dask_bag_over_paths_to_parquet_equals_serial(tmp_path: pathlib.Path) -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    paths = mixed_set(tmp_path)
    out = tmp_path / "parquet"
    out.mkdir()
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        bag = db.from_sequence(paths, npartitions=len(paths))
        done = bag.map(file_to_parquet, str(out)).compute()
    summary = sum((s for _, s in done), Summary())
    table = pq.read_table(str(out), schema=SCHEMA)
    assert (sorted_rows(table), summary) == serial(paths)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None:
        pytest.skip("no Java on this machine")
    sql = pytest.importorskip("pyspark.sql")
    # Spark's workers run "python3" from PATH unless told: under another Python than
    # the driver's they refuse to start (PYTHON_VERSION_MISMATCH).
    saved = {k: os.environ.get(k) for k in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON")}
    os.environ.update(dict.fromkeys(saved, sys.executable))
    session = (sql.SparkSession.builder.master("local[2]").appName("smsc-codec-test")
               .config("spark.ui.enabled", "false")
               # A JVM that starts fast (the jobs here are tiny): session 11.7 -> 9.3 s.
               .config("spark.driver.extraJavaOptions",
                       "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _scan_bytes(item: tuple[str, bytes]) -> Summary:
    return scan_file(io.BytesIO(item[1]), RECORDS, name=item[0].removeprefix("file:")).summary


def test_spark_binary_files_summaries_equal_serial(spark: Any, tmp_path: pathlib.Path) -> None:
    paths = mixed_set(tmp_path)
    rdd = spark.sparkContext.binaryFiles(",".join(paths), minPartitions=2)
    summary = rdd.map(_scan_bytes).reduce(lambda a, b: a + b)
    assert summary == serial(paths)[1]


def _scan_arrow(source: Iterator[Any]) -> Iterator[Any]:
    # mapInArrow: batches of (path, content) in, record-table batches out.
    for batch in source:
        for path, content in zip(batch.column("path").to_pylist(),
                                 batch.column("content").to_pylist(), strict=True):
            rows = scan_file(io.BytesIO(content), RECORDS,
                             name=path.removeprefix("file:")).rows
            yield from batches(rows)


def test_spark_map_in_arrow_equals_serial(spark: Any, tmp_path: pathlib.Path) -> None:
    from pyspark.sql.pandas.types import from_arrow_schema
    paths = mixed_set(tmp_path)
    frame = spark.read.format("binaryFile").load(paths).select("path", "content")
    result = frame.mapInArrow(_scan_arrow, from_arrow_schema(SCHEMA))
    table = result.toArrow().cast(SCHEMA)  # Spark hands timestamps back in UTC
    assert sorted_rows(table) == serial(paths)[0]
