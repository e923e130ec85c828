"""Read-side queries for letters, filtered with the same logic as rules.py; and the issuance
integrity check that the fault benchmark and the worker tests ask after the fact."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from letters.models import REFERENCE_RE, Letter, ReferenceCounter, format_reference
from letters.pdf.files import sha256_hex
from portal.common.storage import path_of
from screening.enums import ApplicationState
from screening.models import Application
from screening.selectors import applications_visible_to

# The states in which an application has been approved and so must hold its letter (approved: the
# issuance task is queued; the later states are reached only through the letter).
STATES_WITH_A_LETTER = (ApplicationState.APPROVED, ApplicationState.GRANTED, ApplicationState.EXPIRED,
                        ApplicationState.REVOKED)


def letters_visible_to(user) -> QuerySet[Letter]:
    """The letters of the applications ``user`` may see, with the application and company joined."""
    return (
        Letter.objects.filter(application__in=applications_visible_to(user).values("pk"))
        .select_related("application", "application__company")
        .order_by("-issued_at", "-id")
    )


def is_reference(text: str) -> bool:
    return bool(REFERENCE_RE.match(text or ""))


def letter_for_verification(reference: str) -> Letter | None:
    """The letter with this reference, for the public page; None for unknown or malformed ones."""
    if not is_reference(reference):
        return None
    return Letter.objects.filter(reference=reference).first()


@dataclass(frozen=True, slots=True)
class IssuanceIntegrity:
    """What ``issuance_integrity()`` found. Each tuple names the offenders; ``ok`` when all are empty."""

    letters: int
    approved_without_letter: tuple[int, ...]  # application ids
    applications_with_several_letters: tuple[int, ...]  # application ids
    unissued_references: tuple[str, ...]  # numbers a year's sequence skipped (or the counter gave out)
    missing_pdfs: tuple[str, ...]  # letter references whose stored file is gone
    altered_pdfs: tuple[str, ...]  # letter references whose file differs from its stored size or SHA-256

    @property
    def bad_pdfs(self) -> tuple[str, ...]:
        return self.missing_pdfs + self.altered_pdfs

    @property
    def ok(self) -> bool:
        return not (self.approved_without_letter or self.applications_with_several_letters
                    or self.unissued_references or self.bad_pdfs)


def issuance_integrity() -> IssuanceIntegrity:
    """Check what issuance guarantees, over the whole database and the private storage: every approved
    application has a letter, none has two, each year's references run 1..N without a gap (N also
    being the year's counter), and every stored PDF is there with its recorded size and SHA-256.

    Read-only, and it reads every PDF: meant for a benchmark or a test after the work has settled (an
    application approved a moment ago is reported until its task has issued the letter). Several
    letters for one application is forbidden by the one-to-one column; it is counted all the same, so
    that losing the constraint would show here."""
    approved_without_letter = tuple(
        Application.objects.filter(state__in=STATES_WITH_A_LETTER, letter__isnull=True)
        .order_by("id").values_list("id", flat=True)
    )
    several = tuple(
        Letter.objects.values("application_id").annotate(n=Count("id")).filter(n__gt=1)
        .order_by("application_id").values_list("application_id", flat=True)
    )
    numbers: dict[int, set[int]] = {}
    missing, altered = [], []
    rows = Letter.objects.order_by("year", "number").values_list("year", "number", "reference", "pdf_name",
                                                                  "pdf_size", "sha256")
    for year, number, reference, pdf_name, pdf_size, sha256 in rows.iterator():
        numbers.setdefault(year, set()).add(number)
        path = path_of(pdf_name)
        if not path.is_file():
            missing.append(reference)
        elif path.stat().st_size != pdf_size or sha256_hex(path.read_bytes()) != sha256:
            altered.append(reference)
    last_numbers = dict(ReferenceCounter.objects.values_list("year", "last_number"))
    unissued = [
        format_reference(year, n)
        for year in sorted(numbers.keys() | last_numbers.keys())
        for n in range(1, max(max(numbers.get(year, {0})), last_numbers.get(year, 0)) + 1)
        if n not in numbers.get(year, set())
    ]
    return IssuanceIntegrity(
        letters=sum(len(issued) for issued in numbers.values()),
        approved_without_letter=approved_without_letter,
        applications_with_several_letters=several,
        unissued_references=tuple(unissued),
        missing_pdfs=tuple(missing),
        altered_pdfs=tuple(altered),
    )
