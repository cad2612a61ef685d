"""Hostile input: XML attacks, deep nesting, huge fields and lists.

Each case is refused (or decoded) in time and memory linear in its size; the bound
is stated in each test's docstring and never asserted on a wall clock.  Each input
is at most a few megabytes, so a quadratic path would show as a suite that hangs.
"""

from __future__ import annotations

import pytest

from smsc_codec import DecodeError, StatusList, StatusRecord, decode_status, iter_status
from smsc_codec.history import decode_history

XML_ATTACKS = {
    "billion-laughs": b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;"
                                           * 10) for i in range(1, 10))
    + b"]><sms><status>&lol9;</status></sms>",
    "quadratic-blowup": b'<!DOCTYPE s [<!ENTITY a "' + b"x" * 50_000 + b'">]><sms><message>'
    + b"&a;" * 10_000 + b"</message></sms>",
    "xxe-file": b'<!DOCTYPE sms [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    b"<sms><status>&x;</status></sms>",
    "xxe-network": b'<!DOCTYPE sms [<!ENTITY x SYSTEM "http://127.0.0.1:1/x">]>'
    b"<sms><status>&x;</status></sms>",
    "external-dtd": b'<!DOCTYPE sms SYSTEM "http://127.0.0.1:1/evil.dtd"><sms><status>1</status>'
    b"</sms>",
    "parameter-entity": b'<!DOCTYPE sms [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>'
    b"<sms><status>1</status></sms>",
}


@pytest.mark.parametrize("name", sorted(XML_ATTACKS))
def test_xml_attacks_are_refused_before_parsing(name: str) -> None:
    """Refused at the first ``<!DOCTYPE``: one scan of the input, no entity is ever
    expanded and nothing is fetched (lxml also runs with resolve_entities=False and
    no_network=True)."""
    with pytest.raises(DecodeError) as info:
        decode_status(XML_ATTACKS[name], fmt=2)
    assert info.value.kind == "dtd"


def test_an_entity_reference_without_a_dtd_is_malformed() -> None:
    """Undeclared entities never resolve: a parse error, linear time."""
    with pytest.raises(DecodeError) as info:
        decode_status(b"<sms><status>&x;</status></sms>", fmt=2)
    assert info.value.kind == "malformed"


def test_deeply_nested_xml_is_refused() -> None:
    """100 000 nested elements: libxml2 stops at its depth limit (256 without
    huge_tree), linear time, constant stack."""
    body = b"<sms>" + b"<a>" * 100_000 + b"</a>" * 100_000 + b"</sms>"
    with pytest.raises(DecodeError):
        decode_status(body, fmt=2)


def test_deeply_nested_json_is_refused() -> None:
    """100 000 nested arrays: orjson stops at its recursion limit (1024)."""
    with pytest.raises(DecodeError) as info:
        decode_status(b"[" * 100_000 + b"]" * 100_000, fmt=3)
    assert info.value.kind == "malformed"


def test_a_huge_xml_text_node_is_refused() -> None:
    """A 12 MB text node (under the 16 MiB reply limit): libxml2 refuses text nodes
    over 10 MB without huge_tree; one pass over the input."""
    body = b"<sms><status>1</status><message>" + b"x" * 12_000_000 + b"</message></sms>"
    with pytest.raises(DecodeError):
        decode_status(body, fmt=2, all=1)


@pytest.mark.parametrize("fmt", [0, 1, 3])
def test_a_million_character_field_decodes(fmt: int) -> None:
    """A one-million-character message: linear in its length in every format."""
    text = "ж" * 1_000_000
    body = {
        0: f"Status = 1, check_time = 21.11.2026 09:15:02, err = 0, message = {text}",
        1: f"1,2,0,3,7,1.5,S,ok,{text}",
        3: f'{{"status":1,"message":"{text}"}}',
    }[fmt].encode("cp1251")
    record = decode_status(body, fmt=fmt, all=1)
    assert isinstance(record, StatusRecord) and record.message == text


@pytest.mark.parametrize("fmt", [0, 1])
def test_a_hundred_thousand_line_list_decodes(fmt: int) -> None:
    """100 000 records (1.5-4 MB): linear in the number of lines."""
    line = b"Status = 1, err = 0, ID = 5" if fmt == 0 else b"1,2,0,5,7"
    reply = decode_status(b"\n".join([line] * 100_000), fmt=fmt)
    assert isinstance(reply, StatusList) and len(reply) == 100_000


