"""``python -m fuzz.hostile [FAMILY ...]``: run every hostile case, print pass/fail.

Exits 1 when any case fails.  ``--quick`` skips the memory cases (each is a child
process over a large input).
"""

from __future__ import annotations

import importlib
import sys

from fuzz.hostile import FAMILIES
from fuzz.hostile._measure import Result, measure_memory, measure_secret, measure_time


def run(families: list[str], quick: bool) -> list[Result]:
    results: list[Result] = []
    for family in families:
        module = importlib.import_module(f"fuzz.hostile.{family}")
        print(f"== {family}", flush=True)
        steps = [
            *((measure_time, c) for c in getattr(module, "TIME_CASES", ())),
            *(() if quick else ((measure_memory, c) for c in getattr(module, "MEMORY_CASES", ()))),
            *((measure_secret, c) for c in getattr(module, "SECRET_CASES", ())),
        ]
        for measure, case in steps:
            result = measure(case)
            print(result.line(), flush=True)
            results.append(result)
    return results


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    families = [a for a in argv if not a.startswith("-")] or list(FAMILIES)
    results = run(families, quick)
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
