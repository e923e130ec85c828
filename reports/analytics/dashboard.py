"""The program dashboard: every figure in a constant number of queries, whatever the number of
companies, applications and letters (asserted by tests/reports/test_dashboard.py; timed by
bench/dashboard.py). Aggregation happens in the database where SQL says it well (counts by state and
phase, letter counts) and in Python where the rule lives in Python (eligibility, scoring, obligation
state), over narrow ``values_list`` rows.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from django.core.cache import cache
from django.db.models import Count, Max, Q, Sum

from eligibility.ruleset import Facts, evaluate, load_ruleset
from letters.models import Letter, LetterStatus
from portal.accounts.models import Company
from reports.domain.obligations import LatestFiling, effective_due_on, obligation_state
from reports.enums import EXPIRING_SOON_DAYS, ObligationState
from reports.models import Obligation
from reports.selectors import latest_filings, reports_awaiting_review
from screening.catalogues.rubric import CURRENT_RUBRIC_VERSION, load_rubric
from screening.domain.scoring import rounded, summarise
from screening.enums import ApplicationState
from screening.models import Application, Phase, ScoreSheet

S = ApplicationState
# Where screening has finished, so a pass or fail is final.
SCREENED_STATES = frozenset({S.SCREENED, S.APPROVED, S.REJECTED, S.GRANTED, S.EXPIRED, S.REVOKED})
TOTAL_BANDS = ((0, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 101))
LIST_LIMIT = 20
SCREENING_CACHE_SECONDS = 3600


@dataclass
class CriterionDistribution:
    code: str
    title: str
    counts: list[int]  # how many scores of 1, 2, ... 5
    mean: float | None


@dataclass
class Dashboard:
    today: dt.date
    companies: int = 0
    eligible_companies: int = 0
    applied_companies: int = 0
    applications: int = 0
    drafts: int = 0
    by_state: list[tuple[str, str, int]] = field(default_factory=list)
    phase_states: list[str] = field(default_factory=list)
    phases: list[tuple[str, list[int]]] = field(default_factory=list)
    criteria: list[CriterionDistribution] = field(default_factory=list)
    total_bands: list[tuple[str, int]] = field(default_factory=list)
    screened: int = 0
    passed: int = 0
    letters: dict = field(default_factory=dict)
    expiring: list = field(default_factory=list)
    obligations: dict = field(default_factory=dict)
    overdue: list = field(default_factory=list)
    awaiting_review: int = 0

    @property
    def pass_rate(self) -> float | None:
        return rounded(Fraction(self.passed * 100, self.screened), 1) if self.screened else None


@lru_cache(maxsize=10_000)
def _eligible(version: str, facts: Facts) -> bool:
    # Memoised: evaluation is pure, and a registry holds few distinct sets of facts.
    return evaluate(facts, load_ruleset(version)).eligible


def _eligibility(board: Dashboard) -> None:
    version = load_ruleset().version
    rows = Company.objects.values_list("total_assets_krw", "regular_staff", "efta_covered", "ciso_appointed",
                                       "assets_as_of")
    for assets, staff, efta, ciso, as_of in rows:
        board.companies += 1
        board.eligible_companies += _eligible(version, Facts(assets, staff, efta, ciso, as_of))


def _pipeline(board: Dashboard) -> None:
    by_state: Counter = Counter()
    by_phase: dict[int | None, Counter] = defaultdict(Counter)
    for state, phase_id, n in Application.objects.values_list("state", "phase_id").annotate(n=Count("id")).order_by():
        by_state[state] += n
        if phase_id is not None:
            by_phase[phase_id][state] += n
    board.drafts = by_state[S.DRAFT]
    board.applications = sum(by_state.values()) - board.drafts
    board.by_state = [(s.value, s.label, by_state[s]) for s in S if s != S.DRAFT]
    board.applied_companies = (Application.objects.exclude(submitted_at=None).values("company_id").distinct()
                               .order_by().count())
    present = [s for s in S if any(c[s] for c in by_phase.values())]
    board.phase_states = [s.label for s in present]
    board.phases = [(str(phase), [by_phase[phase.pk][s] for s in present]) for phase in Phase.objects.order_by("number")]


def application_result(version: str, sheets: list[dict]) -> tuple[Fraction | None, bool | None]:
    """(total, passed) of one application's submitted sheets, by screening's own ``summarise``."""
    key = tuple(sorted(tuple(sorted((code, int(score)) for code, score in sheet.items())) for sheet in sheets))
    return _result(version, key)


@lru_cache(maxsize=50_000)
def _result(version: str, sheets: tuple) -> tuple[Fraction | None, bool | None]:
    # Memoised: summarise is pure, submitted sheets never change, and its exact (Fraction) arithmetic
    # costs about a millisecond per application, which the dashboard would pay 1,000 times per view.
    try:
        rubric = load_rubric(version)
    except LookupError:
        rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    summary = summarise(rubric, [dict(sheet) for sheet in sheets])
    return summary.total, summary.passed


def _submitted_sheets():
    return ScoreSheet.objects.filter(submitted_at__isnull=False, assignment__removed_at__isnull=True)


def _screening(board: Dashboard) -> None:
    """Score distributions, totals and the pass rate. Submitted sheets never change, so the result is
    cached under a fingerprint of the sheets counted and of which applications are screened (one
    aggregate query); it is computed again whenever a sheet is submitted or removed or an application
    enters or leaves the screened states."""
    screened = Q(assignment__application__state__in=SCREENED_STATES)
    fingerprint = _submitted_sheets().aggregate(n=Count("id"), ids=Sum("id"), last=Max("submitted_at"),
                                           screened=Count("id", filter=screened),
                                           screened_ids=Sum("assignment__application_id", filter=screened))
    key = "reports:dashboard:screening:" + ":".join(
        str(fingerprint[k].timestamp() if k == "last" and fingerprint[k] else fingerprint[k])
        for k in ("n", "ids", "last", "screened", "screened_ids")) + f":{CURRENT_RUBRIC_VERSION}"
    cached = cache.get(key)
    if cached is None:
        cached = _screening_figures()
        cache.set(key, cached, SCREENING_CACHE_SECONDS)
    criteria, board.total_bands, board.screened, board.passed = cached
    rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    board.criteria = [CriterionDistribution(code, rubric.get(code).title, counts, mean)  # in today's language
                      for code, counts, mean in criteria]


def _screening_figures() -> tuple:
    rubric = load_rubric(CURRENT_RUBRIC_VERSION)
    counts = {c.code: [0] * (rubric.score_max - rubric.score_min + 1) for c in rubric.criteria}
    sheets: dict[int, list] = defaultdict(list)
    states: dict[int, str] = {}
    versions: dict[int, str] = {}
    rows = _submitted_sheets().values_list("assignment__application_id", "assignment__application__state",
                                           "rubric_version", "scores")
    for application_id, state, version, scores in rows:
        for code, score in (scores or {}).items():
            if code in counts and rubric.score_min <= int(score) <= rubric.score_max:
                counts[code][int(score) - rubric.score_min] += 1
        sheets[application_id].append(scores or {})
        states[application_id] = state
        versions[application_id] = version
    criteria = [
        (c.code, counts[c.code],
         rounded(Fraction(sum((i + rubric.score_min) * n for i, n in enumerate(counts[c.code])),
                          sum(counts[c.code]))) if sum(counts[c.code]) else None)
        for c in rubric.criteria
    ]
    bands = [0] * len(TOTAL_BANDS)
    screened = passed = 0
    for application_id, application_sheets in sheets.items():
        total, ok = application_result(versions[application_id] or CURRENT_RUBRIC_VERSION, application_sheets)
        if total is None:
            continue
        bands[next(i for i, (low, high) in enumerate(TOTAL_BANDS) if low <= total < high)] += 1
        if states[application_id] in SCREENED_STATES:
            screened += 1
            passed += bool(ok)
    total_bands = [(f"{low}–{min(high, 100)}", n) for (low, high), n in zip(TOTAL_BANDS, bands, strict=True)]
    return criteria, total_bands, screened, passed


def _letters(board: Dashboard) -> None:
    today = board.today
    soon = today + dt.timedelta(days=EXPIRING_SOON_DAYS)
    valid = Q(status=LetterStatus.VALID)
    board.letters = Letter.objects.aggregate(
        issued=Count("id"),
        in_force=Count("id", filter=valid & Q(valid_from__lte=today, valid_until__gte=today)),
        not_yet=Count("id", filter=valid & Q(valid_from__gt=today)),
        expiring_soon=Count("id", filter=valid & Q(valid_until__gte=today, valid_until__lte=soon)),
        expired=Count("id", filter=Q(status=LetterStatus.EXPIRED) | (valid & Q(valid_until__lt=today))),
        revoked=Count("id", filter=Q(status=LetterStatus.REVOKED)),
    )
    board.expiring = list(
        Letter.objects.filter(valid, valid_until__gte=today, valid_until__lte=soon)
        .only("reference", "company_name_ko", "valid_until").order_by("valid_until", "id")[:LIST_LIMIT]
    )


def _obligations(board: Dashboard) -> None:
    """Obligations of letters not revoked: a revoked letter's reports can no longer be filed."""
    counts = Counter()
    overdue = []
    latest = latest_filings()
    rows = Obligation.objects.exclude(letter__status=LetterStatus.REVOKED).values_list(
        "id", "kind", "due_on", "letter__reference", "letter__company_name_ko").order_by("due_on", "id")
    for pk, kind, due_on, reference, company in rows:
        filing = latest.get(pk)
        filing = filing and LatestFiling(filing["latest_review_state"], filing["latest_resubmit_by"])
        state = obligation_state(due_on=due_on, latest=filing, today=board.today)
        counts[state] += 1
        if state == ObligationState.OVERDUE and len(overdue) < LIST_LIMIT:
            overdue.append({"kind": kind, "letter__reference": reference, "letter__company_name_ko": company,
                            "effective_due_on": effective_due_on(due_on, filing)})
    board.obligations = {s.value: counts[s] for s in ObligationState}
    board.overdue = overdue
    board.awaiting_review = reports_awaiting_review().count()


def program_dashboard(*, today: dt.date) -> Dashboard:
    """Every figure of the dashboard as of ``today`` (Asia/Seoul), in nine queries."""
    board = Dashboard(today=today)
    _eligibility(board)
    _pipeline(board)
    _screening(board)
    _letters(board)
    _obligations(board)
    return board
