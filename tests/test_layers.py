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
