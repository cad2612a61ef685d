"""Write spec/records.schema.json (the JSON Schema of one ``scan --records`` JSON Lines
row) from ``smsc_codec.captures.records.COLUMNS``; run after a reviewed table change.

``tests/captures/test_records.py`` fails when the file and the columns disagree (a
field added to ``layouts.FIELDS`` but not here) and validates rows against it.
"""

import json
import pathlib

from smsc_codec.captures.records import COLUMNS, COST_SCALE

#: The JSON form of each logical type (null: the row does not carry it).
JSON_TYPES = {
    "text": {"type": ["string", "null"]},
    "code": {"type": ["integer", "null"]},
    "int": {"type": ["integer", "null"]},
    "float": {"type": ["number", "null"]},
    "decimal": {"type": ["string", "null"], "pattern": r"^-?[0-9]+(\.[0-9]+)?$"},
    "timestamp": {"type": ["string", "null"],
                  "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\+03:00$"},
}


def schema() -> dict[str, object]:
    """The JSON Schema, built from the columns."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/smsc_codec/spec/records.schema.json",
        "title": "smsc-codec scan --records: one row",
        "description": "Every column on every row (null where it does not apply). In"
        " Arrow/Parquet: text=string, code=int32, int=int64, float=float64,"
        f" decimal=decimal128(38, {COST_SCALE}), timestamp=timestamp[us, +03:00].",
        "type": "object",
        "additionalProperties": False,
        "required": [c.name for c in COLUMNS],
        "properties": {c.name: {**JSON_TYPES[c.type], "description": c.doc,
                                "x-column-type": c.type} for c in COLUMNS},
    }


if __name__ == "__main__":
    path = pathlib.Path(__file__).with_name("records.schema.json")
    path.write_text(json.dumps(schema(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(COLUMNS)} columns to {path}")
