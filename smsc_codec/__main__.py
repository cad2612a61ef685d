"""``python -m smsc_codec``: the same as the ``smsc-codec`` command."""

from smsc_codec.cli import main

main()
