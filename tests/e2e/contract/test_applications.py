"""The contract's applications: create, read and patch, who sees them, the transitions and the
history they leave.
"""

import pytest

from tests.e2e.contract.helpers import (
    TIMESTAMP,
    TRANSITION_NAMES,
    V1,
    application_body,
    assert_ok,
    fire,
    rows,
)
from tests.factories import ApplicationFactory, CompanyFactory, PhaseFactory, UserFactory

pytestmark = pytest.mark.django_db


# --- applications ---------------------------------------------------------------------------------------
def test_a_ciso_application_belongs_to_the_ciso_company_with_the_contract_fields(api, ciso):
    client = api.as_user(ciso)
    body = application_body(client, preferred_phase=PhaseFactory(planned=True).pk)
    created = assert_ok(client.post(f"{V1}/applications/", body, format="json"), 201)
    assert isinstance(created["id"], int) and created["attestation"] is False
    assert created["company"] == ciso.company_id and created["state"] == "draft"
    assert {k: created[k] for k in body} == body
    patched = assert_ok(client.patch(f"{V1}/applications/{created['id']}/", {"systems_in_scope": "망 B"},
                                     format="json"))
    assert patched["systems_in_scope"] == "망 B"
    for key in ("created_at", "updated_at"):
        assert TIMESTAMP.match(patched[key]), patched[key]


@pytest.mark.parametrize("field,value", [("compensating_controls", ["no_such_control"]),  # not a catalogue code
                                         ("ai_models", [{"name": "Claude"}]), ("saas_products", "CloudGuard")])
def test_invalid_application_input_is_400_keyed_by_the_api_field(api, ciso, field, value):
    client = api.as_user(ciso)
    catalogue = rows(assert_ok(client.get(f"{V1}/catalogue/controls/")))
    assert catalogue and all(entry["code"] for entry in catalogue)
    response = client.post(f"{V1}/applications/", application_body(client, **{field: value}), format="json")
    assert response.status_code == 400 and field in response.json()


def test_only_the_ciso_may_set_the_attestation(api, ciso, company_staff):
    staff = api.as_user(company_staff)
    app = assert_ok(staff.post(f"{V1}/applications/", application_body(staff), format="json"), 201)
    url = f"{V1}/applications/{app['id']}/"
    assert app["company"] == company_staff.company_id
    assert_ok(staff.patch(url, {"systems_in_scope": "망 C"}, format="json"))  # staff edit drafts...
    assert staff.patch(url, {"attestation": True}, format="json").status_code == 403  # ...but never attest
    assert staff.post(f"{V1}/applications/", {"attestation": True}, format="json").status_code == 403
    assert api.as_user(ciso).patch(url, {"attestation": True}, format="json").json()["attestation"] is True
    assert fire(api.as_user(company_staff), app["id"], "submit").status_code == 403  # staff never submit


def test_an_application_needs_at_least_one_scope(api, ciso):
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(
        client, scope_ai_vulnerability_assessment=False, scope_saas_security=False), format="json"), 201)
    assert_ok(client.patch(f"{V1}/applications/{app['id']}/", {"attestation": True}, format="json"))
    response = fire(client, app["id"], "submit")  # a condition of submit not met: 409
    assert response.status_code == 409 and response.json()
    assert client.get(f"{V1}/applications/{app['id']}/").json()["state"] == "draft"


def test_applications_are_seen_by_their_company_and_the_regulator_side_that_may(api, people, auditor):
    application = ApplicationFactory(company=people["ciso"].company)
    url = f"{V1}/applications/{application.pk}/"
    for user in (people["ciso"], people["admin"], auditor):
        assert_ok(api.as_user(user).get(url))
    for user in (people["other_ciso"], people["reviewer"], people["advisor"]):  # not assigned
        assert api.as_user(user).get(url).status_code == 404
        assert api.as_user(user).get(url + "history/").status_code == 404
    assert application.pk not in [a["id"] for a in rows(api.as_user(people["other_ciso"]).get(
        f"{V1}/applications/").json())]
    assert api.as_user(people["other_ciso"]).patch(url, {"systems_in_scope": "x"}, format="json").status_code == 404
    assert api.as_user(auditor).patch(url, {"systems_in_scope": "x"}, format="json").status_code == 403
    assert fire(api.as_user(auditor), application.pk, "withdraw").status_code == 403


def test_submit_runs_eligibility_in_the_same_request_and_history_records_it(api, django_capture_on_commit_callbacks):
    ciso = UserFactory(ciso=True, company=CompanyFactory(ineligible=True))
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(client, attestation=True), format="json"), 201)
    transitions = assert_ok(client.get(f"{V1}/applications/{app['id']}/transitions/"))
    assert transitions and all({"name", "label"} <= set(t) and t["label"] for t in transitions)
    assert {t["name"] for t in transitions} <= TRANSITION_NAMES and "submit" in {t["name"] for t in transitions}
    with django_capture_on_commit_callbacks(execute=True):
        assert assert_ok(fire(client, app["id"], "submit"))["state"] == "ineligible"
    history = assert_ok(client.get(f"{V1}/applications/{app['id']}/history/"))
    assert [(h["from"], h["to"]) for h in rows(history)] == [("draft", "submitted"), ("submitted", "ineligible")]
    first, automatic = rows(history)
    assert first["actor"] == {"id": ciso.pk, "username": ciso.username} and automatic["actor"] is None
    for entry in rows(history):
        assert "reason" in entry and TIMESTAMP.match(entry["at"]), entry


