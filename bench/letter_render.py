"""letter_layout_ms, letter_render_sign_ms, letter_render_ratio: one letter, in one worker process.

letter_layout_ms       WeasyPrint layout alone of the letter (HTML and CSS to laid-out pages), median
letter_render_sign_ms  the whole job for the same letter: template, layout, PDF (fonts subset and
                       embedded), PAdES signature and SHA-256, median
letter_render_ratio    the second over the first, measured in the same run

Measured as a worker process runs it: after its start-up step (fonts loaded, stylesheets and annex laid
out once per process, long-lived objects frozen out of the garbage collector's sight),
alternating the two kinds of run so that a busy machine affects both alike. A development CA is made
in a temporary folder, so the bench needs nothing from `make run`.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.local")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from letters.pdf.files import sha256_hex  # noqa: E402
from letters.pdf.pki import SigningFiles, create_development_pki  # noqa: E402
from letters.pdf.render import layout_letter, render_letter_pdf  # noqa: E402
from letters.pdf.sign import sign_pdf  # noqa: E402
from letters.tasks import prepare_worker_process  # noqa: E402
from tests.factories.letters import letter_content  # noqa: E402

RUNS = 15


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        pki = SigningFiles(key=Path(folder) / "key.pem", cert=Path(folder) / "cert.pem", ca=Path(folder) / "ca.pem")
        create_development_pki(pki)
        settings.LETTER_SIGNING_KEY, settings.LETTER_SIGNING_CERT, settings.LETTER_SIGNING_CA = pki.key, pki.cert, pki.ca
        content = letter_content()
        prepare_worker_process()  # what a Celery worker process does when it starts
        sign_pdf(render_letter_pdf(content), reference=content.reference)

        layouts, jobs = [], []
        for _ in range(RUNS):
            start = time.perf_counter()
            layout_letter(content)
            layouts.append((time.perf_counter() - start) * 1000)
            start = time.perf_counter()
            pdf = sign_pdf(render_letter_pdf(content), reference=content.reference)
            sha256_hex(pdf)
            jobs.append((time.perf_counter() - start) * 1000)

    layout_ms, job_ms = statistics.median(layouts), statistics.median(jobs)
    print(f"letter_layout_ms: {layout_ms:.1f} ms")
    print(f"letter_render_sign_ms: {job_ms:.1f} ms")
    print(f"letter_render_ratio: {job_ms / layout_ms:.2f} x")


if __name__ == "__main__":
    main()
