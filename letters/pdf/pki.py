"""A development certificate authority and signing certificate, made with ``cryptography``; and the
check of a configured signing identity.

``create_development_pki`` is used by ``letters.bootstrap`` the first time the portal starts, and by
the tests. Every subject says "DEVELOPMENT ONLY - NOT VALID FOR REAL LETTERS": a production deployment
configures its own key and certificate (LETTER_SIGNING_KEY, LETTER_SIGNING_CERT, LETTER_SIGNING_CA),
which ``identity_problems`` checks, and settings without PORTAL_DEMO_ALLOWED refuse to make one.
"""

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID, ObjectIdentifier
from django.utils.translation import gettext as _

from portal.common.demo_guard import require_demo_allowed

DEVELOPMENT_MARK = "DEVELOPMENT ONLY - NOT VALID FOR REAL LETTERS"
# RFC 9336 id-kp-documentSigning; emailProtection is there too because NSS (and so pdfsig) checks
# a PDF signer certificate for the e-mail signer usage.
DOCUMENT_SIGNING = ObjectIdentifier("1.3.6.1.5.5.7.3.36")


@dataclass(frozen=True, slots=True)
class SigningFiles:
    key: Path
    cert: Path
    ca: Path

    def exist(self) -> bool:
        return self.key.is_file() and self.cert.is_file() and self.ca.is_file()


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "KR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Financial Services Commission (development)"),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, DEVELOPMENT_MARK),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    fd = os.open(tmp, flags, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(tmp, path)


def create_development_pki(files: SigningFiles, *, years: int = 10) -> None:
    """Write a new CA certificate, signing key and signing certificate (PEM) to ``files``.

    ECDSA P-256 rather than RSA: pyHanko loads the private key for every signature, and loading (and
    checking) an RSA key costs about 300 ms, an EC key well under 1 ms. Adobe Reader, poppler's
    pdfsig (NSS) and pyHanko all validate ECDSA PAdES signatures.
    """
    require_demo_allowed("letters.pdf.pki.create_development_pki")
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    not_before, not_after = now - dt.timedelta(days=1), now + dt.timedelta(days=365 * years)

    ca_key = ec.generate_private_key(ec.SECP384R1())
    ca_name = _name("FSC No-Action Letter Development CA")
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                     crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA384())
    )

    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("FSC No-Action Letter Signing (development)"))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before).not_valid_after(not_after - dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([DOCUMENT_SIGNING, ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA384())
    )

    # The CA's private key is not kept: nothing else is ever signed with it.
    _write(files.ca, ca_cert.public_bytes(serialization.Encoding.PEM))
    _write(files.key, key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()), private=True)
    _write(files.cert, cert.public_bytes(serialization.Encoding.PEM))


def is_development(certificate: x509.Certificate) -> bool:
    """Whether ``certificate`` names the development CA's mark in its subject or its issuer."""
    return any(DEVELOPMENT_MARK in name.rfc4514_string() for name in (certificate.subject, certificate.issuer))


def _read_certificates(path: Path) -> list[x509.Certificate]:
    data = path.read_bytes()
    return x509.load_pem_x509_certificates(data) if b"-----BEGIN" in data else [x509.load_der_x509_certificate(data)]


def _public_der(key) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def identity_problems(files: SigningFiles, *, now: dt.datetime | None = None) -> list[str]:
    """Everything wrong with the signing identity in ``files`` for real letters; empty when none.

    Each file must exist and parse (the key unencrypted PEM, as the signer loads it without a
    passphrase); the key must belong to the certificate; the certificate must be valid now and issued
    (signature verified) by a CA certificate in the CA file; and neither may be the development CA.
    """
    now = now or dt.datetime.now(dt.UTC)
    missing = [path for path in (files.key, files.cert, files.ca) if not path.is_file()]
    if missing:
        return [_("%(path)s: no such file.") % {"path": path} for path in missing]
    problems = []
    try:
        key = serialization.load_pem_private_key(files.key.read_bytes(), password=None)
    except TypeError:
        problems.append(_("%(path)s: the key is encrypted; the portal signs with an unencrypted key "
                          "(protect the file instead).") % {"path": files.key})
        key = None
    except ValueError as error:
        problems.append(_("%(path)s: not a PEM private key (%(error)s).") % {"path": files.key, "error": error})
        key = None
    try:
        cert = _read_certificates(files.cert)[0]
    except ValueError as error:
        return [*problems, _("%(path)s: not a certificate (%(error)s).") % {"path": files.cert, "error": error}]
    try:
        authorities = _read_certificates(files.ca)
    except ValueError as error:
        return [*problems, _("%(path)s: not a certificate (%(error)s).") % {"path": files.ca, "error": error}]

    if key is not None and _public_der(key.public_key()) != _public_der(cert.public_key()):
        problems.append(_("%(key)s does not belong to the certificate %(cert)s.") % {"key": files.key, "cert": files.cert})
    if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
        problems.append(_("%(path)s: the certificate is valid from %(start)s to %(end)s, not now.") % {
            "path": files.cert, "start": cert.not_valid_before_utc.date(), "end": cert.not_valid_after_utc.date()})
    if not any(_issued_by(cert, authority) for authority in authorities):
        problems.append(_("%(cert)s is not issued by a CA certificate in %(ca)s.") % {"cert": files.cert, "ca": files.ca})
    if is_development(cert) or any(is_development(authority) for authority in authorities):
        problems.append(_("%(cert)s or %(ca)s is the development CA (\"%(mark)s\"), not valid for real letters.")
                        % {"cert": files.cert, "ca": files.ca, "mark": DEVELOPMENT_MARK})
    return problems


def _issued_by(cert: x509.Certificate, authority: x509.Certificate) -> bool:
    try:
        constraints = authority.extensions.get_extension_for_class(x509.BasicConstraints).value
    except x509.ExtensionNotFound:
        return False
    if not constraints.ca:
        return False
    try:
        cert.verify_directly_issued_by(authority)
    except (ValueError, TypeError, InvalidSignature):
        return False
    return True
