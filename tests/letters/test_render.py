"""The letter PDF: content, format, fonts, and that hostile text can neither fetch nor read anything.

These tests render real PDFs (a few hundred milliseconds each); the rest of the suite uses stored bytes.
"""

import datetime as dt
import io
import re
import subprocess

import pytest
import segno
from django.conf import settings
from pypdf import PdfReader

from letters.conditions import load as load_conditions
from letters.pdf import render
from letters.pdf.render import LetterURLFetcher, ScopeItem, layout_letter, render_letter_pdf
from tests.factories.letters import letter_content

pytestmark = pytest.mark.slow


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u2068", "").replace("\u2069", ""))


def poppler_text(pdf: bytes) -> str:
    """pdftotext (poppler-utils, a test dependency). pypdf mis-decodes a ToUnicode entry that maps a
    glyph to a surrogate pair (an emoji), though the PDF is correct; poppler reads it right."""
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode().replace("\u2068", "").replace("\u2069", "")


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def letter_pdf() -> bytes:
    return render_letter_pdf(letter_content())


def test_the_letter_carries_names_reference_dates_scope_and_conditions(letter_pdf):
    text = squashed(pdf_text(letter_pdf))
    content = letter_content()
    for expected in (
        "비조치의견서", "No-Action Letter", "금융위원회", "Financial Services Commission",
        content.company_name_ko, content.company_name_en, content.company_brn, content.ciso_name,
        content.reference, "2026년7월1일", "2027년6월30일", "1July2026", "30June2027",
        "ClaudeOpus", "Anthropic", "취약점분석모델K-1", "한국AI연구소", "FalconInsight", "CrowdStrike",
        "분기마다점검결과요약을제출할것.", "Keeptestlogsforthreeyears.",
        f"{settings.PORTAL_BASE_URL}/verify/{content.reference}/",
    ):
        assert squashed(expected) in text, expected
    for condition in load_conditions().conditions:
        assert f"[{condition.code}]" in text
        assert squashed(condition.text_ko)[:40] in text
        assert squashed(condition.text_en)[:40] in text


def test_korean_letter_and_annex_first_then_english(letter_pdf):
    reader = PdfReader(io.BytesIO(letter_pdf))
    pages = [squashed(page.extract_text()) for page in reader.pages]
    assert len(pages) == 4
    korean, korean_annex, english, english_annex = pages
    assert "비조치의견서" in korean and "금융위원회위원장" in korean and "FSC-NAL-2026-0001" in korean
    assert "부속서" in korean_annex and "[use_limited_to_defence]" in korean_annex
    assert "No-ActionLetter" in english and "Chairman,FinancialServicesCommission" in english
    assert "Annex" in english_annex and "[no_action_only]" in english_annex
    assert "망분리" not in english_annex.split("Basis:")[0]


def test_the_annex_is_laid_out_once_and_shared_by_every_letter():
    first = layout_letter(letter_content())
    second = layout_letter(letter_content(reference="FSC-NAL-2026-0002", company_name_en="Other Co."))
    assert first.pages[1] is second.pages[1] and first.pages[3] is second.pages[3]
    assert first.pages[0] is not second.pages[0]
    other = render_letter_pdf(letter_content(reference="FSC-NAL-2026-0002", company_name_en="Other Co."))
    assert "Other Co." in pdf_text(other) and "FSC-NAL-2026-0002" in pdf_text(other)


def test_pages_are_a4_with_embedded_korean_and_true_italic_fonts(letter_pdf):
    reader = PdfReader(io.BytesIO(letter_pdf))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (round(width), round(height)) == (595, 842)  # A4 in points
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]).split("+", 1)[1])
    assert "NanumMyeongjo" in fonts
    assert "Liberation-Serif-Italic" in fonts  # a real italic face, not a slanted regular


def test_the_qr_code_is_an_image_of_the_verification_url(letter_pdf):
    reader = PdfReader(io.BytesIO(letter_pdf))
    images = {image.name: image for page in reader.pages for image in page.images}  # shared resources
    assert len(images) == 1

    expected = segno.make(letter_content().verification_url, error="m", micro=False)
    size = expected.symbol_size(scale=1, border=2)
    assert next(iter(images.values())).image.size == size


