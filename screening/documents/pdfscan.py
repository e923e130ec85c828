"""Does a PDF carry active content? A bounded walk of every object pypdf can find in the file.

Reviewers open these files on the regulator's desktops, so anything a viewer may run, launch, fetch
or hand over is refused, not stripped: the uploader re-exports the document instead.

What the walk sees:

- every indirect object the cross-reference tables and streams list (every revision's table: pypdf
  follows ``/Prev``), and every object a reference leads to;
- every member of every object stream (``/Type /ObjStm``), whether or not a table lists it;
- every ``N G obj`` header in the raw bytes that no table points to (an old revision, or an object
  hidden from the table for the readers that rebuild it).

Names come decoded from pypdf (``/J#61vaScript`` is ``/JavaScript``). Content streams (the page
drawing operators) are not parsed: nothing in them can act.

What is refused, by the name that gives it away (as a key or as a value, anywhere):

- ``javascript``: ``/JS``, ``/JavaScript`` (actions, the document's name tree);
- ``launch``: ``/Launch`` (runs a program or opens a file);
- ``embedded_file``: ``/EmbeddedFile``, ``/EmbeddedFiles``, ``/EF``, ``/FileAttachment``;
- ``xfa``: ``/XFA`` (XML forms carry their own scripts);
- ``external_action``: ``/GoToR``, ``/GoToE`` (open another or an embedded document),
  ``/ImportData``, ``/SubmitForm`` (read or send form data);
- ``media``: ``/RichMedia``, ``/RichMediaExecute``, ``/Rendition``, ``/Movie``, ``/Sound``, ``/3D``
  (players and 3D scenes run their own code);
- ``uri``: a ``/URI`` (link action, or the catalog's base URI) to anything but ``http://`` or
  ``https://`` — ``javascript:``, ``file:``, ``mailto:``, relative addresses alike.

Limits (a hostile file must not exhaust memory or time; reaching one raises ``ScanLimit``): the number
of objects, of values visited, the nesting depth, the decoded size of object streams, and a deadline.
pypdf's own limits (stream sizes, array and dictionary sizes, cross-reference entries) apply beneath.
"""

import io
import re
import time
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
    read_object,
)

ACTIVE_NAMES = {
    "/JS": "javascript", "/JavaScript": "javascript",
    "/Launch": "launch",
    "/EmbeddedFile": "embedded_file", "/EmbeddedFiles": "embedded_file", "/EF": "embedded_file",
    "/FileAttachment": "embedded_file",
    "/XFA": "xfa",
    "/GoToR": "external_action", "/GoToE": "external_action", "/ImportData": "external_action",
    "/SubmitForm": "external_action",
    "/RichMedia": "media", "/RichMediaExecute": "media", "/Rendition": "media", "/Movie": "media",
    "/Sound": "media", "/3D": "media",
}
WEB_SCHEMES = ("http://", "https://")
_WHITE_SPACE = b"\x00\t\n\f\r "

# "12 0 obj" where it starts a token (not after a digit; "obj" not followed by a letter), and the
# white space after it, so that the match ends where the object's value begins.
_OBJECT_HEADER = re.compile(
    rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\f\r ]+([0-9]{1,5})[\x00\t\n\f\r ]+obj(?![A-Za-z])[\x00\t\n\f\r ]*")


@dataclass(frozen=True, slots=True)
class Limits:
    objects: int = 200_000
    values: int = 2_000_000
    depth: int = 64
    object_stream_bytes: int = 64 * 1024 * 1024
    seconds: float = 10.0


LIMITS = Limits()


class ScanLimit(Exception):
    """The file reached one of the walk's limits; ``what`` names it (objects, values, depth, ...)."""

    def __init__(self, what: str):
        super().__init__(what)
        self.what = what


