"""What the push framers share: the decoder's state they read, the text decoder, sizes.

A framer (``wire/push_lines.py``, ``push_xml.py``, ``push_json.py``, one per way a
format is cut into records, named in its ``WireFormat`` row) is a generator: it asks
for ``(chunk, final)`` by yielding ``None``, yields each run of records it completes
(a list: every record the text at hand holds whole, read in one go by the format's
list reader -- the one its whole-body decoder reads a list with), and returns the
reply when it read one whole (not a list: held and decoded whole), else ``None`` (a
list it cut: the frame builds it, ``Frame.result``).

This is the only decoder: a whole-body decode is a frame fed the body as one final
chunk (``status.decode_shaped``), so a reply decodes alike however its bytes arrive.
What a framer does not cut -- one record, an error, a delete reply -- it holds, and
the endpoint's *reader* reads it whole from the text the frame decoded.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Generator

from smsc_codec.charset import PYTHON_CODEC, Charset
from smsc_codec.errors import DecodeError
from smsc_codec.misread import MISREAD_SAMPLE, NON_ASCII, find_misread
from smsc_codec.models import DeleteOk, Reply, StatusList, StatusRecord, StatusReply
from smsc_codec.policy import STRICT, Defect, DefectLog, Policy
from smsc_codec.shape import ReplyShape
from smsc_codec.wire._common import Context, hlr_siblings

__all__ = ["Frame", "Framer", "Held", "HeldReader", "Machine", "TextDecoder", "size"]

#: A format's machine: yields each run of records it completes (a list), ``None`` when
#: it needs the next ``(chunk, final)``; returns the reply when it read one whole, else
#: ``None``.
Machine = Generator[list[StatusRecord] | None, tuple[bytes | str, bool], Reply | None]
#: A format's incremental framer: its machine for one decoder (a ``WireFormat`` field).
Framer = Callable[["Frame"], Machine]
#: The endpoint's reader of a held reply: the body as fed, its text, the defects
#: decoding it found (undecodable bytes, a misread charset: the reply's), its shape
#: and the policy.
HeldReader = Callable[[bytes | str, str, list[Defect], ReplyShape, Policy], Reply]


class Frame:
    """One push decoder's machinery: the reply's shape, the policy and size limit,
    the bytes fed so far, the list's own defects, and the framer it drives."""

    __slots__ = ("_machine", "_seen_hlr", "charset", "charset_defects", "decoder", "failed",
                 "fed", "keeps_undecodable", "kind", "limit", "line_defects",
                 "misread_defects", "policy", "read_held", "reply", "shape", "utf8")

    def __init__(self, *, shape: ReplyShape, policy: Policy, limit: int,
                 keeps_undecodable: bool, read_held: HeldReader) -> None:
        self.shape, self.policy, self.limit = shape, policy, limit
        self.charset, self.kind = shape.charset, shape.record_kind  # read per chunk, record
        self.utf8 = shape.charset == "utf-8"
        self.keeps_undecodable = keeps_undecodable
        #: The endpoint's reader, for what is not a list (it is short).
        self.read_held = read_held
        self.decoder: TextDecoder | None = None
        self.fed = 0  # bytes fed so far: the offset of the next chunk
        # The list's own defects, in the order a whole-body decode gives them.
        self.charset_defects: list[Defect] = []
        self.misread_defects: list[Defect] = []
        self.line_defects: list[Defect] = []
        self._seen_hlr = False
        self._machine: Machine | None = None
        #: The reply the framer read whole, once it returned one.
        self.reply: Reply | None = None
        #: What the framer raised: every later call raises it again.
        self.failed: BaseException | None = None

    def start(self, framer: Framer) -> None:
        self._machine = machine = framer(self)
        next(machine)  # to its first request for data

    def held(self) -> Machine:
        """A framer that cuts nothing: the reply held and read whole."""
        self.text_decoder()
        return self.whole(Held(), False)

    def send(self, chunk: bytes | str, final: bool) -> list[StatusRecord]:
        """The records *chunk* (the last one if *final*) completed, in order.  A
        ``str`` is text already decoded (a whole-body decoder takes one): its offsets
        are those of its bytes in the charset."""
        if self.failed is not None:
            raise self.failed
        assert self._machine is not None, "start() first"
        self.fed += size(chunk, True) if isinstance(chunk, str) and self.utf8 else len(chunk)
        out: list[StatusRecord] = []
        try:
            batch = self._machine.send((chunk, final))
            while batch is not None:
                out += batch
                batch = next(self._machine)
            if self.decoder is not None and self.decoder.cut is not None:
                raise self.decoder.cut  # the text before it is read: now it is said
        except StopIteration as stop:
            self.reply = stop.value
        except BaseException as exc:
            self.failed = exc  # the machine is gone: every later call says why
            raise
        else:
            assert not final, "a machine asked for data after the end"
        if self.kind is None and out:
            out, self._seen_hlr = hlr_siblings(out, self._seen_hlr)
        return out

    def result(self, records: list[StatusRecord]) -> Reply:
        """The finished reply: the one read whole, else the list of *records* (what the
        framer cut) with the list's own defects."""
        if self.reply is not None:
            return self.reply
        return StatusList(records=tuple(records), defects=self.list_defects())

    def status_result(self, records: list[StatusRecord]) -> StatusReply:
        """:meth:`result` of a status or history reply (only a delete shape's reader
        returns a ``DeleteOk``)."""
        reply = self.result(records)
        assert not isinstance(reply, DeleteOk), "a delete reply read as a status"
        return reply

    def list_defects(self) -> tuple[Defect, ...]:
        """The list's own defects, in the order a whole-body decode reports them."""
        return (*self.charset_defects, *self.misread_defects, *self.line_defects)

    def context(self) -> Context:
        return Context(self.shape, DefectLog(self.policy))

    def list_log(self, defects: list[Defect]) -> DefectLog:
        """A log whose defects go to the list, not to the record being read."""
        return DefectLog(self.policy, defects)

    def text_decoder(self) -> TextDecoder:
        """The reply's one text decoder (the framer's, and the held reply's)."""
        # fmt 0/1 keep undecodable bytes as escapes under a lenient policy; the XML and
        # JSON parsers hold only real characters, so for them such bytes are an error.
        misread = self.list_log(self.misread_defects)
        log = self.list_log(self.charset_defects) if self.keeps_undecodable else DefectLog(STRICT)
        self.decoder = TextDecoder(self.charset, log, misread)
        return self.decoder

    def whole(self, raw: Held, final: bool) -> Machine:
        """The rest of a reply that is not a list -- or not one the decoder can cut --
        held to the end and read whole: it is short.  *raw* holds what came so far."""
        decoder = self.decoder
        assert decoder is not None, "a framer decodes with frame.text_decoder()"
        while not final:
            if raw.size > self.limit:
                self.too_large(0, "the reply")
            chunk, final = yield None
            raw.add(chunk, decoder.decode(chunk, final))
            if decoder.cut is not None:
                raise decoder.cut  # a held reply is read once all of it is in
        if raw.size > self.limit:
            self.too_large(0, "the reply")
        return self.read(raw)

    def read(self, raw: Held) -> Reply:
        """The held reply, read whole by the endpoint's reader (with the defects its
        decoding found: they are the reply's, not a list's)."""
        return self.read_held(raw.body(), raw.text(),
                              [*self.charset_defects, *self.misread_defects], self.shape,
                              self.policy)

    def too_large(self, start: int, what: str) -> None:
        raise DecodeError(
            f"{what} is larger than this decoder accepts",
            expected=f"at most {self.limit} bytes (Policy(max_input_bytes=...) to raise it)",
            found=f"more than {self.limit} bytes",
            pos=start + self.limit,
            kind="too-large",
        )


