"""The format registry (smsc_codec.wire.formats): what differs between the formats
outside their own modules is a field of a row, never a branch on the number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from smsc_codec.wire import xml
from smsc_codec.wire.formats import FORMATS, wire_format

PACKAGE = Path(__file__).resolve().parents[2] / "smsc_codec"
#: A comparison of a ``fmt`` with a number: ``fmt == 2``, ``layout.fmt != 1``,
#: ``fmt in (0, 1)``.
_FMT_BRANCH = re.compile(r"\bfmt\s*(?:==|!=)\s*\d|\bfmt\s+(?:not\s+)?in\s*[(\[{]\s*\d")


def test_no_module_outside_the_format_modules_branches_on_a_fmt_number() -> None:
    found = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
             for path in sorted(PACKAGE.rglob("*.py")) if path.parent.name != "wire"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if _FMT_BRANCH.search(line.split("#", 1)[0])]
    assert found == []


def test_the_pattern_finds_the_branches_it_names() -> None:
    for line in ("if fmt == 2:", "layout.fmt != 1", "if fmt in (0, 1):", "fmt not in [3]"):
        assert _FMT_BRANCH.search(line), line
    for line in ("if fmt == SendFormat.EMAIL:", 'if fmt == "parquet":', "for fmt in FMTS:"):
        assert not _FMT_BRANCH.search(line), line


def test_only_xml_has_unwritable_characters_and_they_are_what_its_encoder_refuses() -> None:
    assert {f: row.unwritable for f, row in FORMATS.items() if row.unwritable} == {
        2: xml.NOT_XML_CHARS}
    assert set(xml.NOT_XML_CHARS) == {chr(c) for c in range(0x110000)
                                      if xml._NOT_XML.fullmatch(chr(c))}
    assert "\t\n\r" not in xml.NOT_XML_CHARS and {"\x00", "\x1f", "\ufffe", "\uffff"} <= set(
        xml.NOT_XML_CHARS)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_only_json_keeps_types(fmt: int) -> None:
    assert wire_format(fmt).keeps_types is (fmt == 3)
