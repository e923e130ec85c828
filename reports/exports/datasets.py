"""What each export contains: a header and an iterator of rows, never the whole table in memory.

Rows come from ``values_list(...).iterator(chunk_size=...)`` (a server-side cursor on PostgreSQL), so
10,000 rows cost one chunk of memory at a time. Ids, references, dates and numbers stay typed: the CSV
writer turns them into text, the XLSX writer keeps their types. Choices and yes/no are written as their
labels in the language of the header, so a reader needs no code list. Every dataset is filtered by what the
viewer may see (program office and auditors: everything) and the findings follow the anonymisation
rule of ``reports.rules.may_see_company_names``.
"""

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from letters.domain.dates import SEOUL
from letters.domain.verification import public_status
from letters.models import LetterStatus
from letters.selectors import letters_visible_to
from portal.accounts.enums import Sector
from reports.analytics.findings import CompanyLabels
from reports.catalogues.taxonomy import load_taxonomy
from reports.enums import (
    ExportDataset,
    FindingStatus,
    ObligationKind,
    ObligationState,
    ReportKind,
    ReviewState,
    Severity,
)
from reports.models import Finding, Obligation
from reports.selectors import current_filed_reports, latest_filings, today_in_seoul, with_states
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric
from screening.domain.scoring import rounded, sheet_total
from screening.enums import ApplicationState
from screening.models import ScoreSheet
from screening.selectors import applications_visible_to

CHUNK = 2_000


def _chunks(iterator, size: int = CHUNK):
    chunk = []
    for item in iterator:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def seoul(moment: dt.datetime | None) -> dt.datetime | None:
    """Timestamps in Asia/Seoul, without the zone (spreadsheets cannot hold one); the header says so."""
    return moment.astimezone(SEOUL).replace(tzinfo=None, microsecond=0) if moment else None


def labels_of(choices) -> dict:
    """Value -> label of a choice, translated now: a streamed CSV is written after the view has returned,
    so the labels are fixed while the language of the header is still the active one."""
    return {value: str(label) for value, label in choices.choices}


def yes_no() -> dict:
    return {True: _("Yes"), False: _("No")}


@dataclass
class Export:
    dataset: str
    header: list[str]
    queryset: QuerySet
    rows: Iterator[list]

    def count(self) -> int:
        return self.queryset.count()


def _applications(viewer) -> Export:
    queryset = applications_visible_to(viewer).order_by("id")
    fields = ("id", "company__name_ko", "company__name_en", "company__brn", "company__sector", "state",
              "phase__number", "scope_ai_vulnerability_assessment", "scope_saas_security", "submitted_at",
              "decided_at", "granted_at", "created_at")

    sectors, states, yes = labels_of(Sector), labels_of(ApplicationState), yes_no()

    def rows():
        for (pk, name_ko, name_en, brn, sector, state, phase, ai, saas, submitted, decided, granted,
             created) in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
            yield [pk, name_ko, name_en, brn, sectors.get(sector, sector), states.get(state, state), phase,
                   yes.get(ai, ai), yes.get(saas, saas), seoul(submitted), seoul(decided), seoul(granted),
                   seoul(created)]

    header = [_("Application"), _("Company (Korean)"), _("Company (English)"), _("Business registration number"),
              _("Sector"), _("State"), _("Phase"), _("AI vulnerability assessment"), _("SaaS security"),
              _("Submitted (KST)"), _("Decided (KST)"), _("Granted (KST)"), _("Created (KST)")]
    return Export(ExportDataset.APPLICATIONS, header, queryset, rows())


def _scores(viewer) -> Export:
    rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    queryset = (ScoreSheet.objects.filter(submitted_at__isnull=False,
                                          assignment__application__in=applications_visible_to(viewer).values("pk"))
                .order_by("assignment__application_id", "id"))
    fields = ("assignment__application_id", "assignment__application__company__name_ko",
              "assignment__expert__username", "rubric_version", "submitted_at", "scores")

    def rows():
        rubrics = {}
        for application, company, reviewer, version, submitted, scores in queryset.values_list(*fields).iterator(
                chunk_size=CHUNK):
            if version not in rubrics:
                try:
                    rubrics[version] = load_rubric(version)
                except LookupError:
                    rubrics[version] = rubric
            scores = scores or {}
            yield [application, company, reviewer, version, seoul(submitted),
                   rounded(sheet_total(rubrics[version], scores)), *(scores.get(code) for code in rubric.codes())]

    header = [_("Application"), _("Company"), _("Reviewer"), _("Rubric version"), _("Submitted (KST)"),
              _("Total (0-100)"), *rubric.codes()]
    return Export(ExportDataset.SCORES, header, queryset, rows())


