"""``python -m fuzz.hostile [FAMILY ...]``: run every hostile case, print pass/fail.

Exits 1 when any case fails.  ``--quick`` skips the memory cases (each is a child
process over a large input).  A time case that fails is measured again, up to
``_measure.RETRIES`` more times, as ``tests/test_hostile_measured.py`` does: a real
super-linear path fails every attempt, a load burst of another process does not.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from fuzz.hostile import FAMILIES
from fuzz.hostile._measure import (
    RETRIES,
    Result,
    measure_memory,
    measure_secret,
    measure_time,
)


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
            for _ in range(RETRIES if measure is measure_time else 0):
                if result.ok:
                    break
                print(result.line() + "  (measured again)", flush=True)
                result = measure(case)
            print(result.line(), flush=True)
            results.append(result)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m fuzz.hostile",
        description="Run the hostile-input cases (time ratios, memory peaks in child"
        " processes, secret searches) and print PASS/FAIL for each; exit 1 if any fails.")
    parser.add_argument("families", nargs="*", metavar="FAMILY",
                        help=f"which families to run: {', '.join(FAMILIES)} (default: all)")
    parser.add_argument("--quick", action="store_true",
                        help="skip the memory cases (each is a child process over a large"
                        " input)")
    args = parser.parse_args(argv)
    unknown = [f for f in args.families if f not in FAMILIES]
    if unknown:
        parser.error(f"no family {', '.join(unknown)} (choose from {', '.join(FAMILIES)})")
    results = run(args.families or list(FAMILIES), args.quick)
    failed = [r for r in results if not r.ok]
    print(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
