"""Start-up steps of letters.

``bootstrap`` is run by `make run` (prepare_portal): the first time, when none of the signing files
exists, it writes a development CA and signing certificate, marked "DEVELOPMENT ONLY - NOT VALID FOR
REAL LETTERS" in every subject. It never replaces existing files, and leaves a partly configured set
alone (and says so). Settings without PORTAL_DEMO_ALLOWED (production) refuse it.

``production_check`` is run by an operator's `manage.py bootstrap_portal`: it names everything wrong
with the configured signing identity for real letters.
"""

import sys
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from letters.pdf.pki import DEVELOPMENT_MARK, SigningFiles, create_development_pki, identity_problems
from portal.common.demo_guard import require_demo_allowed


def configured_files() -> SigningFiles:
    return SigningFiles(
        key=Path(settings.LETTER_SIGNING_KEY),
        cert=Path(settings.LETTER_SIGNING_CERT),
        ca=Path(settings.LETTER_SIGNING_CA),
    )


def bootstrap(stdout=None) -> None:
    require_demo_allowed("letters.bootstrap.bootstrap")
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


def production_check(stdout=None) -> list[str]:
    """What is wrong with the configured signing identity (LETTER_SIGNING_KEY, _CERT, _CA) for real
    letters; empty, after saying so on ``stdout``, when nothing is. Reads the files, writes nothing."""
    files = configured_files()
    problems = identity_problems(files)
    if not problems and stdout:
        stdout.write(_("Letters: the signing key %(key)s, certificate %(cert)s and CA %(ca)s are valid for "
                       "real letters.") % {"key": files.key, "cert": files.cert, "ca": files.ca})
    return problems
