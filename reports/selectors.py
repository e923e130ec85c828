"""Read-side queries of reports, filtered with the same logic as rules.py."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.domain.dates import SEOUL
from letters.models import Letter, LetterStatus
from letters.selectors import is_reference, letters_visible_to
from portal.errors import NotFound
from reports.domain.obligations import LatestFiling, effective_due_on, obligation_state
from reports.enums import ReportStatus, ReviewState
from reports.models import Finding, FindingsReport, Obligation, VulnerabilityTest


def letter_not_found() -> NotFound:
    return NotFound(_("This letter does not exist or is not available to you."))


def report_not_found() -> NotFound:
    return NotFound(_("This report does not exist or is not available to you."))


def today_in_seoul() -> dt.date:
    return timezone.localdate(timezone=SEOUL)


def visible_letter(user, reference: str) -> Letter:
    """The letter if ``user`` may see it; NotFound otherwise (existence never leaks). A reference of the
    wrong shape (from a path: ``a%00b``) is not looked up at all, as letters' own endpoints do."""
    letter = letters_visible_to(user).filter(reference=reference).first() if is_reference(reference) else None
    if letter is None:
        raise letter_not_found()
    return letter


LATEST_FIELDS = ("latest_report_id", "latest_review_state", "latest_resubmit_by", "latest_filed_at")
_ALL_BEYOND = 1_000  # above this many obligations, read every filing instead of a long IN list


def latest_filings(obligation_ids=None) -> dict[int, dict]:
    """What the state of each obligation needs from its latest filed report, in one query (a plain
    scan of filed reports: no correlated subquery, so no dependence on the planner's statistics)."""
    queryset = FindingsReport.objects.filter(status=ReportStatus.FILED, obligation__isnull=False)
    if obligation_ids is not None:
        queryset = queryset.filter(obligation_id__in=list(obligation_ids))
    latest: dict[int, dict] = {}
    rows = queryset.values_list("obligation_id", "pk", "review_state", "resubmit_by", "filed_at").order_by(
        "filed_at", "id")
    for obligation_id, pk, review, resubmit_by, filed_at in rows:
        latest[obligation_id] = dict(zip(LATEST_FIELDS, (pk, review, resubmit_by, filed_at), strict=True))
    return latest


def _get(row, name):
    return row.get(name) if isinstance(row, dict) else getattr(row, name, None)


def latest_filing_of(row) -> LatestFiling | None:
    """From an obligation (model or ``values()`` dict) that ``with_states`` has filled in."""
    review = _get(row, "latest_review_state")
    return LatestFiling(review, _get(row, "latest_resubmit_by")) if review else None


def state_of(row, today: dt.date) -> str:
    return obligation_state(due_on=_get(row, "due_on"), latest=latest_filing_of(row), today=today)


def with_states(obligations, today: dt.date, *, latest: dict[int, dict] | None = None) -> list:
    """Evaluate obligations (models, or ``values()`` dicts with ``id`` and ``due_on``) and fill in their
    latest filing, ``state`` and ``effective_due_on``. Two queries in all."""
    items = list(obligations)
    if latest is None:
        ids = [_get(item, "id") for item in items]
        latest = latest_filings(ids if len(ids) <= _ALL_BEYOND else None)
    empty = dict.fromkeys(LATEST_FIELDS)
    for item in items:
        values = latest.get(_get(item, "id"), empty)
        if isinstance(item, dict):
            item.update(values)
        else:
            for name, value in values.items():
                setattr(item, name, value)
        filing = latest_filing_of(item)
        state = obligation_state(due_on=_get(item, "due_on"), latest=filing, today=today)
        due = effective_due_on(_get(item, "due_on"), filing)
        if isinstance(item, dict):
            item.update(state=state, effective_due_on=due)
        else:
            item.state, item.effective_due_on = state, due
    return items


def obligations_of_letter(letter: Letter, today: dt.date) -> list[Obligation]:
    return with_states(letter.obligations.order_by("due_on", "id"), today)


def all_obligations(user) -> QuerySet[Obligation]:
    """Every obligation of every letter ``user`` may see, with the letter and company joined (pass it
    through ``with_states``)."""
    return (Obligation.objects.filter(letter__in=letters_visible_to(user).values("pk"))
            .select_related("letter", "letter__application__company").order_by("due_on", "id"))


# --- reports ---------------------------------------------------------------------------------------
def _report_contents() -> tuple[Prefetch, Prefetch]:
    return (Prefetch("tests", queryset=VulnerabilityTest.objects.order_by("position", "id")),
            Prefetch("findings", queryset=Finding.objects.order_by("position", "id")))


def reports_of_letter(user, letter: Letter) -> QuerySet[FindingsReport]:
    """The reports of a letter: every filed version, and drafts only for the company that prepares them
    (a draft is the company's working copy; the office sees what is filed)."""
    queryset = letter.findings_reports.select_related("created_by", "filed_by", "reviewed_by", "supersedes")
    if not (user.is_company_user and user.company_id == letter.application.company_id):
        queryset = queryset.filter(status=ReportStatus.FILED)
    superseded = FindingsReport.objects.filter(supersedes=OuterRef("pk"), status=ReportStatus.FILED)
    return (queryset.annotate(is_superseded=Exists(superseded))
            .prefetch_related(*_report_contents()).order_by("kind", "-version", "-id"))


def visible_report(user, pk: int) -> FindingsReport:
    """A report whose letter ``user`` may see (a draft only for its company); NotFound otherwise."""
    report = (
        FindingsReport.objects.filter(pk=pk, letter__in=letters_visible_to(user).values("pk"))
        .select_related("letter", "letter__application__company", "obligation", "created_by", "filed_by",
                        "reviewed_by", "supersedes")
        .prefetch_related(*_report_contents())
        .first()
    )
    if report is None:
        raise report_not_found()
    if report.is_draft and not (user.is_company_user and user.company_id == report.letter.application.company_id):
        raise report_not_found()
    return report


def chain_of(report: FindingsReport) -> list[FindingsReport]:
    """Every version of the report's chain, oldest first (a few rows; one query per step back)."""
    versions = [report]
    while versions[0].supersedes_id:
        versions.insert(0, FindingsReport.objects.get(pk=versions[0].supersedes_id))
    newer = FindingsReport.objects.filter(supersedes=report).first()
    while newer is not None:
        versions.append(newer)
        newer = FindingsReport.objects.filter(supersedes=newer).first()
    return versions


def current_filed_reports() -> QuerySet[FindingsReport]:
    """Filed reports that no filed correction replaces: what the analyses count. (NOT IN over the
    corrections: a hashed subplan, fast whatever the planner knows about the tables.)"""
    replaced = FindingsReport.objects.filter(status=ReportStatus.FILED, supersedes__isnull=False).values(
        "supersedes_id")
    return FindingsReport.objects.filter(status=ReportStatus.FILED).exclude(pk__in=replaced)


def reports_awaiting_review() -> QuerySet[FindingsReport]:

    return (current_filed_reports().filter(review_state=ReviewState.PENDING)
            .select_related("letter", "letter__application__company").order_by("filed_at", "id"))


def letters_with_reports_for(user) -> QuerySet[Letter]:
    """The company's letters (or every visible letter), for the reports home page."""
    return letters_visible_to(user).select_related("application__company")


def open_letter_filter(today: dt.date) -> Q:

    return Q(status=LetterStatus.VALID, valid_until__gte=today)
