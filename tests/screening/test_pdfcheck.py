"""The content check of documents: PDF from the first byte, no active content in any object of the file
(names decoded, object streams opened, unlisted objects found), and bounded in objects, depth and time."""

import io

import pytest
from django.utils import translation
from pypdf import PdfReader

from letters.pdf.render import render_letter_pdf
from letters.pdf.sign import sign_pdf
from screening.documents import pdfscan
from screening.documents.pdfcheck import NotAPdf, inspect_pdf
from tests.factories.letters import letter_content

from . import hostile_pdfs as hostile
from .helpers import pdf_bytes


def _refusal(data: bytes) -> NotAPdf:
    with pytest.raises(NotAPdf) as refused:
        inspect_pdf(data)
    return refused.value


@pytest.mark.parametrize(
    ("build", "codes", "phrase"),
    [
        pytest.param(hostile.open_action_javascript, {"javascript"}, "JavaScript", id="open-action-javascript"),
        pytest.param(hostile.launch_with_embedded_program, {"launch", "embedded_file"}, "", id="launch-and-embedded-exe"),
        pytest.param(hostile.embedded_file_only, {"embedded_file"}, "attached", id="embedded-file"),
        pytest.param(hostile.hex_escaped_javascript, {"javascript"}, "JavaScript", id="hex-escaped-name"),
        pytest.param(hostile.javascript_in_object_stream, {"javascript"}, "JavaScript", id="object-stream"),
        pytest.param(lambda: hostile.javascript_in_object_stream(listed=False), {"javascript"}, "JavaScript",
                     id="object-stream-member-not-in-xref"),
        pytest.param(hostile.javascript_in_unlisted_object, {"javascript"}, "JavaScript", id="object-not-in-xref"),
        pytest.param(lambda: hostile.link_to("javascript:app.alert(1)"), {"uri"}, "javascript:", id="javascript-uri"),
        pytest.param(lambda: hostile.link_to(" java\tscript:app.alert(1)"), {"uri"}, "http", id="javascript-uri-split"),
        pytest.param(lambda: hostile.link_to("file:///C:/Windows/System32/calc.exe"), {"uri"}, "http",
                     id="file-uri"),
        pytest.param(hostile.xfa_form, {"xfa"}, "XFA", id="xfa"),
        pytest.param(hostile.submit_form, {"external_action"}, "form data", id="submit-form"),
    ],
)
def test_active_content_is_refused_saying_why(build, codes, phrase):
    refused = _refusal(build())
    assert refused.code in codes
    assert phrase in refused.message


def test_a_file_that_is_not_pdf_from_its_first_byte_is_refused():
    refused = _refusal(hostile.html_then_pdf())
    assert refused.code == "not_pdf_start"
    assert "first byte" in refused.message
    assert _refusal(b" " + pdf_bytes()).code == "not_pdf_start"


def test_refusals_are_in_korean_for_korean_pages():
    with translation.override("ko"):
        message = _refusal(hostile.open_action_javascript()).message
    assert "자바스크립트" in message


@pytest.mark.parametrize("uri", ["https://www.fsc.go.kr/", "HTTP://example.com/a?b=c"])
def test_plain_pdfs_and_web_links_pass(uri):
    assert inspect_pdf(pdf_bytes(pages=3)).page_count == 3
    data = hostile.link_to(uri)
    assert inspect_pdf(data).page_count == 1
    assert pdfscan.active_content(PdfReader(io.BytesIO(data)), data) is None


def test_a_plain_pdf_with_object_streams_passes():
    data = hostile.raw_pdf_with_object_stream(
        [hostile.CATALOG % b"/OpenAction 4 0 R", hostile.PAGES, hostile.PAGE % b""],
        [b"<< /S /GoTo /D [3 0 R /Fit] >>"])
    assert pdfscan.active_content(PdfReader(io.BytesIO(data)), data) is None
    assert inspect_pdf(data).page_count == 1


def test_nesting_deeper_than_the_limit_is_refused_with_its_own_message():
    assert inspect_pdf(hostile.nested_arrays(pdfscan.LIMITS.depth - 4)).page_count == 1
    for depth in (pdfscan.LIMITS.depth + 1, 20_000):  # the second one exhausts pypdf's recursion
        refused = _refusal(hostile.nested_arrays(depth))
        assert refused.code == "too_complex"
        assert "too complex to check" in refused.message


@pytest.mark.parametrize(
    ("limits", "what"),
    [
        (pdfscan.Limits(objects=500), "objects"),
        (pdfscan.Limits(values=1_000), "values"),
        (pdfscan.Limits(seconds=0), "time"),
    ],
)
def test_the_walk_stops_at_its_limits(limits, what):
    data = hostile.reference_chain(3_000)
    reader = PdfReader(io.BytesIO(data))
    assert pdfscan.active_content(reader, data) is None  # within the default limits
    with pytest.raises(pdfscan.ScanLimit) as stopped:
        pdfscan.active_content(PdfReader(io.BytesIO(data)), data, limits)
    assert stopped.value.what == what


def test_a_long_chain_of_references_does_not_exhaust_the_stack():
    data = hostile.reference_chain(20_000)
    assert pdfscan.active_content(PdfReader(io.BytesIO(data)), data) is None


@pytest.mark.slow
@pytest.mark.django_db
def test_the_portals_own_signed_letter_passes(signing_settings):
    letter = sign_pdf(render_letter_pdf(letter_content()), reference="FSC-NAL-2026-0001")
    assert inspect_pdf(letter).page_count >= 1
    assert pdfscan.active_content(PdfReader(io.BytesIO(letter)), letter) is None  # web links only; its form is a signature
