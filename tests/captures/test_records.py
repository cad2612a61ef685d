"""``scan --records``: the record table's schema (from layouts.FIELDS), its JSON Lines,
CSV and Parquet forms, the summary they agree with, and ``--jobs``."""

from __future__ import annotations

import importlib.util
import io
import pathlib
import subprocess
import sys
from collections import Counter
from typing import Any

import jsonschema
import orjson
import pytest

from smsc_codec.captures import Summary, scan
from smsc_codec.captures.parallel import ScanOptions, scan_file, scan_files
from smsc_codec.captures.records import COLUMNS, json_row, rows
from smsc_codec.cli import run
from smsc_codec.layouts import FIELDS
from tests.captures.generate import (
    FAKE_SECRETS,
    Capture,
    dump_capture,
    gzipped,
    har_capture,
    line_dump_capture,
    mbox_capture,
)

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA_PATH = ROOT / "spec" / "records.schema.json"
EXAMPLE = ROOT / "examples" / "session.har"
#: Every capture the tests make, and the example.
CAPTURES = [har_capture(rounds=1), mbox_capture(), dump_capture(), line_dump_capture(),
            gzipped(dump_capture("replies.txt.gz")),
            Capture("session.har", EXAMPLE.read_bytes(), [], {})]


def _dump_schema() -> Any:
    spec = importlib.util.spec_from_file_location("dump_records_schema",
                                                  ROOT / "spec" / "dump_records_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.schema()


def write(tmp: pathlib.Path, capture: Capture) -> str:
    path = tmp / capture.name
    path.write_bytes(capture.data)
    return str(path)


def call(argv: list[str]) -> tuple[int, bytes]:
    out = io.BytesIO()
    return run(argv, stdin=io.BytesIO(), stdout=out), out.getvalue()


def test_every_layout_field_is_a_column_and_in_the_shipped_schema() -> None:
    names = [c.name for c in COLUMNS]
    assert set(FIELDS) <= set(names)
    assert len(names) == len(set(names))
    shipped = orjson.loads(SCHEMA_PATH.read_bytes())
    # Fails when a field is added to layouts.FIELDS but spec/ is not regenerated
    # (python spec/dump_records_schema.py).
    assert shipped == _dump_schema()
    assert set(FIELDS) <= set(shipped["properties"])


def test_the_id_status_cost_and_date_columns_have_one_type_each() -> None:
    types = {c.name: c.type for c in COLUMNS}
    assert (types["id"], types["status"], types["err"], types["flag"]) == \
        ("text", "code", "int", "code")
    assert (types["cost"], types["last_date"], types["send_date"]) == \
        ("decimal", "timestamp", "timestamp")


@pytest.mark.parametrize("capture", CAPTURES, ids=lambda c: c.name)
def test_rows_validate_against_the_schema_and_hold_no_secret(capture: Capture) -> None:
    validator = jsonschema.Draft202012Validator(orjson.loads(SCHEMA_PATH.read_bytes()))
    table = [json_row(r) for r in rows(scan(io.BytesIO(capture.data), name=capture.name))]
    assert table
    for row in table:
        validator.validate(row)
    text = orjson.dumps(table).decode()
    assert not any(secret in text for secret in FAKE_SECRETS)


def _summary(paths: list[str]) -> Summary:
    total = Summary()
    for path in paths:
        total += scan_file(path).summary
    return total


def test_row_counts_per_status_agree_with_the_summary(tmp_path: pathlib.Path) -> None:
    paths = [write(tmp_path, c) for c in CAPTURES]
    table = [r for p in paths for r in scan_file(p, ScanOptions(records=True)).rows]
    counted = Counter(f"{r['status']} {r['status_label']}" for r in table
                      if r["row_kind"] == "record" and r["status"] is not None)
    summary = _summary(paths)
    assert counted == {k: v for k, v in summary.statuses.items() if not k.startswith("smtp")}
    assert sum(r["row_kind"] == "smtp-ok" for r in table) == summary.statuses["smtp OK"]


def test_summaries_add_up_to_one_scan_of_all_files(tmp_path: pathlib.Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    paths = [write(tmp_path, c) for c in CAPTURES]
    call(["scan", *paths])
    one = capsys.readouterr().err
    assert one == "".join(f"smsc-codec scan: {line}\n" for line in _summary(paths).lines())


def mixed_set(tmp: pathlib.Path) -> list[str]:
    """HAR, mbox, dump and one gzipped capture."""
    return [write(tmp, c) for c in (har_capture(rounds=1), mbox_capture(), dump_capture(),
                                    gzipped(har_capture("more.har.gz", seed=9, rounds=1)))]


@pytest.mark.parametrize("records", [False, True])
def test_jobs_2_writes_what_jobs_1_writes(tmp_path: pathlib.Path, records: bool,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    paths = mixed_set(tmp_path)
    flag = ["--records"] if records else []
    code1, out1 = call(["scan", *flag, "--jobs", "1", *paths])
    err1 = capsys.readouterr().err
    code2, out2 = call(["scan", *flag, "--jobs", "2", *paths])
    err2 = capsys.readouterr().err
    assert (code1, out1, err1) == (code2, out2, err2)  # same order, not only sorted
    assert out1


def test_scan_files_on_processes_equals_serial(tmp_path: pathlib.Path) -> None:
    paths = mixed_set(tmp_path)
    serial = list(scan_files(paths, ScanOptions(records=True)))
    parallel = list(scan_files(paths, ScanOptions(records=True), jobs=2))
    assert [r.rows for r in serial] == [r.rows for r in parallel]
    assert sum((r.summary for r in serial), Summary()) == \
        sum((r.summary for r in parallel), Summary())


def test_bad_to_and_jobs_are_usage_errors(tmp_path: pathlib.Path) -> None:
    path = str(EXAMPLE)
    assert call(["scan", "--to", "xml", str(tmp_path / "o"), path])[0] == 2
    assert call(["scan", "--to", "csv", str(tmp_path / "o"), path])[0] == 2  # no --records
    assert call(["scan", "--jobs", "0", path])[0] == 2


def test_the_core_does_not_import_pyarrow() -> None:
    code = ("import sys, smsc_codec, smsc_codec.cli, smsc_codec.captures.records;"
            " sys.exit('pyarrow' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_csv_has_every_column_in_order(tmp_path: pathlib.Path) -> None:
    out = tmp_path / "out.csv"
    assert call(["scan", "--records", "--to", "csv", str(out), str(EXAMPLE)])[0] == 0
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert header.split(",") == [c.name for c in COLUMNS]
