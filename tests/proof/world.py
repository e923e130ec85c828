"""Two companies with applications, reviews and letters, for the checks that one caller never sees
another's data.

Company A is "ours" (its CISO, the reviewer assigned to its application). Company B is "theirs": every
row of B that carries an id gets an explicit primary key from FOREIGN_PK_BASE upwards, far above any
sequence a test database reaches, so that any integer of that size in a response body can only be one
of B's ids, whatever field it is in. B's letter reference, names, registration number and CISO's
username are strings that must not appear either.

The fuzzer acts as the program office too, so the world changes during a run: the office may assign
our reviewer to one of B's applications (then the reviewer may see it), or copy B's name onto A. What
must not leak is therefore worked out when each response arrives (``leaks``), not once.
"""

from dataclasses import dataclass, field

from rest_framework.authtoken.models import Token

from portal.accounts.models import Company
from screening.models import Assignment
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    CompanyFactory,
    LetterFactory,
    PhaseFactory,
    ScoreSheetFactory,
    UserFactory,
)

FOREIGN_PK_BASE = 7_300_000


@dataclass
class World:
    tokens: dict[str, str]
    users: dict[str, object]
    company_a_id: int
    company_b_id: int
    # What a caller may legitimately be asked about: path parameters are drawn from these.
    pools: dict[str, list]
    # Company B's ids and fixed strings (not its names: they are read when a response arrives).
    foreign_ints: frozenset[int] = frozenset()
    foreign_strings: frozenset[str] = frozenset()
    # Per application of B: the ids and strings that come with it (its assignment, sheet, letter).
    per_application: dict[int, tuple[frozenset[int], frozenset[str]]] = field(default_factory=dict)

    def token(self, role: str) -> str:
        """``role``'s API token, issued again when an operation revoked it: the fuzzer sends
        ``DELETE /api/v1/auth/token/`` too, and every request after it would otherwise be a 401."""
        user = self.users[role]
        token = Token.objects.filter(user=user).first() or Token.objects.create(user=user)
        self.tokens[role] = token.key
        return token.key

    def leaks(self, role: str) -> tuple[frozenset[int], frozenset[str]]:
        """The ids and strings that ``role``'s token must not receive, as the database stands now."""
        if role == "ciso":
            a, b = Company.objects.get(pk=self.company_a_id), Company.objects.get(pk=self.company_b_id)
            names = {b.name_ko, b.name_en, b.brn} - {a.name_ko, a.name_en, a.brn, ""}
            return self.foreign_ints, self.foreign_strings | names
        if role == "reviewer":
            assigned = set(Assignment.objects.active().filter(
                expert=self.users["reviewer"], application_id__in=self.per_application,
            ).values_list("application_id", flat=True))
            hidden = [items for pk, items in self.per_application.items() if pk not in assigned]
            return (frozenset().union(*(ints for ints, _ in hidden)),
                    frozenset().union(*(strings for _, strings in hidden)))
        return frozenset(), frozenset()  # the program office sees everything


def build_world() -> World:
    pk = iter(range(FOREIGN_PK_BASE, FOREIGN_PK_BASE + 1000))
    phase = PhaseFactory()

    company_a = CompanyFactory()
    ciso_a = UserFactory(ciso=True, company=company_a)
    reviewer = UserFactory(reviewer=True)
    program_admin = UserFactory(program_admin=True)
    a_draft = ApplicationFactory(company=company_a, created_by=ciso_a)
    a_eligible = ApplicationFactory(eligible=True, company=company_a, created_by=ciso_a)
    a_review = ApplicationFactory(under_review=True, company=company_a, created_by=ciso_a, phase=phase)
    a_assignment = AssignmentFactory(application=a_review, expert=reviewer, stated=True)
    ScoreSheetFactory(assignment=a_assignment, draft=True)
    a_letter = LetterFactory(application=ApplicationFactory(granted=True, company=company_a, created_by=ciso_a))

    company_b = CompanyFactory(id=next(pk), name_ko="타사금융지주", name_en="Other Holdings Co")
    ciso_b = UserFactory(id=next(pk), ciso=True, company=company_b, username="ciso_of_other_company")
    b_draft = ApplicationFactory(id=next(pk), company=company_b, created_by=ciso_b)
    b_review = ApplicationFactory(id=next(pk), under_review=True, company=company_b, created_by=ciso_b, phase=phase)
    b_expert = UserFactory(id=next(pk), reviewer=True, username="reviewer_of_other_company")
    b_assignment = AssignmentFactory(id=next(pk), application=b_review, expert=b_expert, stated=True)
    b_sheet = ScoreSheetFactory(id=next(pk), assignment=b_assignment)
    b_letter = LetterFactory(
        id=next(pk), application=ApplicationFactory(id=next(pk), granted=True, company=company_b, created_by=ciso_b),
    )

    users = {"ciso": ciso_a, "reviewer": reviewer, "program_admin": program_admin}
    tokens = {role: Token.objects.get_or_create(user=user)[0].key for role, user in users.items()}
    letter_strings = frozenset({b_letter.reference, b_letter.sha256})
    per_application = {
        b_draft.pk: (frozenset({b_draft.pk}), frozenset()),
        b_review.pk: (frozenset({b_review.pk, b_assignment.pk, b_sheet.pk}), frozenset()),
        b_letter.application_id: (frozenset({b_letter.application_id, b_letter.pk}), letter_strings),
    }
    return World(
        tokens=tokens,
        users=users,
        company_a_id=company_a.pk,
        company_b_id=company_b.pk,
        pools={
            "id": [a_draft.pk, a_eligible.pk, a_review.pk, a_letter.application_id, company_a.pk,
                   b_draft.pk, b_review.pk, company_b.pk, phase.pk],
            "reference": [a_letter.reference, b_letter.reference],
            "assignment_id": [a_assignment.pk, b_assignment.pk],
        },
        foreign_ints=frozenset({company_b.pk, ciso_b.pk}).union(*(ints for ints, _ in per_application.values())),
        foreign_strings=letter_strings | {ciso_b.username},
        per_application=per_application,
    )
