"""The contract's review: phases, assignments, scores, assessments and conflicts."""

import pytest

from tests.e2e.contract.helpers import V1, assert_ok, rows, rubric_codes
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


# --- phases --------------------------------------------------------------------------------------------
def test_phases_are_written_by_the_program_office_and_read_by_others(api, program_admin, ciso):
    body = {"number": 9, "name": "3차", "starts_on": "2026-10-01", "ends_on": "2026-12-31",
            "capacity_min": 10, "capacity_max": 30, "state": "planned"}
    created = assert_ok(api.as_user(program_admin).post(f"{V1}/phases/", body, format="json"), 201)
    assert isinstance(created["id"], int) and {k: created[k] for k in body} == body
    listed = rows(assert_ok(api.as_user(ciso).get(f"{V1}/phases/")))
    assert created["id"] in [p["id"] for p in listed]
    assert api.as_user(ciso).post(f"{V1}/phases/", {**body, "number": 10}, format="json").status_code == 403
    for number, state in ((11, "open"), (12, "closed")):
        made = assert_ok(api.as_user(program_admin).post(f"{V1}/phases/", {**body, "number": number, "state": state},
                                                         format="json"), 201)
        assert made["state"] == state


# --- review: assignments, scores, assessments, conflicts ------------------------------------------------
def test_reviewers_declare_conflicts_and_are_never_assigned_to_that_company(api, people):
    application = ApplicationFactory(scheduled=True, company=people["ciso"].company)
    reviewer = api.as_user(people["reviewer"])
    declared = assert_ok(reviewer.post(f"{V1}/conflicts/", {"company": application.company_id,
                                                           "nature": "최근 3년 내 자문 계약"}, format="json"), 201)
    assert isinstance(declared["id"], int) and declared["company"] == application.company_id
    assert declared["id"] in [c["id"] for c in rows(assert_ok(reviewer.get(f"{V1}/conflicts/")))]
    assert api.as_user(people["ciso"]).post(f"{V1}/conflicts/", {"company": application.company_id, "nature": "x"},
                                            format="json").status_code == 403
    response = api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                 {"user": people["reviewer"].pk}, format="json")
    assert response.status_code == 400 and "user" in response.json()
    assert api.as_user(people["reviewer"]).get(f"{V1}/applications/{application.pk}/").status_code == 404


def test_assignments_are_made_by_the_program_office_only(api, people):
    application = ApplicationFactory(scheduled=True, company=people["ciso"].company)
    url = f"{V1}/applications/{application.pk}/assignments/"
    assert api.as_user(people["ciso"]).post(url, {"user": people["reviewer"].pk}, format="json").status_code == 403
    assert api.as_user(people["reviewer"]).post(url, {"user": people["reviewer"].pk}, format="json").status_code == 404
    made = assert_ok(api.as_user(people["admin"]).post(url, {"user": people["reviewer"].pk}, format="json"), 201)
    assert made["user"] == people["reviewer"].pk
    # Timestamps carry Seoul's offset here as everywhere else in the API (this payload once said "Z").
    assert made["assigned_at"].endswith("+09:00"), made["assigned_at"]
    listed = rows(assert_ok(api.as_user(people["admin"]).get(url)))
    assert made["id"] in [a["id"] for a in listed]


def test_scores_outside_1_to_5_are_400_keyed_scores(api, people, django_capture_on_commit_callbacks):
    application = ApplicationFactory(under_review=True, company=people["ciso"].company)
    with django_capture_on_commit_callbacks(execute=True):
        assert_ok(api.as_user(people["admin"]).post(f"{V1}/applications/{application.pk}/assignments/",
                                                    {"user": people["reviewer"].pk}, format="json"), 201)
    reviewer = api.as_user(people["reviewer"])
    codes = rubric_codes(reviewer)
    response = reviewer.post(f"{V1}/applications/{application.pk}/scores/",
                             {"scores": dict.fromkeys(codes, 6), "comment": ""}, format="json")
    assert response.status_code == 400 and "scores" in response.json()
    advisor = api.as_user(people["advisor"])  # not assigned: may not even see it
    assert advisor.post(f"{V1}/applications/{application.pk}/assessments/",
                        {"recommendation": "recommend", "narrative": "x", "conditions": ""},
                        format="json").status_code == 404
