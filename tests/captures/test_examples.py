"""The shipped example capture is what its script makes, and the benchmark runs."""

from __future__ import annotations

import importlib.util
import pathlib
from types import ModuleType

ROOT = pathlib.Path(__file__).resolve().parents[2]


def load(path: pathlib.Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_example_capture_is_generated() -> None:
    module = load(ROOT / "examples" / "make_example.py")
    assert (ROOT / "examples" / "session.har").read_bytes() == module.build()


def test_the_scan_benchmark_runs(capsys: object) -> None:
    module = load(ROOT / "bench" / "scan_bench.py")
    assert module.main(["--size", "1"]) == 0
