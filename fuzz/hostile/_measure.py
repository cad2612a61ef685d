"""How a hostile case is measured.

*Time*: a decoder that is linear in its input takes about 4x as long on an input
4x as large.  A case builds its worst known shape at size ``n`` and ``4 n`` and
the ratio of the best of a few runs of each must stay under ``limit`` (5 by
default: 4 plus noise).  The runs of the two sizes alternate, so a burst of
another process's load falls on both alike, and a run that took long enough to
owe the collector (over ``COLLECT_AFTER_SECONDS``) is followed by a
``gc.collect()`` outside the timing.  A quadratic path gives ~16.  The ratio is
taken within one run, so it does not depend on how fast the machine is -- not a
timed threshold.

*Memory*: a case runs in a child process (a fresh interpreter, so nothing the
parent imported or allocated counts) and reports ``ru_maxrss``; it passes when
the peak stays under ``limit_mib``.

*Secrets*: a case plants :data:`PASSWORD` and :data:`APIKEY` in an input, runs
one route and returns every text the route produced (stdout, stderr, JSON
Lines, reports, ``repr``/``str``, exception chains); it passes when neither
secret occurs in any of them.
"""

from __future__ import annotations

import contextlib
import gc
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

#: Planted in every secret case; chosen so no decoder or sample contains them by chance.
PASSWORD = "Pw9SecretZq7"
APIKEY = "Ak4SecretKeyXv2"


@dataclass(frozen=True)
class TimeCase:
    """An input family whose worst shape must decode in linear time."""

    name: str
    #: Builds the input at size ``n`` (whatever unit the case counts in).
    make: Callable[[int], Any]
    #: Runs the decoder under test on an input; its result is ignored, a library
    #: error is allowed (the shape may well be invalid), anything else escapes.
    run: Callable[[Any], object]
    n: int
    limit: float = 5.0


#: How many more times a failing time case is measured.  A linear decoder's ratio is
#: about 4, but the collector's full collections walk every object alive, so a list
#: decoded at 4n costs a little more than four times n, and a quiet machine measured
#: 5.08 and 5.25 once (fmt=3 history, canonical JSON; 4.1 in other runs).  A
#: super-linear path shows ~16 and fails every attempt, however many.
RETRIES = 4


@dataclass(frozen=True)
class MemoryCase:
    """A child-process run whose peak RSS must stay under a bound."""

    name: str
    #: Python source run by ``python -c`` in a fresh interpreter; it builds its
    #: input (or reads a file it writes to a temporary directory) and runs one
    #: reader over it.  It must not print the input.
    code: str
    limit_mib: float


@dataclass(frozen=True)
class SecretCase:
    """One route an input with a planted secret can take to an output channel."""

    name: str
    #: Returns every text the route produced.
    outputs: Callable[[], Iterable[str]]


@dataclass(frozen=True)
class Result:
    name: str
    kind: str
    figure: str
    ok: bool

    def line(self) -> str:
        return f"{'PASS' if self.ok else 'FAIL'}  {self.kind:<7} {self.name:<52} {self.figure}"


#: A short run is repeated until this much time is spent on it (at most
#: :data:`MAX_REPEAT` runs): the best of many millisecond runs is what the code
#: costs, where the best of three can still be a burst of another process's load
#: (seen on the 2-core machine under pytest-xdist: 1 ms and 14 ms, a ratio of 14).
MIN_MEASURED_SECONDS = 0.25
MAX_REPEAT = 200


#: A run longer than this is followed by an untimed ``gc.collect()``: the garbage of
#: a large run otherwise lands in the next run's timing (a 4n run then reads one
#: collection more than its n run).  Short runs skip it: a collection before each of
#: thousands of sub-millisecond runs tripled the script's time for no steadier ratio.
COLLECT_AFTER_SECONDS = 0.010


def _once(run: Callable[[Any], object], data: Any) -> float:
    from smsc_codec import SmscCodecError  # the library's own errors are allowed

    start = time.perf_counter()
    with contextlib.suppress(SmscCodecError):
        run(data)
    took = time.perf_counter() - start
    if took > COLLECT_AFTER_SECONDS:
        gc.collect()
    return took


def _best_pair(run: Callable[[Any], object], small: Any, large: Any, repeat: int
               ) -> tuple[float, float]:
    """The best time of *small* and of *large*, their runs alternated: a burst of
    another process's load then falls on both sizes alike, not on one of them."""
    best1 = best4 = float("inf")
    spent, runs = 0.0, 0
    while runs < repeat or (spent < MIN_MEASURED_SECONDS and runs < MAX_REPEAT):
        t1 = _once(run, small)
        t4 = _once(run, large)
        best1, best4 = min(best1, t1), min(best4, t4)
        spent, runs = spent + t1, runs + 1
    return best1, best4


def measure_time(case: TimeCase, repeat: int = 3) -> Result:
    small, large = case.make(case.n), case.make(4 * case.n)
    _once(case.run, small)  # warm caches and imports
    t1, t4 = _best_pair(case.run, small, large, repeat)
    ratio = t4 / max(t1, 1e-9)
    figure = (f"n {t1 * 1000:8.1f} ms  4n {t4 * 1000:8.1f} ms  "
              f"ratio {ratio:5.2f} (limit {case.limit})")
    return Result(case.name, "time", figure, ratio <= case.limit)


#: The child reports its own peak in KiB: ``VmHWM``, the high-water mark of its
#: address space, where Linux has it.  Not ``ru_maxrss``: Linux carries the maximum
#: over ``exec`` (``exec_mmap`` records the old address space's peak), and
#: ``subprocess`` starts the child with ``vfork``, whose old address space is the
#: parent's -- so ``ru_maxrss`` reported the parent's peak whenever it was larger
#: (268 MiB after the time cases had run).
_RSS = """
import resource, sys
exec(compile(sys.argv[1], "<case>", "exec"))
try:
    with open("/proc/self/status") as status:
        print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def measure_memory(case: MemoryCase) -> Result:
    done = subprocess.run(
        [sys.executable, "-c", _RSS, case.code], capture_output=True, text=True, timeout=600
    )
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["no output"]
        return Result(case.name, "memory", f"child failed: {tail[0]}", False)
    peak = int(done.stdout.split()[-1]) / 1024  # ru_maxrss is KiB on Linux
    return Result(case.name, "memory", f"peak {peak:7.1f} MiB (limit {case.limit_mib})",
                  peak <= case.limit_mib)


def exception_texts(exc: BaseException) -> list[str]:
    """The texts of *exc* and of every exception chained to it (``__cause__``,
    ``__context__``), attributes included (a ``UnicodeError``'s ``.object`` holds the
    whole value it failed on): what a secret case searches."""
    out: list[str] = []
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop()
        if e is None or id(e) in seen:
            continue
        seen.add(id(e))
        out += [repr(e), str(e), repr(e.args)]
        out += [repr(v) for v in getattr(e, "__dict__", {}).values()]
        out += [repr(getattr(e, name)) for name in ("object", "found") if hasattr(e, name)]
        todo += [e.__cause__, e.__context__]
    return out


def measure_secret(case: SecretCase) -> Result:
    leaks = [text for text in case.outputs() if PASSWORD in text or APIKEY in text]
    figure = "no secret in any output" if not leaks else f"{len(leaks)} output(s) show a secret"
    return Result(case.name, "secret", figure, not leaks)