class Held:
    """The body as fed and its text, kept while it may prove not to be a list (then
    read whole)."""

    __slots__ = ("parts", "size", "texts")

    def __init__(self) -> None:
        self.parts: list[bytes | str] = []
        self.texts: list[str] = []
        self.size = 0

    def add(self, chunk: bytes | str, text: str) -> None:
        self.parts.append(chunk)
        self.texts.append(text)
        self.size += len(chunk)

    def body(self) -> bytes | str:
        """The body as fed (text, if it was fed as text)."""
        parts = self.parts
        if len(parts) == 1:
            return parts[0]
        if parts and isinstance(parts[0], str):
            return "".join(map(str, parts))
        return b"".join(p for p in parts if isinstance(p, bytes))

    def text(self) -> str:
        return self.texts[0] if len(self.texts) == 1 else "".join(self.texts)


def size(text: str, utf8: bool) -> int:
    """Bytes of *text* in the body: UTF-8 (escapes kept as their bytes), else one each."""
    return len(text.encode("utf-8", "surrogateescape")) if utf8 else len(text)


_INCREMENTAL = {cs: codecs.getincrementaldecoder(codec) for cs, codec in PYTHON_CODEC.items()}


class TextDecoder:
    """Bytes in *charset* to text, chunk by chunk, as charset.decode_text decodes a
    whole body: the first undecodable byte is an error under a strict *log*, else a
    ``bad-charset`` defect, and from there on every such byte is kept as an escape."""

    def __init__(self, charset: Charset, log: DefectLog, misread: DefectLog) -> None:
        self._charset = charset
        self._codec = PYTHON_CODEC[charset]
        self._log = log
        #: The strict refusal of an undecodable byte, once met: the text before it
        #: was the last text decoded, and no more comes (the body's end is not at
        #: hand either: a framer reads on as if more would come).
        self.cut: DecodeError | None = None
        self._decoder = _INCREMENTAL[charset]("strict")
        self._fed = 0
        # As a whole reply is judged: text that reads as another charset misread is said so
        # once (D-wrong-charset), judged on the MISREAD_SAMPLE characters from the
        # first non-ASCII one, so those are held until they are all in (or the end).
        self._misread: DefectLog | None = None if charset == "utf-8" else misread
        self._chars = 0  # characters decoded so far
        self._sample: list[str] = []
        self._sample_raw: list[bytes] = []  # its bytes,
        self._text_fed = False  # unless some of it was fed as text
        self._sample_len = 0
        self._sample_at = 0  # where the sample starts, in characters (= bytes here)

    @property
    def judging(self) -> bool:
        """Whether the misread verdict is pending on a sample begun: a strict decoder
        reads no record until it is in, as the whole-body decoder judges the text
        before it reads a record (the sample is bounded: MISREAD_SAMPLE)."""
        return bool(self._sample)

    def decode(self, chunk: bytes | str, final: bool) -> str:
        """The text of *chunk* (a ``str`` is text already: it passes as it is)."""
        raw: bytes | None = None
        if type(chunk) is not bytes:
            assert isinstance(chunk, str)
            text: str = chunk
        elif final and not self._fed:  # the whole body at once: one decode
            raw = chunk
            try:
                text = chunk.decode(self._codec)
            except UnicodeDecodeError:
                text = self._decode(chunk, final)
        else:
            raw = chunk
            text = self._decode(chunk, final)
        if self._misread is not None:
            self._watch(text, final and self.cut is None, raw)
        self._chars += len(text)
        return text

    def _decode(self, chunk: bytes, final: bool) -> str:
        state = self._decoder.getstate()
        try:
            text: str = self._decoder.decode(chunk, final)
        except UnicodeDecodeError as exc:
            start = self._fed - len(state[0]) + exc.start  # the absolute offset
            found = exc.object[exc.start : exc.end]
            if self._log.policy.strict:
                # The text before the byte is handed on, the error kept for when the
                # framer has read it: a fault before the byte comes first, as it would
                # in smaller chunks (Frame.send raises it when more text is wanted).
                error = DecodeError(f"bytes that are not {self._charset}",
                                    expected=f"{self._charset} text", found=found, pos=start,
                                    kind="bad-charset")
                error.__cause__ = exc
                self.cut = error
                self._fed += len(chunk)
                return str(exc.object[: exc.start].decode(self._codec))
            self._log.report("bad-charset", f"undecodable bytes {found!r} kept as escapes",
                             pos=start)
            self._decoder = _INCREMENTAL[self._charset]("surrogateescape")
            self._decoder.setstate(state)
            text = self._decoder.decode(chunk, final)
        self._fed += len(chunk)
        return text

    def _watch(self, text: str, final: bool, raw: bytes | None) -> None:
        # *raw*: the bytes of *text* (None for text fed as text).  The charsets judged
        # here are single-byte ones: a character's index is its byte's.
        if final and not self._chars:  # the whole text at once: judged as it is
            self._judge(text, raw, 0)
            return
        if not self._sample:
            start = NON_ASCII.search(text)
            if start is None:
                if final:
                    self._misread = None
                return
            at = start.start()
            text, raw = text[at:], None if raw is None else raw[at:]
            self._sample_at = self._chars + at
        self._sample.append(text)
        if raw is None:
            self._text_fed = True
        else:
            self._sample_raw.append(raw)
        self._sample_len += len(text)
        if self._sample_len <= MISREAD_SAMPLE and not final:
            return
        # One character past the sample tells find_misread the text goes on after it.
        sample = "".join(self._sample)[: MISREAD_SAMPLE + 1]
        data = None if self._text_fed else b"".join(self._sample_raw)[: MISREAD_SAMPLE + 1]
        self._sample, self._sample_raw = [], []
        self._judge(sample, data, self._sample_at)

    def _judge(self, text: str, data: bytes | None, at: int) -> None:
        """The verdict on *text* (its bytes *data*, if at hand), which starts at
        character *at* of the reply: said once."""
        log, self._misread = self._misread, None
        assert log is not None
        found = find_misread(text, self._charset, data)
        if found is not None:
            log.report("wrong-charset", found.describe(), pos=at + found.index)
