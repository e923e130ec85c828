"""Walks the intake through the API: draft -> submitted -> eligible, and draft -> ineligible -> overridden."""

import pytest
from django.core import mail

from tests.factories import CompanyFactory, UserFactory

from .helpers import COMPLETE

pytestmark = pytest.mark.django_db


def _draft(api, ciso) -> dict:
    response = api.as_user(ciso).post("/api/v1/applications/", {}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "draft"
    assert body["company"] == ciso.company_id
    return body


def test_draft_submitted_eligible(api, ciso, django_capture_on_commit_callbacks):
    app = _draft(api, ciso)
    url = f"/api/v1/applications/{app['id']}/"
    assert {m["field"] for m in app["missing"]} >= {"systems_in_scope", "compensating_controls", "attestation"}
    assert [t["name"] for t in api.get(url + "transitions/").json()] == ["withdraw"]

    response = api.patch(url, COMPLETE, format="json")
    assert response.status_code == 200, response.content
    assert [m["field"] for m in response.json()["missing"]] == ["attestation"]
    response = api.patch(url, {"attestation": True}, format="json")
    assert response.status_code == 200
    assert response.json()["missing"] == []
    assert [t["name"] for t in api.get(url + "transitions/").json()] == ["submit", "withdraw"]

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url + "transitions/submit/", {}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["state"] == "eligible"
    assert body["eligibility"]["eligible"] is True
    assert body["eligibility"]["ruleset"] == "2026-05"
    assert {c["code"] for c in body["eligibility"]["criteria"]} == {"assets", "staff", "efta_ciso"}

    history = api.get(url + "history/").json()
    assert [(h["from"], h["to"], h["transition"]) for h in history] == [
        ("draft", "submitted", "submit"), ("submitted", "eligible", "mark_eligible"),
    ]
    assert history[0]["actor"] == {"id": ciso.pk, "username": ciso.username}
    assert history[1]["actor"] is None
    assert len(mail.outbox) == 1
    assert ciso.email in mail.outbox[0].to

    # Editing is over once submitted.
    assert api.patch(url, {"self_assessment": "x"}, format="json").status_code == 409


def test_draft_ineligible_overridden(api, program_admin, django_capture_on_commit_callbacks):
    ciso = UserFactory(ciso=True, company=CompanyFactory(ineligible=True))
    app = _draft(api, ciso)
    url = f"/api/v1/applications/{app['id']}/"
    assert api.patch(url, {**COMPLETE, "attestation": True}, format="json").status_code == 200
    response = api.post(url + "transitions/submit/", {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "ineligible"
    failed = [c for c in body["eligibility"]["criteria"] if not c["passed"]]
    assert [c["code"] for c in failed] == ["assets"]

    # The CISO may not override; the program office must give a reason.
    assert api.post(url + "transitions/override/", {"reason": "x"}, format="json").status_code == 403
    admin = api.as_user(program_admin)
    assert [t["name"] for t in admin.get(url + "transitions/").json()] == ["override"]
    response = admin.post(url + "transitions/override/", {}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url + "transitions/override/", {"reason": "자산 기준일 이후 합병으로 10조 초과"},
                              format="json")
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "eligible"
    assert response.json()["override_justification"] == "자산 기준일 이후 합병으로 10조 초과"
    history = admin.get(url + "history/").json()
    assert [h["to"] for h in history] == ["submitted", "ineligible", "eligible"]
    assert history[-1]["reason"] == "자산 기준일 이후 합병으로 10조 초과"
    assert history[-1]["actor"]["username"] == program_admin.username
