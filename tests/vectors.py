"""Loading the golden vectors of spec/vectors/ and running them through the codec."""

from __future__ import annotations

import json
import pathlib
from dataclasses import dataclass
from typing import Any

from smsc_codec import LENIENT, Policy, Reply
from smsc_codec.canonical import from_canonical
from smsc_codec.history import decode_history, encode_history
from smsc_codec.layouts import Endpoint
from smsc_codec.models import DeleteOk, ErrorReply, StatusList
from smsc_codec.status import decode_delete, decode_status, encode_delete, encode_status

SPEC = pathlib.Path(__file__).resolve().parent.parent / "spec"
VECTOR_FILES = sorted((SPEC / "vectors").glob("*/*.json"))


@dataclass(frozen=True)
class Vector:
    name: str
    meta: dict[str, Any]
    wire: bytes

    @property
    def endpoint(self) -> str:
        return str(self.meta["endpoint"])

    def decode(self, *, policy: Policy = LENIENT, pinned: bool = False,
               data: bytes | None = None) -> Reply:
        m = self.meta
        data = self.wire if data is None else data
        if self.endpoint == "delete":
            return decode_delete(data, fmt=m["fmt"], charset=m["charset"], policy=policy)
        if self.endpoint == "history":
            return decode_history(data, fmt=m["fmt"], charset=m["charset"], policy=policy)
        if m.get("variant") == "legacy":
            policy = Policy(strict=policy.strict, fmt1_variant="legacy")
        extra = {"kind": m.get("kind"), "multi": m.get("multi")} if pinned else {}
        return decode_status(data, fmt=m["fmt"], all=m["all"], charset=m["charset"],
                             policy=policy, **extra)

    def encode(self, reply: Reply) -> bytes:
        m = self.meta
        if self.endpoint == "delete":
            assert isinstance(reply, DeleteOk | ErrorReply)
            return encode_delete(reply, fmt=m["fmt"], charset=m["charset"])
        if self.endpoint == "history":
            assert isinstance(reply, StatusList | ErrorReply)
            return encode_history(reply, fmt=m["fmt"], charset=m["charset"])
        return encode_status(reply, fmt=m["fmt"], all=m["all"], charset=m["charset"],
                             variant=m.get("variant", "documented"))

    def from_expect(self) -> Reply:
        endpoint = Endpoint.HISTORY if self.endpoint == "history" else Endpoint.STATUS
        return from_canonical(self.meta["expect"], endpoint=endpoint, kind=self.meta.get("kind"))


def load(path: pathlib.Path) -> Vector:
    meta = json.loads(path.read_text("utf-8"))
    return Vector(f"{path.parent.name}/{path.stem}", meta, path.with_suffix(".wire").read_bytes())


VECTORS = [load(p) for p in VECTOR_FILES]


def defect_kinds(reply: Reply) -> list[str]:
    kinds = [d.kind for d in reply.defects]
    if isinstance(reply, StatusList):
        kinds += [d.kind for r in reply.records for d in r.defects]
    return kinds
