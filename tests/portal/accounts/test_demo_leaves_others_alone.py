"""The demo touches only the logins it created: a user who merely has a demo login's name keeps its
password, authenticator and backup codes, and the demo neither acts as it nor files anything for it."""

from importlib import import_module
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from letters.models import Letter
from portal.accounts import demo
from portal.accounts.models import Company, User
from screening import demo as screening_demo
from screening.models import Application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _second_factor(user: User) -> tuple:
    return (sorted(TOTPDevice.objects.filter(user=user).values_list("name", "key", "confirmed")),
            sorted(StaticToken.objects.filter(device__user=user).values_list("device__name", "token")))


@pytest.fixture
def real_office(db) -> User:
    """A program office login named like the demo's, with its own authenticator and backup codes."""
    user = UserFactory(username="office", program_admin=True, email="kim@fsc.go.kr")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup codes", confirmed=True)
    StaticToken.objects.bulk_create([StaticToken(device=backup, token=f"real{i:04d}") for i in range(3)])
    return user


def test_seeding_leaves_a_user_it_did_not_create_untouched_and_says_so(real_office):
    before = (real_office.password, real_office.email, real_office.role, _second_factor(real_office))
    out = StringIO()
    demo.seed(stdout=out)
    demo.seed(stdout=out)

    real_office.refresh_from_db()
    assert (real_office.password, real_office.email, real_office.role, _second_factor(real_office)) == before
    assert not real_office.check_password(demo.DEMO_PASSWORD) and not real_office.is_demo
    assert not TOTPDevice.objects.filter(user=real_office, name=demo.DEMO_DEVICE_NAME).exists()
    assert "'office' exists and was not created by the demo" in out.getvalue()
    # The rest of the demo is there, marked as the demo's, with its published second factor.
    reviewer = User.objects.get(username="reviewer")
    assert reviewer.is_demo and reviewer.check_password(demo.DEMO_PASSWORD)
    assert TOTPDevice.objects.filter(user=reviewer, name=demo.DEMO_DEVICE_NAME, confirmed=True).count() == 1

    logins = StringIO()
    demo.print_logins(logins)
    assert "  office " not in logins.getvalue() and "  reviewer " in logins.getvalue()


def test_the_demo_second_factor_is_never_given_to_someone_else(real_office):
    before = _second_factor(real_office)
    with pytest.raises(ValueError, match="not a demo login"):
        demo.ensure_demo_second_factor(real_office)
    assert _second_factor(real_office) == before


def test_the_demo_never_applies_as_a_company_user_it_did_not_create():
    """`ciso` and `ciso3` exist at a real company: the demo's applications are not filed as them."""
    ciso = UserFactory(username="ciso", ciso=True)
    ciso3 = UserFactory(username="ciso3", ciso=True)
    passwords = {u.pk: u.password for u in (ciso, ciso3)}
    out = StringIO()
    demo.seed(stdout=out)
    screening_demo.seed(stdout=out)

    assert not Application.objects.filter(created_by__in=[ciso, ciso3]).exists()
    assert not Application.objects.filter(company__in=[ciso.company, ciso3.company]).exists()
    for user in (ciso, ciso3):
        user.refresh_from_db()
        assert user.password == passwords[user.pk] and not user.is_demo
    assert "'ciso3' exists and was not created by the demo" in out.getvalue()
    # The demo's own companies still get theirs (ciso2's submitted application).
    assert Application.objects.filter(created_by__username="ciso2", created_by__is_demo=True).exists()


def test_the_migration_marks_the_logins_an_earlier_demo_made():
    """Databases seeded before the marker existed: the demo's addresses (a reserved domain) are its logins."""
    migration = import_module("portal.accounts.migrations.0003_user_is_demo")
    old_demo = UserFactory(username="advisor", advisor=True, email=f"advisor@{demo.DEMO_MAIL_DOMAIN}")
    someone = UserFactory(username="reviewer", email="reviewer@fsc.go.kr")
    User.objects.update(is_demo=False)
    migration.mark_existing_demo_logins(apps, None)
    assert User.objects.get(pk=old_demo.pk).is_demo and not User.objects.get(pk=someone.pk).is_demo
    assert Company.objects.count() == 0


def test_the_whole_demo_runs_around_a_user_it_did_not_create(real_office, signing_settings):
    """seed_demo (what `make run` runs every start) does not crash: what needs `office` is skipped."""
    before = (real_office.password, _second_factor(real_office))
    for _run in range(2):
        call_command("seed_demo", stdout=StringIO())
    real_office.refresh_from_db()
    assert (real_office.password, _second_factor(real_office)) == before
    assert not Letter.objects.exists()  # the demo's letter is approved by the demo's office only
    assert Application.objects.exists() and not Application.objects.filter(created_by=real_office).exists()
