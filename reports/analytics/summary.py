"""A printable PDF summary of the program as it stood at the end of a given day (Asia/Seoul).

"As it stood": applications are counted in the state they had then (from their recorded history; the
current state when the day is today or later), letters by their dates and revocations up to then,
obligations by the reports filed and reviewed up to then, findings of the reports filed up to then
(a correction filed later does not replace its old version yet). The figures are plain values
gathered in a constant number of queries; the PDF is laid out by WeasyPrint with the portal's Korean
font, fetching nothing but the portal's own static files (letters.pdf.render.LetterURLFetcher).
"""

import datetime as dt
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from letters.domain.dates import SEOUL
from letters.models import Letter
from letters.pdf.render import LetterURLFetcher, static_base_url
from portal.accounts.models import Company
from reports.analytics.charts import bar_chart
from reports.analytics.dashboard import SCREENED_STATES
from reports.catalogues.taxonomy import load_taxonomy
from reports.domain.obligations import LatestFiling, obligation_state
from reports.enums import SEVERITY_RANK, ObligationKind, ObligationState, ReportStatus, ReviewState, Severity
from reports.models import Finding, FindingsReport, Obligation
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric
from screening.domain.scoring import rounded, summarise
from screening.enums import ApplicationState
from screening.models import Application, ScoreSheet, StateChange

