"""The request decoder's fast path for text that decodes to itself (issue 14).

A name or value of ASCII without ``%`` or ``+`` is returned as it is, skipping the
encode/unquote/decode round trip; these properties hold it to the full path (the
same text given as bytes takes it) in every charset, secrets included.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from smsc_codec.charset import CHARSETS
from smsc_codec.request import decode_query
from smsc_codec.request._wire import _peek_name, _plain, _unescape

_ASCII = st.text(st.characters(max_codepoint=127), max_size=40)


@given(_ASCII, st.sampled_from((*CHARSETS, "ascii")), st.booleans())
def test_plain_text_decodes_as_its_bytes_do(text: str, charset: str, secret: bool) -> None:
    slow = _unescape(text.encode("ascii"), charset, field="x", pos=0, secret=secret) \
        if "%" not in text else None
    if _plain(text):
        assert _unescape(text, charset, field="x", pos=0, secret=secret) == slow == text
        assert _peek_name(text) == _peek_name(text.encode("ascii")) == text


@given(st.lists(st.tuples(st.sampled_from(("login", "psw", "phone", "id", "fmt", "x")),
                          st.text(st.characters(min_codepoint=48, max_codepoint=122),
                                  max_size=12)), max_size=6),
       st.sampled_from(CHARSETS))
def test_a_plain_query_decodes_as_its_bytes(pairs: list[tuple[str, str]], charset: str) -> None:
    query = "&".join(f"{n}={v}" for n, v in pairs) + f"&charset={charset}"
    try:
        from_bytes = decode_query(query.encode("ascii"))
    except ValueError as exc:
        try:
            decode_query(query)
        except ValueError as again:
            assert (type(again), str(again)) == (type(exc), str(exc))
            return
        raise AssertionError("the text decoded where its bytes did not") from exc
    assert decode_query(query) == from_bytes
