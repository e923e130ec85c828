"""Start-up step of letters, run by `make run` (prepare_portal): a development signing identity.

The first time, when none of the signing files exists, this writes a development CA and signing
certificate, marked "DEVELOPMENT ONLY - NOT VALID FOR REAL LETTERS" in every subject. It never
replaces existing files, and leaves a partly configured set alone (and says so).
"""

import sys
from pathlib import Path

from django.conf import settings

from .pki import DEVELOPMENT_MARK, SigningFiles, create_development_pki


def configured_files() -> SigningFiles:
    return SigningFiles(
        key=Path(settings.LETTER_SIGNING_KEY),
        cert=Path(settings.LETTER_SIGNING_CERT),
        ca=Path(settings.LETTER_SIGNING_CA),
    )


def bootstrap(stdout=None) -> None:
    out = stdout or sys.stdout
    files = configured_files()
    if files.exist():
        return
    present = [p for p in (files.key, files.cert, files.ca) if p.exists()]
    if present:
        out.write(
            "Letters: the signing key, certificate and CA are only partly present "
            f"({', '.join(str(p) for p in present)}); letters cannot be signed until all three exist.\n"
        )
        return
    create_development_pki(files)
    out.write(
        f"Letters: created a development CA and signing certificate in {files.cert.parent} "
        f"({DEVELOPMENT_MARK}). Set LETTER_SIGNING_KEY, LETTER_SIGNING_CERT and LETTER_SIGNING_CA for real letters.\n"
    )
