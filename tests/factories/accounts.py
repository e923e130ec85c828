import datetime as dt

import factory

from portal.accounts.enums import Role, Sector
from portal.accounts.models import Company, User
from portal.accounts.models.validators import brn_check_digit

PASSWORD = "Correct-Horse-Battery-9"


def _brn(n: int) -> str:
    first_nine = f"{100 + n % 800:03d}{(n // 800) % 100:02d}{n % 10000:04d}"
    return f"{first_nine[:3]}-{first_nine[3:5]}-{first_nine[5:]}{brn_check_digit(first_nine)}"


class CompanyFactory(factory.django.DjangoModelFactory):
    """An eligible company unless a trait says otherwise."""

    class Meta:
        model = Company

    name_ko = factory.Sequence(lambda n: f"시험금융{n}")
    name_en = factory.Sequence(lambda n: f"Test Financial {n}")
    brn = factory.Sequence(_brn)
    sector = Sector.BANK
    total_assets_krw = 25 * 10**12
    assets_as_of = dt.date(2025, 12, 31)
    regular_staff = 3_000
    efta_covered = True
    ciso_appointed = True
    ciso_name = "홍길동"

    class Params:
        ineligible = factory.Trait(total_assets_krw=9_900_000_000_000)
        no_ciso = factory.Trait(ciso_appointed=False, ciso_name="")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.test")
    role = Role.REVIEWER
    company = None
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    class Params:
        ciso = factory.Trait(role=Role.CISO, company=factory.SubFactory(CompanyFactory))
        staff = factory.Trait(role=Role.COMPANY_STAFF, company=factory.SubFactory(CompanyFactory))
        reviewer = factory.Trait(role=Role.REVIEWER)
        advisor = factory.Trait(role=Role.ADVISOR)
        program_admin = factory.Trait(role=Role.PROGRAM_ADMIN)
        auditor = factory.Trait(role=Role.AUDITOR)
