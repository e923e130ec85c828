"""The findings analysis for the guideline drafters: findings by threat category, severity and sector
over time, and the narratives of the most severe findings side by side.

Counted: the findings of filed reports that no filed correction replaces (a correction replaces its
old version; counting both would count one finding twice). Five queries whatever the number of
letters, reports and findings (asserted by tests/reports/test_findings_analysis.py).

Anonymised by default. Who sees company names is ``reports.rules.may_see_company_names`` (the program
office and superusers); everyone else sees "Company A", "Company B", ... given in order of first
appearance on the page, so a label says "the same company as above" and nothing more. The letter
reference, which names the company on the public verification page, is shown only with names.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import TruncQuarter
from django.utils.translation import gettext as _

from letters.domain.dates import SEOUL
from portal.accounts.enums import Sector
from portal.common.params import query_date
from portal.errors import InvalidInput
from reports import rules
from reports.catalogues.taxonomy import load_taxonomy
from reports.enums import SEVERITY_RANK, FindingStatus, Severity
from reports.models import Finding
from reports.selectors import current_filed_reports

SEVERE_LIMIT = 12
SEVERITIES = [Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL]


def company_label(index: int) -> str:
    """0 -> "Company A", 25 -> "Company Z", 26 -> "Company AA"."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return _("Company %(label)s") % {"label": letters}


class CompanyLabels:
    """Company names for viewers who may see them; stable anonymous labels for everyone else."""

    def __init__(self, viewer):
        self.named = rules.may_see_company_names(viewer)
        self._labels: dict[int, str] = {}

    def __call__(self, company_id: int, name: str) -> str:
        if self.named:
            return name
        if company_id not in self._labels:
            self._labels[company_id] = company_label(len(self._labels))
        return self._labels[company_id]


@dataclass(frozen=True)
class Filters:
    sector: str = ""
    category: str = ""
    since: dt.date | None = None
    until: dt.date | None = None

    @classmethod
    def from_query(cls, query) -> tuple["Filters", list[str]]:
        """From ``?sector=&category=&since=&until=``; unknown values are dropped with a message."""
        problems = []
        sector = query.get("sector") or ""
        if sector and sector not in Sector.values:
            problems.append(_("Unknown sector “%(value)s” was ignored.") % {"value": sector[:30]})
            sector = ""
        category = query.get("category") or ""
        if category and load_taxonomy().get(category) is None:
            problems.append(_("Unknown threat category “%(value)s” was ignored.") % {"value": category[:60]})
            category = ""
        dates = {}
        for name in ("since", "until"):
            try:
                dates[name] = query_date(query, name)
            except InvalidInput:
                problems.append(_("“%(value)s” is not a date (YYYY-MM-DD) and was ignored.")
                                % {"value": query[name][:20]})
                dates[name] = None
        return cls(sector=sector, category=category, **dates), problems


@dataclass
class SevereFinding:
    company: str
    reference: str
    sector: str
    category: str
    severity: str
    severity_label: str
    status: str
    filed_on: dt.date
    description: str
    anticipated_risk: str
    defence: str


@dataclass
class FindingsAnalysis:
    named: bool
    filters: Filters
    findings: int = 0
    reports: int = 0
    companies: int = 0
    severity_labels: list[str] = field(default_factory=list)
    by_category: list[tuple[str, list[int]]] = field(default_factory=list)
    sector_labels: list[str] = field(default_factory=list)
    by_sector: list[tuple[str, list[int]]] = field(default_factory=list)
    by_quarter: list[tuple[str, list[int]]] = field(default_factory=list)
    severe: list[SevereFinding] = field(default_factory=list)


