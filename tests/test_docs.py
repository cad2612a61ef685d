"""The API reference: every public name is on a page and has a docstring.

The pages are planned by ``docs/_ext/api_pages.py`` from the package itself (every
name of every public ``__all__``); this test holds the plan to that promise and
checks the docstrings the pages show.  CI also builds the site with ``-W``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import pkgutil
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import smsc_codec

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("api_pages", ROOT / "docs/_ext/api_pages.py")
assert _spec is not None and _spec.loader is not None
api_pages = importlib.util.module_from_spec(_spec)
sys.modules["api_pages"] = api_pages
_spec.loader.exec_module(api_pages)

PAGES = api_pages.plan()
MODULES = {m.__name__: m for m in api_pages.public_modules()}


def _all_modules() -> list[ModuleType]:
    names = [info.name for info in pkgutil.walk_packages(smsc_codec.__path__, "smsc_codec.")
             if not info.name.endswith("__main__")]
    found = [smsc_codec]
    for name in names:
        try:
            found.append(importlib.import_module(name))
        except ImportError:  # an optional extra that is not installed
            continue
    return found


def _attribute_doc(name: str, obj: Any) -> str:
    """The ``#:`` comment (or string after it) documenting a module-level value."""
    from sphinx.pycode import ModuleAnalyzer

    for module in _all_modules():
        if getattr(module, name, _MISSING) is not obj:
            continue
        docs = ModuleAnalyzer.for_module(module.__name__).find_attr_docs()
        if ("", name) in docs:
            return " ".join(docs["", name]).strip()
    return ""


_MISSING = object()


def _own_doc(obj: Any) -> str:
    doc = obj.__dict__.get("__doc__") if isinstance(obj, type) else getattr(obj, "__doc__", None)
    return (doc or "").strip()


def _documented(module: ModuleType, name: str) -> bool:
    obj = getattr(module, name)
    if inspect.isclass(obj) or inspect.isroutine(obj):
        return bool(_own_doc(obj))
    return bool(_attribute_doc(name, obj))


def _members_without_doc(cls: type) -> list[str]:
    missing = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        if isinstance(member, property):  # its own doc, or its getter's
            if not (member.__doc__ or "").strip():
                missing.append(f"{cls.__qualname__}.{name}")
            continue
        target = member.__func__ if isinstance(member, (staticmethod, classmethod)) else member
        if inspect.isfunction(target) and not (target.__doc__ or "").strip():
            missing.append(f"{cls.__qualname__}.{name}")
    return missing


def test_every_name_of_every_public_all_is_on_exactly_one_page() -> None:
    for module in MODULES.values():
        listed = {name for page in PAGES if page.module == module.__name__
                  for name in [*page.home, *page.elsewhere]}
        assert listed == set(module.__all__), module.__name__
    homes = [(p.module, n) for p in PAGES for n in p.home]
    assert len(homes) == len(set(homes))
    for page in PAGES:
        for name, home in page.elsewhere.items():
            target = MODULES.get(home)
            assert target is not None, (page.module, name, home)
            if not isinstance(getattr(MODULES[page.module], name), ModuleType):
                assert name in next(p for p in PAGES if p.module == home).home


def _missing_docstrings() -> set[str]:
    missing = set()
    for page in PAGES:
        module = MODULES[page.module]
        if not (module.__doc__ or "").strip():
            missing.add(page.module)
        for name in page.home:
            obj = getattr(module, name)
            if not _documented(module, name):
                missing.add(f"{page.module}.{name}")
            if inspect.isclass(obj) and obj.__module__.startswith("smsc_codec"):
                missing |= {f"{page.module}.{m}" for m in _members_without_doc(obj)}
    return missing


def test_no_public_name_lacks_a_docstring() -> None:
    # (Issue 17 started this with a list of 63 names allowed to lack one; it emptied it.)
    assert sorted(_missing_docstrings()) == []


def test_each_record_field_is_documented_by_its_row_of_the_field_registry() -> None:
    from smsc_codec import StatusRecord
    from smsc_codec.layouts import FIELDS

    docs = {name: getattr(StatusRecord, name).__doc__ for name in FIELDS}
    assert docs == {name: f"{spec.doc} ``None`` when the record lacks it."
                    for name, spec in FIELDS.items()}
    assert all(spec.doc.strip() for spec in FIELDS.values())
    assert StatusRecord.cost.__doc__ == (
        "Message cost, a :class:`~decimal.Decimal` (never a float)."
        " ``None`` when the record lacks it.")


def test_every_example_program_is_shown_by_a_guide() -> None:
    # make_example.py writes examples/session.har; smsc_client.py is the fake-server
    # guide's client through its tests.
    guides = " ".join(p.read_text() for p in (ROOT / "docs/guides").glob("*.md"))
    programs = {p.name for p in (ROOT / "examples").glob("*.py")
                if not p.name.startswith(("test_", "_")) and p.name != "make_example.py"}
    shown = {name for name in programs if f"examples/{name}" in guides}
    assert shown == programs
