"""The codecs never import the tools built on them.

Tools: sniffing, captures, conformance, the command line and its completion, the
fake server.  A codec module (everything else under smsc_codec/, but the package's
``__init__``, which re-exports both, and ``__main__``, the command line's other
name) importing one of them would turn the
layers upside down: read from each module's source, so a lazy import inside a
function counts too.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "smsc_codec"
TOOLS = ("smsc_codec.sniff", "smsc_codec.captures", "smsc_codec.conformance",
         "smsc_codec.cli", "smsc_codec.completion", "smsc_codec.testing")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            found |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
    return found


def _is_tool(name: str) -> bool:
    return any(name == tool or name.startswith(tool + ".") for tool in TOOLS)


def test_no_codec_module_imports_a_tool() -> None:
    codecs = [p for p in PACKAGE.rglob("*.py")
              if p.relative_to(PACKAGE).as_posix() not in ("__init__.py", "__main__.py")
              and not _is_tool(_module(p))]
    assert len(codecs) > 40  # the walk found the codec modules
    wrong = {_module(p): sorted(filter(_is_tool, _imports(p))) for p in codecs}
    assert {module: names for module, names in wrong.items() if names} == {}


def test_the_walk_sees_relative_and_lazy_imports() -> None:
    source = PACKAGE / "captures" / "__init__.py"  # "from smsc_codec.captures import dump"
    assert "smsc_codec.captures.dump" in _imports(source)
    assert "smsc_codec.testing.serve" in _imports(PACKAGE / "cli.py")  # inside _serve()


def test_importing_the_package_loads_the_reply_codec_only() -> None:
    """Issue 15: ``import smsc_codec`` loads neither the tools nor the SMTP codec, nor
    what only they need (``email``, charset-normalizer); they come on first use."""
    code = ("import sys, smsc_codec\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in"
            " ('smsc_codec', 'email', 'charset_normalizer')))\n"
            "smsc_codec.sniff, smsc_codec.captures\n"
            "from smsc_codec import conformance, smtp\n"
            "print('email' in sys.modules, 'smsc_codec.captures.har' in sys.modules)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    loaded, after = done.stdout.splitlines()
    names = ast.literal_eval(loaded)
    assert not [n for n in names if n.split(".")[0] != "smsc_codec" or _is_tool(n)
                or n.startswith("smsc_codec.smtp")], names
    assert "smsc_codec.status" in names and "smsc_codec.stream" in names
    assert after == "True True"  # and on first use they are there
