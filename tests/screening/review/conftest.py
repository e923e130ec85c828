import pytest

from tests.factories import ApplicationFactory, AssignmentFactory, PhaseFactory, UserFactory, uniform_scores


@pytest.fixture
def phase(db):
    return PhaseFactory()


@pytest.fixture
def application(db, phase):
    """An application under review in an open phase, with the rubric frozen."""
    return ApplicationFactory(under_review=True, phase=phase, rubric_version="2026-06")


@pytest.fixture
def panel(application):
    """Three reviewers and two advisors assigned to ``application``: {"reviewers": [...], "advisors": [...]}."""
    reviewers = [AssignmentFactory(application=application, expert=UserFactory(reviewer=True)).expert
                 for _ in range(3)]
    advisors = [AssignmentFactory(application=application, expert=UserFactory(advisor=True)).expert
                for _ in range(2)]
    return {"reviewers": reviewers, "advisors": advisors}


def scores_body(value: int = 4, **overrides) -> dict:
    scores = uniform_scores(value)
    scores.update(overrides)
    return {"scores": scores, "comment": "검토 의견"}
