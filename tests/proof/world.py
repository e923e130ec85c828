"""Two companies with applications, reviews and letters, for the checks that one caller never sees
another's data.

Company A is "ours" (its CISO, the reviewer assigned to its application). Company B is "theirs": every
row of B that carries an id gets an explicit primary key from FOREIGN_PK_BASE upwards, far above any
sequence a test database reaches, so that any integer of that size in a response body can only be one
of B's ids, whatever field it is in. B's letter references, names, registration number and usernames
are strings that must not appear either.
"""

from dataclasses import dataclass, field

from rest_framework.authtoken.models import Token

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
    company_a: object
    company_b: object
    # What a caller may legitimately be asked about: path parameters are drawn from these.
    pools: dict[str, list]
    # Company B's ids and strings, and the same restricted to what a reviewer of A may not see.
    foreign_ints: frozenset[int] = field(default_factory=frozenset)
    foreign_strings: frozenset[str] = field(default_factory=frozenset)
    unassigned_ints: frozenset[int] = field(default_factory=frozenset)
    unassigned_strings: frozenset[str] = field(default_factory=frozenset)


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
    b_application_ints = {b_draft.pk, b_review.pk, b_letter.application_id, b_assignment.pk, b_sheet.pk, b_letter.pk}
    return World(
        tokens=tokens,
        users=users,
        company_a=company_a,
        company_b=company_b,
        pools={
            "id": [a_draft.pk, a_eligible.pk, a_review.pk, a_letter.application_id, company_a.pk,
                   b_draft.pk, b_review.pk, company_b.pk, phase.pk],
            "reference": [a_letter.reference, b_letter.reference],
            "assignment_id": [a_assignment.pk, b_assignment.pk],
        },
        foreign_ints=frozenset(b_application_ints | {company_b.pk, ciso_b.pk, b_expert.pk}),
        foreign_strings=frozenset({b_letter.reference, company_b.name_ko, company_b.name_en, company_b.brn,
                                   ciso_b.username, b_letter.sha256}),
        unassigned_ints=frozenset(b_application_ints),
        unassigned_strings=frozenset({b_letter.reference, b_letter.sha256}),
    )