def test_a_hundred_thousand_continuation_lines() -> None:
    """One record followed by 100 000 lines that start no record: they join the
    message once (this was quadratic before the fix)."""
    body = b"Status = 1, message = x" + b"\ny" * 100_000
    record = decode_status(body, fmt=0, all=1)
    assert isinstance(record, StatusRecord) and record.message is not None
    assert record.message.count("\n") == 100_000


def test_many_separator_lookalikes_in_a_message() -> None:
    """50 000 ``", k = v"`` runs inside free text: each candidate is looked at a
    bounded number of times."""
    body = b"Status = 1, message = " + b"a, k = v" * 50_000 + b", comment = c, type = 0"
    record = decode_status(body, fmt=0, all=1)
    assert isinstance(record, StatusRecord) and record.comment == "c" and record.type == 0


def test_a_history_reply_of_many_empty_lines() -> None:
    """Two million line breaks: one split, one pass."""
    with pytest.raises(DecodeError):
        decode_history(b"\n" * 2_000_000, fmt=1)


@pytest.mark.parametrize("prolog", [
    b"<!-- x -->", b'<?xml version="1.0"?>\n<!-- a --> <?pi x?>\n', b"<!---->\n<!-- -> -->",
])
@pytest.mark.parametrize("name", sorted(XML_ATTACKS))
def test_a_dtd_anywhere_in_the_prolog_is_refused(prolog: bytes, name: str) -> None:
    """Comments or processing instructions in front of the DTD do not take it to the
    parser: every ``<!`` but a comment's before the root element is refused."""
    attack = XML_ATTACKS[name]
    if attack.startswith(b"<?xml"):
        attack = attack[attack.index(b"?>") + 2 :]
    with pytest.raises(DecodeError) as info:
        decode_status(prolog + attack, fmt=2)
    assert info.value.kind == "dtd"
    assert info.value.pos == len(prolog)
    # The stream held back only the first "<!" (a comment's) and fed the DTD behind it.
    body = prolog + attack
    for size in (1, 7, 4096):
        with pytest.raises(DecodeError) as streamed:
            list(iter_status([body[i : i + size] for i in range(0, len(body), size)], fmt=2))
        assert (streamed.value.kind, streamed.value.pos) == ("dtd", len(prolog))


def test_markup_after_the_root_or_inside_a_comment_is_no_dtd() -> None:
    """A ``<!DOCTYPE`` inside a comment, a comment after the root element and CDATA in
    content are not a DTD."""
    for data in (b"<!-- <!DOCTYPE x> --><sms><status>1</status></sms>",
                 b"<sms><status>1</status></sms><!-- <!DOCTYPE x> -->",
                 b"<sms><status><![CDATA[1]]></status></sms>"):
        reply = decode_status(data, fmt=2)
        assert isinstance(reply, StatusRecord) and reply.status == 1


def test_the_fmt1_plan_cache_is_bounded() -> None:
    """The process-global fmt=1 plans (one per comma count a line shows) keep at most
    ``MAX_PLANS`` per set of candidates, however many counts are seen; a count
    seen again after it was dropped reads the same."""
    from smsc_codec.wire import commas

    line = "1,1704153845,0,1704153845,79991234567,1.5,SMSC,Delivered,{},c,0,5"
    first = decode_status(line.format("a,b") + "\n" + line.format("a,b"), fmt=1, all=1)
    limit = getattr(commas, "MAX_PLANS", 256)
    for i in range(limit + 40):
        text = line.format("m" + "," * i)
        decode_status(text + "\n" + text, fmt=1, all=1)
    assert max(len(c.plans) for c in commas._CANDIDATES.values()) <= limit
    again = decode_status(line.format("a,b") + "\n" + line.format("a,b"), fmt=1, all=1)
    assert again == first


