"""One module per wire format, each driven by a layout row from ``layouts.py``.

==========  ==============================  ==================================
``fmt``     module                          what it reads and writes
==========  ==============================  ==================================
0           :mod:`~smsc_codec.wire.kv`      ``Status = 1, check_time = ...`` lines
1           :mod:`~smsc_codec.wire.commas`  comma-separated lines (no quoting:
                                            not CSV, so not named after it)
2           :mod:`~smsc_codec.wire.xml`     ``<sms>``/``<list>``/``<result>`` XML
3           :mod:`~smsc_codec.wire.jsondoc` JSON objects and arrays
==========  ==============================  ==================================

Every module exposes the same pair, ``decode(text, ctx) -> Reply`` and
``encode(reply, ctx) -> str``, working on text: the charset boundary is crossed
once, by the endpoint modules, in :mod:`smsc_codec.charset`.
"""
