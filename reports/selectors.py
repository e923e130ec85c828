"""Read-side queries of reports, filtered with the same logic as rules.py."""

import datetime as dt

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from letters.dates import SEOUL
from letters.models import Letter
from letters.selectors import letters_visible_to
from portal.errors import NotFound

from .domain.obligations import LatestFiling, effective_due_on, obligation_state
from .enums import ReportStatus
from .models import Finding, FindingsReport, Obligation, VulnerabilityTest


def letter_not_found() -> NotFound:
    return NotFound(_("This letter does not exist or is not available to you."))


def report_not_found() -> NotFound:
    return NotFound(_("This report does not exist or is not available to you."))


def today_in_seoul() -> dt.date:
    return timezone.localdate(timezone=SEOUL)


def visible_letter(user, reference: str) -> Letter:
    """The letter if ``user`` may see it; NotFound otherwise (existence never leaks)."""
    letter = letters_visible_to(user).filter(reference=reference).first()
    if letter is None:
        raise letter_not_found()
    return letter


def _latest_filed(outer: str = "pk") -> QuerySet[FindingsReport]:
    return FindingsReport.objects.filter(obligation=OuterRef(outer), status=ReportStatus.FILED).order_by(
        "-filed_at", "-id")


def obligations_with_latest_filing(queryset: QuerySet[Obligation] | None = None) -> QuerySet[Obligation]:
    """Obligations annotated with what their state needs from the latest filed report (one query)."""
    queryset = Obligation.objects.all() if queryset is None else queryset
    latest = _latest_filed()
    return queryset.annotate(
        latest_report_id=Subquery(latest.values("pk")[:1]),
        latest_review_state=Subquery(latest.values("review_state")[:1]),
        latest_resubmit_by=Subquery(latest.values("resubmit_by")[:1]),
        latest_filed_at=Subquery(latest.values("filed_at")[:1]),
    )


def latest_filing_of(row) -> LatestFiling | None:
    """From an annotated obligation (model or ``values()`` dict)."""
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    review = get("latest_review_state")
    return LatestFiling(review, get("latest_resubmit_by")) if review else None


def state_of(row, today: dt.date) -> str:
    get = row.get if isinstance(row, dict) else lambda name: getattr(row, name)
    return obligation_state(due_on=get("due_on"), latest=latest_filing_of(row), today=today)


def with_states(obligations, today: dt.date) -> list[Obligation]:
    """Evaluate annotated obligations, setting ``state`` and ``effective_due_on`` on each."""
    result = list(obligations)
    for obligation in result:
        latest = latest_filing_of(obligation)
        obligation.state = obligation_state(due_on=obligation.due_on, latest=latest, today=today)
        obligation.effective_due_on = effective_due_on(obligation.due_on, latest)
    return result


def obligations_of_letter(letter: Letter, today: dt.date) -> list[Obligation]:
    return with_states(obligations_with_latest_filing(letter.obligations.order_by("due_on", "id")), today)


def all_obligations(user) -> QuerySet[Obligation]:
    """Every obligation of every letter ``user`` may see, with the letter and company joined."""
    return obligations_with_latest_filing(
        Obligation.objects.filter(letter__in=letters_visible_to(user).values("pk"))
        .select_related("letter", "letter__application__company")
        .order_by("due_on", "id")
    )


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
    """Filed reports that no filed correction replaces: what the analyses count."""
    superseded = FindingsReport.objects.filter(supersedes=OuterRef("pk"), status=ReportStatus.FILED)
    return FindingsReport.objects.filter(status=ReportStatus.FILED).exclude(Exists(superseded))


def reports_awaiting_review() -> QuerySet[FindingsReport]:
    from .enums import ReviewState

    return (current_filed_reports().filter(review_state=ReviewState.PENDING)
            .select_related("letter", "letter__application__company").order_by("filed_at", "id"))


def letters_with_reports_for(user) -> QuerySet[Letter]:
    """The company's letters (or every visible letter), for the reports home page."""
    return letters_visible_to(user).select_related("application__company")


def open_letter_filter(today: dt.date) -> Q:
    from letters.models import LetterStatus

    return Q(status=LetterStatus.VALID, valid_until__gte=today)