def test_the_eligibility_returned_by_submit_has_the_contract_eligibility_shape(api, ciso,
                                                                               django_capture_on_commit_callbacks):
    client = api.as_user(ciso)
    app = assert_ok(client.post(f"{V1}/applications/", application_body(client, attestation=True), format="json"), 201)
    with django_capture_on_commit_callbacks(execute=True):
        body = assert_ok(fire(client, app["id"], "submit"))
    assert body["eligibility"]["eligible"] is True and body["eligibility"]["ruleset"] == "2026-05"
    for criterion in body["eligibility"]["criteria"]:
        assert {"code", "passed", "actual", "threshold", "basis"} <= set(criterion), sorted(criterion)
        assert criterion["basis"] == criterion["basis_ko"]  # the request's language (Korean by default)
    english = client.get(f"{V1}/applications/{app['id']}/", HTTP_ACCEPT_LANGUAGE="en").json()["eligibility"]
    assert all(c["basis"] == c["basis_en"] for c in english["criteria"])


def test_a_transition_not_allowed_now_is_409_and_changes_nothing(api, program_admin):
    application = ApplicationFactory(attested=True)
    client = api.as_user(program_admin)
    response = fire(client, application.pk, "approve", reason="요건 충족")
    assert response.status_code == 409 and response.json()
    assert fire(client, application.pk, "start_review").status_code == 409
    assert client.get(f"{V1}/applications/{application.pk}/").json()["state"] == "draft"
    assert rows(client.get(f"{V1}/applications/{application.pk}/history/").json()) == []


@pytest.mark.parametrize("name,state,after", [
    ("approve", "screened", "approved"), ("reject", "screened", "rejected"), ("revoke", "granted", "revoked"),
    ("override", "ineligible", "eligible"), ("request_supplement", "under_review", "supplement_requested")])
def test_reason_is_required_for_decisions(api, program_admin, name, state, after):
    application = ApplicationFactory.in_state(state)
    client = api.as_user(program_admin)
    assert name in [t["name"] for t in client.get(f"{V1}/applications/{application.pk}/transitions/").json()]
    for body in ({}, {"reason": ""}):
        response = fire(client, application.pk, name, **body)
        assert response.status_code == 400 and "reason" in response.json(), response.content
    assert client.get(f"{V1}/applications/{application.pk}/").json()["state"] == state
    assert assert_ok(fire(client, application.pk, name, reason="사유를 적음"))["state"] == after


def test_schedule_takes_the_phase_id_and_no_reason(api, program_admin):
    application = ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    response = fire(client, application.pk, "schedule")
    assert response.status_code == 400 and "phase" in response.json()
    phase = PhaseFactory()
    body = assert_ok(fire(client, application.pk, "schedule", phase=phase.pk))
    assert body["state"] == "scheduled" and body["phase"] == phase.pk


def test_a_reviewer_requests_a_supplement_and_the_ciso_responds(api, people, django_capture_on_commit_callbacks):
    application = ApplicationFactory(under_review=True, company=people["ciso"].company)
    with django_capture_on_commit_callbacks(execute=True):
        assert_ok(api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                    {"user": people["reviewer"].pk}, format="json"), 201)
        reviewer = api.as_user(people["reviewer"])
        assert "request_supplement" in [t["name"] for t in reviewer.get(
            f"{V1}/applications/{application.pk}/transitions/").json()]
        body = assert_ok(fire(reviewer, application.pk, "request_supplement", reason="시스템 구성도 보완"))
        assert body["state"] == "supplement_requested"
        ciso = api.as_user(people["ciso"])
        assert "respond" in [t["name"] for t in ciso.get(f"{V1}/applications/{application.pk}/transitions/").json()]
        assert assert_ok(fire(ciso, application.pk, "respond"))["state"] == "under_review"


@pytest.mark.parametrize("state", ["draft", "eligible", "ineligible", "scheduled", "under_review",
                                   "supplement_requested", "screened", "approved", "rejected", "granted"])
def test_the_ciso_withdraws_only_before_a_decision(api, ciso, state, django_capture_on_commit_callbacks):
    application = ApplicationFactory.in_state(state, company=ciso.company)
    with django_capture_on_commit_callbacks(execute=True):
        response = fire(api.as_user(ciso), application.pk, "withdraw")
    if state in ("approved", "rejected", "granted"):
        assert response.status_code == 409
    else:
        assert assert_ok(response)["state"] == "withdrawn"
