"""Blind scoring per role and moment, assessments, bad input; nothing changes when refused."""

import pytest

from portal.audit.models import AuditEntry
from screening.models import Assessment, ScoreSheet
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    ScoreSheetFactory,
    UserFactory,
    uniform_scores,
)
from tests.screening.review.conftest import scores_body

pytestmark = pytest.mark.django_db


def _scores_url(application):
    return f"/api/v1/applications/{application.pk}/scores/"


def test_blind_scoring_visibility_per_role_and_moment(api, application, panel, program_admin, auditor, ciso):
    ciso.company = application.company
    ciso.save()
    first, second, third = panel["reviewers"]
    url = _scores_url(application)
    # Before anyone submits: nobody sees anything.
    for user in (first, second, program_admin, auditor, ciso, panel["advisors"][0]):
        response = api.as_user(user).get(url)
        assert response.status_code == 200 and response.json() == []
    # The first reviewer saves a draft: still invisible to all, even to themselves in this list.
    assert api.as_user(first).post(url, {**scores_body(3), "draft": True}, format="json").status_code == 201
    assert api.as_user(program_admin).get(url).json() == []
    # The first reviewer submits: the office sees one sheet; the first reviewer sees theirs; the second
    # (not yet submitted) sees none; the applicant and advisors see none.
    assert api.as_user(first).post(url, scores_body(3), format="json").status_code == 201
    assert len(api.as_user(program_admin).get(url).json()) == 1
    assert len(api.as_user(auditor).get(url).json()) == 1
    assert [s["reviewer"]["id"] for s in api.as_user(first).get(url).json()] == [first.pk]
    assert api.as_user(second).get(url).json() == []
    assert api.as_user(ciso).get(url).json() == []
    assert api.as_user(panel["advisors"][0]).get(url).json() == []
    # The second saves a draft: the draft never shows; once submitted they see both.
    api.as_user(second).post(url, {**scores_body(5), "draft": True}, format="json")
    assert len(api.as_user(first).get(url).json()) == 1
    api.as_user(second).post(url, scores_body(5), format="json")
    seen = api.as_user(second).get(url).json()
    assert {s["reviewer"]["id"] for s in seen} == {first.pk, second.pk}
    assert all(s["draft"] is False for s in seen)
    assert api.as_user(third).get(url).json() == []
    # A reviewer not assigned at all: 404.
    assert api.as_user(UserFactory(reviewer=True)).get(url).status_code == 404


def test_draft_then_submit_once(api, application, panel):
    reviewer = panel["reviewers"][0]
    client = api.as_user(reviewer)
    url = _scores_url(application)
    draft = client.post(url, {"scores": {"cm_governance": 2}, "comment": "", "draft": True}, format="json")
    assert draft.status_code == 201 and draft.json()["draft"] is True and draft.json()["total"] is None
    again = client.post(url, {"scores": {"cm_governance": 3, "ai_secops": 4}, "draft": True}, format="json")
    assert again.status_code == 200
    mine = client.get(f"{url}mine/").json()
    assert mine["scores"] == {"cm_governance": 3, "ai_secops": 4} and mine["draft"] is True
    submitted = client.post(url, scores_body(4), format="json")
    assert submitted.status_code == 201 and submitted.json()["total"] == 80.0
    assert submitted.json()["rubric_version"] == "2026-06"
    second = client.post(url, scores_body(5), format="json")
    assert second.status_code == 409
    assert "already submitted" in second.json()["detail"]
    assert client.post(url, {**scores_body(5), "draft": True}, format="json").status_code == 409
    assert ScoreSheet.objects.get().scores == uniform_scores(4)
    assert AuditEntry.objects.filter(action="score_sheet.submit").count() == 1


@pytest.mark.parametrize("scores", [
    uniform_scores(0), uniform_scores(6), {**uniform_scores(4), "cm_assets": 3.5}, {**uniform_scores(4), "cm_assets": "4"},
    {**uniform_scores(4), "cm_assets": True}, {**uniform_scores(4), "made_up": 3}, {"cm_assets": 3}, [], "4",
])
def test_bad_scores_change_nothing(api, application, panel, scores):
    response = api.as_user(panel["reviewers"][0]).post(_scores_url(application), {"scores": scores, "comment": "x"},
                                                       format="json")
    assert response.status_code == 400, response.content
    assert "scores" in response.json()
    assert not ScoreSheet.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="score_sheet").exists()


