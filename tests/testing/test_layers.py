"""``import smsc_codec.testing`` needs only the core: each adapter's package is
imported in that adapter's module alone (issue 13)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).parents[2] / "smsc_codec" / "testing"
#: The third-party package of each module that may import one.
OWN = {"transport.py": {"httpx"}, "smtp.py": {"aiosmtpd"},
       "strategies/__init__.py": {"hypothesis"}, "strategies/records.py": {"hypothesis"},
       "strategies/http.py": {"hypothesis"}, "strategies/smtp.py": {"hypothesis"},
       "strategies/_shapes.py": {"hypothesis"},
       "pytest_plugin.py": {"pytest"}}
THIRD_PARTY = {"httpx", "uvicorn", "aiosmtpd", "hypothesis", "aiohttp", "requests", "pytest"}


def _imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_each_third_party_package_is_its_adapters_alone() -> None:
    found = {path.relative_to(PACKAGE).as_posix(): _imported(path) & THIRD_PARTY
             for path in sorted(PACKAGE.rglob("*.py"))}
    assert found == {name: OWN.get(name, set()) for name in found}


def test_the_core_and_the_stdlib_adapters_load_no_extra() -> None:
    code = ("import sys, smsc_codec.testing, smsc_codec.testing.wsgi, smsc_codec.testing.asgi,"
            " smsc_codec.testing.serve\n"
            f"print(sorted(m for m in {sorted(THIRD_PARTY)!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout == "[]\n"
