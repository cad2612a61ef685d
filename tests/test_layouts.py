"""The layout table agrees with spec/ and with the models."""

from __future__ import annotations

import json

import pytest

from smsc_codec import layouts
from smsc_codec.layouts import FIELDS, LAYOUTS, MULTI_EXTRAS_AT, TEMPLATES, Endpoint, RecordKind
from smsc_codec.models import record_field_names
from tests.vectors import SPEC


def test_table_matches_the_reviewed_copy_in_spec() -> None:
    spec = json.loads((SPEC / "layouts.json").read_text("utf-8"))
    assert spec["multi_extras_at"] == MULTI_EXTRAS_AT
    table = [
        {
            "endpoint": str(layout.endpoint), "kind": str(layout.kind), "all": layout.all,
            "fmt": layout.fmt, "multi": layout.multi, "variant": layout.variant,
            "fields": [[wf.name, wf.key, wf.sep] if layout.fmt == 0 else wf.name
                       for wf in layout.fields],
        }
        for layout in LAYOUTS.values()
    ]
    assert table == spec["layouts"]


def test_every_record_attribute_is_a_field_and_back() -> None:
    assert record_field_names() == tuple(FIELDS)


def test_every_status_layout_exists() -> None:
    for kind in RecordKind:
        for all_level in (0, 1, 2):
            for fmt in (0, 1, 2, 3):
                for multi in (False, True):
                    assert (Endpoint.STATUS, kind, all_level, fmt, multi, "documented") in LAYOUTS


def test_fmt2_and_fmt3_list_the_same_fields() -> None:
    for (endpoint, kind, all_level, fmt, variant), template in TEMPLATES.items():
        if fmt == 2:
            assert TEMPLATES[endpoint, kind, all_level, 3, variant] == template


def test_canonical_field_order_agrees_with_every_json_layout() -> None:
    order = list(FIELDS)
    for layout in LAYOUTS.values():
        if layout.fmt == 3 and not layout.multi:
            positions = [order.index(name) for name in layout.names]
            assert positions == sorted(positions), layout.describe()


def test_the_documented_quirks_are_kept() -> None:
    sms2 = LAYOUTS[Endpoint.STATUS, RecordKind.SMS, 2, 0, False, "documented"]
    keys = {wf.name: (wf.key, wf.sep) for wf in sms2.fields}
    assert keys["operator_orig"] == ("operator_orig", "= ")  # no space before "="
    assert keys["last_date"] == ("check_time", " = ")
    assert keys["status"] == ("Status", " = ")
    fmt1 = LAYOUTS[Endpoint.STATUS, RecordKind.SMS, 2, 1, False, "documented"].names
    assert "mccmnc" not in fmt1 and "operator_orig" not in fmt1
    history0 = LAYOUTS[Endpoint.HISTORY, RecordKind.SMS, 2, 0, True, "documented"]
    assert [wf.key for wf in history0.fields if wf.name == "id"] == ["ID"]


def test_the_multi_extras_position_is_one_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layouts, "MULTI_EXTRAS_AT", "start")
    table = layouts._build()
    monkeypatch.undo()
    first = table[Endpoint.STATUS, RecordKind.SMS, 0, 1, True, "documented"].names
    assert first[:2] == ("id", "phone") and first[2:] == ("status", "last_timestamp", "err")
    assert LAYOUTS[Endpoint.STATUS, RecordKind.SMS, 0, 1, True, "documented"].names[-2:] == (
        "id", "phone")