TEMPLATE = "reports/pdf/summary.html"
STYLESHEET = "reports/pdf/summary.css"
S = ApplicationState


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` in Seoul: everything strictly before it happened by then."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=SEOUL)


@dataclass
class ProgramSummary:
    as_of: dt.date
    generated_at: dt.datetime
    companies: int = 0
    applications: int = 0
    by_state: list[tuple[str, int]] = field(default_factory=list)
    screened: int = 0
    passed: int = 0
    letters: dict = field(default_factory=dict)
    obligations: list[tuple[str, list[int]]] = field(default_factory=list)
    obligation_states: list[str] = field(default_factory=list)
    findings: int = 0
    by_category: list[tuple[str, list[int]]] = field(default_factory=list)
    severities: list[str] = field(default_factory=list)

    @property
    def pass_rate(self):
        return rounded(Fraction(self.passed * 100, self.screened), 1) if self.screened else None


def _states_then(day: dt.date, end: dt.datetime) -> dict[int, str]:
    """Each application's state at ``end``: its current state for today (or later), otherwise the target
    of its last recorded change before then (draft when none)."""
    if day >= timezone.localdate(timezone=SEOUL):
        return dict(Application.objects.values_list("pk", "state"))
    last = StateChange.objects.filter(application=OuterRef("pk"), at__lt=end).order_by("-at", "-id")
    rows = Application.objects.filter(created_at__lt=end).annotate(then=Subquery(last.values("to_state")[:1]))
    return {pk: state or S.DRAFT for pk, state in rows.values_list("pk", "then")}


def _screening(summary: ProgramSummary, end: dt.datetime, states: dict[int, str]) -> None:
    rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    sheets: dict[int, list] = defaultdict(list)
    rows = ScoreSheet.objects.filter(submitted_at__lt=end, assignment__removed_at__isnull=True).values_list(
        "assignment__application_id", "scores")
    for application_id, scores in rows:
        sheets[application_id].append(scores or {})
    for application_id, application_sheets in sheets.items():
        result = summarise(rubric, application_sheets)
        if result.total is not None and states.get(application_id) in SCREENED_STATES:
            summary.screened += 1
            summary.passed += bool(result.passed)


def program_summary(day: dt.date) -> ProgramSummary:
    end = end_of_day(day)
    summary = ProgramSummary(as_of=day, generated_at=timezone.now())
    summary.companies = Company.objects.filter(created_at__lt=end).count()
    states = _states_then(day, end)
    counts_by_state = Counter(states.values())
    summary.applications = sum(n for state, n in counts_by_state.items() if state != S.DRAFT)
    summary.by_state = [(s.label, counts_by_state[s]) for s in S if s != S.DRAFT]
    _screening(summary, end, states)

    issued = Letter.objects.filter(issued_at__lt=end)
    revoked_then = Q(revoked_at__lt=end)
    summary.letters = issued.aggregate(
        issued=Count("id"),
        in_force=Count("id", filter=Q(valid_from__lte=day, valid_until__gte=day) & ~revoked_then),
        expired=Count("id", filter=Q(valid_until__lt=day) & ~revoked_then),
        revoked=Count("id", filter=revoked_then),
    )

    filed_then = FindingsReport.objects.filter(obligation=OuterRef("pk"), status=ReportStatus.FILED,
                                               filed_at__lt=end).order_by("-filed_at", "-id")
    rows = Obligation.objects.filter(letter__in=issued.exclude(revoked_then)).annotate(
        review=Subquery(filed_then.values("review_state")[:1]),
        reviewed_at=Subquery(filed_then.values("reviewed_at")[:1]),
        resubmit_by=Subquery(filed_then.values("resubmit_by")[:1]),
    ).values_list("kind", "due_on", "review", "reviewed_at", "resubmit_by")
    counts: dict[str, Counter] = defaultdict(Counter)
    for kind, due_on, review, reviewed_at, resubmit_by in rows:
        if review and review != ReviewState.PENDING and (reviewed_at is None or reviewed_at >= end):
            review, resubmit_by = ReviewState.PENDING, None  # the review came later
        latest = LatestFiling(review, resubmit_by) if review else None
        counts[kind][obligation_state(due_on=due_on, latest=latest, today=day)] += 1
    summary.obligation_states = [s.label for s in ObligationState]
    summary.obligations = [(k.label, [counts[k][s] for s in ObligationState]) for k in ObligationKind]

    newer = FindingsReport.objects.filter(supersedes=OuterRef("report_id"), status=ReportStatus.FILED,
                                          filed_at__lt=end)
    findings = Finding.objects.filter(report__status=ReportStatus.FILED, report__filed_at__lt=end).exclude(
        Exists(newer))
    taxonomy = load_taxonomy()
    severities = sorted(SEVERITY_RANK, key=SEVERITY_RANK.get)
    by_category: dict[str, list[int]] = defaultdict(lambda: [0] * len(severities))
    for category, severity, n in findings.values_list("category", "severity").annotate(n=Count("id")).order_by():
        summary.findings += n
        if severity in severities:
            by_category[category][severities.index(severity)] += n
    summary.severities = [Severity(s).label for s in severities]
    summary.by_category = [(taxonomy.name(code), by_category[code]) for code in taxonomy.codes() if code in by_category]
    return summary


# --- rendering -----------------------------------------------------------------------------------------
_lock = threading.Lock()
_resources: dict = {}


def _shared() -> tuple[FontConfiguration, CSS]:
    """One font configuration and parsed stylesheet per process (call with ``_lock`` held)."""
    if not _resources:
        font_config = FontConfiguration()
        _resources["css"] = CSS(url=static_base_url() + STYLESHEET, url_fetcher=LetterURLFetcher(),
                                font_config=font_config)
        _resources["font_config"] = font_config
    return _resources["font_config"], _resources["css"]


def summary_html(summary: ProgramSummary) -> str:
    return render_to_string(TEMPLATE, {
        "summary": summary,
        "generated": summary.generated_at.astimezone(SEOUL),
        "states_chart": bar_chart(summary.by_state, title="states", key="states"),
    })


def render_summary_pdf(summary: ProgramSummary) -> bytes:
    html = summary_html(summary)
    with _lock:
        font_config, stylesheet = _shared()
        document = HTML(string=html, base_url=static_base_url(), url_fetcher=LetterURLFetcher())
        return document.write_pdf(stylesheets=[stylesheet], font_config=font_config)
