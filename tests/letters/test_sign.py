"""PAdES signing: valid against the development CA (pyHanko and pdfsig), invalid after one changed byte."""

import io
import re
import shutil
import subprocess

import pytest
from cryptography import x509
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.reader import PdfFileReader

from letters import bootstrap as letters_bootstrap
from letters.pdf.pki import DEVELOPMENT_MARK, SigningFiles, create_development_pki
from letters.pdf.render import render_letter_pdf
from letters.pdf.sign import FIELD_NAME, check_signature, load_certificates, sign_pdf
from tests.factories.letters import letter_content

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def unsigned_pdf() -> bytes:
    return render_letter_pdf(letter_content())


@pytest.fixture
def signed_pdf(unsigned_pdf) -> bytes:
    return sign_pdf(unsigned_pdf, reference="FSC-NAL-2026-0001")


def test_signature_validates_against_the_development_ca(signed_pdf, signing_files):
    check = check_signature(signed_pdf)
    assert check.valid, check.summary
    assert check.intact and check.trusted and check.covers_whole_file
    assert DEVELOPMENT_MARK in check.signer
    assert check_signature(signed_pdf, trust_roots=load_certificates(signing_files.ca)).valid


def signed_ranges(pdf: bytes) -> list[tuple[int, int]]:
    numbers = [int(n) for n in re.search(rb"/ByteRange\s*\[\s*([\d\s]+)\]", pdf).group(1).split()]
    return [(numbers[0], numbers[0] + numbers[1]), (numbers[2], numbers[2] + numbers[3])]


@pytest.mark.parametrize("where", ["header", "first range", "content hex", "second range", "last byte"])
def test_one_changed_byte_breaks_the_signature(signed_pdf, where):
    (start1, end1), (start2, end2) = signed_ranges(signed_pdf)
    index = {
        "header": 2,
        "first range": (start1 + end1) // 2,
        "content hex": end1 + 10,  # inside the CMS signature itself
        "second range": (start2 + end2) // 2,
        "last byte": end2 - 3,
    }[where]
    damaged = bytearray(signed_pdf)
    damaged[index] = ord("7") if damaged[index] != ord("7") else ord("8")
    check = check_signature(bytes(damaged))
    assert not check.valid, where


def test_the_signature_covers_every_byte_but_its_own_container(signed_pdf):
    """The one part a signature cannot cover is the zero padding of its container; that is why the
    stored sha256 (of exactly the served bytes) is what verification compares, not the signature."""
    (start1, end1), (start2, end2) = signed_ranges(signed_pdf)
    assert start1 == 0 and end2 == len(signed_pdf)
    assert signed_pdf[end1:start2].startswith(b"<") and signed_pdf[end1:start2].endswith(b">")


def test_another_ca_does_not_trust_it(signed_pdf, tmp_path):
    other = SigningFiles(key=tmp_path / "k.pem", cert=tmp_path / "c.pem", ca=tmp_path / "ca.pem")
    create_development_pki(other)
    check = check_signature(signed_pdf, trust_roots=load_certificates(other.ca))
    assert check.intact and not check.trusted and not check.valid


def test_unsigned_and_garbage_files_are_answers_not_errors(unsigned_pdf):
    assert not check_signature(unsigned_pdf).signed
    assert not check_signature(b"not a pdf at all").valid
    assert not check_signature(b"%PDF-1.7\n" + b"\x00" * 100).valid


def test_the_signature_is_pades(signed_pdf):
    signature = PdfFileReader(io.BytesIO(signed_pdf)).embedded_signatures[0]
    assert signature.field_name == FIELD_NAME
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


@pytest.mark.skipif(not (shutil.which("pdfsig") and shutil.which("certutil")),
                    reason="poppler-utils and libnss3-tools (TEST_DEBS) are needed")
def test_pdfsig_reports_the_signature_valid_and_trusted(signed_pdf, signing_files, tmp_path):
    nss = tmp_path / "nss"
    nss.mkdir()
    subprocess.run(["certutil", "-N", "-d", f"sql:{nss}", "--empty-password"], check=True, capture_output=True)
    subprocess.run(["certutil", "-A", "-d", f"sql:{nss}", "-n", "nal-dev-ca", "-t", "C,C,C",
                    "-i", str(signing_files.ca)], check=True, capture_output=True)
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(signed_pdf)
    report = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report

    damaged = bytearray(signed_pdf)
    damaged[len(damaged) // 3] ^= 0x01
    pdf.write_bytes(bytes(damaged))
    report = subprocess.run(["pdfsig", "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid." not in report


def test_bootstrap_creates_a_marked_development_identity_once(settings, tmp_path):
    settings.LETTER_SIGNING_KEY = tmp_path / "pki" / "key.pem"
    settings.LETTER_SIGNING_CERT = tmp_path / "pki" / "cert.pem"
    settings.LETTER_SIGNING_CA = tmp_path / "pki" / "ca.pem"
    out = io.StringIO()
    letters_bootstrap.bootstrap(stdout=out)
    assert DEVELOPMENT_MARK in out.getvalue()
    for path in (settings.LETTER_SIGNING_CERT, settings.LETTER_SIGNING_CA):
        cert = x509.load_pem_x509_certificate(path.read_bytes())
        assert DEVELOPMENT_MARK in cert.subject.rfc4514_string()
    assert settings.LETTER_SIGNING_KEY.stat().st_mode & 0o077 == 0  # the key is private
    before = settings.LETTER_SIGNING_KEY.read_bytes()
    again = io.StringIO()
    letters_bootstrap.bootstrap(stdout=again)
    assert again.getvalue() == "" and settings.LETTER_SIGNING_KEY.read_bytes() == before


def test_bootstrap_leaves_a_partial_configuration_alone(settings, tmp_path):
    settings.LETTER_SIGNING_KEY = tmp_path / "key.pem"
    settings.LETTER_SIGNING_CERT = tmp_path / "cert.pem"
    settings.LETTER_SIGNING_CA = tmp_path / "ca.pem"
    settings.LETTER_SIGNING_CERT.write_text("someone's certificate")
    out = io.StringIO()
    letters_bootstrap.bootstrap(stdout=out)
    assert "partly present" in out.getvalue()
    assert not settings.LETTER_SIGNING_KEY.exists()


def test_a_missing_key_is_a_clear_configuration_error(settings, tmp_path, unsigned_pdf):
    settings.LETTER_SIGNING_KEY = tmp_path / "missing.pem"
    with pytest.raises(ImproperlyConfigured, match="make run"):
        sign_pdf(unsigned_pdf, reference="FSC-NAL-2026-0001")
