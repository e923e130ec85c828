"""The walk eligible -> scheduled -> under_review -> screened -> approved, entirely through the API."""

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.audit.models import AuditEntry
from screening.models import Application
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _client(user):
    """A client of its own (the ``api`` fixture's client switches user on every ``as_user``)."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")
    return client


def _fire(client, application_id, name, body=None):
    return client.post(f"/api/v1/applications/{application_id}/transitions/{name}/", body or {}, format="json")


def test_eligible_to_approved(api, program_admin, django_capture_on_commit_callbacks):
    application = ApplicationFactory(eligible=True)
    pk = application.pk
    office = _client(program_admin)
    today = timezone.localdate()

    # The office opens a phase, and the portal proposes it for the eligible application.
    phase = office.post("/api/v1/phases/", {
        "number": 31, "name": "3차 (4분기)", "starts_on": (today - dt.timedelta(days=30)).isoformat(),
        "ends_on": (today + dt.timedelta(days=30)).isoformat(), "capacity_min": 1, "capacity_max": 30,
        "state": "open",
    }, format="json").json()
    proposal = office.get("/api/v1/allocation/").json()
    assert {"application": pk, "phase": phase["id"]}.items() <= next(r for r in proposal if r["application"] == pk).items()

    response = _fire(office, pk, "schedule", {"phase": phase["id"]})
    assert response.status_code == 200 and response.json()["state"] == "scheduled"

    reviewers = [UserFactory(reviewer=True) for _ in range(3)]
    advisors = [UserFactory(advisor=True) for _ in range(2)]
    for expert in reviewers + advisors:
        response = office.post(f"/api/v1/applications/{pk}/assignments/", {"user": expert.pk}, format="json")
        assert response.status_code == 201, response.content

    response = _fire(office, pk, "start_review")
    assert response.status_code == 200 and response.json()["state"] == "under_review"
    assert Application.objects.get(pk=pk).rubric_version == "2026-06"

    # Not yet: nobody has scored.
    response = _fire(office, pk, "complete")
    assert response.status_code == 409

    codes = [c["code"] for c in _client(reviewers[0]).get("/api/v1/catalogue/rubric/").json()["criteria"]]
    for reviewer, value in zip(reviewers, (4, 4, 5), strict=True):
        response = _client(reviewer).post(f"/api/v1/applications/{pk}/scores/",
                                              {"scores": dict.fromkeys(codes, value), "comment": "적정"}, format="json")
        assert response.status_code == 201, response.content
    assessment_ids = []
    for advisor, recommendation in zip(advisors, ("recommend", "recommend_with_conditions"), strict=True):
        response = _client(advisor).post(f"/api/v1/applications/{pk}/assessments/", {
            "recommendation": recommendation, "narrative": "AI 역량 충분",
            "conditions": "" if recommendation == "recommend" else "반기별 AI 모델 점검 결과 보고",
        }, format="json")
        assert response.status_code == 201, response.content
        assessment_ids.append(response.json()["id"])

    response = _fire(office, pk, "complete")
    assert response.status_code == 200 and response.json()["state"] == "screened"
    summary = office.get(f"/api/v1/applications/{pk}/scores/summary/").json()
    assert summary["total"] == pytest.approx(86.67) and summary["passed"] is True and summary["flagged"] == []

    # A decision without a reason changes nothing.
    response = _fire(office, pk, "approve", {"conditions": "x"})
    assert response.status_code == 400 and "reason" in response.json()
    assert Application.objects.get(pk=pk).state == "screened"

    effective = (today + dt.timedelta(days=14)).isoformat()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = _fire(office, pk, "approve", {
            "reason": "관리체계와 AI 역량 모두 기준 충족", "adopt_conditions": [assessment_ids[1]],
            "conditions": "보완통제 이행 현황 분기 보고", "effective_date": effective,
        })
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "approved"
    assert body["decision_conditions"] == "반기별 AI 모델 점검 결과 보고\n\n보완통제 이행 현황 분기 보고"
    assert body["effective_date"] == effective
    assert callbacks  # the letter is queued after commit (letters.receivers)

    history = office.get(f"/api/v1/applications/{pk}/history/").json()
    assert [h["to"] for h in history][-4:] == ["scheduled", "under_review", "screened", "approved"]
    assert AuditEntry.objects.filter(action="application.approve", object_id=str(pk)).exists()


def test_reject_needs_reasons(api, program_admin):
    application = ApplicationFactory(screened=True)
    office = api.as_user(program_admin)
    response = _fire(office, application.pk, "reject", {"reason": "  "})
    assert response.status_code == 400 and "reason" in response.json()
    application.refresh_from_db()
    assert application.state == "screened"
    response = _fire(office, application.pk, "reject", {"reason": "총점 70점 미달"})
    assert response.status_code == 200 and response.json()["state"] == "rejected"


def test_adopted_conditions_must_be_this_applications(api, program_admin):
    application = ApplicationFactory(screened=True)
    response = _fire(api.as_user(program_admin), application.pk, "approve", {"reason": "ok", "adopt_conditions": [999]})
    assert response.status_code == 400 and "adopt_conditions" in response.json()
