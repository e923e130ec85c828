"""PAdES signatures on issued letters (pyHanko), and their validation.

The key, certificate and CA come from files named in settings (LETTER_SIGNING_KEY, LETTER_SIGNING_CERT,
LETTER_SIGNING_CA). The signer is loaded once per process and reloaded when a file changes, so a
worker pays for parsing the key once, not per letter. Where the settings do not allow demo data
(production), a development certificate is refused: no real letter is signed by the development CA.
"""

import datetime as dt
import threading
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from asn1crypto import pem, x509
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from letters.pdf.pki import DEVELOPMENT_MARK
from portal.common.demo_guard import demo_allowed

FIELD_NAME = "FSC-Signature"
# Room for the CMS signature container. Reserving it skips pyHanko's size estimate, which signs a
# dummy document first (a second signature per letter). The certificate chain is about 1.5 KB.
SIGNATURE_BYTES_RESERVED = 12_000

_lock = threading.Lock()
_cached: dict[tuple, signers.SimpleSigner] = {}


def _files() -> tuple[Path, Path, Path]:
    return Path(settings.LETTER_SIGNING_KEY), Path(settings.LETTER_SIGNING_CERT), Path(settings.LETTER_SIGNING_CA)


def _signer() -> signers.SimpleSigner:
    key, cert, ca = _files()
    try:
        cache_key = tuple((str(p), p.stat().st_mtime_ns) for p in (key, cert, ca))
    except FileNotFoundError as exc:
        raise ImproperlyConfigured(
            f"The letter signing file {exc.filename} does not exist. Run `make run` once (it creates a "
            "development CA) or set LETTER_SIGNING_KEY, LETTER_SIGNING_CERT and LETTER_SIGNING_CA."
        ) from exc
    with _lock:
        signer = _cached.get(cache_key)
        if signer is None:
            signer = signers.SimpleSigner.load(str(key), str(cert), ca_chain_files=(str(ca),))
            if signer is None:
                raise ImproperlyConfigured("The letter signing key or certificate could not be read.")
            _cached.clear()
            _cached[cache_key] = signer
    certificate = signer.signing_cert
    if not demo_allowed() and any(DEVELOPMENT_MARK in name.human_friendly
                                  for name in (certificate.subject, certificate.issuer)):
        raise ImproperlyConfigured(
            f"The letter signing certificate {cert} is the development CA's ({DEVELOPMENT_MARK}); these "
            "settings sign real letters only. Install the real one (manage.py bootstrap_portal checks it)."
        )
    return signer


def sign_pdf(pdf: bytes, *, reference: str) -> bytes:
    """``pdf`` with a PAdES (B-B) signature of the portal's signing certificate appended."""
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=f"No-action letter {reference} issued by the Financial Services Commission",
        location="Seoul, Republic of Korea",
        name="Financial Services Commission",
    )
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    output = signers.sign_pdf(writer, meta, signer=_signer(), bytes_reserved=SIGNATURE_BYTES_RESERVED)
    return output.getvalue()


def load_certificates(path: Path) -> list[x509.Certificate]:
    data = Path(path).read_bytes()
    if pem.detect(data):
        return [x509.Certificate.load(der) for _type, _headers, der in pem.unarmor(data, multiple=True)]
    return [x509.Certificate.load(data)]


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """What a signature check found. ``valid`` means intact, cryptographically sound and trusted."""

    signed: bool
    intact: bool = False
    trusted: bool = False
    covers_whole_file: bool = False
    signer: str = ""
    summary: str = ""

    @property
    def valid(self) -> bool:
        return self.signed and self.intact and self.trusted and self.covers_whole_file


def check_signature(pdf: bytes, *, trust_roots: list[x509.Certificate] | None = None,
                    moment: dt.datetime | None = None) -> SignatureCheck:
    """Validate the letter's signature against the configured CA (or ``trust_roots``).

    Never raises for a damaged or unsigned file: the answer says what is wrong.
    """
    roots = trust_roots if trust_roots is not None else load_certificates(_files()[2])
    try:
        reader = PdfFileReader(BytesIO(pdf), strict=False)
        signatures = reader.embedded_signatures
    except Exception as exc:  # a damaged file is an answer, not an error
        return SignatureCheck(signed=False, summary=f"unreadable PDF: {exc}")
    if not signatures:
        return SignatureCheck(signed=False, summary="no signature")
    embedded = signatures[-1]
    try:
        context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
        status = validate_pdf_signature(embedded, context)
    except Exception as exc:
        return SignatureCheck(signed=True, summary=f"signature could not be validated: {exc}")
    coverage = getattr(status, "coverage", None)
    whole = coverage is not None and coverage.name == "ENTIRE_FILE"
    return SignatureCheck(
        signed=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted),
        covers_whole_file=whole,
        signer=status.signing_cert.subject.human_friendly if status.signing_cert else "",
        summary=status.summary(),
    )
