"""Assignments by the program office, the proposal that balances load, conflicts of interest and the
no-conflict statement."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from portal.audit.models import AuditEntry
from screening.models import Assignment, ConflictOfInterest
from tests.factories import ApplicationFactory, AssignmentFactory, ConflictFactory, PhaseFactory, UserFactory
from tests.screening.review.conftest import scores_body

pytestmark = pytest.mark.django_db


def _assign(client, application, user, **extra):
    return client.post(f"/api/v1/applications/{application.pk}/assignments/", {"user": user.pk, **extra}, format="json")


def test_office_assigns_with_default_due_date_from_the_phase(api, program_admin, reviewer, django_capture_on_commit_callbacks):
    phase = PhaseFactory()
    application = ApplicationFactory(scheduled=True, phase=phase)
    with django_capture_on_commit_callbacks(execute=True):
        response = _assign(api.as_user(program_admin), application, reviewer)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] and body["user"] == reviewer.pk and body["kind"] == "reviewer"
    assert body["due_on"] == phase.ends_on.isoformat()
    assert AuditEntry.objects.filter(action="assignment.create", object_id=str(body["id"])).exists()
    assert mail.outbox and mail.outbox[-1].to == [reviewer.email]
    # The assigned reviewer now sees the application.
    assert api.as_user(reviewer).get(f"/api/v1/applications/{application.pk}/").status_code == 200


def test_due_date_given_and_in_the_past(api, program_admin, advisor):
    application = ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    assert _assign(client, application, advisor, due_on=past).status_code == 400
    response = _assign(client, application, advisor, due_on="2027-01-15")
    assert response.status_code == 201 and response.json()["due_on"] == "2027-01-15"
    assert response.json()["kind"] == "advisor"


@pytest.mark.parametrize("role", ["ciso", "company_staff", "program_admin", "auditor"])
def test_non_experts_are_refused(api, program_admin, role, company):
    application = ApplicationFactory(eligible=True)
    user = UserFactory(role=role, company=company if role in ("ciso", "company_staff") else None)
    response = _assign(api.as_user(program_admin), application, user)
    assert response.status_code == 400
    assert "reviewer or advisor" in response.json()["user"][0]
    assert not Assignment.objects.exists()


def test_inactive_expert_and_unknown_user_are_refused(api, program_admin):
    application = ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    assert _assign(client, application, UserFactory(reviewer=True, is_active=False)).status_code == 400
    response = client.post(f"/api/v1/applications/{application.pk}/assignments/", {"user": 999999}, format="json")
    assert response.status_code == 400 and "user" in response.json()


def test_conflicted_expert_is_refused(api, program_admin, reviewer):
    application = ApplicationFactory(eligible=True)
    ConflictFactory(expert=reviewer, company=application.company)
    response = _assign(api.as_user(program_admin), application, reviewer)
    assert response.status_code == 400
    assert "conflict of interest" in response.json()["user"][0]
    assert not Assignment.objects.exists()


def test_twice_is_refused(api, program_admin, reviewer):
    application = ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    assert _assign(client, application, reviewer).status_code == 201
    assert _assign(client, application, reviewer).status_code == 409
    assert Assignment.objects.count() == 1


@pytest.mark.parametrize(("state", "allowed"), [
    ("draft", False), ("submitted", False), ("ineligible", False), ("eligible", True), ("scheduled", True),
    ("under_review", True), ("supplement_requested", True), ("screened", False), ("approved", False),
    ("withdrawn", False),
])
def test_assignable_from_eligible_until_screened(api, program_admin, reviewer, state, allowed):
    application = ApplicationFactory.in_state(state)
    response = _assign(api.as_user(program_admin), application, reviewer)
    assert response.status_code == (201 if allowed else 409), response.content


@pytest.mark.parametrize("role", ["reviewer", "advisor", "auditor", "ciso"])
def test_only_the_office_assigns(api, role, reviewer):
    application = ApplicationFactory(eligible=True)
    user = UserFactory(role=role, company=application.company if role == "ciso" else None)
    if role in ("reviewer", "advisor"):
        AssignmentFactory(application=application, expert=user)
    response = _assign(api.as_user(user), application, reviewer)
    assert response.status_code == 403
    assert not Assignment.objects.filter(expert=reviewer).exists()


def test_the_proposal_balances_load_and_skips_conflicts(api, program_admin):
    reviewers = [UserFactory(reviewer=True) for _ in range(4)]
    advisors = [UserFactory(advisor=True) for _ in range(3)]
    busy = ApplicationFactory(under_review=True)
    AssignmentFactory(application=busy, expert=reviewers[0])
    AssignmentFactory(application=busy, expert=advisors[0])
    application = ApplicationFactory(scheduled=True)
    ConflictFactory(expert=reviewers[1], company=application.company)
    client = api.as_user(program_admin)
    proposal = client.get(f"/api/v1/applications/{application.pk}/assignments/proposal/").json()
    proposed = {row["user"] for row in proposal}
    # Three reviewers wanted: the two free and unconflicted ones first, then the busy one; never the conflicted.
    assert proposed == {reviewers[2].pk, reviewers[3].pk, reviewers[0].pk, advisors[1].pk, advisors[2].pk}
    response = client.post(f"/api/v1/applications/{application.pk}/assignments/proposal/", {}, format="json")
    assert response.status_code == 201 and len(response.json()) == 5
    # A second application in the same phase gets the least-loaded experts across both.
    response = client.post(f"/api/v1/phases/{application.phase_id}/assignments/", {}, format="json")
    assert response.status_code == 200


def test_phase_wide_proposal_balances_across_applications(api, program_admin):
    phase = PhaseFactory(reviewers_per_application=1, advisors_per_application=0)
    reviewers = [UserFactory(reviewer=True) for _ in range(2)]
    applications = [ApplicationFactory(scheduled=True, phase=phase) for _ in range(4)]
    response = api.as_user(program_admin).post(f"/api/v1/phases/{phase.pk}/assignments/", {}, format="json")
    assert response.status_code == 200
    loads = [Assignment.objects.filter(expert=r).count() for r in reviewers]
    assert loads == [2, 2]
    assert all(a.assignments.count() == 1 for a in applications)


def test_declaring_a_conflict_after_assignment_removes_it(api, reviewer):
    application = ApplicationFactory(under_review=True)
    assignment = AssignmentFactory(application=application, expert=reviewer)
    client = api.as_user(reviewer)
    assert client.get(f"/api/v1/applications/{application.pk}/").status_code == 200
    response = client.post("/api/v1/conflicts/", {"company": application.company_id, "nature": "전 직장",
                                                   "since": "2024-03-01"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["company"] == application.company_id
    assignment.refresh_from_db()
    assert assignment.removed_at is not None
    assert AuditEntry.objects.filter(action="assignment.remove_conflict", object_id=str(assignment.pk)).exists()
    assert AuditEntry.objects.filter(action="conflict.declare").exists()
    assert client.get(f"/api/v1/applications/{application.pk}/").status_code == 404
    # Declaring it again is a clear 409.
    again = client.post("/api/v1/conflicts/", {"company": application.company_id, "nature": "x"}, format="json")
    assert again.status_code == 409
    assert [c["company"] for c in client.get("/api/v1/conflicts/").json()] == [application.company_id]


@pytest.mark.parametrize(("body", "field"), [
    ({"nature": "x"}, "company"),
    ({"company": 999999, "nature": "x"}, "company"),
    ({"company": "COMPANY", "nature": ""}, "nature"),
    ({"company": "COMPANY", "nature": "x", "since": "2999-01-01"}, "since"),
])
def test_conflict_bad_input(api, reviewer, company, body, field):
    body = {k: (company.pk if v == "COMPANY" else v) for k, v in body.items()}
    response = api.as_user(reviewer).post("/api/v1/conflicts/", body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not ConflictOfInterest.objects.exists()


def test_only_experts_declare_conflicts(api, program_admin, ciso, company):
    for user in (program_admin, ciso):
        response = api.as_user(user).post("/api/v1/conflicts/", {"company": company.pk, "nature": "x"}, format="json")
        assert response.status_code == 403
    assert api.as_user(ciso).get("/api/v1/conflicts/").status_code == 403


def test_office_sees_every_conflict_expert_only_theirs(api, program_admin, reviewer, advisor):
    ConflictFactory(expert=reviewer)
    ConflictFactory(expert=advisor)
    assert len(api.as_user(program_admin).get("/api/v1/conflicts/").json()) == 2
    assert len(api.as_user(reviewer).get("/api/v1/conflicts/").json()) == 1


def test_no_conflict_statement_implied_by_first_api_submission(api, application, reviewer):
    assignment = AssignmentFactory(application=application, expert=reviewer)
    response = api.as_user(reviewer).post(f"/api/v1/applications/{application.pk}/scores/", scores_body(),
                                          format="json")
    assert response.status_code == 201
    assignment.refresh_from_db()
    assert assignment.no_conflict_stated_at is not None and assignment.no_conflict_channel == "api"
    assert AuditEntry.objects.filter(action="assignment.no_conflict_statement", object_id=str(assignment.pk)).count() == 1


def test_explicit_statement_through_the_api_once(api, application, advisor):
    assignment = AssignmentFactory(application=application, expert=advisor)
    client = api.as_user(advisor)
    for _ in range(2):
        assert client.post(f"/api/v1/applications/{application.pk}/no-conflict/").status_code == 200
    assert AuditEntry.objects.filter(action="assignment.no_conflict_statement", object_id=str(assignment.pk)).count() == 1


def test_office_removes_an_assignment(api, program_admin, application, reviewer):
    assignment = AssignmentFactory(application=application, expert=reviewer)
    response = api.as_user(program_admin).delete(
        f"/api/v1/applications/{application.pk}/assignments/{assignment.pk}/", {"reason": "교체"}, format="json")
    assert response.status_code == 200 and response.json()["active"] is False
    assert api.as_user(reviewer).get(f"/api/v1/applications/{application.pk}/").status_code == 404
    listed = api.as_user(program_admin).get(f"/api/v1/applications/{application.pk}/assignments/").json()
    assert [(a["id"], a["active"]) for a in listed] == [(assignment.pk, False)]


def test_the_applicant_does_not_see_the_panel(api, application, ciso, panel):
    ciso.company = application.company
    ciso.save()
    assert api.as_user(ciso).get(f"/api/v1/applications/{application.pk}/assignments/").status_code == 403
    reviewer = panel["reviewers"][0]
    mine = api.as_user(reviewer).get(f"/api/v1/applications/{application.pk}/assignments/").json()
    assert [a["user"] for a in mine] == [reviewer.pk]