def counted_findings(filters: Filters) -> QuerySet[Finding]:
    queryset = Finding.objects.filter(report__in=current_filed_reports())
    if filters.sector:
        queryset = queryset.filter(report__letter__application__company__sector=filters.sector)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.since:
        queryset = queryset.filter(report__filed_at__date__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(report__filed_at__date__lte=filters.until)
    return queryset


def severity_rank() -> Case:
    return Case(*(When(severity=s, then=Value(rank)) for s, rank in SEVERITY_RANK.items()),
                default=Value(0), output_field=IntegerField())


def _quarter(moment) -> tuple[int, int]:
    day = moment.date() if isinstance(moment, dt.datetime) else moment
    return day.year, (day.month - 1) // 3 + 1


def quarter_label(year: int, quarter: int) -> str:
    """In the reader's language: 2026 Q4 in English, 2026년 4분기 in Korean."""
    return _("%(year)s Q%(quarter)s") % {"year": year, "quarter": quarter}


def findings_analysis(*, viewer, filters: Filters | None = None) -> FindingsAnalysis:
    filters = filters or Filters()
    taxonomy = load_taxonomy()
    labels = CompanyLabels(viewer)
    result = FindingsAnalysis(named=labels.named, filters=filters,
                              severity_labels=[s.label for s in SEVERITIES])
    base = counted_findings(filters)
    totals = base.aggregate(findings=Count("id"), reports=Count("report", distinct=True),
                            companies=Count("report__letter__application__company", distinct=True))
    result.findings, result.reports, result.companies = totals["findings"], totals["reports"], totals["companies"]

    by_category: dict[str, list[int]] = defaultdict(lambda: [0] * len(SEVERITIES))
    for category, severity, n in base.values_list("category", "severity").annotate(n=Count("id")).order_by():
        if severity in SEVERITIES:
            by_category[category][SEVERITIES.index(severity)] += n
    order = [t.code for t in taxonomy.threats] + sorted(set(by_category) - set(taxonomy.codes()))
    result.by_category = [(taxonomy.name(code), by_category[code]) for code in order if code in by_category]

    sectors = list(Sector)
    by_sector: dict[str, list[int]] = defaultdict(lambda: [0] * len(sectors))
    rows = base.values_list("category", "report__letter__application__company__sector").annotate(n=Count("id"))
    for category, sector, n in rows.order_by():
        if sector in Sector.values:
            by_sector[category][Sector.values.index(sector)] += n
    used = [i for i in range(len(sectors)) if any(row[i] for row in by_sector.values())]
    result.sector_labels = [sectors[i].label for i in used]
    result.by_sector = [(taxonomy.name(code), [by_sector[code][i] for i in used]) for code in order
                        if code in by_sector]

    by_quarter: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * len(SEVERITIES))
    quarters = base.annotate(quarter=TruncQuarter("report__filed_at", tzinfo=SEOUL)).values_list(
        "quarter", "severity").annotate(n=Count("id")).order_by()
    for quarter, severity, n in quarters:
        if severity in SEVERITIES and quarter is not None:
            by_quarter[_quarter(quarter)][SEVERITIES.index(severity)] += n
    result.by_quarter = [(quarter_label(*key), values) for key, values in sorted(by_quarter.items())]

    severe = (
        base.annotate(rank=severity_rank())
        .order_by("-rank", "-report__filed_at", "-id")
        .values("category", "severity", "status", "description", "anticipated_risk", "defence",
                "report__filed_at", "report__letter__reference", "report__letter__company_name_ko",
                "report__letter__application__company_id", "report__letter__application__company__sector")
        [:SEVERE_LIMIT]
    )
    for row in severe:
        result.severe.append(SevereFinding(
            company=labels(row["report__letter__application__company_id"], row["report__letter__company_name_ko"]),
            reference=row["report__letter__reference"] if labels.named else "",
            sector=Sector(row["report__letter__application__company__sector"]).label,
            category=taxonomy.name(row["category"]),
            severity=row["severity"],
            severity_label=Severity(row["severity"]).label if row["severity"] in Severity.values else "",
            status=FindingStatus(row["status"]).label,
            filed_on=row["report__filed_at"].astimezone(SEOUL).date(),
            description=row["description"], anticipated_risk=row["anticipated_risk"], defence=row["defence"],
        ))
    return result
