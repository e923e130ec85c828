"""Creating a letter's reporting obligations. Idempotent: one obligation per (letter, kind), held by a
unique constraint, so the periodic sync, the lazy creation on read and a race of both agree.

Letters cannot import reports (layers point one way), so nothing in letters calls this when a letter is
issued. Instead the sync job (reports.tasks.sync_obligations) creates what is missing for every letter,
and the obligations page and API create a letter's own obligations the first time they are read.
"""

from django.db import transaction
from django.db.models import Count

from letters.models import Letter
from portal.audit.services import audit_record
from reports.domain.dates import obligation_due_dates
from reports.enums import ObligationKind
from reports.models import Obligation

KINDS = tuple(ObligationKind.values)


def _missing(letter: Letter, existing: set[str]) -> list[Obligation]:
    due = obligation_due_dates(valid_from=letter.valid_from, valid_until=letter.valid_until)
    return [Obligation(letter_id=letter.pk, kind=kind, due_on=due[kind]) for kind in KINDS if kind not in existing]


def obligations_ensure(*, letter: Letter) -> bool:
    """Create whatever obligation ``letter`` lacks. Returns whether anything was created. Atomic, audited."""
    existing = set(Obligation.objects.filter(letter_id=letter.pk).values_list("kind", flat=True))
    if len(existing) == len(KINDS):
        return False
    return bool(_create(_missing(letter, existing), [letter]))


def obligations_sync(*, batch_size: int = 500) -> int:
    """The periodic job: create the missing obligations of every letter, in batches (one audit entry per
    batch). Returns how many letters got obligations. Safe to run twice, or twice at once."""
    created = 0
    while True:
        letters = list(
            Letter.objects.annotate(n=Count("obligations")).filter(n__lt=len(KINDS))
            .only("pk", "reference", "valid_from", "valid_until").order_by("pk")[:batch_size]
        )
        if not letters:
            return created
        existing: dict[int, set[str]] = {}
        for letter_id, kind in Obligation.objects.filter(letter__in=letters).values_list("letter_id", "kind"):
            existing.setdefault(letter_id, set()).add(kind)
        rows = [row for letter in letters for row in _missing(letter, existing.get(letter.pk, set()))]
        created += _create(rows, letters)
        if not rows or len(letters) < batch_size:
            return created


def _create(rows: list[Obligation], letters: list[Letter]) -> int:
    if not rows:
        return 0
    with transaction.atomic():
        # ignore_conflicts: a concurrent run that created one first is not an error.
        Obligation.objects.bulk_create(rows, ignore_conflicts=True)
        touched = {row.letter_id for row in rows}
        references = [letter.reference for letter in letters if letter.pk in touched]
        audit_record(
            actor=None, action="obligations.create", object_type="letters.letter",
            object_id=letters[0].pk if len(letters) == 1 else "",
            after={"letters": references,
                   "due": {f"{row.letter_id}:{row.kind}": row.due_on for row in rows}},
        )
    return len(touched)

