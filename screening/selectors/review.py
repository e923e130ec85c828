"""Read-side queries of the review part: phases with their counts, what each expert has to do, the
office's board, who may be assigned, the score sheets and assessments each user may see.

Every list is a fixed number of queries however many rows it has (joined and annotated, not looped).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from portal.accounts.enums import Role
from portal.accounts.models import User
from screening import rules
from screening.domain.proposals import Candidate, PhaseRoom, Waiting, propose_allocation, propose_panel
from screening.enums import (
    ASSIGNABLE_STATES,
    DEFAULT_ADVISORS,
    DEFAULT_REVIEWERS,
    PHASE_SEAT_EXCLUDED_STATES,
    ApplicationState,
    AssignmentKind,
    PhaseState,
)
from screening.models import Application, Assessment, Assignment, ConflictOfInterest, Phase, ScoreSheet

S = ApplicationState


# --- phases and allocation ------------------------------------------------------------------------


def phases_with_counts() -> QuerySet[Phase]:
    """Every phase with ``seated`` (applications holding a place) and ``scheduled_count`` (waiting to
    start), in one query."""
    return Phase.objects.annotate(
        seated=Count("applications", filter=~Q(applications__state__in=PHASE_SEAT_EXCLUDED_STATES), distinct=True),
        scheduled_count=Count("applications", filter=Q(applications__state=S.SCHEDULED), distinct=True),
    ).order_by("number")


def applications_awaiting_phase() -> QuerySet[Application]:
    """Eligible applications not yet scheduled, in submission order."""
    return (
        Application.objects.filter(state=S.ELIGIBLE)
        .select_related("company", "preferred_phase")
        .order_by("submitted_at", "id")
    )


@dataclass(frozen=True, slots=True)
class ProposedPlacement:
    application: Application
    phase: Phase | None
    preferred: bool


def proposed_allocation() -> list[ProposedPlacement]:
    """The portal's proposal for every eligible application: submission order, preferred phase,
    capacity. Two queries."""
    today = timezone.localdate()
    phases = list(phases_with_counts())
    waiting = list(applications_awaiting_phase())
    rooms = [PhaseRoom(p.id, p.number, max(p.capacity_max - p.seated, 0), p.accepts_applications(today))
             for p in sorted(phases, key=lambda p: (p.starts_on, p.number))]
    placements = propose_allocation([Waiting(a.id, a.preferred_phase_id) for a in waiting], rooms)
    by_id = {p.id: p for p in phases}
    applications = {a.id: a for a in waiting}
    return [ProposedPlacement(applications[p.application_id], by_id.get(p.phase_id), p.preferred)
            for p in placements]


# --- assignments -------------------------------------------------------------------------------------


def assignments_of(application: Application, *, include_removed: bool = False) -> QuerySet[Assignment]:
    qs = application.assignments.all() if include_removed else application.assignments.active()
    return qs.select_related("expert", "assigned_by", "score_sheet", "assessment").order_by("kind", "assigned_at", "id")


def assignments_visible_to(user, application: Application) -> QuerySet[Assignment]:
    """The office and auditors: every assignment (removed ones too, for the record); an expert: their own."""
    if rules.can_read_reviews(user):
        return assignments_of(application, include_removed=True)
    if rules.is_expert(user):
        return assignments_of(application).filter(expert=user)
    return Assignment.objects.none()


def open_loads() -> dict[int, int]:
    """Expert id -> active assignments on applications still being screened (one query)."""
    rows = (
        Assignment.objects.active().filter(application__state__in=ASSIGNABLE_STATES)
        .values("expert_id").annotate(n=Count("id"))
    )
    return {row["expert_id"]: row["n"] for row in rows}


def experts() -> QuerySet[User]:
    return User.objects.filter(is_active=True, is_superuser=False, role__in=[Role.REVIEWER, Role.ADVISOR])


def experts_free_for(application: Application) -> QuerySet[User]:
    """Active reviewers and advisors who may be assigned to ``application``: no conflict declared with
    its company and not already assigned to it."""
    conflicted = ConflictOfInterest.objects.filter(expert=OuterRef("pk"), company_id=application.company_id)
    assigned = Assignment.objects.active().filter(expert=OuterRef("pk"), application_id=application.pk)
    return experts().exclude(Exists(conflicted)).exclude(Exists(assigned)).order_by("role", "username")


def panel_size(application: Application) -> dict[str, int]:
    phase = application.phase

    return {
        AssignmentKind.REVIEWER: phase.reviewers_per_application if phase else DEFAULT_REVIEWERS,
        AssignmentKind.ADVISOR: phase.advisors_per_application if phase else DEFAULT_ADVISORS,
    }


def proposed_panel(application: Application, *, loads: dict[int, int] | None = None) -> list[User]:
    """The experts the portal proposes to add to ``application`` to reach its panel size, least-loaded
    first. Pass the same ``loads`` for several applications to balance across them."""
    loads = open_loads() if loads is None else loads
    size = panel_size(application)
    current = dict(Assignment.objects.active().filter(application=application).values_list("kind").annotate(n=Count("id")))
    needed = {kind: size[kind] - current.get(kind, 0) for kind in size}
    free = list(experts_free_for(application))
    chosen = propose_panel(needed=needed, candidates=[Candidate(u.pk, u.role) for u in free], loads=loads)
    users = {u.pk: u for u in free}
    return [users[c.user_id] for c in chosen]


# --- what each user may see of scores and assessments ---------------------------------------------------


def submitted_score_sheets(application: Application) -> QuerySet[ScoreSheet]:
    """Submitted sheets of active assignments (drafts and removed experts never count)."""
    return (
        ScoreSheet.objects.filter(assignment__application=application, assignment__removed_at__isnull=True,
                                  submitted_at__isnull=False)
        .select_related("assignment__expert").order_by("submitted_at", "id")
    )


def score_sheets_visible_to(user, application: Application) -> QuerySet[ScoreSheet]:
    """Blind scoring: the office and auditors see every submitted sheet; a reviewer sees them only once
    their own is submitted (before that: none); advisors and the company see none."""
    sheets = submitted_score_sheets(application)
    if rules.sees_all_score_sheets(user):
        return sheets
    if rules.can_score(user, application) and sheets.filter(assignment__expert=user).exists():
        return sheets
    return sheets.none()


def submitted_assessments(application: Application) -> QuerySet[Assessment]:
    return (
        Assessment.objects.filter(assignment__application=application, assignment__removed_at__isnull=True,
                                  submitted_at__isnull=False)
        .select_related("assignment__expert").order_by("submitted_at", "id")
    )


def assessments_visible_to(user, application: Application) -> QuerySet[Assessment]:
    """The office and auditors see every submitted assessment; an advisor sees the others' once their
    own is submitted; reviewers and the company see none."""
    assessments = submitted_assessments(application)
    if rules.can_read_reviews(user):
        return assessments
    if rules.can_assess(user, application) and assessments.filter(assignment__expert=user).exists():
        return assessments
    return assessments.none()


def conflicts_visible_to(user) -> QuerySet[ConflictOfInterest]:
    qs = ConflictOfInterest.objects.select_related("expert", "company").order_by("-declared_at", "-id")
    if rules.can_read_reviews(user):
        return qs
    if rules.is_expert(user):
        return qs.filter(expert=user)
    return qs.none()


# --- work queues and the board -------------------------------------------------------------------------


def queue_of(user) -> QuerySet[Assignment]:
    """An expert's open assignments (the application still being screened), soonest due first, with
    everything the queue shows joined in: one query."""
    if not rules.is_expert(user):
        return Assignment.objects.none()
    conflicted = ConflictOfInterest.objects.filter(expert=user, company_id=OuterRef("application__company_id"))
    return (
        Assignment.objects.active().filter(expert=user, application__state__in=ASSIGNABLE_STATES)
        .exclude(Exists(conflicted))
        .select_related("application__company", "application__phase", "score_sheet", "assessment", "expert",
                        "assigned_by")
        .order_by("due_on", "application_id", "id")
    )


@dataclass
class BoardColumn:
    state: str
    label: str
    applications: list = field(default_factory=list)


@dataclass
class BoardRow:
    phase: Phase | None  # None: not scheduled into any phase
    columns: list[BoardColumn]

    @property
    def count(self) -> int:
        return sum(len(c.applications) for c in self.columns)


BOARD_STATES = (
    S.ELIGIBLE, S.SCHEDULED, S.UNDER_REVIEW, S.SUPPLEMENT_REQUESTED, S.SCREENED, S.APPROVED, S.GRANTED,
    S.REJECTED, S.EXPIRED, S.REVOKED, S.WITHDRAWN, S.SUBMITTED, S.INELIGIBLE,
)


def board_applications() -> QuerySet[Application]:
    """Every application past the draft, with company and phase joined and the review progress
    counted (reviewers and advisors assigned, sheets and assessments submitted): one query."""
    active = Q(assignments__removed_at__isnull=True)
    return (
        Application.objects.exclude(state=S.DRAFT)
        .select_related("company", "phase")
        .annotate(
            reviewers=Count("assignments", filter=active & Q(assignments__kind=AssignmentKind.REVIEWER), distinct=True),
            advisors=Count("assignments", filter=active & Q(assignments__kind=AssignmentKind.ADVISOR), distinct=True),
            sheets_submitted=Count("assignments__score_sheet", distinct=True,
                                   filter=active & Q(assignments__score_sheet__submitted_at__isnull=False)),
            assessments_submitted=Count("assignments__assessment", distinct=True,
                                        filter=active & Q(assignments__assessment__submitted_at__isnull=False)),
        )
        .order_by("submitted_at", "id")
    )


def board() -> list[BoardRow]:
    """The program office's board: one row per phase (in order, then the unscheduled), one column per
    state that has applications. Two queries, however many applications."""
    phases = list(phases_with_counts())
    rows: dict[int | None, dict[str, list]] = {p.pk: {} for p in phases}
    rows[None] = {}
    for application in board_applications():
        rows.setdefault(application.phase_id, {}).setdefault(application.state, []).append(application)
    result = []
    for phase in [*phases, None]:
        by_state = rows.get(phase.pk if phase else None, {})
        columns = [BoardColumn(state, str(S(state).label), by_state[state]) for state in BOARD_STATES if state in by_state]
        result.append(BoardRow(phase, columns))
    return result


def phase_is_open(phase: Phase | None) -> bool:
    return phase is not None and phase.state == PhaseState.OPEN