def test_fetcher_serves_only_the_portals_static_files():
    fetcher = LetterURLFetcher()
    base = render.static_base_url()
    response = fetcher.fetch(base + "letters/pdf/letter.css")
    assert b"@page" in response.read()
    refused = [
        "file:///etc/passwd",
        "http://169.254.169.254/latest/meta-data/",
        "https://example.com/x.css",
        "ftp://example.com/x",
        base + "../../etc/passwd",
        base + "%2e%2e/%2e%2e/etc/passwd.css",
        base + "letters/pdf/letter.css?x=1",
        base + "letters/pdf/does-not-exist.css",
        base + "letters/pdf/letter.py",
        "data:text/css,body{background:url(file:///etc/passwd)}",
        settings.PORTAL_BASE_URL + "/admin/",
        "http://evil.example/static/letters/pdf/letter.css",
    ]
    for url in refused:
        with pytest.raises(render.RefusedURL):
            fetcher.fetch(url)
    assert fetcher.refused == refused


def test_fetcher_allows_only_the_data_uris_the_renderer_made():
    fetcher = LetterURLFetcher()
    made = render.qr_png_data_uri("http://127.0.0.1:8000/verify/FSC-NAL-2026-0001/")
    fetcher.allow_data_uri(made)
    assert fetcher.fetch(made).read().startswith(b"\x89PNG")
    with pytest.raises(render.RefusedURL):
        fetcher.fetch(made.replace("iVBOR", "iVBPR", 1))


def test_weasyprint_goes_through_the_fetcher_and_gets_nothing(tmp_path):
    """Not reachable from user text (it is escaped); proves the fetcher is what WeasyPrint uses."""
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    html = (
        f'<html><head><link rel="stylesheet" href="file://{secret}"></head><body>'
        '<img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '<p style="background: url(https://example.com/bg.png)">x</p></body></html>'
    )
    fetcher = LetterURLFetcher()
    with render._lock:
        render._layout(html, fetcher).write_pdf()
    assert set(fetcher.refused) == {
        f"file://{secret}", "file:///etc/passwd", "http://127.0.0.1:9/x.png", "https://example.com/bg.png",
    }


HOSTILE = [
    '<img src="file:///etc/passwd"><script>alert(1)</script>',
    '</td></tr></table><link rel="stylesheet" href="http://127.0.0.1:9/evil.css">',
    "body{background:url(file:///etc/passwd)} @import url(http://127.0.0.1:9/x.css);",
    '" style="background:url(http://127.0.0.1:9/y.png)',
    "\u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \U0001f600\U0001f4a3",
]


def test_hostile_text_is_printed_literally_and_fetches_nothing():
    long_name = "가" * 150 + "W" * 50
    content = letter_content(
        company_name_ko=HOSTILE[0],
        company_name_en=HOSTILE[1],
        ciso_name=HOSTILE[4],
        ai_models=(ScopeItem(HOSTILE[2], HOSTILE[3]), ScopeItem("x" * 200, "y" * 200)),
        saas_products=tuple(ScopeItem(f"{long_name}{i}", "vendor") for i in range(3)),
        specific_conditions=(HOSTILE[2] * 20, "file:///etc/passwd"),
    )
    fetcher = LetterURLFetcher()
    pdf = render_letter_pdf(content, fetcher=fetcher)
    assert fetcher.refused == []  # nothing was even attempted: the text never became markup
    text = squashed(poppler_text(pdf))
    for needle in ('<imgsrc="file:///etc/passwd"><script>alert(1)</script>', "</td></tr></table><link",
                   "@importurl(http://127.0.0.1:9/x.css);", "file:///etc/passwd", "evil"):
        assert needle in text, needle
    assert "root:x:0:0" not in text
    assert content.reference in text and "2027년6월30일" in text  # the rest of the letter is intact


def test_dates_in_both_languages():
    assert render.date_ko(dt.date(2029, 2, 28)) == "2029년 2월 28일"
    assert render.date_en(dt.date(2029, 2, 28)) == "28 February 2029"
