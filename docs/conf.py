"""Sphinx configuration: the API reference from docstrings, the spec pages as they are.

Sphinx rather than MkDocs: autodoc reads the docstrings of every public name
(``__all__``) straight from the package, and
``-W`` turns every broken reference into a build failure -- the same tool h11,
h2, wsproto and dnspython document themselves with.  The spec pages stay Markdown
(``myst-parser``), included from ``spec/`` so there is one copy.
"""

from __future__ import annotations

import sys
from pathlib import Path

import smsc_codec

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "smsc_codec"
author = "The smsc_codec authors"
copyright = "2026, The smsc_codec authors"
release = smsc_codec.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "myst_parser",
    "api_pages",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "_ext"]

autodoc_default_options = {"members": True, "show-inheritance": True}
autodoc_member_order = "bysource"
autodoc_typehints = "description"
# Names re-exported from private modules are documented where the user imports them.
autodoc_inherit_docstrings = True
# Every reference of a guide must resolve (api_pages quiets the other pages, whose
# signatures name stdlib and private types this offline build cannot link).
nitpicky = True

# No intersphinx: the build must not reach the network (CI has none), so stdlib
# types show as plain names.  Links inside the included spec pages point at files of
# the repository, which are not documents of the site.
suppress_warnings = ["myst.xref_missing"]

myst_heading_anchors = 3
html_theme = "alabaster"
html_title = f"smsc_codec {release}"