def test_message_names_the_scale(api, application, panel):
    response = api.as_user(panel["reviewers"][0]).post(_scores_url(application), scores_body(4, cm_assets=7),
                                                       format="json")
    assert "1" in response.json()["scores"][0] and "5" in response.json()["scores"][0]


def test_scores_on_an_unassigned_application(api, application, reviewer):
    response = api.as_user(reviewer).post(_scores_url(application), scores_body(), format="json")
    assert response.status_code == 404
    assert response.json()["detail"]
    assert not ScoreSheet.objects.exists()


def test_wrong_roles_may_not_score(api, application, panel, program_admin, ciso):
    ciso.company = application.company
    ciso.save()
    for user in (panel["advisors"][0], program_admin, ciso):
        response = api.as_user(user).post(_scores_url(application), scores_body(), format="json")
        assert response.status_code == 403, (user.role, response.content)
    assert not ScoreSheet.objects.exists()


def test_scores_only_while_under_review(api, panel, phase):
    application = ApplicationFactory(scheduled=True, phase=phase)
    AssignmentFactory(application=application, expert=panel["reviewers"][0])
    response = api.as_user(panel["reviewers"][0]).post(_scores_url(application), scores_body(), format="json")
    assert response.status_code == 409 and "under review" in response.json()["detail"]


def test_summary_for_the_office_only(api, application, panel, program_admin):
    for reviewer, value in zip(panel["reviewers"], (3, 4, 5), strict=True):
        ScoreSheetFactory(assignment=reviewer.review_assignments.get(), scores=uniform_scores(value, "2026-06"))
    body = api.as_user(program_admin).get(f"/api/v1/applications/{application.pk}/scores/summary/").json()
    assert body["total"] == 80.0 and body["passed"] is True
    assert body["flagged"] == [c["code"] for c in body["criteria"]]  # spread 2 everywhere
    first = body["criteria"][0]
    assert (first["mean"], first["median"], first["spread"]) == (4.0, 4.0, 2)
    assert api.as_user(panel["reviewers"][0]).get(
        f"/api/v1/applications/{application.pk}/scores/summary/").status_code == 403


def _assess_url(application):
    return f"/api/v1/applications/{application.pk}/assessments/"


def test_assessments(api, application, panel, program_admin):
    first, second = panel["advisors"]
    body = {"recommendation": "recommend_with_conditions", "narrative": "충분함", "conditions": "분기 보고"}
    response = api.as_user(first).post(_assess_url(application), body, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["recommendation"] == "recommend_with_conditions"
    assert api.as_user(first).post(_assess_url(application), body, format="json").status_code == 409
    assert len(api.as_user(program_admin).get(_assess_url(application)).json()) == 1
    assert len(api.as_user(first).get(_assess_url(application)).json()) == 1
    assert api.as_user(second).get(_assess_url(application)).json() == []
    assert api.as_user(panel["reviewers"][0]).get(_assess_url(application)).json() == []


@pytest.mark.parametrize(("body", "field"), [
    ({"recommendation": "maybe", "narrative": "x"}, "recommendation"),
    ({"narrative": "x"}, "recommendation"),
    ({"recommendation": "recommend", "narrative": ""}, "narrative"),
    ({"recommendation": "recommend_with_conditions", "narrative": "x", "conditions": ""}, "conditions"),
])
def test_assessment_bad_input(api, application, panel, body, field):
    response = api.as_user(panel["advisors"][0]).post(_assess_url(application), body, format="json")
    assert response.status_code == 400 and field in response.json()
    assert not Assessment.objects.exists()


def test_reviewers_do_not_assess(api, application, panel):
    response = api.as_user(panel["reviewers"][0]).post(
        _assess_url(application), {"recommendation": "recommend", "narrative": "x"}, format="json")
    assert response.status_code == 403


def test_complete_waits_for_every_assignment_and_names_who(api, application, panel, program_admin):
    url = f"/api/v1/applications/{application.pk}/transitions/complete/"
    for reviewer in panel["reviewers"][:2]:
        ScoreSheetFactory(assignment=reviewer.review_assignments.get())
    response = api.as_user(program_admin).post(url, {}, format="json")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert panel["reviewers"][2].username in detail and panel["advisors"][0].username in detail
    assert panel["reviewers"][0].username not in detail
    application.refresh_from_db()
    assert application.state == "under_review"


def test_complete_needs_a_reviewer(api, application, program_admin):
    response = api.as_user(program_admin).post(f"/api/v1/applications/{application.pk}/transitions/complete/", {},
                                               format="json")
    assert response.status_code == 409 and "reviewer" in response.json()["detail"]
