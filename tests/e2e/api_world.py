"""What the API proof knows about the world it fuzzes (tests/world.py at size 1, and one company more):
which ids and strings each caller must never receive.

Company A is "ours" (its CISO; the reviewer on its panels). Company B is "theirs", built like A while
every table's id sequence stands at FOREIGN_PK_BASE, so that every row of B, whatever wrote it
(factory or service), has an id far above any sequence a test database reaches: any integer of that
size in a response body can only be one of B's ids, whatever field it is in. B's letter references
and digests, names, registration number and people's usernames are strings that must not appear either.

The fuzzer acts as the program office too, so the world changes during a run: the office may assign
our reviewer to one of B's applications (then the reviewer may see it), or copy B's name onto A. What
must not leak is therefore worked out when each response arrives (``leaks``), not once.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db import connection
from rest_framework.authtoken.models import Token

from letters.models import Letter
from portal.accounts.models import Company
from reports.models import Finding, FindingsReport, Obligation, VulnerabilityTest
from screening.models import Assessment, Assignment, ScoreSheet, StateChange, SupportingDocument
from tests.world import build_world

FOREIGN_PK_BASE = 7_300_000
B = {"name_ko": "타사금융지주", "name_en": "Other Holdings Co"}


@dataclass
class ProofWorld:
    tokens: dict[str, str]
    users: dict[str, object]
    company_a_id: int
    company_b_id: int
    own_applications: int  # how many applications company A has
    # What a caller may legitimately be asked about: path parameters are drawn from these.
    pools: dict[str, list]
    # Company B's ids and fixed strings (not its names: they are read when a response arrives).
    foreign_ints: frozenset[int] = frozenset()
    foreign_strings: frozenset[str] = frozenset()
    # Per application of B: the ids and strings that come with it (its panel, sheets, letter, ...).
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


@contextmanager
def ids_from(base: int, *, per_table: int = 10_000):
    """Rows inserted inside take their ids from ``base`` upwards, each table from its own stretch of
    ``per_table`` ids (so that an integer names one row of one table): every sequence (PostgreSQL) is
    moved there, and back to where it stood afterwards (sequences are not transactional)."""
    sequences = sorted({s["name"] for s in connection.introspection.sequence_list() if s.get("name")})
    with connection.cursor() as cursor:
        stood = {}
        for name in sequences:
            cursor.execute(f'SELECT last_value, is_called FROM "{name}"')  # noqa: S608 (names from the catalogue)
            stood[name] = cursor.fetchone()
        for n, name in enumerate(sequences):
            cursor.execute("SELECT setval(%s, %s, false)", [name, base + n * per_table])
        try:
            yield
        finally:
            for name, (last_value, is_called) in stood.items():
                cursor.execute("SELECT setval(%s, %s, %s)", [name, last_value, is_called])


def _rows_of(application) -> tuple[frozenset[int], frozenset[str]]:
    """The ids of every row that belongs to ``application``, and its letters' references and digests."""
    letters = Letter.objects.filter(application=application)
    reports = FindingsReport.objects.filter(letter__application=application)
    querysets = [
        Assignment.objects.filter(application=application),
        ScoreSheet.objects.filter(assignment__application=application),
        Assessment.objects.filter(assignment__application=application),
        SupportingDocument.objects.filter(application=application),
        StateChange.objects.filter(application=application),
        letters, Obligation.objects.filter(letter__application=application), reports,
        Finding.objects.filter(report__in=reports), VulnerabilityTest.objects.filter(report__in=reports),
    ]
    ints = {application.pk}.union(*(set(rows.values_list("pk", flat=True)) for rows in querysets))
    strings = {value for letter in letters for value in (letter.reference, letter.sha256)}
    return frozenset(ints), frozenset(strings)


def proof_world() -> ProofWorld:
    world = build_world(1)
    ours = world.companies[0]
    with ids_from(FOREIGN_PK_BASE):
        theirs = world.add_company(**B)
    per_application = {application.pk: _rows_of(application) for application in theirs.every_application}
    people_b = {theirs.ciso.pk, theirs.staff.pk}
    users = {role: world.users[role] for role in ("ciso", "reviewer", "program_admin")}
    tokens = {role: world.token(user) for role, user in users.items()}
    assignments = [Assignment.objects.filter(application__company=company.company).order_by("pk").first().pk
                   for company in (ours, theirs)]
    return ProofWorld(
        tokens=tokens,
        users=users,
        company_a_id=ours.company.pk,
        company_b_id=theirs.company.pk,
        own_applications=len(ours.every_application),
        pools={
            "id": [*(a.pk for a in ours.applications.values()), ours.company.pk,
                   *(a.pk for a in theirs.applications.values()), theirs.company.pk, world.phase.pk],
            "reference": [ours.letter.reference, theirs.letter.reference],
            "assignment_id": assignments,
        },
        foreign_ints=frozenset({theirs.company.pk, *people_b}).union(*(ints for ints, _ in per_application.values())),
        foreign_strings=frozenset({theirs.ciso.username, theirs.staff.username}).union(
            *(strings for _, strings in per_application.values())),
        per_application=per_application,
    )
