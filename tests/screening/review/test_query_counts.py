"""The board and the queues run the same number of SQL queries for 1 and for 100 applications."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from screening.models import Application
from tests.factories import (
    ApplicationFactory,
    AssessmentFactory,
    AssignmentFactory,
    PhaseFactory,
    ScoreSheetFactory,
    UserFactory,
    login_verified,
)

pytestmark = pytest.mark.django_db

STATES = ("eligible", "scheduled", "under_review", "screened", "approved")


def _build(count: int, reviewer, advisor):
    phases = [PhaseFactory(), PhaseFactory()]
    for index in range(count):
        state = STATES[index % len(STATES)]
        extra = {"phase": phases[index % 2]} if state != "eligible" else {}
        application = ApplicationFactory(**{state: True}, **extra)
        sheet_assignment = AssignmentFactory(application=application, expert=reviewer)
        advice = AssignmentFactory(application=application, expert=advisor)
        if index % 2:
            ScoreSheetFactory(assignment=sheet_assignment)
            AssessmentFactory(assignment=advice)


def _count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return len(queries)


@pytest.fixture
def experts(db):
    return UserFactory(reviewer=True), UserFactory(advisor=True)


def _pages(client, reviewer, advisor, program_admin):
    login_verified(client, program_admin)
    board_page = _count(lambda: client.get("/screening/board/"))
    login_verified(client, reviewer)
    queue_page = _count(lambda: client.get("/screening/queue/"))
    return board_page, queue_page


def _api(api, reviewer, advisor, program_admin):
    office = api.as_user(program_admin)
    board = _count(lambda: office.get("/api/v1/board/"))
    queue = _count(lambda: api.as_user(reviewer).get("/api/v1/queue/"))
    advisor_queue = _count(lambda: api.as_user(advisor).get("/api/v1/queue/"))
    return board, queue, advisor_queue


def test_board_and_queues_are_constant(client, api, experts, program_admin, django_assert_max_num_queries):
    reviewer, advisor = experts
    for user in (reviewer, advisor, program_admin):
        api.as_user(user)  # tokens made before counting
    _build(1, reviewer, advisor)
    one_pages = _pages(client, reviewer, advisor, program_admin)
    one_api = _api(api, reviewer, advisor, program_admin)
    _build(99, reviewer, advisor)
    hundred_pages = _pages(client, reviewer, advisor, program_admin)
    hundred_api = _api(api, reviewer, advisor, program_admin)
    assert hundred_pages == one_pages
    assert hundred_api == one_api
    # And small in absolute terms (sessions, user, device, then the data itself).
    login_verified(client, program_admin)
    with django_assert_max_num_queries(12):
        client.get("/screening/board/")
    body = api.as_user(program_admin).get("/api/v1/board/").json()
    assert sum(row["count"] for row in body) == 100
    open_count = Application.objects.filter(state__in=["eligible", "scheduled", "under_review"]).count()
    assert len(api.as_user(reviewer).get("/api/v1/queue/").json()) == open_count > 50


def test_allocation_is_constant(client, program_admin):
    PhaseFactory()
    login_verified(client, program_admin)
    ApplicationFactory(eligible=True)
    one = _count(lambda: client.get("/screening/allocation/"))
    for _ in range(30):
        ApplicationFactory(eligible=True)
    assert _count(lambda: client.get("/screening/allocation/")) == one