class _Found(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def is_web_address(value) -> bool:
    """http(s) only. Control characters and spaces are dropped first, as browsers drop them
    ("java\\tscript:" is still javascript:)."""
    if isinstance(value, ByteStringObject | bytes):
        value = bytes(value).decode("latin-1")
    text = "".join(ch for ch in str(value) if ch > " " and ch != "\x7f").lower()
    return text.startswith(WEB_SCHEMES)


def active_content(reader: PdfReader, data: bytes, limits: Limits = LIMITS) -> str | None:
    """The first kind of active content found (a key of ``ACTIVE_NAMES``' values, or ``uri``), or None.
    Raises ``ScanLimit`` when the file is too large to walk, and pypdf's errors when it cannot be read."""
    try:
        _Walk(reader, limits).run(data)
    except _Found as found:
        return found.code
    return None


def _resolved(value):
    return value.get_object() if isinstance(value, IndirectObject) else value


class _Walk:
    """One iterative walk (a shared stack, so a long chain of references cannot exhaust Python's)."""

    def __init__(self, reader: PdfReader, limits: Limits):
        self.reader = reader
        self.limits = limits
        self.deadline = time.monotonic() + limits.seconds
        self.seen: set[tuple[int, int]] = set()
        self.expanded: dict[int, StreamObject] = {}  # id() -> the stream, kept alive so ids stay unique
        self.objects = 0
        self.values = 0  # pushed onto the stack: bounds the stack as well as the work
        self.popped = 0
        self.stream_bytes = 0
        self.stack: list[tuple[object, int]] = []

    def run(self, data: bytes) -> None:
        reader = self.reader
        listed = [(num, gen) for gen, table in reader.xref.items() for num in table]
        if len(listed) + len(reader.xref_objStm) > self.limits.objects:
            raise ScanLimit("objects")
        self._drain(reader.trailer)
        for num, gen in listed:
            self._drain(IndirectObject(num, gen, reader))
        # Members of object streams are read by expanding their stream (all members, listed or not);
        # a member whose stream is not itself listed is resolved on its own.
        for stream_number in sorted({stream for stream, _index in reader.xref_objStm.values()}):
            self._drain(IndirectObject(stream_number, 0, reader))
        for num in reader.xref_objStm:
            self._drain(IndirectObject(num, 0, reader))
        self._orphans(data)

    # --- objects -------------------------------------------------------------------------------

    def _count(self) -> None:
        self.objects += 1
        if self.objects > self.limits.objects:
            raise ScanLimit("objects")

    def _first_sight(self, key: tuple[int, int]) -> bool:
        if key in self.seen:
            return False
        self.seen.add(key)
        self._count()
        return True

    def _resolve(self, num: int, gen: int):
        reader = self.reader
        value = reader.get_object(IndirectObject(num, gen, reader))
        if gen != 0 or num not in reader.xref_objStm:
            # Each object is walked once; pypdf's cache would keep every one of them in memory.
            reader.resolved_objects.pop((gen, num), None)
        return value

    def _orphans(self, data: bytes) -> None:
        """Objects in the bytes that no cross-reference entry points to. Ones that do not parse are
        text that only looks like a header (inside a stream) and are skipped. The table is read again
        here, not taken from ``run``: pypdf adds the entries it repaired or found while the walk resolved."""
        listed = {(num, gen): offset for gen, table in self.reader.xref.items() for num, offset in table.items()}
        stream = self.reader.stream
        for match in _OBJECT_HEADER.finditer(data):
            offset = listed.get((int(match.group(1)), int(match.group(2))))
            if offset is not None and abs(offset - match.start()) <= 4:
                continue
            self._tick()
            self._count()
            try:
                stream.seek(match.end())
                value = read_object(stream, self.reader)
            except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError):
                continue
            self._drain(value)

    def _expand_object_stream(self, stream: StreamObject) -> None:
        """Push every member of an object stream, parsed from its decoded bytes."""
        data = stream.get_data()
        self.stream_bytes += len(data)
        if self.stream_bytes > self.limits.object_stream_bytes:
            raise ScanLimit("object_stream_bytes")
        first = _resolved(dict.get(stream, "/First"))
        if not isinstance(first, int) or not 0 <= first <= len(data):
            raise PyPdfError("object stream without a valid /First")
        numbers = data[:first].split()
        buffer = io.BytesIO(data)
        for objnum, offset in zip(numbers[0::2], numbers[1::2], strict=False):
            if not (objnum.isdigit() and offset.isdigit()):
                raise PyPdfError("object stream with a malformed header")
            self.seen.add((int(objnum), 0))
            self._count()
            position = first + int(offset)
            while position < len(data) and data[position] in _WHITE_SPACE:
                position += 1
            buffer.seek(position)
            self._push((read_object(buffer, self.reader), 0))

    # --- values --------------------------------------------------------------------------------

    def _tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise ScanLimit("time")

    def _push(self, *entries: tuple[object, int]) -> None:
        self.values += len(entries)
        if self.values > self.limits.values:
            raise ScanLimit("values")
        self.stack.extend(entries)

    def _drain(self, root) -> None:
        stack = self.stack
        self._push((root, 0))
        while stack:
            value, depth = stack.pop()
            self.popped += 1
            if self.popped % 2048 == 0:
                self._tick()
            if isinstance(value, IndirectObject):
                if self._first_sight((value.idnum, value.generation)):
                    self._push((self._resolve(value.idnum, value.generation), 0))
            elif isinstance(value, NameObject):
                self._name(value)
            elif isinstance(value, DictionaryObject):
                if depth >= self.limits.depth:
                    raise ScanLimit("depth")
                for key, item in dict.items(value):
                    self._name(key)
                    if key == "/URI":
                        self._uri(item)
                self._push(*((item, depth + 1) for item in dict.values(value)))
                if isinstance(value, StreamObject) and _resolved(dict.get(value, "/Type")) == "/ObjStm" \
                        and id(value) not in self.expanded:
                    self.expanded[id(value)] = value
                    self._expand_object_stream(value)
            elif isinstance(value, ArrayObject):
                if depth >= self.limits.depth:
                    raise ScanLimit("depth")
                self._push(*((item, depth + 1) for item in value))

    @staticmethod
    def _name(name) -> None:
        code = ACTIVE_NAMES.get(str(name))
        if code:
            raise _Found(code)

    def _uri(self, value) -> None:
        value = _resolved(value)
        if isinstance(value, DictionaryObject):  # the catalog's URI dictionary: relative links resolve against /Base
            base = value.get("/Base")
            if base is not None and not is_web_address(base):
                raise _Found("uri")
        elif not isinstance(value, TextStringObject | ByteStringObject | str | bytes) or not is_web_address(value):
            raise _Found("uri")
