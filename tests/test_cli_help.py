"""``smsc-codec --help`` is enough on its own, and the shell completion is the parser's.

Every option of every subcommand has a help text, and says its default when it takes
a value; every subcommand has a description and examples, and each example runs
(from the repository's root, as a reader would paste it) and exits 0.  The
completion scripts are generated from the same parser: bash's is sourced and asked
to complete, zsh's is syntax-checked when zsh is installed.
"""

from __future__ import annotations

import argparse
import io
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from smsc_codec import cli
from smsc_codec.completion import bash_script, commands, zsh_script

ROOT = Path(__file__).resolve().parent.parent
PARSER = cli._parser()
SUBPARSERS = next(a for a in PARSER._actions if isinstance(a, argparse._SubParsersAction))
COMMANDS: dict[str, argparse.ArgumentParser] = dict(SUBPARSERS.choices)
#: Examples that are shown but not run here: serve runs until it is stopped (the
#: fake server has its own tests, and examples/test_fake_server.py starts it).
NOT_RUN = ("smsc-codec serve ",)


def _options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [a for a in parser._actions
            if a.option_strings and not isinstance(a, argparse._HelpAction)]


def test_every_option_of_every_command_has_a_help_text_and_its_default() -> None:
    lacking: list[str] = []
    for name, parser in [("", PARSER), *COMMANDS.items()]:
        for action in [*_options(parser), *(a for a in parser._actions
                                             if not a.option_strings)]:
            where = f"{name} {'/'.join(action.option_strings) or action.dest}"
            text = action.help or ""
            if not text.strip():
                lacking.append(f"{where}: no help")
            elif (action.option_strings and action.nargs != 0 and not action.required
                    and "default" not in text):
                lacking.append(f"{where}: takes a value and does not say its default")
    assert lacking == []


def test_every_command_has_a_description_and_examples() -> None:
    for name, parser in COMMANDS.items():
        assert (parser.description or "").strip(), name
        assert re.match(r"examples \(.*\):\n  \$ smsc-codec ", parser.epilog or ""), name
        assert parser.formatter_class is argparse.RawDescriptionHelpFormatter, name


def test_the_main_help_lists_every_command_and_the_exit_codes() -> None:
    text = PARSER.format_help()
    for name in COMMANDS:
        assert f"    {name}" in text, name
    codes = text[text.index("exit codes:"):]
    assert [line[:3] for line in codes.splitlines()[1:] if line[2:3].isdigit()] == \
        ["  0", "  1", "  2"]


def _examples() -> list[tuple[str, str]]:
    return [(name, line.removeprefix("  $ "))
            for name, parser in COMMANDS.items()
            for line in (parser.epilog or "").splitlines() if line.startswith("  $ ")]


def _pipeline(line: str) -> list[list[str]]:
    """The smsc-codec commands of an example, each as argv; a final ``> FILE`` is
    dropped (the output is checked here, not written)."""
    words = shlex.split(line)
    if ">" in words:
        words = words[:words.index(">")]
    stages: list[list[str]] = [[]]
    for word in words:
        if word == "|":
            stages.append([])
        else:
            stages[-1].append(word)
    assert all(stage[0] == "smsc-codec" for stage in stages), line
    return [stage[1:] for stage in stages]


@pytest.mark.parametrize(("command", "line"), _examples(), ids=lambda v: str(v)[:60])
def test_each_example_in_the_help_runs(command: str, line: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    stages = _pipeline(line)
    if line.startswith(NOT_RUN):
        for argv in stages:  # it parses, at least
            assert PARSER.parse_args(argv).command == command
        return
    data = b""
    for argv in stages:
        out = io.BytesIO()
        assert cli.run(argv, stdin=io.BytesIO(data), stdout=out) == 0, (line, argv)
        data = out.getvalue()
    assert data, line


# --- completion ------------------------------------------------------------------


def _bash_complete(script: Path, words: list[str]) -> list[str]:
    """What the generated function offers with *words* on the line (the last one
    being completed), as bash's programmable completion would call it."""
    line = " ".join(shlex.quote(w) for w in words)
    program = (f"source {shlex.quote(str(script))}\n"
               f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
               "_smsc_codec\n"
               "printf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program],
                          capture_output=True, text=True, check=True, timeout=60)
    return done.stdout.split()


@pytest.fixture(scope="module")
def bash_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = io.BytesIO()
    assert cli.run(["completion", "bash"], stdout=out) == 0
    path = tmp_path_factory.mktemp("completion") / "smsc-codec.bash"
    path.write_bytes(out.getvalue())
    return path


def test_the_bash_script_is_valid_bash(bash_file: Path) -> None:
    subprocess.run(["bash", "-n", str(bash_file)], check=True, timeout=60)
    assert bash_file.read_text() == bash_script(PARSER)


def test_bash_completes_subcommands_options_and_their_values(bash_file: Path) -> None:
    assert _bash_complete(bash_file, ["smsc-codec", "dec"]) == ["decode"]
    assert _bash_complete(bash_file, ["smsc-codec", "c"]) == ["check", "completion"]
    assert _bash_complete(bash_file, ["smsc-codec", "check", "--fa"]) == ["--fail-on"]
    assert _bash_complete(bash_file, ["smsc-codec", "decode", "--endpoint", "smtp"]) == \
        ["smtp-reply", "smtp-send"]
    assert _bash_complete(bash_file, ["smsc-codec", "check", "--fail-on", ""]) == \
        ["error", "warning", "notice"]
    # A value no list holds (a charset) is not completed as a file name.
    assert _bash_complete(bash_file, ["smsc-codec", "decode", "--charset", ""]) == []
    # Options are the subcommand's own: scan has --records, decode has not.
    assert _bash_complete(bash_file, ["smsc-codec", "scan", "--rec"]) == ["--records"]
    assert _bash_complete(bash_file, ["smsc-codec", "decode", "--rec"]) == []


def test_bash_completes_file_names_where_the_parser_takes_files(
        bash_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "capture.har").write_text("{}")
    monkeypatch.chdir(tmp_path)
    assert _bash_complete(bash_file, ["smsc-codec", "scan", "cap"]) == ["capture.har"]
    assert _bash_complete(bash_file, ["smsc-codec", "request", "cap"]) == []  # a URL


def test_every_option_is_in_both_scripts() -> None:
    bash, zsh = bash_script(PARSER), zsh_script(PARSER)
    for command in commands(PARSER):
        for option in command.options:
            for flag in option.flags:
                assert re.search(rf"(?<![\w-]){flag}(?![\w-])", bash), (command.name, flag)
                assert f"'{flag}[" in zsh or f",{flag}}}" in zsh or f"{{{flag}," in zsh, \
                    (command.name, flag)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="no zsh here (apt-get install zsh)")
def test_the_zsh_script_is_valid_zsh(tmp_path: Path) -> None:
    path = tmp_path / "_smsc-codec"
    path.write_text(zsh_script(PARSER))
    subprocess.run(["zsh", "-n", str(path)], check=True, timeout=60)


def test_a_refused_field_names_the_lossy_option(capsys: pytest.CaptureFixture[str]) -> None:
    # The library says "lossy=True"; the command line's spelling is --lossy.
    record = b'{"status": 1, "last_timestamp": 1795241702, "err": 0}'
    assert cli.run(["encode", "--fmt", "0"], stdin=io.BytesIO(record),
                   stdout=io.BytesIO()) == 1
    assert capsys.readouterr().err == (
        "smsc-codec: error: last_timestamp: status sms fmt=0 all=0 cannot carry this field"
        " (encode with --lossy to drop it)\n")
