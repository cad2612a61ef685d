"""The API reference, planned from the package itself: every name of every ``__all__``.

A public module is one with an ``__all__`` and no ``_`` in its dotted path.  Each
public name is documented once, on the page of the module it is defined in when that
module is public, else on the first public module (in dotted order) that exports it;
every other module that exports it links there.  The pages are written at build time
(``builder-inited``), so a new name can never be missing from the reference;
``tests/test_docs.py`` checks that every one of them has a docstring.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

PACKAGE = "smsc_codec"
#: Modules whose import needs an optional extra; documented only when importable.
OPTIONAL = ("smsc_codec.testing", "smsc_codec.captures.arrow")


@dataclass
class Page:
    module: str
    doc: str
    home: list[str] = field(default_factory=list)  # names documented here
    elsewhere: dict[str, str] = field(default_factory=dict)  # name -> its page's module


def public_modules() -> list[ModuleType]:
    root = importlib.import_module(PACKAGE)
    names = [PACKAGE, *sorted(
        info.name for info in pkgutil.walk_packages(root.__path__, PACKAGE + ".")
        if not info.name.endswith("__main__")
    )]
    modules = []
    for name in names:
        if any(part.startswith("_") for part in name.split(".")):
            continue
        try:
            module = importlib.import_module(name)
        except ImportError:
            if name.startswith(OPTIONAL):
                continue
            raise
        if getattr(module, "__all__", None) is not None:
            modules.append(module)
    return modules


def _home(obj: Any, exporters: list[str]) -> str:
    """The page an object is documented on, among the public modules exporting it.

    Its defining module if that one exports it; else the exporter whose name is the
    longest prefix of the defining module (``request`` for ``request._models``);
    else the most specific exporter (``charset`` rather than the package root).
    """
    defined = getattr(obj, "__module__", None)
    if not isinstance(defined, str):
        defined = ""
    if defined in exporters:
        return defined
    prefixes = [m for m in exporters if defined.startswith(m + ".")]
    return max(prefixes or exporters, key=len)


def plan() -> list[Page]:
    modules = public_modules()
    pages = {m.__name__: Page(m.__name__, (m.__doc__ or "").strip()) for m in modules}
    # A re-export is the same object under the same name (by identity alone, two
    # small ints of different modules would be one).
    exporters: dict[tuple[int, str], list[str]] = {}
    for module in modules:
        for name in module.__all__:
            key = (id(getattr(module, name)), name)
            exporters.setdefault(key, []).append(module.__name__)
    for module in modules:
        for name in module.__all__:
            obj = getattr(module, name)
            if isinstance(obj, ModuleType):
                # A submodule re-exported as a name has its own page.
                pages[module.__name__].elsewhere[name] = obj.__name__
                continue
            home = _home(obj, exporters[id(obj), name])
            if home == module.__name__:
                pages[home].home.append(name)
            else:
                pages[module.__name__].elsewhere[name] = home
    return list(pages.values())


def _rst(page: Page) -> str:
    title = f"``{page.module}``"
    lines = [title, "=" * len(title), "", f".. automodule:: {page.module}"]
    lines.append(f"   :members: {', '.join(page.home)}" if page.home else "   :no-members:")
    lines.append("")
    if page.elsewhere:
        lines += ["Also exported here (documented on their own module's page):", ""]
        for name, home in sorted(page.elsewhere.items()):
            if home.endswith("." + name):  # a submodule
                lines.append(f"- ``{name}``: :doc:`{home}`")
            else:
                lines.append(f"- :py:obj:`{name} <{home}.{name}>` (:doc:`{home}`)")
        lines.append("")
    return "\n".join(lines)


def write_pages(out: Path) -> list[Page]:
    out.mkdir(parents=True, exist_ok=True)
    pages = plan()
    for page in pages:
        text = _rst(page)
        path = out / f"{page.module}.rst"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
    index = ["API reference", "=============", "",
             "Every public module, and on its page every name of its ``__all__``.", "",
             ".. toctree::", "   :maxdepth: 1", ""]
    index += [f"   {page.module}" for page in pages]
    (out / "index.rst").write_text("\n".join(index) + "\n")
    return pages


def _on_init(app: Any) -> None:
    write_pages(Path(app.srcdir) / "api")


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_init)
    return {"parallel_read_safe": True}
