"""The world builder makes what it says, and nothing beside it (a stray phase or company would be
another company's data to the proof, and a row the query-count test did not mean)."""

import pytest

from letters.models import Letter
from portal.accounts.models import Company
from reports.models import FindingsReport
from screening.models import Application, Assignment, ConflictOfInterest, Phase, SupportingDocument
from tests.world import EVERY_STATE, ROLES, S, build_world

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [1, 2])
def test_a_world_of_n_has_n_of_everything(size):
    world = build_world(size)
    assert Phase.objects.count() == 3
    assert Company.objects.count() == 3 * size  # eligible, ineligible, conflicted
    assert set(world.users) == set(ROLES)
    for company in world.companies:
        states = [application.state for application in company.every_application]
        assert sorted(states) == sorted(EVERY_STATE * size)
        assert len(company.letters) == 3 * size
        assert SupportingDocument.objects.filter(application=company.applications[S.DRAFT]).count() == size
        assert company.applications[S.SUPPLEMENT_REQUESTED].state_changes.count() == 5 + 2 * (size - 1)
        assert FindingsReport.objects.filter(letter=company.letter).count() == 1 + size
    assert Application.objects.exclude(company__in=[c.company for c in world.companies]).count() == size
    assert Application.objects.filter(phase__isnull=False).exclude(phase=world.phase).count() == 0
    panel = world.companies[0].applications[S.SCREENED]
    assert Assignment.objects.filter(application=panel).count() == 2 * size
    assert panel.state == S.SCREENED
    assert Letter.objects.count() == 3 * size * size
    assert ConflictOfInterest.objects.filter(expert=world.users["reviewer"]).count() == size
