"""No input and no wrong option makes the CLI print a traceback (issue 18).

Every subcommand runs in-process (``smsc_codec.cli.main``, stdout/stderr captured) over
every regression input (``spec/regressions/``) and every golden file (``spec/vectors/``,
``spec/smtp/``, ``spec/requests/``), each with a sample of wrong options: another
``fmt``/``all``/``charset``/endpoint than the file's own.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import sys
from pathlib import Path

import pytest

from smsc_codec.cli import ENDPOINTS, main

SPEC = Path(__file__).resolve().parent.parent / "spec"
FILES = sorted(p for d in ("regressions", "vectors", "smtp", "requests")
               for p in (SPEC / d).rglob("*") if p.is_file() and p.suffix != ".py")
#: The exit codes the CLI documents: done, invalid input (or deviations), bad usage.
EXIT_CODES = {0, 1, 2}

_DECODE_OPTIONS = [
    [*e, *f, *a, *c]
    for e, f, a, c in itertools.product(
        [["--endpoint", name] for name in sorted(ENDPOINTS)],
        [["--fmt", "0"], ["--fmt", "1"], ["--fmt", "2"], ["--fmt", "3"], ["--fmt", "7"]],
        [["--all", "0"], ["--all", "2"], ["--all", "x"]],
        [[], ["--charset", "utf-8"], ["--charset", "koi8-r"], ["--charset", "bogus"],
         ["--strict"], ["--multi", "--kind", "hlr"], ["--eml", "--lossy"]],
    )
]


def _sample(path: Path) -> list[list[str]]:
    """A few option sets per file (the whole product per file costs too much CPU):
    a different, deterministic slice of the decode/encode product for each file."""
    name = str(path)
    n = len(_DECODE_OPTIONS)
    start = sum(name.encode()) % n
    picks = [_DECODE_OPTIONS[(start + 37 * i) % n] for i in range(3)]
    runs = [["decode", *o, name] for o in picks] + [["encode", *o, name] for o in picks[:1]]
    runs += [["decode", "--request", "https://smsc.ru/sys/status.php?fmt=3&all=2&id=1"
              "&phone=79991234567&psw=secret", name],
             ["scan", name], ["scan", "--charset", "utf-8", "--container", "har", name],
             ["check", name], ["check", "--endpoint", "smtp-send", "--reply", name, name],
             ["check", "--request", name, name],
             ["request", path.read_bytes().decode("utf-8", "replace")[:300] or "x"]]
    return runs


def run_cli(argv: list[str]) -> tuple[int, str]:
    """``main(argv)`` in-process: its exit code and stderr (stdout swallowed)."""
    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    code: int | str | None = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code
        except BaseException:  # a traceback the console would show
            import traceback
            traceback.print_exc(file=err)
            code = "traceback"
    return (code if isinstance(code, int) else -1), err.getvalue()


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(SPEC)) for p in FILES])
def test_no_traceback_for_any_file_and_option(path: Path) -> None:
    for argv in _sample(path):
        code, err = run_cli(argv)
        assert "Traceback" not in err, (argv, err)
        assert code in EXIT_CODES, (argv, code, err)


def test_the_corpora_are_there() -> None:
    assert len(FILES) > 400
    assert any("regressions" in str(p) for p in FILES)


def test_version_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.startswith("smsc-codec ")


class _ClosedPipe(io.RawIOBase):
    #: Mended once the test is done, so the wrapper's own flush when it is closed (or
    #: collected during a later test) does not raise there.
    broken = True

    def writable(self) -> bool:
        return True

    def write(self, b: object) -> int:
        if self.broken:
            raise BrokenPipeError(32, "Broken pipe")
        return len(b)  # type: ignore[arg-type]


def test_a_closed_pipe_ends_quietly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # `smsc-codec check --rules | head -1`: the reader leaves before the writer ends.
    sink = open(tmp_path / "sink", "wb")  # noqa: SIM115 - the fd main points at devnull
    pipe = _ClosedPipe()
    stdout = io.TextIOWrapper(io.BufferedWriter(pipe), encoding="utf-8")
    stdout.fileno = sink.fileno  # type: ignore[method-assign]
    err = io.StringIO()
    monkeypatch.setattr(sys, "stdout", stdout)
    monkeypatch.setattr(sys, "stderr", err)
    with pytest.raises(SystemExit) as info:
        main(["check", "--rules"])
    sink.close()
    pipe.broken = False
    stdout.close()
    assert info.value.code == 1
    assert "Traceback" not in err.getvalue()