def _letters(viewer) -> Export:
    queryset = letters_visible_to(viewer).order_by("year", "number")
    fields = ("reference", "application_id", "company_name_ko", "company_name_en", "issued_at", "valid_from",
              "valid_until", "status", "revoked_at", "sha256")
    today = today_in_seoul()

    class _Row:  # what public_status reads
        __slots__ = ("status", "valid_until")

    statuses = labels_of(LetterStatus)

    def rows():
        probe = _Row()
        for reference, application, name_ko, name_en, issued, start, end, status, revoked, sha in (
                queryset.values_list(*fields).iterator(chunk_size=CHUNK)):
            probe.status, probe.valid_until = status, end
            yield [reference, application, name_ko, name_en, seoul(issued), start, end,
                   statuses[public_status(probe, today=today)], seoul(revoked), sha]

    header = [_("Reference"), _("Application"), _("Company (Korean)"), _("Company (English)"), _("Issued (KST)"),
              _("Valid from"), _("Valid until"), _("Status"), _("Revoked (KST)"), _("SHA-256")]
    return Export(ExportDataset.LETTERS, header, queryset, rows())


def _obligations(viewer) -> Export:
    queryset = Obligation.objects.filter(letter__in=letters_visible_to(viewer).values("pk")).order_by("due_on", "id")
    today = today_in_seoul()
    kinds, states, reviews = labels_of(ObligationKind), labels_of(ObligationState), labels_of(ReviewState)

    def rows():
        latest = latest_filings()  # one small row per filed report, not per exported row
        values = queryset.values("id", "letter__reference", "letter__company_name_ko", "kind", "due_on")
        for chunk in _chunks(values.iterator(chunk_size=CHUNK)):
            for row in with_states(chunk, today, latest=latest):
                yield [row["letter__reference"], row["letter__company_name_ko"], kinds[row["kind"]],
                       row["due_on"], row["effective_due_on"], states[row["state"]],
                       seoul(row["latest_filed_at"]), reviews.get(row["latest_review_state"], "")]

    header = [_("Letter"), _("Company"), _("Report"), _("Due on"), _("Due on now"), _("State"),
              _("Latest filed (KST)"), _("Review")]
    return Export(ExportDataset.OBLIGATIONS, header, queryset, rows())


def _findings(viewer) -> Export:
    labels = CompanyLabels(viewer)
    taxonomy = load_taxonomy()
    queryset = (Finding.objects.filter(report__in=current_filed_reports(),
                                       report__letter__in=letters_visible_to(viewer).values("pk"))
                .order_by("report__filed_at", "report_id", "position", "id"))
    fields = ("report__letter__reference", "report__letter__application__company_id", "report__letter__company_name_ko",
              "report__letter__application__company__sector", "report__kind", "report__version", "report__filed_at",
              "category", "severity", "status", "description", "anticipated_risk", "defence")
    sectors, kinds = labels_of(Sector), labels_of(ReportKind)
    severities, statuses = labels_of(Severity), labels_of(FindingStatus)

    def rows():
        for (reference, company_id, name, sector, kind, version, filed, category, severity, status, description,
             risk, defence) in queryset.values_list(*fields).iterator(chunk_size=CHUNK):
            row = [labels(company_id, name), sectors.get(sector, sector), kinds.get(kind, kind), version,
                   seoul(filed), category, taxonomy.name(category), severities.get(severity, severity),
                   statuses.get(status, status), description, risk, defence]
            yield [reference, *row] if labels.named else row

    header = [_("Company"), _("Sector"), _("Report"), _("Version"), _("Filed (KST)"), _("Category code"),
              _("Threat category"), _("Severity"), _("Remediation status"), _("Description"),
              _("Anticipated risk if used in an attack"), _("Defence measure")]
    if labels.named:
        header = [_("Letter"), *header]
    return Export(ExportDataset.FINDINGS, header, queryset, rows())


BUILDERS = {
    ExportDataset.APPLICATIONS: _applications,
    ExportDataset.SCORES: _scores,
    ExportDataset.LETTERS: _letters,
    ExportDataset.OBLIGATIONS: _obligations,
    ExportDataset.FINDINGS: _findings,
}


def build_export(dataset: str, viewer) -> Export:
    return BUILDERS[ExportDataset(dataset)](viewer)
