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
    # (The package root is everyone's prefix: an alias of a name defined in a public
    # module -- request.ReplyLayout, shape.ReplyShape -- stays on its exporter's page.)
    prefixes = [m for m in exporters if defined.startswith(m + ".") and m != PACKAGE]
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


def aliases(pages: list[Page]) -> dict[str, str]:
    """Where a reference Sphinx cannot find is documented.

    Each re-exported name under its exporter (``smsc_codec.StatusRequest``) -> the
    name on its page (``smsc_codec.request.StatusRequest``): what users import is
    what docstrings and guides write, and a reference to it must land on its entry.
    And a bare name (``EncodeError`` in a docstring of a module that imports it) ->
    the one public name it can be, when only one page documents that name.
    """
    found = {f"{page.module}.{name}": f"{home}.{name}"
             for page in pages for name, home in page.elsewhere.items()
             if not home.endswith("." + name)}  # a submodule has its own page
    homes: dict[str, list[str]] = {}
    for page in pages:
        for name in page.home:
            homes.setdefault(name, []).append(f"{page.module}.{name}")
    found.update({name: full[0] for name, full in homes.items() if len(full) == 1})
    return found


def _on_init(app: Any) -> None:
    app.env.smsc_aliases = aliases(write_pages(Path(app.srcdir) / "api"))


def _resolve_alias(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """A ``py`` reference Sphinx did not find, retried at the name's own page."""
    if node.get("refdomain") != "py":
        return None
    known = getattr(env, "smsc_aliases", {})
    wanted = node.get("reftarget", "")
    target = known.get(wanted, known.get(wanted.rsplit(".", 1)[-1]) if "." not in wanted
                       or not wanted.startswith("smsc_codec") else None)
    if target is None:
        return None
    return env.get_domain("py").resolve_xref(env, node["refdoc"], app.builder,
                                             node["reftype"], target, node, contnode)


def _checked_in_guides_only(app: Any, domain: Any, node: Any) -> bool | None:
    """Warn (``nitpicky``, and ``-W`` fails the build) for a broken reference of a
    guide; keep quiet elsewhere, where signatures name stdlib types (no intersphinx:
    the build is offline) and private ones."""
    return None if node.get("refdoc", "").startswith("guides/") else True


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _on_init)
    app.connect("missing-reference", _resolve_alias)
    app.connect("warn-missing-reference", _checked_in_guides_only)
    return {"parallel_read_safe": True}
