"""The demo data: the three phases of docs/screening.md and applications under review in phase 3; idempotent."""

import pytest
from django.utils import timezone

from portal.accounts import demo as accounts_demo
from screening import demo as screening_demo
from screening.models import Application, Assignment, Phase

pytestmark = pytest.mark.django_db


def test_demo_phases_and_reviews_idempotent():
    accounts_demo.seed()
    screening_demo.seed()
    phases = {p.number: p for p in Phase.objects.all()}
    assert [phases[n].state for n in (1, 2, 3)] == ["closed", "closed", "open"]
    assert (phases[1].starts_on.month, phases[2].starts_on.month, phases[3].ends_on.month) == (6, 8, 12)
    under_review = Application.objects.filter(phase=phases[3], state="under_review")
    if phases[3].ends_on >= timezone.localdate():  # the demo reviews need phase 3 still open
        assert under_review.count() == 3
        assert Assignment.objects.filter(expert__username="reviewer").count() == 3
    counts = (Phase.objects.count(), Application.objects.count(), Assignment.objects.count())
    screening_demo.seed()
    assert (Phase.objects.count(), Application.objects.count(), Assignment.objects.count()) == counts
