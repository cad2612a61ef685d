"""Write spec/layouts.json from the layout table (run after a reviewed table change).

The JSON file is the reviewed, human-diffable copy of ``smsc_codec.layouts``; the
vector generator reads it (not the library), and ``tests/test_layouts.py`` fails
when the two disagree.
"""

import json
import pathlib

from smsc_codec.layouts import LAYOUTS, MULTI_EXTRAS_AT

rows = [
    {
        "endpoint": str(layout.endpoint),
        "kind": str(layout.kind),
        "all": layout.all,
        "fmt": layout.fmt,
        "multi": layout.multi,
        "variant": layout.variant,
        "fields": [[wf.name, wf.key, wf.sep] if layout.fmt == 0 else wf.name
                   for wf in layout.fields],
    }
    for layout in LAYOUTS.values()
]
out = {"multi_extras_at": MULTI_EXTRAS_AT, "layouts": rows}
path = pathlib.Path(__file__).with_name("layouts.json")
path.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
print(f"wrote {len(rows)} layouts to {path}")