def test_the_fmt2_fmt3_plan_cache_is_bounded() -> None:
    """The process-wide plans of the fmt 2/3 fast lanes are keyed by the row's shape,
    which the data chooses (JSON keys, their value types): at most ``MAX_PLANS`` are
    kept however many shapes are seen, and a shape seen again after its plan was
    dropped reads the same."""
    from smsc_codec.wire import _fast

    body = b'{"status":1,"last_date":"01.01.2024 00:00:00","last_timestamp":1704056400}'
    first = decode_status(body, fmt=3)
    for i in range(_fast.MAX_PLANS + 40):
        decode_status(b'{"status":1,"x%d":1}' % i, fmt=3)
        decode_status(b"<sms><status>1</status><x%d>1</x%d></sms>" % (i, i), fmt=2)
    assert len(_fast._PLANS) <= _fast.MAX_PLANS
    assert decode_status(body, fmt=3) == first


def test_the_line_plan_cache_is_bounded_and_keyed_by_identity() -> None:
    """kv's line plans are per layout object (a hand-built layout equal in its key to
    a table one gets its own plan), at most ``MAX_LINE_PLANS`` of them."""
    import dataclasses

    from smsc_codec.layouts import Endpoint, RecordKind, layout_for
    from smsc_codec.wire import kv

    table = layout_for(Endpoint.STATUS, RecordKind.SMS, 0, 0, False)
    shorter = dataclasses.replace(table, fields=table.fields[:1])
    assert kv._line_plan(table)[0].pattern != kv._line_plan(shorter)[0].pattern
    assert kv._line_plan(table) is kv._line_plan(table)
    for _ in range(kv.MAX_LINE_PLANS + 5):
        kv._line_plan(dataclasses.replace(table))
    assert len(kv._LINE_PLANS) <= kv.MAX_LINE_PLANS


def test_a_str_with_a_lone_surrogate_is_a_decode_error_in_xml() -> None:
    with pytest.raises(DecodeError) as info:
        decode_status("<sms><status>1\udcc0</status></sms>", fmt=2)
    assert info.value.kind == "bad-charset"


@pytest.mark.parametrize("fmt, body", [
    (3, b'[{"status":1,"imsi":"250","last_date":"01.01.2024 00:00:00"}]'),
    (0, b"Status = 1, imsi = 250, id = 5"),
    (2, b"<list><sms><status>1</status><imsi>250</imsi></sms></list>"),
])
def test_a_history_reply_that_looks_like_hlr_is_read(fmt: int, body: bytes) -> None:
    """history.php has no HLR layout: such a record is read with the SMS one (its
    HLR fields undocumented there), not a KeyError -- through every route:
    ``decode_reply_to``, ``sniff(request=...)``, ``decode --request``, and ``scan`` of
    a dump whose record starts with the history request (the library and the CLI)."""
    import io

    import orjson

    from smsc_codec import cli, sniff
    from smsc_codec.captures import exchange_to_json, scan
    from smsc_codec.exchange import decode_reply_to
    from smsc_codec.request import decode_query

    query = f"login=u&psw=p&get_messages=1&fmt={fmt}"
    request = decode_query(query)
    reply = decode_reply_to(request, body)
    assert isinstance(reply, StatusList) and reply.records[0].imsi == "250"
    sniff.sniff(body, request=query)
    out = io.BytesIO()
    code = cli.run(["decode", "--request", query, "-"], stdin=io.BytesIO(body), stdout=out)
    assert code in (0, 1) and out.getvalue()

    dump = f"GET https://smsc.ru/sys/get.php?{query}\n".encode() + body + b"\n"
    (exchange,) = scan(io.BytesIO(dump), container="dump", split="blank")
    assert (exchange.endpoint, exchange.error, exchange.reply) == ("history", None, reply)
    out = io.BytesIO()
    code = cli.run(["scan", "--no-progress", "--container", "dump", "--split", "blank", "-"],
                   stdin=io.BytesIO(dump), stdout=out)
    (line,) = out.getvalue().splitlines()
    assert (code, orjson.loads(line)) == (0, orjson.loads(orjson.dumps(
        exchange_to_json(exchange))))


def test_records_whose_extras_hold_arrays_and_objects_hash() -> None:
    one = StatusRecord(status=1, extra=(("x", [1, {"a": [2]}]), ("y", {"b": 1, "c": 2})))
    two = StatusRecord(status=1, extra=(("x", [1, {"a": [2]}]), ("y", {"c": 2, "b": 1})))
    assert one == two and hash(one) == hash(two) and len({one, two}) == 1
