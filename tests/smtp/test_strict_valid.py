"""Strict mode accepts what the vendor's page allows, and says what happened (issue 18)."""

from __future__ import annotations

import io

import pytest

from smsc_codec.cli import run
from smsc_codec.policy import LENIENT, STRICT
from smsc_codec.smtp import SendFormat, decode_line, decode_reply


def call(argv: list[str], data: bytes) -> tuple[int, bytes]:
    out = io.BytesIO()
    return run(argv, stdin=io.BytesIO(data), stdout=out), out.getvalue()


@pytest.mark.parametrize("line", ["alex:123:::0,1,:79999999999:hi",  # smsc_api.py
                                  "alex:123:::0,1:79999999999:hi",
                                  "alex:123:::1,1,,:79999999999:hi"])
def test_kept_commas_of_omitted_parts_are_valid(line: str) -> None:
    # "any parameter can be omitted, keeping the initial comma" (page 004)
    strict = decode_line(line, policy=STRICT)
    lenient = decode_line(line, policy=LENIENT)
    assert strict == lenient and lenient.defects == ()


def test_cli_strict_smtp_send_accepts_the_vendor_clients_spelling(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _ = call(["decode", "--endpoint", "smtp-send", "--strict"],
                   b"alex:123:::0,1,:79999999999:hi\n")
    assert code == 0 and capsys.readouterr().err == ""


def test_cli_strict_smtp_reply_accepts_the_files_final_newline(
        capsys: pytest.CaptureFixture[str]) -> None:
    for body in (b"OK - 1 SMS, ID - 5\n", b"OK - 1 SMS, ID - 5\r\n"):
        code, _ = call(["decode", "--endpoint", "smtp-reply", "--strict"], body)
        assert code == 0 and capsys.readouterr().err == ""


def test_format_8_sender_is_an_email_address() -> None:
    # "Specifying the subject, text and e-mail of the sender is mandatory" (format=8)
    line = "alex:123:::0,8,shop@example.com:user@example.org:subj:Hello\nBody"
    value = decode_line(line, policy=STRICT)
    assert value.format is SendFormat.EMAIL and value.sender == "shop@example.com"


def test_an_sms_sender_is_still_at_most_11_characters() -> None:
    with pytest.raises(ValueError, match="11 characters"):
        decode_line("alex:123:::0,0,shop@example.com:79999999999:hi", policy=LENIENT)


def test_reply_id_warning_says_the_id_is_missing() -> None:
    reply = decode_reply(b"ERROR = 8 (x)", policy=LENIENT)
    (defect,) = reply.defects
    assert "lacks an ID" in defect.message and "comes with" not in defect.message
