"""Scan a generated 1 GB HAR capture: throughput and peak memory of ``smsc-codec scan``.

    python bench/scan_bench.py                 # 1 GiB HAR, then deleted
    python bench/scan_bench.py --size 200 --gzip
    python bench/scan_bench.py --size 1024 --api-share 0.3 --keep /tmp/big.har

The capture is written lazily to a temporary file, entry by entry, from a pool made
of the golden vectors (spec/vectors): API exchanges (status, delete and history
requests to several hosts, GET and POST, base64 and text bodies, every charset,
broken replies included) and unrelated traffic (scripts, images).  ``--api-share``
is the share of the bytes that are API exchanges (default 0.5).

The scan is the real command, ``python -m smsc_codec scan FILE``, run as a child
process with its JSON Lines going to /dev/null; its peak resident memory is the
child's own high-water mark (``VmHWM``).  The bound (:data:`BOUND_MB`, stated in the README) is
checked against it: the scan holds one HAR entry at a time, so the peak must not
depend on the capture's size.  A baseline -- the same interpreter importing the
library and doing nothing -- is reported beside it.
"""

from __future__ import annotations

import argparse
import base64
import gzip
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

import orjson

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.captures.generate import (  # noqa: E402 -- the tests' generator, run from the repo
    HTTP_VECTORS,
    _har_entry,
    _unrelated,
    request_for,
)

#: The peak resident memory ``smsc-codec scan`` must stay under, whatever the size
#: of the capture (README, "Reading captures").
BOUND_MB = 128
#: The figure before unrelated entries were dropped unparsed (README at 3986928:
#: the 1 GiB HAR, 104 s of CPU), printed beside this run's.
BEFORE_MB_PER_CPU_S = 10.3
CODEC = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}


def pool(seed: int) -> tuple[list[bytes], list[bytes]]:
    """Pre-encoded HAR entries: API exchanges and unrelated traffic."""
    rng = random.Random(seed)
    api, other = [], []
    for n in range(4):
        for vector in HTTP_VECTORS:
            url, form, _, _ = request_for(vector, n * 1000 + len(api), apikey=n == 3,
                                          post=n == 2)
            charset = vector.meta["charset"]
            if n % 2 or "error" in vector.meta:
                entry = _har_entry(url, method="POST" if form else "GET", form=form,
                                   content_type=f"text/plain; charset={charset}",
                                   text=base64.b64encode(vector.wire).decode(),
                                   base64_body=True)
            else:
                entry = _har_entry(url, method="POST" if form else "GET", form=form,
                                   content_type=f"text/plain; charset={charset}",
                                   text=vector.wire.decode(CODEC[charset]))
            api.append(orjson.dumps(entry))
    for n in range(200):
        other.append(orjson.dumps(_unrelated(rng, n)))
    return api, other


def write_capture(out: BinaryIO, size: int, api_share: float, seed: int) -> dict[str, Any]:
    """Write a HAR of about *size* bytes; return what it holds."""
    api, other = pool(seed)
    rng = random.Random(seed)
    written = api_bytes = entries = api_entries = 0
    head = b'{"log": {"version": "1.2", "creator": {"name": "scan_bench"}, "entries": ['
    out.write(head)
    written += len(head)
    while written < size:
        take_api = api_bytes < api_share * max(written, 1)
        entry = rng.choice(api) if take_api else rng.choice(other)
        piece = (b"," if entries else b"") + entry
        out.write(piece)
        written += len(piece)
        entries += 1
        if take_api:
            api_bytes += len(piece)
            api_entries += 1
    out.write(b"]}}")
    return {"bytes": written + 3, "entries": entries, "api_entries": api_entries,
            "api_bytes": api_bytes}


#: Runs a module as ``python -m`` would, then reports its own peak RSS on stderr:
#: ``VmHWM`` of /proc/self/status on Linux (``ru_maxrss`` would also count the parent
#: process, whose high-water mark Linux carries across fork and exec), else
#: ``ru_maxrss``.
_MEASURED = """
import os, re, resource, runpy, sys
module, sys.argv = sys.argv[1], sys.argv[1:]
try:
    if module != "-":
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    else:
        import smsc_codec  # noqa: F401 -- the baseline: interpreter + library
finally:
    if os.path.exists("/proc/self/status"):
        with open("/proc/self/status") as f:
            peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", f.read())[1]) * 1024
    else:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    usage = resource.getrusage(resource.RUSAGE_SELF)
    sys.stderr.write(f"\\npeak-rss {peak} cpu {usage.ru_utime + usage.ru_stime}\\n")
"""


def child_run(module: str, args: list[str]) -> tuple[float, float, int, int, str]:
    """Wall time, CPU time, exit code, peak RSS (bytes) and first stderr line of
    ``python -m``."""
    start = time.perf_counter()
    with open(os.devnull, "wb") as sink:
        proc = subprocess.run([sys.executable, "-c", _MEASURED, module, *args],
                              stdout=sink, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    err = proc.stderr.decode("utf-8", "replace")
    facts = err.rsplit("peak-rss ", 1)[1].split()
    peak, cpu = int(facts[0]), float(facts[2])
    return elapsed, cpu, proc.returncode, peak, err.lstrip().split("\n", 1)[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=1024, help="MiB to generate (1024)")
    parser.add_argument("--api-share", type=float, default=0.5)
    parser.add_argument("--gzip", action="store_true", help="gzip the capture")
    parser.add_argument("--keep", metavar="PATH", help="write the capture here, keep it")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = args.size * 1024 * 1024
    path = Path(args.keep) if args.keep else Path(tempfile.mkstemp(suffix=".har")[1])
    if args.gzip and not args.keep:
        path = path.with_suffix(".har.gz")
    try:
        start = time.perf_counter()
        with open(path, "wb") as raw:
            out: BinaryIO = gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1) \
                if args.gzip else raw  # type: ignore[assignment]
            facts = write_capture(out, size, args.api_share, args.seed)
            if args.gzip:
                out.close()
        made = time.perf_counter() - start
        on_disk = path.stat().st_size
        print(f"capture: {facts['bytes'] / 2**20:,.0f} MiB of HAR ({on_disk / 2**20:,.0f} MiB"
              f" on disk), {facts['entries']:,} entries, {facts['api_entries']:,} API"
              f" exchanges ({facts['api_bytes'] / facts['bytes']:.0%} of the bytes);"
              f" written in {made:.1f} s")
        _, _, _, base_peak, _ = child_run("-", [])
        elapsed, cpu, code, peak, summary = child_run("smsc_codec", ["scan", "--no-progress",
                                                                     str(path)])
        print(summary)
        mb = facts["bytes"] / 1e6
        print(f"scan: {elapsed:.1f} s wall, {cpu:.1f} s CPU; per CPU second"
              f" {mb / cpu:,.1f} MB of HAR (before: {BEFORE_MB_PER_CPU_S} MB),"
              f" {facts['api_entries'] / cpu:,.0f} API exchanges"
              f" (exit {code}; wall-clock figures depend on what else the machine runs)")
        print(f"peak RSS: {peak / 2**20:.1f} MiB (interpreter + library alone:"
              f" {base_peak / 2**20:.1f} MiB); bound {BOUND_MB} MiB:"
              f" {'holds' if peak < BOUND_MB * 2**20 else 'EXCEEDED'}")
        return 0 if peak < BOUND_MB * 2**20 and code in (0, 1) else 1
    finally:
        if not args.keep:
            path.unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
