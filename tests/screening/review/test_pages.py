"""The review pages work without JavaScript: forms post, services decide, pages show the outcome."""

import re

import pytest

from portal.audit.models import AuditEntry
from screening.catalogues.rubric import load_rubric
from screening.models import Application, Assignment, Phase, ScoreSheet
from tests.factories import (
    ApplicationFactory,
    AssessmentFactory,
    AssignmentFactory,
    PhaseFactory,
    ScoreSheetFactory,
    UserFactory,
    login_verified,
    uniform_scores,
)

pytestmark = pytest.mark.django_db


def test_expert_states_no_conflict_the_first_time_then_scores(client, application, reviewer):
    assignment = AssignmentFactory(application=application, expert=reviewer)
    login_verified(client, reviewer)
    page = client.get(f"/applications/{application.pk}/review/").content.decode()
    assert "no-conflict" in page and 'name="score_' not in page
    # Opening the application itself the first time leads to the statement too.
    response = client.get(f"/applications/{application.pk}/")
    assert response.status_code == 302 and response["Location"].endswith(f"/applications/{application.pk}/review/")
    response = client.post(f"/applications/{application.pk}/review/no-conflict/")
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.no_conflict_channel == "web" and assignment.no_conflict_stated_at
    assert AuditEntry.objects.filter(action="assignment.no_conflict_statement", object_id=str(assignment.pk)).exists()
    assert client.get(f"/applications/{application.pk}/").status_code == 200
    page = client.get(f"/applications/{application.pk}/review/").content.decode()
    assert 'name="score_cm_governance"' in page

    form = {f"score_{code}": "4" for code in uniform_scores(4)}
    form["score_ai_secops"] = ""
    response = client.post(f"/applications/{application.pk}/review/", {**form, "comment": "초안", "draft": "1"})
    assert response.status_code == 302
    sheet = ScoreSheet.objects.get()
    assert sheet.submitted_at is None and "ai_secops" not in sheet.scores
    # Submitting with a criterion missing is refused, with the message on the page.
    response = client.post(f"/applications/{application.pk}/review/", {**form, "submit": "1"})
    assert response.status_code == 400 and "ai_secops" in response.content.decode()
    form["score_ai_secops"] = "5"
    response = client.post(f"/applications/{application.pk}/review/", {**form, "comment": "제출", "submit": "1"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert sheet.submitted_at is not None and sheet.scores["ai_secops"] == 5
    assert "82.0" in client.get(f"/applications/{application.pk}/review/").content.decode()  # (9*4+5)/10/5*100


def test_advisor_assesses_on_the_page(client, application, advisor):
    AssignmentFactory(application=application, expert=advisor, stated=True)
    login_verified(client, advisor)
    assert 'name="recommendation"' in client.get(f"/applications/{application.pk}/review/").content.decode()
    response = client.post(f"/applications/{application.pk}/review/", {
        "recommendation": "recommend_with_conditions", "narrative": "적정", "conditions": "", "submit": "1"})
    assert response.status_code == 400  # conditions are needed when recommending with conditions
    response = client.post(f"/applications/{application.pk}/review/", {
        "recommendation": "recommend_with_conditions", "narrative": "적정", "conditions": "연 1회 점검", "submit": "1"})
    assert response.status_code == 302
    assert "연 1회 점검" in client.get(f"/applications/{application.pk}/review/").content.decode()


def test_queue_page(client, reviewer):
    AssignmentFactory(expert=reviewer)
    AssignmentFactory(expert=reviewer, application=ApplicationFactory(approved=True))
    login_verified(client, reviewer)
    page = client.get("/screening/queue/")
    assert page.status_code == 200
    assert page.content.decode().count("/review/\"") == 1


def test_conflict_page_declares_and_removes(client, application, advisor):
    assignment = AssignmentFactory(application=application, expert=advisor)
    login_verified(client, advisor)
    assert client.get(f"/screening/conflicts/?company={application.company_id}").status_code == 200
    response = client.post("/screening/conflicts/", {"company": application.company_id, "nature": "가족 재직"})
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.removed_at is not None
    assert client.get(f"/applications/{application.pk}/review/").status_code == 404


def test_office_board_allocation_and_phases(client, program_admin):
    phase = PhaseFactory(capacity_max=5)
    waiting = ApplicationFactory(eligible=True)
    ApplicationFactory(scheduled=True, phase=phase)
    login_verified(client, program_admin)
    board = client.get("/screening/board/").content.decode()
    assert str(phase) in board and waiting.company.name_ko in board
    page = client.get("/screening/allocation/").content.decode()
    assert f'name="phase_{waiting.pk}"' in page
    response = client.post("/screening/allocation/", {f"take_{waiting.pk}": "1", f"phase_{waiting.pk}": phase.pk})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.state == "scheduled" and waiting.phase == phase
    response = client.post(f"/screening/phases/{phase.pk}/start-reviews/")
    assert response.status_code == 302
    assert set(Application.objects.filter(phase=phase).values_list("state", flat=True)) == {"under_review"}
    response = client.post("/screening/phases/", {
        "number": 55, "name": "추가", "starts_on": "2027-01-01", "ends_on": "2027-02-01", "capacity_min": 0,
        "capacity_max": 5, "state": "planned", "reviewers_per_application": 3, "advisors_per_application": 2})
    assert response.status_code == 302 and Phase.objects.filter(number=55).exists()
    response = client.post("/screening/phases/", {
        "number": 56, "name": "잘못", "starts_on": "2027-03-01", "ends_on": "2027-02-01", "capacity_min": 0,
        "capacity_max": 5, "state": "planned", "reviewers_per_application": 3, "advisors_per_application": 2})
    assert response.status_code == 400 and not Phase.objects.filter(number=56).exists()


def test_office_assigns_on_the_panel_page(client, program_admin):
    application = ApplicationFactory(scheduled=True)
    experts = [UserFactory(reviewer=True) for _ in range(3)] + [UserFactory(advisor=True) for _ in range(2)]
    login_verified(client, program_admin)
    page = client.get(f"/applications/{application.pk}/assignments/").content.decode()
    assert all(e.username in page for e in experts)
    response = client.post(f"/applications/{application.pk}/assignments/", {"user": experts[0].pk})
    assert response.status_code == 302
    response = client.post(f"/applications/{application.pk}/assignments/confirm/")
    assert response.status_code == 302
    assert Assignment.objects.filter(application=application).count() == 5
    assignment = Assignment.objects.filter(application=application).first()
    response = client.post(f"/applications/{application.pk}/assignments/{assignment.pk}/remove/", {"reason": "교체"})
    assert response.status_code == 302
    assert Assignment.objects.active().filter(application=application).count() == 4


def test_decision_page_completes_and_approves(client, program_admin, application, panel):
    for reviewer, value in zip(panel["reviewers"], (3, 4, 5), strict=True):
        ScoreSheetFactory(assignment=reviewer.review_assignments.get(), scores=uniform_scores(value))
    assessments = [AssessmentFactory(assignment=a.review_assignments.get()) for a in panel["advisors"]]
    login_verified(client, program_admin)
    page = client.get(f"/applications/{application.pk}/decision/").content.decode()
    assert "80" in page and assessments[0].narrative in page and 'name="complete"' in page
    response = client.post(f"/applications/{application.pk}/decision/", {"complete": "1", "version": application.version})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "screened"
    response = client.post(f"/applications/{application.pk}/decision/", {"approve": "1", "version": application.version})
    assert response.status_code == 400 and application.state == Application.objects.get(pk=application.pk).state
    response = client.post(f"/applications/{application.pk}/decision/", {
        "approve": "1", "version": application.version, "reason": "기준 충족",
        "adopt_conditions": [assessments[0].pk], "conditions": "추가 조건"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == "approved"
    assert application.decision_conditions == f"{assessments[0].conditions}\n\n추가 조건"


def test_decision_page_names_the_criteria_the_reviewers_disagree_on(client, program_admin, application, panel):
    rubric = load_rubric()
    first = rubric.criteria[0]
    for reviewer, value in zip(panel["reviewers"], (1, 1, 3), strict=True):
        scores = uniform_scores(3)
        scores[first.code] = value
        ScoreSheetFactory(assignment=reviewer.review_assignments.get(), scores=scores)
    login_verified(client, program_admin)
    page = client.get(f"/applications/{application.pk}/decision/").content.decode()
    warnings = re.findall(r'<p class="(?:review-flag|form-hint-invalid)">(.*?)</p>', page)
    assert len(warnings) == 2 and all(first.title_ko in w and first.code not in w for w in warnings), warnings


def test_who_may_see_the_office_pages(client, auditor, reviewer, ciso, application):
    login_verified(client, auditor)
    assert client.get("/screening/board/").status_code == 200
    assert client.get(f"/applications/{application.pk}/decision/").status_code == 200
    assert client.post(f"/applications/{application.pk}/decision/", {"complete": "1", "version": 1}).status_code == 403
    assert client.get("/screening/queue/").status_code == 403
    login_verified(client, reviewer)
    assert client.get("/screening/board/").status_code == 403
    client.force_login(ciso)
    assert client.get("/screening/board/").status_code == 403
    assert client.get(f"/applications/{application.pk}/review/").status_code == 403
