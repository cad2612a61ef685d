"""Write examples/session.har: a small browser-style capture made from the golden vectors.

    python examples/make_example.py

Eight API exchanges (status in fmt 0-3, a multi-status list, a history, a delete,
an error) on three hosts, a recorder that read one windows-1251 body as Latin-1,
and unrelated traffic around them.  The credentials are fake (``psw=fake-psw-...``,
``apikey=fake-apikey-...``); ``smsc-codec scan`` and ``check`` mask them anyway.
The README shows both commands on this file.
"""

from __future__ import annotations

import base64
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tests.captures.generate import _har_entry, _unrelated, request_for  # noqa: E402
from tests.vectors import VECTORS  # noqa: E402

CODEC = {"windows-1251": "cp1251", "koi8-r": "koi8_r", "utf-8": "utf-8"}
#: (vector, how the recorder stored the body)
PICKED = [
    ("status/sms-all0-fmt0-single", "text"),
    ("status/sms-all2-fmt3-single-utf-8", "text"),
    ("status/sms-all0-fmt3-multi", "base64"),
    ("status/hlr-all0-fmt2-single", "base64"),
    ("history/fmt1-2-records", "latin-1"),
    ("delete/delete-ok-fmt3", "text"),
    ("status/error-2-fmt0", "text"),
    ("deviations/fmt0-unknown-field", "text"),
]


def build() -> bytes:
    """The bytes of examples/session.har."""
    by_name = {v.name: v for v in VECTORS}
    rng = random.Random(2026)
    entries = []
    for n, (name, stored) in enumerate(PICKED, start=1):
        if n % 3 == 1:
            entries.append(_unrelated(rng, n * 5 + 1))  # an image
        vector = by_name[name]
        url, form, _, _ = request_for(vector, n, apikey=n == 6, post=n == 4)
        charset = vector.meta["charset"]
        method = "POST" if form else "GET"
        if stored == "base64":
            entries.append(_har_entry(url, method=method, form=form,
                                      content_type=f"text/plain; charset={charset}",
                                      text=base64.b64encode(vector.wire).decode(),
                                      base64_body=True))
        elif stored == "latin-1":  # no charset header: the recorder guessed Latin-1
            entries.append(_har_entry(url, method=method, form=form, content_type="text/plain",
                                      text=vector.wire.decode("latin-1")))
        else:
            entries.append(_har_entry(url, method=method, form=form,
                                      content_type=f"text/plain; charset={charset}",
                                      text=vector.wire.decode(CODEC[charset])))
    entries.append(_unrelated(rng, 3))  # get.php?get_answers=1: not a history request
    doc = {"log": {"version": "1.2", "creator": {"name": "smsc_codec example", "version": "1"},
                   "entries": entries}}
    return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def main() -> None:
    (HERE / "session.har").write_bytes(build())


if __name__ == "__main__":
    main()
