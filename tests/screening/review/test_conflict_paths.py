"""A conflicted expert sees nothing of that company's applications on any path: the list, the detail,
history, documents, scores, assessments, assignments, the queue, and cannot be assigned."""

import pytest

from screening.models import Assignment
from tests.factories import (
    ApplicationFactory,
    AssignmentFactory,
    ConflictFactory,
    SupportingDocumentFactory,
    login_verified,
)

pytestmark = pytest.mark.django_db

PATHS = ("", "history/", "documents/", "transitions/", "scores/", "assessments/", "assignments/", "scores/mine/")


@pytest.fixture
def conflicted(application, reviewer):
    """``reviewer`` assigned to ``application``, then a conflict with its company slipped in directly
    (as if recorded behind the service's back): every path must still refuse."""
    AssignmentFactory(application=application, expert=reviewer)
    SupportingDocumentFactory(application=application)
    ConflictFactory(expert=reviewer, company=application.company)
    return reviewer


def test_every_api_path_is_404(api, application, conflicted):
    client = api.as_user(conflicted)
    for suffix in PATHS:
        response = client.get(f"/api/v1/applications/{application.pk}/{suffix}")
        assert response.status_code == 404, (suffix, response.status_code)
    document = application.documents.get()
    assert client.get(f"/api/v1/applications/{application.pk}/documents/{document.pk}/download/").status_code == 404
    listed = client.get("/api/v1/applications/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert application.pk not in [row["id"] for row in rows]
    assert client.get("/api/v1/queue/").json() == []
    response = client.post(f"/api/v1/applications/{application.pk}/scores/", {"scores": {}}, format="json")
    assert response.status_code == 404


def test_pages_are_404(client, application, conflicted):
    login_verified(client, conflicted)
    assert client.get(f"/applications/{application.pk}/").status_code == 404
    assert client.get(f"/applications/{application.pk}/review/").status_code == 404
    queue = client.get("/screening/queue/")
    assert queue.status_code == 200
    assert application.company.name_ko not in queue.content.decode()


def test_a_conflicted_expert_cannot_be_assigned_to_another_application_of_the_company(api, program_admin, conflicted,
                                                                                      application):
    other = ApplicationFactory(eligible=True, company=application.company)
    response = api.as_user(program_admin).post(f"/api/v1/applications/{other.pk}/assignments/",
                                               {"user": conflicted.pk}, format="json")
    assert response.status_code == 400
    assert not Assignment.objects.filter(application=other).exists()
    proposal = api.as_user(program_admin).get(f"/api/v1/applications/{other.pk}/assignments/proposal/").json()
    assert conflicted.pk not in [row["user"] for row in proposal]


def test_other_companies_stay_visible(api, conflicted):
    elsewhere = ApplicationFactory(under_review=True)
    AssignmentFactory(application=elsewhere, expert=conflicted)
    assert api.as_user(conflicted).get(f"/api/v1/applications/{elsewhere.pk}/").status_code == 200
