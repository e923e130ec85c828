"""Phases through the API, scheduling with capacity, the proposed allocation, moving, starting reviews."""

import datetime as dt
import threading

import pytest
from django.conf import settings as django_settings
from django.db import connection
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from portal.audit.models import AuditEntry
from screening.models import Application, Phase
from tests.factories import ApplicationFactory, PhaseFactory, UserFactory
from tests.factories.otp import login_verified

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _phase_body(number=7, **extra):
    body = {"number": number, "name": "4차", "starts_on": "2027-01-01", "ends_on": "2027-03-31",
            "capacity_min": 5, "capacity_max": 10, "state": "planned"}
    body.update(extra)
    return body


def test_office_creates_and_edits_phases(api, program_admin):
    client = api.as_user(program_admin)
    response = client.post("/api/v1/phases/", _phase_body(number=42), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["id"] and body["number"] == 42 and body["state"] == "planned" and body["seats_taken"] == 0
    # Windows may overlap: a second phase over the same months is fine.
    assert client.post("/api/v1/phases/", _phase_body(number=43), format="json").status_code == 201
    response = client.patch(f"/api/v1/phases/{body['id']}/", {"state": "open", "capacity_max": 12}, format="json")
    assert response.status_code == 200 and response.json()["state"] == "open"
    assert Phase.objects.get(pk=body["id"]).capacity_max == 12
    assert AuditEntry.objects.filter(action="phase.update", object_id=str(body["id"])).exists()
    listed = client.get("/api/v1/phases/").json()
    assert [p["number"] for p in listed if p["number"] in (42, 43)] == [42, 43]


def test_a_phase_has_an_english_name_for_english_pages(api, client, program_admin):
    made = api.as_user(program_admin).post("/api/v1/phases/", _phase_body(number=44, name="4차 심사", name_en="Phase 4"),
                                          format="json").json()
    assert made["name_en"] == "Phase 4"
    unnamed = api.as_user(program_admin).post("/api/v1/phases/", _phase_body(number=45, name="5차 심사"),
                                             format="json").json()
    assert unnamed["name_en"] == ""
    login_verified(client, program_admin)
    korean = client.get("/screening/phases/").content.decode()
    assert "4차 심사" in korean and "Phase 4" not in korean
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/screening/phases/").content.decode()
    assert "Phase 4" in english and "5차 심사" in english  # no English name: the Korean one


@pytest.mark.parametrize(("body", "field"), [
    (_phase_body(number=0), "number"),
    (_phase_body(number=-3), "number"),
    (_phase_body(ends_on="2026-12-01"), "ends_on"),
    (_phase_body(capacity_min=20, capacity_max=10), "capacity_max"),
    (_phase_body(state="paused"), "state"),
])
def test_bad_phases_are_refused_by_field(api, program_admin, body, field):
    response = api.as_user(program_admin).post("/api/v1/phases/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()


def test_phase_number_is_unique(api, program_admin):
    PhaseFactory(number=9)
    response = api.as_user(program_admin).post("/api/v1/phases/", _phase_body(number=9), format="json")
    assert response.status_code == 400 and "number" in response.json()


@pytest.mark.parametrize("role", ["reviewer", "advisor", "auditor", "ciso"])
def test_only_the_office_writes_phases(api, role, company):
    user = UserFactory(role=role, company=company if role == "ciso" else None)
    phase = PhaseFactory()
    client = api.as_user(user)
    assert client.get("/api/v1/phases/").status_code == 200
    assert client.post("/api/v1/phases/", _phase_body(number=77), format="json").status_code == 403
    assert client.patch(f"/api/v1/phases/{phase.pk}/", {"state": "closed"}, format="json").status_code == 403
    assert Phase.objects.get(pk=phase.pk).state == "open"


def _schedule(client, application, phase):
    return client.post(f"/api/v1/applications/{application.pk}/transitions/schedule/", {"phase": phase.pk},
                       format="json")


def test_capacity_is_enforced(api, program_admin):
    phase = PhaseFactory(capacity_max=2)
    ApplicationFactory(scheduled=True, phase=phase)
    ApplicationFactory(withdrawn=True, phase=phase)  # a withdrawn application holds no place
    first, second = ApplicationFactory(eligible=True), ApplicationFactory(eligible=True)
    client = api.as_user(program_admin)
    assert _schedule(client, first, phase).status_code == 200
    response = _schedule(client, second, phase)
    assert response.status_code == 409
    assert "full" in response.json()["detail"] and "2" in response.json()["detail"]
    second.refresh_from_db()
    assert second.state == "eligible" and second.phase_id is None


def test_closed_or_ended_phases_are_refused_but_a_future_one_waits(api, program_admin):
    client = api.as_user(program_admin)
    closed = PhaseFactory(closed=True)
    ended = PhaseFactory(starts_on=TODAY() - dt.timedelta(days=90), ends_on=TODAY() - dt.timedelta(days=1))
    future = PhaseFactory(planned=True, starts_on=TODAY() + dt.timedelta(days=30),
                          ends_on=TODAY() + dt.timedelta(days=90))
    application = ApplicationFactory(eligible=True)
    for phase, word in ((closed, "closed"), (ended, "ended")):
        response = _schedule(client, application, phase)
        assert response.status_code == 400, response.content
        assert word in response.json()["phase"][0]
    application.refresh_from_db()
    assert application.state == "eligible"
    assert _schedule(client, application, future).status_code == 200
    application.refresh_from_db()
    assert application.state == "scheduled" and application.phase == future
    # Waiting: the review cannot start before the phase is open.
    response = client.post(f"/api/v1/applications/{application.pk}/transitions/start_review/", {}, format="json")
    assert response.status_code == 409
    assert client.get(f"/api/v1/applications/{application.pk}/transitions/").json() == []


def test_unknown_phase_is_a_field_error(api, program_admin):
    application = ApplicationFactory(eligible=True)
    response = api.as_user(program_admin).post(
        f"/api/v1/applications/{application.pk}/transitions/schedule/", {"phase": 999999}, format="json")
    assert response.status_code == 400 and "phase" in response.json()


def test_proposed_allocation_follows_submission_order_preference_and_capacity(api, program_admin):
    early = PhaseFactory(number=101, capacity_max=1, starts_on=TODAY() - dt.timedelta(days=5))
    late = PhaseFactory(number=102, capacity_max=5, starts_on=TODAY() + dt.timedelta(days=5))
    PhaseFactory(number=103, closed=True)
    now = timezone.now()
    a1 = ApplicationFactory(eligible=True, submitted_at=now - dt.timedelta(days=3))
    a2 = ApplicationFactory(eligible=True, submitted_at=now - dt.timedelta(days=2))
    a3 = ApplicationFactory(eligible=True, submitted_at=now - dt.timedelta(days=1), preferred_phase=early)
    a0 = ApplicationFactory(eligible=True, submitted_at=now - dt.timedelta(days=4), preferred_phase=late)
    client = api.as_user(program_admin)
    proposal = {row["application"]: row["phase"] for row in client.get("/api/v1/allocation/").json()}
    # a0 first (earliest) and prefers the late phase; a1 takes the one place of the early phase;
    # a2 goes to the late phase; a3 preferred the early phase but it is full.
    assert proposal == {a0.pk: late.pk, a1.pk: early.pk, a2.pk: late.pk, a3.pk: late.pk}
    # The office moves a2 to... the early phase, which is full: that one is refused, the rest scheduled.
    response = client.post("/api/v1/allocation/", {"placements": [
        {"application": a1.pk, "phase": early.pk}, {"application": a2.pk, "phase": early.pk},
        {"application": a3.pk, "phase": late.pk},
    ]}, format="json")
    assert response.status_code == 200
    assert response.json()["done"] == [a1.pk, a3.pk]
    assert [r["application"] for r in response.json()["refused"]] == [a2.pk]
    # Confirming the rest of the proposal as it stands.
    response = client.post("/api/v1/allocation/", {}, format="json")
    assert sorted(response.json()["done"]) == sorted([a0.pk, a2.pk])
    assert set(Application.objects.filter(pk__in=[a0.pk, a1.pk, a2.pk, a3.pk]).values_list("state", flat=True)) == {
        "scheduled"}


def test_allocation_is_the_offices(api, reviewer):
    assert api.as_user(reviewer).get("/api/v1/allocation/").status_code == 403


def test_move_between_phases(api, program_admin):
    a, b = PhaseFactory(), PhaseFactory(capacity_max=1)
    application = ApplicationFactory(scheduled=True, phase=a)
    client = api.as_user(program_admin)
    response = client.post(f"/api/v1/applications/{application.pk}/move/", {"phase": b.pk}, format="json")
    assert response.status_code == 200 and response.json()["phase"] == b.pk
    other = ApplicationFactory(scheduled=True, phase=a)
    response = client.post(f"/api/v1/applications/{other.pk}/move/", {"phase": b.pk}, format="json")
    assert response.status_code == 409
    assert AuditEntry.objects.filter(action="application.move_phase", object_id=str(application.pk)).count() == 1


def test_start_review_freezes_the_rubric_and_bulk_start(api, program_admin):
    phase = PhaseFactory()
    waiting = [ApplicationFactory(scheduled=True, phase=phase) for _ in range(3)]
    client = api.as_user(program_admin)
    single = client.post(f"/api/v1/applications/{waiting[0].pk}/transitions/start_review/", {}, format="json")
    assert single.status_code == 200 and single.json()["state"] == "under_review"
    response = client.post(f"/api/v1/phases/{phase.pk}/start-reviews/", {}, format="json")
    assert response.status_code == 200
    assert sorted(response.json()["done"]) == sorted(a.pk for a in waiting[1:])
    for application in waiting:
        application.refresh_from_db()
        assert application.state == "under_review" and application.rubric_version == "2026-06"
    planned = PhaseFactory(planned=True)
    ApplicationFactory(scheduled=True, phase=planned)
    assert client.post(f"/api/v1/phases/{planned.pk}/start-reviews/", {}, format="json").status_code == 409


def test_rubric_catalogue(api, ciso):
    body = api.as_user(ciso).get("/api/v1/catalogue/rubric/").json()
    assert body["version"] == "2026-06"
    assert len(body["criteria"]) == 10
    assert {"code", "area", "weight", "title_ko", "title_en", "description_ko", "description_en"} <= set(body["criteria"][0])
    assert sum(c["weight"] for c in body["criteria"]) == 100
    assert api.as_user(ciso).get("/api/v1/catalogue/rubric/?version=1999").status_code == 404


@pytest.mark.django_db(transaction=True)
def test_two_office_users_race_for_the_last_place():
    """Two program office users schedule different applications into the last free place at once,
    on two connections: exactly one wins; the other gets 409 and nothing changes for it."""
    phase = PhaseFactory(capacity_max=1)
    applications = [ApplicationFactory(eligible=True) for _ in range(2)]
    admins = [UserFactory(program_admin=True) for _ in range(2)]
    barrier = threading.Barrier(2)
    results = {}

    def run(index):
        try:
            client = APIClient()
            client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=admins[index])[0].key}")
            barrier.wait(timeout=10)
            response = client.post(f"/api/v1/applications/{applications[index].pk}/transitions/schedule/",
                                   {"phase": phase.pk}, format="json")
            results[index] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results.values()) == [200, 409]
    assert Application.objects.filter(phase=phase, state="scheduled").count() == 1
