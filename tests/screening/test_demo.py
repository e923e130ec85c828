import pytest

from portal.accounts import demo as accounts_demo
from screening import demo
from screening.models import Application

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_gives_ciso_a_draft():
    accounts_demo.seed()
    demo.seed()
    count = Application.objects.count()
    demo.seed()
    assert Application.objects.count() == count
    assert [a.state for a in Application.objects.filter(company__users__username="ciso")] == ["draft"]
    assert sorted(Application.objects.filter(company__users__username="ciso2").values_list("state", flat=True)) == [
        "eligible", "withdrawn",
    ]
